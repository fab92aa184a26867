"""A worker killed (SIGKILL) in the middle of a save: the database passes integrity_check and holds the save
wholly or not at all; the server starts again on it and saves again."""

import hashlib
import json
import secrets
import sqlite3
import threading
import time

import httpx
import pytest

from app.content.documents import MAX_TEXT
from tests.admin.conftest import csrf_token, form_fields
from tests.faults.conftest import needs_sqlite, sqlite_path, writer_holding_the_lock
from tests.servers import environment, running, serve_command

USER, PASSWORD = "kill-test-admin", "a long enough password"
# A save that writes a lot: the body, its HTML, the revision's snapshot and the search index all grow; as long as
# a text may be (MAX_TEXT), less a little for the round's number.
BIG_BODY = "\n\n".join(f"Round {{round}}, paragraph {n}: the kubelet restarts a container that exits." for n in range(150))
assert len(BIG_BODY.format(round=1000)) <= MAX_TEXT


def _state(path) -> dict:
    """The facts a save changes together, read after the kill (opening the file recovers it, as a restart would)."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        version, = db.execute("SELECT version FROM concept WHERE slug = 'docker'").fetchone()
        revisions, = db.execute("SELECT count(*) FROM revision WHERE key = 'docker'").fetchone()
        content_revision, = db.execute("SELECT revision FROM contentstate").fetchone()
        body, = db.execute("SELECT t.body_markdown FROM concepttext t JOIN concept c ON c.id = t.concept_id "
                           "WHERE c.slug = 'docker' AND t.lang = 'en'").fetchone()
        last = db.execute("SELECT snapshot FROM revision WHERE key = 'docker' ORDER BY id DESC").fetchone()
        searched, = db.execute("SELECT body FROM searchdocument "
                               "WHERE kind = 'concept' AND key = 'docker' AND lang = 'en'").fetchone()
    return {"version": version, "revisions": revisions, "content_revision": content_revision, "body": body,
            "snapshot_body": json.loads(last[0])["body"]["en"] if last else None, "indexed": body.split("\n")[0][:40] in searched}


def _digest(path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _edit_form(client: httpx.Client, body: str) -> dict:
    fields = form_fields(client.get("/admin/concepts/docker").text)
    return {**fields, "body.en": [body], "action": ["save"]}


def _log_in(server) -> dict[str, str]:
    with httpx.Client(base_url=server.url, timeout=30, headers={"Origin": server.url}) as client:
        page = client.get("/admin/login")
        login = client.post("/admin/login", data={"username": USER, "password": PASSWORD, "next": "/admin",
                                                  "csrf_token": csrf_token(page.text)})
    assert login.status_code == 303, login.text
    return {"explorer_admin": login.cookies["explorer_admin"]}  # sessions live in the database: one login will do


def _save_behind_the_lock(url: str, client: httpx.Client, form: dict) -> tuple[threading.Thread, dict]:
    """Post the form while another writer holds the lock, so the save starts the moment it lets go (on return)."""
    answer: dict = {}

    def post() -> None:
        try:
            answer["response"] = client.post("/admin/concepts/docker", data=form)
        except httpx.HTTPError as exc:  # the server died before answering
            answer["error"] = exc

    sending = threading.Thread(target=post)
    with writer_holding_the_lock(url, 0.5):
        sending.start()
    return sending, answer


@pytest.mark.slow
def test_a_worker_killed_during_saves_leaves_each_save_whole_or_absent(fresh_database, full_template, tmp_path,
                                                                        postgres):
    needs_sqlite(postgres)
    url = fresh_database(full_template)
    path, wal = sqlite_path(url), sqlite_path(url).with_name(sqlite_path(url).name + "-wal")
    env = environment(url, secret_key=secrets.token_urlsafe(48), admin_user=USER, admin_password=PASSWORD)
    with running(serve_command(), env, tmp_path / "serve.log") as server:
        cookies = _log_in(server)
        with httpx.Client(base_url=server.url, timeout=30, headers={"Origin": server.url}, cookies=cookies) as client:
            # How long a save takes from the moment the other writer lets go until it is answered.
            sending, answer = _save_behind_the_lock(url, client, _edit_form(client, BIG_BODY.format(round="first")))
            released = time.monotonic()
            sending.join(60)
            took = time.monotonic() - released
            assert answer["response"].status_code == 303
    outcomes = []
    # Kill at moments spread over a save and past it (a fresh server's first save is slower, the machine shared).
    for round_, fraction in enumerate((0.2, 0.5, 0.8, 1.0, 1.3, 1.7, 2.2)):
        delay = fraction * took
        with running(serve_command(), env, tmp_path / f"serve{round_}.log") as server, \
                httpx.Client(base_url=server.url, timeout=30, headers={"Origin": server.url}, cookies=cookies) as client:
            form = _edit_form(client, BIG_BODY.format(round=round_))
            before, wal_before = _state(path), _digest(wal)
            sending, answer = _save_behind_the_lock(url, client, form)
            time.sleep(delay)
            server.process.kill()  # SIGKILL: no shutdown, no rollback, no flush
            server.process.wait(10)
            wal_written = _digest(wal) != wal_before  # the save had written pages to the WAL when it was killed
            sending.join(30)
        after = _state(path)
        saved = after["version"] == before["version"] + 1
        if saved:  # wholly there: the row, its revision, the content revision and the search index
            assert after["revisions"] == before["revisions"] + 1
            assert after["content_revision"] == before["content_revision"] + 1
            assert after["body"] == after["snapshot_body"] == BIG_BODY.format(round=round_)
            assert after["indexed"]
        else:  # wholly absent
            assert after == before
            assert "response" not in answer or answer["response"].status_code != 303
        outcomes.append((round(delay, 3), "saved" if saved else "absent",
                         "answered" if "response" in answer else "cut off", "WAL written" if wal_written else "-"))
    print(f"a save took {took:.3f} s; kill outcomes (delay s, save, client, WAL):", outcomes)
    assert any(outcome[2] == "cut off" for outcome in outcomes), outcomes  # some kills landed before the answer
    # The server starts again on the database the kills left, and saves.
    with running(serve_command(), env, tmp_path / "after.log") as server, \
            httpx.Client(base_url=server.url, timeout=30, headers={"Origin": server.url}, cookies=cookies) as client:
        response = client.post("/admin/concepts/docker", data=_edit_form(client, "Saved after the kills."))
        assert response.status_code == 303, response.text
    assert _state(path)["body"] == "Saved after the kills."
