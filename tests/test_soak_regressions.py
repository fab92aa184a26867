"""Faults the soak run (bench/soak.py) found under load, each reproduced on a small scale."""

import threading
import time
from types import SimpleNamespace

from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from pydantic import SecretStr
from sqlalchemy import create_engine, event, text
from sqlmodel import Session

from app.admin import auth
from app.content import editing
from app.content.kinds import KINDS
from app.main import create_app
from tests.admin.conftest import ADMIN, ORIGIN, PASSWORD, csrf_token, form_fields, log_in

POOL_TIMEOUT = 10  # long, so that a stalled worker (waiting all of it) is told apart from a slow machine


def _app_with_admin(settings, monkeypatch):
    monkeypatch.setattr(auth, "_hasher", PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))
    settings.admin_user, settings.admin_password = ADMIN, SecretStr(PASSWORD)
    return create_app(settings)


def _pool_of_one(app, url: str):
    """Give the app an engine with a single pooled connection, so a test can take it and make others wait."""
    connect_args = {"check_same_thread": False} if url.startswith("sqlite") else {}
    engine = create_engine(url, pool_size=1, max_overflow=0, pool_timeout=POOL_TIMEOUT, connect_args=connect_args)
    app.state.engine = engine
    return engine


def _while_the_pool_is_taken(client: TestClient, engine, request) -> tuple[float, object]:
    """Run `request` in a thread while the only connection is taken; meanwhile time GET /healthz, which
    needs no database. Returns how long /healthz took and what `request` got once the connection came back."""
    answer = {}
    held = engine.connect()
    held.execute(text("SELECT 1"))
    try:
        thread = threading.Thread(target=lambda: answer.update(response=request()))
        thread.start()
        time.sleep(0.5)  # the request is now waiting for the connection
        started = time.monotonic()
        assert client.get("/healthz").status_code == 200
        waited = time.monotonic() - started
    finally:
        held.close()
    thread.join(POOL_TIMEOUT + 10)
    return waited, answer.get("response")


def test_an_admin_page_waiting_for_a_connection_does_not_stall_the_worker(settings, monkeypatch):
    # Under 64 clients the pool ran out; the admin check then waited for a connection on the event loop, so
    # the requests holding connections could not finish either: every request of the worker hung for the
    # pool's 30 s timeout, and the admin got a 503.
    app = _app_with_admin(settings, monkeypatch)
    with TestClient(app) as client:
        assert log_in(client).status_code == 303
        engine = _pool_of_one(app, settings.database_url)
        waited, response = _while_the_pool_is_taken(client, engine, lambda: client.get("/admin/concepts"))
        engine.dispose()
    assert waited < 4, f"/healthz waited {waited:.1f} s behind an admin request waiting for the database"
    assert response is not None and response.status_code == 200


def test_a_save_waiting_for_a_connection_does_not_stall_the_worker(settings, monkeypatch):
    app = _app_with_admin(settings, monkeypatch)
    with TestClient(app) as client:
        assert log_in(client).status_code == 303
        url = "/admin/concepts/docker"
        fields = form_fields(client.get(url).text)
        fields["body.en"] = [fields["body.en"][0] + "\n\nsaved while the pool was taken"]
        fields["action"] = ["save"]
        engine = _pool_of_one(app, settings.database_url)
        waited, response = _while_the_pool_is_taken(
            client, engine, lambda: client.post(url, data=fields, headers=ORIGIN, follow_redirects=False))
        assert waited < 4, f"/healthz waited {waited:.1f} s behind a save waiting for the database"
        assert response is not None and response.status_code == 303, response and response.text
        assert "saved while the pool was taken" in client.get("/api/v1/concepts/docker?lang=en").text
        engine.dispose()  # after its last use: the app's shutdown closes only the engine it made


def test_logging_in_while_the_pool_is_taken_does_not_stall_the_worker(settings, monkeypatch):
    app = _app_with_admin(settings, monkeypatch)
    with TestClient(app) as client:
        token = csrf_token(client.get("/admin/login").text)
        engine = _pool_of_one(app, settings.database_url)
        waited, response = _while_the_pool_is_taken(client, engine, lambda: client.post(
            "/admin/login", data={"username": ADMIN, "password": PASSWORD, "csrf_token": token, "next": "/admin"},
            headers=ORIGIN, follow_redirects=False))
        engine.dispose()
    assert waited < 4, f"/healthz waited {waited:.1f} s behind a login waiting for the database"
    assert response is not None and response.status_code == 303


def test_a_page_read_while_a_save_commits_shows_one_version_of_the_item(client):
    # On PostgreSQL under load, GET /concepts/docker answered 500 ("no en text"): a save committed between the
    # page's queries, which replaced the concept's notes, so the note texts were looked up under note ids that no
    # longer existed. Every query of a GET must read the same snapshot of the database.
    engine = client.app.state.engine
    kind = KINDS["concept"]
    saved = []

    def save_meanwhile(connection, cursor, statement, parameters, context, executemany):
        # The notes' query, whichever way it reads the note texts (on their own, or joined to the notes).
        if not saved and statement.lstrip().upper().startswith("SELECT") and "conceptnotetext" in statement:
            saved.append(None)  # once: the save's own queries pass through here too
            with Session(engine) as other:  # another connection, as another worker's save would be
                doc, version = editing.load(other, kind, "kubernetes")
                body = doc.body.model_copy(update={"en": doc.body.en + "\n\nChanged meanwhile."})
                note = doc.notes[0].model_copy(update={"text": doc.notes[0].text.model_copy(
                    update={"en": doc.notes[0].text.en + "\n\nChanged meanwhile."})})
                changed = doc.model_copy(update={"body": body, "notes": (note,)})
                saved[0] = editing.save(other, kind, "kubernetes", changed, version,
                                        SimpleNamespace(id=None, username="meanwhile"))

    event.listen(engine, "before_cursor_execute", save_meanwhile)
    try:
        response = client.get("/api/v1/concepts/kubernetes?lang=en")
    finally:
        event.remove(engine, "before_cursor_execute", save_meanwhile)
    assert saved and saved[0] is not None, "the save did not happen between the page's queries"
    assert response.status_code == 200, response.text
    document = response.json()
    # The version the page started reading, all of it (on SQLite a new note may reuse the old one's row id).
    assert "Changed meanwhile." not in document["body_markdown"]
    assert [note["id"] for note in document["notes"]] == ["dockershim-removed"]
    assert "Changed meanwhile." not in document["notes"][0]["text_markdown"]
    after = client.get("/api/v1/concepts/kubernetes?lang=en").json()
    assert "Changed meanwhile." in after["body_markdown"] and "Changed meanwhile." in after["notes"][0]["text_markdown"]
