"""Paths around /admin (case, doubled slashes, encoded characters, dot segments), open redirects through next=,
and method overrides: no admin page without a session, no 500, no write without the CSRF check."""

import re
from urllib.parse import unquote, urljoin, urlsplit

from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, select

from app.admin.deps import safe_next
from app.models import Revision
from tests.admin.conftest import ORIGIN, csrf_token, form_fields, log_in
from tests.hostile.conftest import content_snapshot, hostile
from tests.hostile.surface import no_traceback

ADMIN_PAGE_MARKERS = ('name="csrf_token"', "admin-actions", "/admin/logout")
TRICKS = [
    "/ADMIN", "/Admin/concepts", "//admin", "///admin/concepts", "/admin//concepts", "/admin/../admin",
    "/static/../admin", "/static/..%2fadmin", "/%2fadmin", "/%2Fadmin/concepts", "/admin%2f", "/admin%2Fconcepts",
    "/admin%2F..%2Fadmin", "/%61dmin", "/%41DMIN", "/admin/%2e%2e/admin", "/admin/./concepts", "/./admin",
    "/admin;jsessionid=x", "/admin%00", "/admin%00/concepts", "/admin/concepts%00", "/admin/concepts/docker%2F..",
    "/admin/concepts/%2e%2e/%2e%2e/admin", "/admin%5cconcepts", "/admin\\concepts", "/admin/concepts?x=/admin",
    "/admin%20/concepts", "/%20admin", "/admin%09", "/admin/revisions/1%2Frestore", "/admin/%252e%252e/admin",
    "/ko/concepts/../admin", "/api/v1/../../admin", "/admin/concepts/docker/history/..", "/admin#x",
    "/ａｄｍｉｎ", "/admin/concepts/.%2e/.%2e/admin", "/admin/login/../concepts", "/admin/login%2f..%2fconcepts",
]


def test_tricky_paths_never_reach_an_admin_page_without_a_session(anon):
    # One app for every path: a test per path would spend its time starting apps.
    for path in TRICKS:
        for method in ("GET", "HEAD", "POST"):
            _check_anonymous(anon, path, method)


def _check_anonymous(anon, path: str, method: str) -> None:
    response = anon.request(method, "http://testserver" + path, follow_redirects=False,
                            headers=ORIGIN, data={"csrf_token": "x"} if method == "POST" else None)
    assert response.status_code < 500, (path, response.status_code)
    assert no_traceback(response.text)
    if response.status_code == 200:
        assert not any(marker in response.text for marker in ADMIN_PAGE_MARKERS if marker != 'name="csrf_token"') \
            and "admin-form" not in response.text.replace('class="admin-form narrow"', ""), path
    if response.is_redirect:
        location = response.headers["location"]
        assert location.startswith("/") and not location.startswith("//"), location
        target = urlsplit(location).path
        assert not target.startswith("/admin") or target == "/admin/login" or target == "/admin", location


def test_tricky_paths_never_write(anon, app):
    before = content_snapshot(app.state.engine)
    for path in TRICKS:
        anon.post("http://testserver" + path, data={"csrf_token": "x", "order": "1", "action": "save"}, headers=ORIGIN)
    assert content_snapshot(app.state.engine) == before


# Where a browser goes after logging in: evil hosts written every way the URL parser allows.
OPEN_REDIRECTS = [
    "//evil.example", "https://evil.example", "http://evil.example/admin", "/\\evil.example", "\\\\evil.example",
    "/%5cevil.example", "%2f%2fevil.example", "/%2f/evil.example", "//evil.example/admin", "///evil.example",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "/admin@evil.example",
    "https:evil.example", "/\tevil.example", "/\n/evil.example", " //evil.example", "/admin/\\evil.example",
    "/admin\\..\\..\\evil.example", "/admin//evil.example", "/admin/..//evil.example", "\x00//evil.example",
    "/admin\r\nLocation: //evil.example", "%0d%0aLocation:%20//evil.example", "/ad\x00min", "admin", "",
    "/adminx", "/admin.evil.example", "evil.example", "/admin?next=//evil.example", "/admin#//evil.example",
]


