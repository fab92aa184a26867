"""Every write protected: the admin dependency, CSRF and Origin checks, security headers, body limits."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.http.security import MAX_BODY_BYTES
from app.models import AdminSession, Concept, Revision
from tests.admin.conftest import ORIGIN, csrf_token, form_fields

GET_ROUTES = ["/admin", "/admin/concepts", "/admin/concepts/new", "/admin/concepts/docker",
              "/admin/concepts/docker/history", "/admin/concepts/docker/delete", "/admin/comparisons",
              "/admin/stacks/vm", "/admin/scenarios/self-healing", "/admin/tags/docker", "/admin/password",
              "/admin/revisions/1"]
POST_ROUTES = ["/admin/logout", "/admin/password", "/admin/concepts/new", "/admin/concepts/docker",
               "/admin/concepts/docker/delete", "/admin/revisions/1/restore", "/admin/preview?field=body.ko"]


def _first_revision(client):
    page = client.get("/admin/concepts/docker")
    client.post("/admin/concepts/docker", data={**form_fields(page.text), "order": "7", "action": "save"},
                headers=ORIGIN)


@pytest.mark.parametrize("path", GET_ROUTES)
def test_admin_pages_send_anonymous_visitors_to_log_in(anon, path):
    response = anon.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/admin/login?next=")


@pytest.mark.parametrize("path", POST_ROUTES)
def test_admin_writes_are_refused_to_anonymous_visitors(anon, app, path):
    # An item's form is shown again to log in where it is (401, tests/admin/test_session_ended.py); no write.
    expected = 401 if path in ("/admin/concepts/new", "/admin/concepts/docker") else 403
    assert anon.post(path, data={"csrf_token": "x"}, headers=ORIGIN).status_code == expected
    with Session(app.state.engine) as db:
        assert db.exec(select(Revision)).all() == []


@pytest.mark.parametrize("path", GET_ROUTES)
def test_admin_pages_open_for_an_admin(admin, path):
    _first_revision(admin)
    response = admin.get(path, follow_redirects=False)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", GET_ROUTES)
def test_admin_pages_close_after_logout_and_for_stale_or_forged_cookies(admin, app, path):
    cookie = admin.get("/admin") and admin.cookies.get("explorer_admin")
    with Session(app.state.engine) as db:
        for stored in db.exec(select(AdminSession)):
            stored.expires_at = stored.expires_at.replace(year=2000)
            db.add(stored)
        db.commit()
    assert admin.get(path, follow_redirects=False).status_code == 303
    with TestClient(app) as forger:
        token = cookie.split(".")[0]
        forger.cookies.set("explorer_admin", f"{token}.{'0' * 64}", path="/admin")
        assert forger.get(path, follow_redirects=False).status_code == 303


def _stored_order(app) -> int:
    with Session(app.state.engine) as db:
        return db.exec(select(Concept).where(Concept.slug == "docker")).one().position


@pytest.mark.parametrize("case", ["missing", "wrong", "other-session", "wrong-origin", "no-origin"])
def test_csrf_failures_are_refused_and_write_nothing(admin, second_admin, app, case):
    page = admin.get("/admin/concepts/docker")
    fields = {**form_fields(page.text), "order": "99", "action": "save"}
    headers = dict(ORIGIN)
    if case == "missing":
        fields.pop("csrf_token")
    elif case == "wrong":
        fields["csrf_token"] = "forged"
    elif case == "other-session":
        fields["csrf_token"] = csrf_token(second_admin.get("/admin").text)
    elif case == "wrong-origin":
        headers = {"Origin": "https://evil.example"}
    else:
        headers = {}
    before = _stored_order(app)
    response = admin.post("/admin/concepts/docker", data=fields, headers=headers)
    assert response.status_code == 403
    assert _stored_order(app) == before
    with Session(app.state.engine) as db:
        assert db.exec(select(Revision)).all() == []


def test_referer_stands_in_for_a_missing_origin(admin, app):
    page = admin.get("/admin/concepts/docker")
    fields = {**form_fields(page.text), "order": "42", "action": "save"}
    response = admin.post("/admin/concepts/docker", data=fields,
                          headers={"Referer": "http://testserver/admin/concepts/docker"}, follow_redirects=False)
    assert response.status_code == 303
    assert _stored_order(app) == 42


@pytest.mark.parametrize("path", ["/", "/ko/concepts", "/api/v1/concepts", "/static/css/site.css", "/nowhere",
                                  "/admin/login"])
def test_every_response_has_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/", "/ko/concepts", "/ko/concepts/docker", "/ko/compare", "/admin/login"])
def test_pages_have_no_inline_scripts(client, path):
    scripts = re.findall(r"<script([^>]*)>", client.get(path).text)
    assert scripts and all("src=" in attrs for attrs in scripts)
    assert not re.search(r"\son[a-z]+=", client.get(path).text)


def test_api_docs_may_run_exactly_their_own_inline_script(client):
    import base64
    import hashlib

    response = client.get("/docs")
    script = re.search(r"<script>(.*?)</script>", response.text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_large_bodies_are_refused_with_413_before_parsing(admin):
    body = {"csrf_token": "x", "body.ko": "a" * (MAX_BODY_BYTES + 10)}
    assert admin.post("/admin/concepts/docker", data=body, headers=ORIGIN).status_code == 413
    assert admin.post("/admin/login", content=b"x" * (MAX_BODY_BYTES + 1), headers=ORIGIN).status_code == 413


def test_large_bodies_without_a_length_are_cut_off_with_413(admin):
    def chunks():
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"a" * 65536

    response = admin.post("/admin/preview?field=body.ko", content=chunks(),
                          headers={**ORIGIN, "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
