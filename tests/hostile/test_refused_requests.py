"""Requests the admin refuses: htmx without a session is sent to log in as a whole window, and every refused
CSRF or Origin check is logged as a security event with its reason."""

import logging

from tests.admin.conftest import ORIGIN, csrf_token, form_fields

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/admin/concepts/docker"}


def test_htmx_request_without_session_is_401_with_hx_redirect_to_login(anon):
    response = anon.get("/admin/concepts", headers={**HTMX, "HX-Target": "admin-list"}, follow_redirects=False)
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/admin/login?next=/admin/concepts/docker"
    assert "location" not in response.headers


def test_htmx_preview_without_session_is_401_with_hx_redirect_to_login(anon):
    response = anon.post("/admin/preview?field=body.ko", data={"body.ko": "*hi*"}, headers={**HTMX, **ORIGIN})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/admin/login?next=/admin/concepts/docker")


def test_htmx_request_from_outside_the_admin_comes_back_to_the_admin(anon):
    response = anon.get("/admin/concepts", headers={"HX-Request": "true", "HX-Current-URL": "https://evil.example/x"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/admin/login?next=/admin/concepts"


def test_plain_request_without_session_is_still_a_redirect(anon):
    response = anon.get("/admin/concepts", follow_redirects=False)
    assert response.status_code == 303


def _refusals(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "app.security" and record.levelno == logging.WARNING]


def test_refused_csrf_token_is_logged_as_a_security_event(admin, caplog):
    fields = {**form_fields(admin.get("/admin/concepts/docker").text), "csrf_token": "forged", "action": "save"}
    with caplog.at_level(logging.WARNING, logger="app.security"):
        assert admin.post("/admin/concepts/docker", data=fields, headers=ORIGIN).status_code == 403
    [record] = _refusals(caplog)
    assert "CSRF" in record.getMessage() and record.path == "/admin/concepts/docker" and record.request_id


def test_refused_origin_is_logged_as_a_security_event(admin, caplog):
    fields = {**form_fields(admin.get("/admin/concepts/docker").text), "action": "save"}
    with caplog.at_level(logging.WARNING, logger="app.security"):
        response = admin.post("/admin/concepts/docker", data=fields, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    [record] = _refusals(caplog)
    assert "Origin" in record.getMessage()


def test_refused_login_form_is_logged_as_a_security_event(anon, caplog):
    page = anon.get("/admin/login")
    with caplog.at_level(logging.WARNING, logger="app.security"):
        response = anon.post("/admin/login", data={"username": "a", "password": "b", "csrf_token": csrf_token(page.text)},
                             headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert len(_refusals(caplog)) == 1
