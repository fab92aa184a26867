# The explorer as a container image: dependencies in their own cached layer, the app run by a non-root user.
# Build: docker build -t explorer .   (or: buildah bud --format docker -t explorer .)

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /build
# Only pyproject.toml decides this layer: editing the app, its templates or content/ reuses it.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > requirements.txt \
    && python -m venv /venv \
    && /venv/bin/pip install -r requirements.txt

FROM python:3.11-slim
ENV PATH=/venv/bin:$PATH \
    PYTHONPATH=/srv \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    EXPLORER_ENV=prod \
    EXPLORER_DATABASE_URL=sqlite:////data/explorer.db \
    PORT=8000 \
    WEB_CONCURRENCY=2
# A fixed uid, so Kubernetes' runAsNonRoot and runAsUser: 10001 can check it (deploy/k8s/deployment.yaml).
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /srv --shell /usr/sbin/nologin explorer \
    && mkdir /data && chown explorer:explorer /data
COPY --from=build /venv /venv
WORKDIR /srv
COPY app ./app
COPY templates ./templates
COPY static ./static
COPY content ./content
# Compile once here: at run time the root filesystem may be read-only.
RUN python -m compileall -q app
USER 10001:10001
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2)"]
# `serve` migrates the database (and imports content/ into an empty one) before uvicorn starts; on a fresh
# /data volume --create-database lets it create the SQLite file (without the flag a missing one is refused).
# WEB_CONCURRENCY sets the worker count, EXPLORER_FORWARDED_ALLOW_IPS the proxies whose headers are trusted.
CMD ["sh", "-c", "exec python -m app.cli serve --create-database --host 0.0.0.0 --port \"$PORT\" --workers \"$WEB_CONCURRENCY\""]
