"""Stateless replicas: two server processes on one database share edits, sessions, throttling and ETags at once."""

import secrets
import time

import httpx
import pytest

from tests.admin.conftest import csrf_token, form_fields
from tests.servers import environment, running, serve_command

USER, PASSWORD = "replica-admin", "a long replica password"


@pytest.fixture
def two_replicas(fresh_database, full_template, tmp_path):
    """Two `explorer serve` processes on one database with one shared secret key, like two Pods."""
    env = environment(fresh_database(full_template), secret_key=secrets.token_urlsafe(48),
                      admin_user=USER, admin_password=PASSWORD)
    with running(serve_command(), env, tmp_path / "a.log") as a, running(serve_command(), env, tmp_path / "b.log") as b:
        yield a, b


def _client(server) -> httpx.Client:
    return httpx.Client(base_url=server.url, timeout=30)


def _origin(server) -> dict[str, str]:
    return {"Origin": server.url}


def _log_in(server, username=USER, password=PASSWORD) -> httpx.Response:
    with _client(server) as client:
        page = client.get("/admin/login")
        return client.post("/admin/login", data={"username": username, "password": password, "next": "/admin",
                                                 "csrf_token": csrf_token(page.text)}, headers=_origin(server))


def _session_cookie(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 303, response.text
    return {"explorer_admin": response.cookies["explorer_admin"]}


def test_an_edit_through_one_replica_is_read_through_the_other_at_once(two_replicas):
    a, b = two_replicas
    with _client(b) as reader:
        before = reader.get("/api/v1/concepts/docker?lang=en")
        assert before.status_code == 200
        etag = before.headers["etag"]
        assert reader.get("/api/v1/concepts/docker?lang=en", headers={"If-None-Match": etag}).status_code == 304
    cookies = _session_cookie(_log_in(a))
    with _client(a) as editor:
        editor.cookies.update(cookies)
        form = editor.get("/admin/concepts/docker")
        assert form.status_code == 200
        fields = form_fields(form.text)
        fields.update({"title.en": ["Docker, edited on replica A"], "action": ["save"]})
        saved = editor.post("/admin/concepts/docker", data=fields, headers=_origin(a))
        assert saved.status_code == 303, saved.text
    with _client(b) as reader:
        after = reader.get("/api/v1/concepts/docker?lang=en", headers={"If-None-Match": etag})
        assert after.status_code == 200 and after.json()["title"] == "Docker, edited on replica A"
        assert after.headers["etag"] != etag
        assert "Docker, edited on replica A" in reader.get("/en/concepts/docker").text


def test_a_session_started_on_one_replica_works_and_ends_on_both(two_replicas):
    a, b = two_replicas
    cookies = _session_cookie(_log_in(a))
    with _client(a) as on_a, _client(b) as on_b:
        on_a.cookies.update(cookies)
        on_b.cookies.update(cookies)
        dashboard = on_b.get("/admin")
        assert dashboard.status_code == 200
        out = on_b.post("/admin/logout", data={"csrf_token": csrf_token(dashboard.text)}, headers=_origin(b))
        assert out.status_code == 303
        for client in (on_a, on_b):  # the same cookie, as a browser that kept a copy would send it
            client.cookies.update(cookies)
            response = client.get("/admin")
            assert response.status_code in (302, 303, 307)
            assert response.headers["location"].startswith("/admin/login")


def test_failed_logins_on_one_replica_slow_down_the_other(two_replicas):
    a, b = two_replicas
    # Three failures are free (app/auth.py FREE_FAILURES), then each one doubles the wait: after five the wait is
    # 4 s, long enough that the next attempt on the other replica surely comes within it on a slow machine.
    failures = 0
    while failures < 5:
        answer = _log_in(a, password="not the password")
        if answer.status_code == 429:
            time.sleep(int(answer.headers["retry-after"]))
            continue
        assert answer.status_code == 401
        failures += 1
    throttled = _log_in(b)
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) >= 1


def test_replicas_starting_together_on_an_empty_database_prepare_it_once(fresh_database, tmp_path):
    env = environment(fresh_database(None), secret_key=secrets.token_urlsafe(48))
    command = [*serve_command(), "--create-database"]  # a SQLite file is only made when asked for
    with running(command, env, tmp_path / "a.log", wait=False) as a, \
            running(command, env, tmp_path / "b.log", wait=False) as b:
        a.wait_until_healthy()
        b.wait_until_healthy()
        counts = {httpx.get(f"{server.url}/api/v1/concepts?limit=100", timeout=30).json()["count"]
                  for server in (a, b)}
        assert len(counts) == 1 and counts.pop() > 0
        assert httpx.get(f"{a.url}/readyz", timeout=30).status_code == 200
