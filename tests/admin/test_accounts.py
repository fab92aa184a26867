"""Accounts: the first admin, logging in and out, sessions on the server, password changes, throttling."""

import io

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.admin import auth
from app.cli import main
from app.models import AdminSession, AdminUser
from tests.admin.conftest import ADMIN, ORIGIN, PASSWORD, csrf_token, log_in


def test_first_admin_comes_from_the_environment(anon, app):
    with Session(app.state.engine) as db:
        users = db.exec(select(AdminUser)).all()
    assert [u.username for u in users] == [ADMIN]
    assert users[0].password_hash.startswith("$argon2")


def test_no_admin_without_a_configured_password(client, settings):
    settings.admin_user = "bob"
    with Session(client.app.state.engine) as db:
        assert db.exec(select(AdminUser)).all() == []


def test_login_sets_a_session_cookie_httponly_lax_and_redirects(anon):
    response = log_in(anon)
    assert response.status_code == 303
    assert response.headers["location"] == "/admin"
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("explorer_admin="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/admin" in cookie
    assert "Secure" not in cookie
    assert anon.get("/admin").status_code == 200


def test_login_over_https_sets_a_secure_cookie(app):
    with TestClient(app, base_url="https://testserver") as client:
        page = client.get("/admin/login")
        response = client.post("/admin/login", data={"username": ADMIN, "password": PASSWORD,
                                                     "csrf_token": csrf_token(page.text)},
                               headers={"Origin": "https://testserver"}, follow_redirects=False)
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("explorer_admin="))
    assert "Secure" in cookie


def test_login_failure_does_not_tell_whether_the_user_exists(anon):
    wrong_password = log_in(anon, password="not the password")
    unknown_user = log_in(anon, username="mallory", password="not the password")
    assert wrong_password.status_code == unknown_user.status_code == 401
    assert "explorer_admin=" not in wrong_password.headers.get("set-cookie", "")
    message = "사용자 이름이나 비밀번호가 맞지 않습니다."
    assert message in wrong_password.text and message in unknown_user.text
    assert wrong_password.template.name == "admin/login.html"


def test_a_username_with_a_control_character_is_a_failed_login_and_never_an_account(anon, app, monkeypatch):
    hashed = []
    monkeypatch.setattr(auth._hasher, "verify_and_update", lambda *args: hashed.append(args) or (False, None))
    for username in (ADMIN + "\x00", "\x00", "a\x1bb", ADMIN + "\x7f"):
        response = log_in(anon, username=username, password=PASSWORD)
        assert response.status_code == 401 and "사용자 이름이나 비밀번호가 맞지 않습니다." in response.text
    assert hashed == []
    with Session(app.state.engine) as db:
        try:
            auth.create_admin(db, "bad\x00name", PASSWORD)
        except auth.AccountError as exc:
            assert "control characters" in str(exc)
        else:
            raise AssertionError("an admin was created with a NUL in the username")


def test_login_without_its_csrf_token_or_from_elsewhere_is_refused(anon):
    anon.get("/admin/login")
    data = {"username": ADMIN, "password": PASSWORD}
    assert anon.post("/admin/login", data=data, headers=ORIGIN).status_code == 403
    page = anon.get("/admin/login")
    data["csrf_token"] = csrf_token(page.text)
    assert anon.post("/admin/login", data=data, headers={"Origin": "https://evil.example"}).status_code == 403


def test_repeated_failures_are_answered_with_429_and_retry_after(anon):
    statuses = [log_in(anon, password=f"wrong {i}").status_code for i in range(4)]
    assert statuses[:3] == [401, 401, 401]
    assert statuses[3] == 429
    throttled = log_in(anon)  # even the right password waits
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) >= 1
    assert "로그인 시도가 너무 많습니다" in throttled.text
    unknown = [log_in(anon, username="nobody", password="x").status_code for _ in range(4)]
    assert unknown[3] == 429


def test_login_delay_doubles_then_expires(anon, app):
    with Session(app.state.engine) as db:
        for _ in range(5):
            auth.record_failure(db, "eve", "10.0.0.1")
        now = auth.utcnow()
        assert 3 <= auth.login_delay(db, "eve", "10.0.0.1", now) <= 4
        assert auth.login_delay(db, "eve", "10.0.0.1", now + auth.THROTTLE_WINDOW) == 0
        assert auth.login_delay(db, "EVE ", "10.0.0.1", now) > 0


def test_logout_ends_the_session_for_a_copied_cookie_too(admin, app):
    copied = admin.cookies.get("explorer_admin")
    response = admin.post("/admin/logout", data={"csrf_token": csrf_token(admin.get("/admin").text)},
                          headers=ORIGIN, follow_redirects=False)
    assert response.status_code == 303
    with TestClient(app) as thief:
        thief.cookies.set("explorer_admin", copied, path="/admin")
        assert thief.get("/admin", follow_redirects=False).status_code == 303
    with Session(app.state.engine) as db:
        assert db.exec(select(AdminSession)).all() == []


def test_logout_by_get_changes_nothing(admin):
    admin.get("/admin/logout")
    assert admin.get("/admin", follow_redirects=False).status_code == 200


def test_login_starts_a_new_session_every_time(admin, app):
    before = admin.cookies.get("explorer_admin")
    assert log_in(admin).status_code == 303
    after = admin.cookies.get("explorer_admin")
    assert before != after
    with TestClient(app) as other:
        other.cookies.set("explorer_admin", before, path="/admin")
        assert other.get("/admin", follow_redirects=False).status_code == 303


def test_password_change_ends_other_sessions_and_keeps_this_one(admin, second_admin):
    new = "a much longer new password"
    response = admin.post("/admin/password", data={
        "current": PASSWORD, "new": new, "again": new, "csrf_token": csrf_token(admin.get("/admin/password").text),
    }, headers=ORIGIN, follow_redirects=False)
    assert response.status_code == 303
    assert admin.get("/admin", follow_redirects=False).status_code == 200
    assert second_admin.get("/admin", follow_redirects=False).status_code == 303
    assert log_in(second_admin, password=PASSWORD).status_code == 401
    assert log_in(second_admin, password=new).status_code == 303


def test_password_change_errors_are_shown_beside_fields(admin):
    token = csrf_token(admin.get("/admin/password").text)
    response = admin.post("/admin/password", data={"current": "wrong", "new": "short", "again": "short",
                                                   "csrf_token": token}, headers=ORIGIN)
    assert response.status_code == 422
    assert 'id="error-current"' in response.text
    response = admin.post("/admin/password", data={"current": PASSWORD, "new": "long enough pass",
                                                   "again": "different", "csrf_token": token}, headers=ORIGIN)
    assert 'id="error-again"' in response.text


def test_login_goes_back_only_to_admin_pages(anon):
    assert anon.get("/admin/concepts", follow_redirects=False).headers["location"] == "/admin/login?next=/admin/concepts"
    page = anon.get("/admin/login?next=https://evil.example/")
    assert 'name="next" value="/admin"' in page.text


def test_create_admin_command_creates_and_resets(fresh_database, monkeypatch, capsys):
    monkeypatch.setenv("EXPLORER_DATABASE_URL", fresh_database(None))
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert main(["create-admin", "carol", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["create-admin", "carol", "--password-stdin"]) == 1
    assert "at least 12" in capsys.readouterr().err
