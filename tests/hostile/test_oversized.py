"""Oversized input: bodies past the limit get 413 before they are read whole; over-long passwords and usernames are
refused without being hashed; a field past its limit gets 422 with a message beside it."""

import asyncio

import pytest
from sqlmodel import Session, select

from app.admin import auth
from app.http.security import MAX_BODY_BYTES, SecurityMiddleware
from app.models import AdminUser, LoginAttempt
from tests.admin.conftest import ADMIN, ORIGIN, PASSWORD, csrf_token, form_fields, log_in
from tests.hostile.conftest import content_snapshot

MEGABYTE = "p" * 1_000_000  # under the body limit, so only the length rule can refuse it


@pytest.fixture
def hash_calls(monkeypatch):
    """Every argon2 hash and verification the app asks for, counted."""
    calls = []
    hasher = auth._hasher

    class Counting:
        def hash(self, password):
            calls.append(("hash", len(password)))
            return hasher.hash(password)

        def verify(self, password, stored):
            calls.append(("verify", len(password)))
            return hasher.verify(password, stored)

        def verify_and_update(self, password, stored):
            calls.append(("verify", len(password)))
            return hasher.verify_and_update(password, stored)

    monkeypatch.setattr(auth, "_hasher", Counting())
    monkeypatch.setattr(auth, "_dummy_hash", lambda: hasher.hash("dummy password"))
    return calls


@pytest.mark.parametrize("username, password", [(ADMIN, MEGABYTE), (ADMIN, PASSWORD + "x" * 1024),
                                                ("u" * 500_000, PASSWORD), ("u" * 61, PASSWORD)])
def test_over_long_login_input_is_refused_unhashed(anon, app, hash_calls, username, password):
    page = anon.get("/admin/login")
    response = anon.post("/admin/login", data={"username": username, "password": password,
                                               "csrf_token": csrf_token(page.text), "next": "/admin"},
                         headers=ORIGIN, follow_redirects=False)
    assert response.status_code == 422
    assert "1024" in response.text and "60" in response.text  # the message says what the limits are
    assert hash_calls == []
    assert len(response.text) < 100_000  # the username is not echoed back whole
    assert "explorer_admin" not in response.cookies
    with Session(app.state.engine) as db:
        assert db.exec(select(LoginAttempt)).all() == []


def test_a_new_password_past_the_limit_is_refused_unhashed(admin, app, hash_calls):
    token = csrf_token(admin.get("/admin/password").text)
    before = _password_hash(app)
    long = "n" * (auth.MAX_PASSWORD_LENGTH + 1)
    response = admin.post("/admin/password", data={"csrf_token": token, "current": PASSWORD, "new": long,
                                                   "again": long}, headers=ORIGIN)
    assert response.status_code == 422
    assert 'id="error-new"' in response.text and str(auth.MAX_PASSWORD_LENGTH) in response.text
    assert ("hash", len(long)) not in hash_calls and ("verify", len(long)) not in hash_calls
    assert _password_hash(app) == before


def test_a_megabyte_current_password_is_wrong_without_hashing(admin, app, hash_calls):
    token = csrf_token(admin.get("/admin/password").text)
    response = admin.post("/admin/password", data={"csrf_token": token, "current": MEGABYTE,
                                                   "new": "a brand new password", "again": "a brand new password"},
                          headers=ORIGIN)
    assert response.status_code == 422
    assert 'id="error-current"' in response.text
    assert hash_calls == []


def test_the_longest_password_still_works(admin, app):
    token = csrf_token(admin.get("/admin/password").text)
    longest = "L" * auth.MAX_PASSWORD_LENGTH
    response = admin.post("/admin/password", data={"csrf_token": token, "current": PASSWORD, "new": longest,
                                                   "again": longest}, headers=ORIGIN, follow_redirects=False)
    assert response.status_code == 303
    admin.cookies.clear()
    # Input used to be cut to 1000 characters: a long password then matched any "password" starting with it.
    assert log_in(admin, password=longest + "x").status_code == 422
    assert log_in(admin, password=longest[:1000]).status_code == 401
    assert log_in(admin, password=longest).status_code == 303


def _password_hash(app) -> str:
    with Session(app.state.engine) as db:
        return db.exec(select(AdminUser).where(AdminUser.username == ADMIN)).one().password_hash


@pytest.mark.parametrize("path", ["/admin/login", "/admin/concepts/docker", "/admin/preview?field=body.ko",
                                  "/admin/password", "/api/v1/simulations"])
def test_a_body_past_the_limit_is_refused_before_it_is_read_whole(admin, app, path):
    """A body sent in 64 KiB chunks without a length, straight to the ASGI app: it stops asking for more soon
    after the limit (a test client would read the whole body itself before sending it)."""
    chunk, pulled, answered = b"a" * 65536, 0, []
    cookie = "; ".join(f"{name}={value}" for name, value in admin.cookies.items())

    async def receive():
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": pulled < 64}  # 4 MiB in all

    async def send(message):
        answered.append(message)

    path, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "client": ("127.0.0.1", 1), "server": ("testserver", 80),
             "headers": [(b"host", b"testserver"), (b"origin", b"http://testserver"), (b"cookie", cookie.encode()),
                         (b"content-type", b"application/x-www-form-urlencoded")]}
    asyncio.run(app(scope, receive, send))
    assert answered[0]["status"] == 413
    assert pulled * len(chunk) <= MAX_BODY_BYTES + len(chunk)


@pytest.mark.parametrize("length", [str(MAX_BODY_BYTES + 1), "99999999999999999999999", "-1", "1e3", "abc"])
def test_a_declared_length_past_the_limit_or_not_a_number_is_413_unread(length):
    read = []
    answered = []

    async def app(scope, receive, send):
        read.append(await receive())

    async def receive():
        return {"type": "http.request", "body": b"x", "more_body": False}

    async def send(message):
        answered.append(message)

    scope = {"type": "http", "method": "POST", "path": "/admin/login", "headers": [(b"content-length", length.encode())]}
    asyncio.run(SecurityMiddleware(app)(scope, receive, send))
    assert answered[0]["status"] == 413 and read == []


def test_a_field_past_its_limit_is_422_with_a_message_and_nothing_saved(admin, app):
    page = admin.get("/admin/concepts/docker")
    fields = {**form_fields(page.text), "title.en": "T" * 121, "action": "save"}
    before = content_snapshot(app.state.engine)
    response = admin.post("/admin/concepts/docker", data=fields, headers=ORIGIN)
    assert response.status_code == 422
    assert 'id="error-title.en"' in response.text and "120" in response.text
    assert "T" * 121 in response.text  # the text typed is kept
    assert content_snapshot(app.state.engine) == before