def _browser_destination(location: str) -> tuple[str, str]:
    """Where a browser would go: WHATWG URL parsing drops tabs and newlines and reads a backslash as a slash."""
    cleaned = re.sub(r"[\t\r\n]", "", location).replace("\\", "/")
    absolute = urljoin("http://testserver/admin/login", cleaned)
    parts = urlsplit(absolute)
    return parts.scheme, parts.netloc


def test_next_only_leads_to_a_same_site_path(anon):
    for next_url in OPEN_REDIRECTS:
        _check_login_redirect(anon, next_url)


def _check_login_redirect(anon, next_url: str) -> None:
    page = anon.get("/admin/login", params={"next": next_url})
    assert page.status_code == 200
    response = anon.post("/admin/login", data={"username": "alice", "password": "correct horse battery",
                                               "csrf_token": csrf_token(page.text), "next": next_url},
                         headers=ORIGIN, follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert _browser_destination(location) == ("http", "testserver"), location
    assert urlsplit(location).path.startswith("/admin")
    assert "\r" not in location and "\n" not in location


@given(next_url=st.one_of(st.text(max_size=40), st.sampled_from(OPEN_REDIRECTS).map(lambda s: s + "x"),
                          st.text(alphabet="/\\:%.@?#ade2fFc5 \t", max_size=20)))
@hostile(150)
def test_safe_next_never_leaves_the_site(next_url):
    kept = safe_next(next_url)
    for candidate in (kept, unquote(kept)):
        assert _browser_destination(candidate) == ("http", "testserver"), (next_url, kept)
    assert kept.startswith("/admin")


def test_login_redirect_keeps_the_admin_page_asked_for(anon):
    response = anon.get("/admin/concepts/docker?saved=1", follow_redirects=False)
    assert response.headers["location"] == "/admin/login?next=/admin/concepts/docker%3Fsaved%3D1"


OVERRIDE_HEADERS = ["X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"]


def test_a_get_with_a_method_override_writes_nothing(admin, app):
    before = content_snapshot(app.state.engine)
    for header in OVERRIDE_HEADERS:
        for verb in ("POST", "PUT", "DELETE", "PATCH"):
            for path in ("/admin/concepts/docker", "/admin/concepts/docker/delete", "/admin/logout", "/admin/export",
                         "/admin/revisions/1/restore"):
                response = admin.get(path, headers={header: verb, **ORIGIN}, params={"_method": verb},
                                     follow_redirects=False)
                assert response.status_code in (200, 404, 405), (path, response.status_code)
    assert content_snapshot(app.state.engine) == before
    assert admin.get("/admin").status_code == 200  # still logged in: the GET to /admin/logout did not log out


def test_a_method_override_does_not_skip_the_csrf_check(admin, app):
    page = admin.get("/admin/concepts/docker")
    before = content_snapshot(app.state.engine)
    for override in ("GET", "HEAD", "OPTIONS"):
        fields = {**form_fields(page.text), "order": "77", "action": "save", "_method": override}
        fields.pop("csrf_token")
        for headers in ({"X-HTTP-Method-Override": override, **ORIGIN}, {"X-HTTP-Method-Override": override}):
            response = admin.post("/admin/concepts/docker", data=fields, headers=headers)
            assert response.status_code == 403
    assert content_snapshot(app.state.engine) == before
    with Session(app.state.engine) as db:
        assert db.exec(select(Revision)).all() == []


def test_a_login_form_post_cannot_be_turned_into_a_get(anon):
    response = anon.post("/admin/login?_method=GET", data={"_method": "GET", "username": "alice"},
                         headers={"X-HTTP-Method-Override": "GET", **ORIGIN})
    assert response.status_code == 403


def test_tricky_paths_with_a_session_reach_only_what_the_plain_path_reaches(admin):
    assert log_in(admin).status_code == 303
    for path in ("/admin/./concepts", "/admin/../admin", "/static/../admin"):
        assert admin.get("http://testserver" + path).status_code == 200
    for path in ("/ADMIN", "/%2fadmin"):
        assert admin.get("http://testserver" + path).status_code == 404
