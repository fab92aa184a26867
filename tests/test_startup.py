"""A worker starts without what serving its pages does not need, and still answers every address on first asking."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from app import web
from app.http.lazy_routes import LazyRoutes
from app.main import create_app

ROOT = Path(__file__).resolve().parent.parent
# Loaded on first use only: the admin and its password hashing, the JSON API and its OpenAPI examples, the concept
# map's graph library, YAML and Markdown (content import and export, admin saves), Alembic, PostgreSQL's dialect;
# the simulator's scenarios and calculators (pages that run one); the content kinds' registry with their documents and
# files (the admin, content import, search and the learning path load it); the areas of the site loaded on their
# first request (app.web.LATER) and the sitemap; Babel (compiling a catalog not kept compiled);
# pydantic.v1 (FastAPI's check for its models, answered without it: app/http/pydantic_v1_check.py);
# and the server itself, which a worker has loaded before it imports the app (its protocol is named by the server's
# options only).
NOT_AT_START = ("uvicorn", "app.admin.accounts", "app.admin.auth", "app.admin.items", "app.admin.forms", "app.admin.history",
                "app.api.content", "app.api.scenarios", "app.api.examples", "argon2", "pwdlib", "networkx", "numpy",
                "yaml", "markdown_it", "alembic", "sqlalchemy.dialects.postgresql", "app.sim.scenarios",
                "app.sim.calculators", "babel", "pydantic.v1", "app.content.kinds", "app.content.documents",
                "app.content.files", "app.web.scenarios", "app.web.calculators", "app.web.stacks", "app.web.search",
                "app.web.sitemap", "app.web.questions", "app.web.learning_path", "app.web.concept_map",
                "app.web.problems")


def _worker_modules(tmp_path: Path) -> set[str]:
    """The modules a served worker holds once `import app.main` has made the app (as bench/import_time.py runs it)."""
    env = {**os.environ, "EXPLORER_ENV": "prod", "EXPLORER_SECRET_KEY": secrets.token_urlsafe(32),
           "EXPLORER_DATABASE_URL": f"sqlite:///{tmp_path}/explorer.db", "EXPLORER_MIGRATE_ON_START": "false"}
    code = "import json, sys; import app.main; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    return set(json.loads(result.stdout))


def test_a_worker_starts_without_the_admin_the_api_and_what_only_they_and_the_map_use(tmp_path):
    modules = _worker_modules(tmp_path)
    assert {"app.main", "app.web.concepts", "app.content.catalog"} <= modules  # it did make the app
    loaded = sorted(name for name in modules if any(name == lazy or name.startswith(lazy + ".") for lazy in NOT_AT_START))
    assert loaded == []


def test_the_api_the_docs_the_admin_and_every_area_answer_their_first_request(settings):
    app = create_app(settings)
    assert sum(isinstance(route, LazyRoutes) for route in app.router.routes) == 2 + len(web.LATER) + 1
    with TestClient(app) as client:
        missing = client.get("/api/v1/no-such-list")  # the first API request: the group is loaded, nothing matches
        assert (missing.status_code, missing.headers["content-type"]) == (404, "application/problem+json")
        concepts = client.get("/api/v1/concepts", params={"lang": "en"})
        assert concepts.status_code == 200 and concepts.json()["data"]
        assert client.get("/api/v1/concepts/nothing-here").headers["content-type"] == "application/problem+json"
        assert "swagger-ui" in client.get("/docs").text
        login = client.get("/admin/concepts", follow_redirects=False)
        assert (login.status_code, login.headers["location"]) == (303, "/admin/login?next=/admin/concepts")
        assert 'name="password"' in client.get("/admin/login").text
        # An area's first address without a language redirects as before: its routes are loaded to say it is a page.
        first = client.get("/scenarios", headers={"Accept-Language": "en"}, follow_redirects=False)
        assert (first.status_code, first.headers["location"]) == (302, "/en/scenarios")
        assert client.get("/stacks/no-such-page", follow_redirects=False).status_code == 404  # not a page: no redirect
        for section in ("scenarios", "calculators", "stacks", "path", "map", "search", "problems"):
            page = client.get(f"/ko/{section}")
            assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), section
        assert client.get("/en/questions/no-such-question").status_code == 404
        assert client.get("/sitemap.xml").headers["content-type"].startswith("application/xml")
    assert not any(isinstance(route, LazyRoutes) for route in app.router.routes)


def test_the_openapi_description_is_whole_before_any_api_request(settings):
    with TestClient(create_app(settings)) as client:
        description = client.get("/openapi.json").json()
    assert {"/api/v1/concepts", "/api/v1/simulations", "/api/v1/map", "/healthz"} <= set(description["paths"])
    assert not any(path.startswith(("/admin", "/docs", "/ko", "/en")) for path in description["paths"])
    with TestClient(create_app(settings)) as client:
        client.get("/api/v1/tags")
        client.get("/admin/login")
        assert client.get("/openapi.json").json() == description
