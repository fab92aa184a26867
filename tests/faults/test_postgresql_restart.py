"""PostgreSQL restarts under load: requests during the outage get 503 (problem+json on the API) with Retry-After,
/readyz says so, and service resumes on its own, reads and saves, without restarting the app."""

import secrets
import threading
import time
from collections import Counter

import httpx

from tests.admin.conftest import csrf_token, form_fields
from tests.faults.conftest import needs_postgresql
from tests.servers import environment, running, serve_command

USER, PASSWORD = "restart-admin", "a long enough password"
PATHS = ("/api/v1/concepts/docker", "/ko/concepts/docker", "/api/v1/concepts?limit=5", "/ko/compare/docker-vs-kubernetes")


class Load(threading.Thread):
    """A client asking for pages and JSON without pause, recording each answer's time, path and status."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.stop, self.answers = url, threading.Event(), []

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self.stop.is_set():
                for path in PATHS:
                    asked = time.monotonic()
                    response = client.get(path)
                    self.answers.append((asked, path, response.status_code,
                                         response.headers.get("content-type", ""), response.headers.get("retry-after")))


def _wait_until_ready(client: httpx.Client, timeout: float = 30) -> float:
    started = time.monotonic()
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() - started < timeout, "the app did not become ready again on its own"
        time.sleep(0.1)
    return time.monotonic() - started


def test_postgresql_restart_under_load(fresh_database, small_template, postgres, tmp_path):
    needs_postgresql(postgres)
    env = environment(fresh_database(small_template), secret_key=secrets.token_urlsafe(48), admin_user=USER,
                      admin_password=PASSWORD)
    with running([*serve_command(workers=2)], env, tmp_path / "serve.log") as server, \
            httpx.Client(base_url=server.url, timeout=30, headers={"Origin": server.url}) as client:
        page = client.get("/admin/login")
        assert client.post("/admin/login", data={"username": USER, "password": PASSWORD, "next": "/admin",
                                                 "csrf_token": csrf_token(page.text)}).status_code == 303
        form = {**form_fields(client.get("/admin/concepts/docker").text), "action": ["save"]}
        loads = [Load(server.url) for _ in range(3)]
        for load in loads:
            load.start()
        time.sleep(1)
        postgres.stop_server("fast")  # ends every session, as a restart does
        down = time.monotonic()  # the server has stopped (pg_ctl waited for it)
        try:
            time.sleep(1)
            api = client.get("/api/v1/concepts/docker")
            assert api.status_code == 503 and api.headers["content-type"] == "application/problem+json"
            assert api.json()["type"] == "/problems/unavailable" and api.headers["retry-after"]
            page = client.get("/ko/concepts/docker")
            assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
            ready = client.get("/readyz")
            assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
            assert client.get("/healthz").status_code == 200  # the process is fine: no reason to restart it
            kept = client.post("/admin/concepts/docker", data={**form, "summary.en": ["Typed during the outage"]})
            # The admin's session cannot be checked, so the text is not shown back (that would echo a form posted
            # by anyone); the page says nothing was saved and that the browser's Back button keeps the form.
            assert kept.status_code == 503 and kept.headers["retry-after"]
            assert "Nothing was saved" in kept.text or "아무것도 저장되지 않았습니다" in kept.text
            time.sleep(1)
        finally:
            restarting = time.monotonic()
            postgres.start_server()
        up = time.monotonic()
        recovered_in = _wait_until_ready(client)
        time.sleep(1)  # the load goes on after the restart
        for load in loads:
            load.stop.set()
        for load in loads:
            load.join(30)
        assert client.get("/api/v1/concepts/docker").status_code == 200
        saved = client.post("/admin/concepts/docker", data={**form, "summary.en": ["Saved after the restart"]},
                            follow_redirects=False)
        assert saved.status_code == 303, saved.text
        assert client.get("/api/v1/concepts/docker?lang=en").json()["summary"] == "Saved after the restart"

    answers = [answer for load in loads for answer in load.answers]
    statuses = Counter(status for _, _, status, _, _ in answers)
    print(f"{len(answers)} requests under load: {dict(statuses)}; ready again {recovered_in:.2f} s after the start")
    assert set(statuses) <= {200, 503}, statuses  # never a 500, never a hang
    outage = [a for a in answers if down < a[0] and a[0] + 0.5 < restarting]  # asked and answered while it was down
    assert outage and all(status == 503 for _, _, status, _, _ in outage), [a for a in outage if a[2] != 503]
    assert all(retry for _, _, status, _, retry in answers if status == 503)
    assert all(kind == "application/problem+json" for _, path, status, kind, _ in answers
               if status == 503 and path.startswith("/api/"))
    assert all(status == 200 for when, _, status, _, _ in answers if when > up + recovered_in + 0.5)


def test_a_connection_ended_after_the_answer_is_not_a_500(settings, postgres):
    """The restart's race, made certain: the server ends the request's connection after its queries, before the
    session is closed. Closing rolled back on the dead connection, after the response had started: a 500."""
    needs_postgresql(postgres)
    import psycopg
    from fastapi.testclient import TestClient
    from sqlalchemy import text

    from app.http.deps import SessionDep
    from app.main import create_app

    app = create_app(settings)

    @app.get("/ends-its-connection-for-tests")
    def ends_its_connection(db: SessionDep) -> dict:
        pid = db.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with psycopg.connect(host="127.0.0.1", port=postgres.port, user="postgres", dbname="postgres",
                             autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return {"pid": pid}

    with TestClient(app) as client:
        assert client.get("/ends-its-connection-for-tests").status_code == 200
        assert client.get("/api/v1/concepts/docker").status_code == 200  # the pool replaced the dead connection
