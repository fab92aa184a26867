"""Admin fixtures: an app with a first admin from the environment, logged-in clients and form helpers."""

import re

import pytest
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from pydantic import SecretStr

from app.admin import auth
from app.main import create_app

ADMIN, PASSWORD = "alice", "correct horse battery"
ORIGIN = {"Origin": "http://testserver"}


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def version_of(html: str) -> str:
    return re.search(r'name="version" value="([^"]*)"', html).group(1)


def log_in(client: TestClient, username: str = ADMIN, password: str = PASSWORD, **headers):
    """Log in through the form, as a browser would."""
    page = client.get("/admin/login")
    return client.post("/admin/login", data={"username": username, "password": password,
                                             "csrf_token": csrf_token(page.text), "next": "/admin"},
                       headers={**ORIGIN, **headers}, follow_redirects=False)


def form_fields(html: str) -> dict[str, list[str]]:
    """The values an edit form would send as it is (inputs, checked boxes, textareas, selected options)."""
    fields: dict[str, list[str]] = {}
    form = html[html.index('class="admin-form"'):]
    for tag in re.findall(r"<input [^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or ('type="checkbox"' in tag and " checked" not in tag):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields.setdefault(name.group(1), []).append(_unescape(value.group(1)) if value else "on")
    for name, text in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        fields.setdefault(name, []).append(_unescape(text))
    for name, body in re.findall(r'<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        fields.setdefault(name, []).append(chosen.group(1) if chosen else "")
    return fields


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


@pytest.fixture(autouse=True)
def _quick_password_hashing(monkeypatch):
    """Argon2 with small costs: the same code paths, without 64 MiB per hash in every test."""
    monkeypatch.setattr(auth, "_hasher", PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))


@pytest.fixture
def admin_settings(settings):
    settings.admin_user = ADMIN
    settings.admin_password = SecretStr(PASSWORD)
    return settings


@pytest.fixture
def app(admin_settings):
    app = create_app(admin_settings)
    yield app
    # A test may read the database through app.state.engine after its client's lifespan closed the pool: that
    # opens a new one, which only this closes.
    app.state.engine.dispose()


@pytest.fixture
def anon(app):
    """A client that has not logged in, on an app that has an admin."""
    with TestClient(app) as client:
        yield client


@pytest.fixture
def admin(app):
    """A client logged in as the first admin."""
    with TestClient(app) as client:
        assert log_in(client).status_code == 303
        yield client


@pytest.fixture
def second_admin(app, admin):
    """Another browser of the same admin, logged in separately (shares the app and database)."""
    with TestClient(app) as client:
        assert log_in(client).status_code == 303
        yield client


def save(client: TestClient, url: str, changes: dict, action: str = "save", drop: tuple = ()):
    """Load an edit form, change some fields, and post it back like a browser."""
    page = client.get(url)
    assert page.status_code == 200, page.text
    fields = form_fields(page.text)
    for name in drop:
        fields.pop(name, None)
    fields.update({name: value if isinstance(value, list) else [value] for name, value in changes.items()})
    fields["action"] = [action]
    return client.post(url, data=fields, headers=ORIGIN, follow_redirects=False)
