# The explorer as a container image: dependencies in their own layer, the app run by a non-root user.
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /build
COPY pyproject.toml README.md ./
COPY app/__init__.py app/__init__.py
# Install the dependencies only: the app's own files are copied into the runtime image as they are.
RUN python -m venv /venv \
    && /venv/bin/pip install . \
    && /venv/bin/pip uninstall -y docker-k8s-explorer

FROM python:3.11-slim
ENV PATH=/venv/bin:$PATH PYTHONPATH=/srv PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    EXPLORER_ENV=prod EXPLORER_DATABASE_URL=sqlite:////data/explorer.db PORT=8000 WEB_CONCURRENCY=2
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /srv explorer \
    && mkdir /data && chown explorer:explorer /data
COPY --from=build /venv /venv
WORKDIR /srv
COPY app ./app
COPY templates ./templates
COPY static ./static
COPY content ./content
USER 10001
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=2)"
# `serve` migrates the database and imports content/ into an empty one before uvicorn starts.
CMD ["sh", "-c", "exec python -m app.cli serve --host 0.0.0.0 --port \"$PORT\" --workers \"$WEB_CONCURRENCY\""]
