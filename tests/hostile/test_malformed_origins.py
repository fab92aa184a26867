"""Origins, referers and session cookies that no browser sends: an anonymous visitor or a 403, never a 500."""

import pytest
from fastapi.testclient import TestClient

from tests.admin.conftest import ADMIN, PASSWORD, csrf_token

UNPARSABLE = ["https://[", "http://[", "http://[::1", "https://[v1.x]"]


@pytest.fixture
def lenient(app):
    """A client that sees a 500 as a response instead of the error behind it."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("origin", UNPARSABLE)
def test_login_with_an_unparsable_origin_is_refused(lenient, origin):
    page = lenient.get("/admin/login")
    response = lenient.post("/admin/login", data={"username": ADMIN, "password": PASSWORD,
                                                  "csrf_token": csrf_token(page.text)},
                            headers={"Origin": origin}, follow_redirects=False)
    assert response.status_code == 403
    assert "explorer_admin" not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize("referer", UNPARSABLE)
def test_admin_save_with_only_an_unparsable_referer_is_refused(lenient, referer):
    page = lenient.get("/admin/login")
    lenient.post("/admin/login", data={"username": ADMIN, "password": PASSWORD, "csrf_token": csrf_token(page.text),
                                       "next": "/admin"}, headers={"Origin": "http://testserver"})
    form = lenient.get("/admin/concepts/docker")
    assert form.status_code == 200
    response = lenient.post("/admin/concepts/docker", data={"csrf_token": csrf_token(form.text), "action": "save"},
                            headers={"Referer": referer}, follow_redirects=False)
    assert response.status_code == 403


@pytest.mark.parametrize("cookie", [b"explorer_admin=\xe9.\xe9", b"explorer_admin=\xe9", b"explorer_admin=.\xff\xfe",
                                    b"explorer_admin=a.\xe9\xe9"])
def test_session_cookie_with_non_ascii_bytes_is_an_anonymous_visitor(lenient, cookie):
    page = lenient.get("/admin/concepts", headers={"Cookie": cookie}, follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"].startswith("/admin/login")
    write = lenient.post("/admin/concepts/docker", data={"csrf_token": "x"},
                         headers={"Cookie": cookie, "Origin": "http://testserver"})
    # An item's form posted without a session comes back with a login in it (tests/admin/test_session_ended.py).
    assert write.status_code == 401 and 'name="relogin_username"' in write.text
