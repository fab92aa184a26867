"""`explorer backup` copies a live SQLite database under load; `explorer restore` checks a copy and brings it back."""

import hashlib
import json
import sqlite3
import threading
import time

import pytest
from sqlmodel import Session, select

from app.cli import main
from app.content import editing
from app.content.kinds import KINDS
from app.db import make_engine
from app.models import AdminUser, Concept, Revision
from tests.admin.conftest import ADMIN
from tests.faults.conftest import needs_sqlite, sqlite_path, stored_state


def _use(monkeypatch, url: str) -> None:
    monkeypatch.setenv("EXPLORER_ENV", "dev")
    monkeypatch.setenv("EXPLORER_DATABASE_URL", url)


class Editor(threading.Thread):
    """An admin saving the same concept again and again through the real save path, until stopped."""

    def __init__(self, engine) -> None:
        super().__init__(daemon=True)
        self.engine, self.saves, self.stop, self.error = engine, 0, threading.Event(), None

    def run(self) -> None:
        try:
            self._edit()
        except BaseException as exc:
            self.error = exc
            raise

    def wait_for(self, saves: int) -> None:
        deadline = time.monotonic() + 60
        while self.saves < saves:
            assert self.error is None and time.monotonic() < deadline, self.error
            time.sleep(0.01)

    def _edit(self) -> None:
        kind = KINDS["concept"]
        with Session(self.engine) as db:
            user = db.exec(select(AdminUser).where(AdminUser.username == ADMIN)).one()
            while not self.stop.is_set():
                doc, version = editing.load(db, kind, "docker")
                db.rollback()
                doc = doc.model_copy(update={"body": doc.body.model_copy(update={"en": f"Edit number {self.saves + 1}."})})
                editing.save(db, kind, "docker", doc, version, user)
                self.saves += 1


def _consistent(path) -> dict:
    """What a snapshot of the database must agree with itself on; returns the figures checked."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        version, = db.execute("SELECT version FROM concept WHERE slug = 'docker'").fetchone()
        updates, = db.execute("SELECT count(*) FROM revision WHERE key = 'docker'").fetchone()
        snapshot, = db.execute("SELECT snapshot FROM revision WHERE key = 'docker' ORDER BY id DESC").fetchone()
        body, = db.execute("SELECT body_markdown FROM concepttext t JOIN concept c ON c.id = t.concept_id "
                           "WHERE c.slug = 'docker' AND t.lang = 'en'").fetchone()
    assert version == updates + 1  # every save bumped the version and wrote its revision, or did neither
    assert json.loads(snapshot)["body"]["en"] == body  # the latest revision is what is stored
    return {"version": version, "body": body}


def _dump(path) -> list[str]:
    """Every row of every table, except the content revision that a restore moves on on purpose."""
    with sqlite3.connect(path) as db:
        return [line for line in db.iterdump() if not line.startswith('INSERT INTO "contentstate"')]


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_under_load_then_restore_brings_the_content_back(admin, app, postgres, tmp_path, monkeypatch, capsys):
    needs_sqlite(postgres)
    url = app.state.settings.database_url
    _use(monkeypatch, url)
    editor = Editor(app.state.engine)
    editor.start()
    try:
        editor.wait_for(5)
        during = editor.saves
        started = time.monotonic()
        assert main(["backup", str(tmp_path / "explorer.backup")]) == 0
        took = time.monotonic() - started
        assert "backed up the database" in capsys.readouterr().out
        editor.wait_for(during + 5)  # the load goes on after the copy: the live database moves past it
    finally:
        editor.stop.set()
        editor.join(30)
    backup = tmp_path / "explorer.backup"
    assert not (tmp_path / "explorer.backup-wal").exists()  # one self-contained file
    copied = _consistent(backup)
    live = _consistent(sqlite_path(url))
    assert during < copied["version"] < live["version"], (copied, live)  # a snapshot from the middle of the load
    assert took < 5, took

    revision_before = stored_state(app.state.engine)[0]
    assert main(["restore", str(backup)]) == 0  # into the live database, while the app is running
    assert "restored the database" in capsys.readouterr().out
    assert _dump(sqlite_path(url)) == _dump(backup)
    assert _consistent(sqlite_path(url)) == copied
    # The running app serves the restored content at once: its render cache saw the revision move on.
    assert stored_state(app.state.engine)[0] > revision_before
    assert admin.get("/api/v1/concepts/docker?lang=en").json()["body_markdown"] == copied["body"]
    assert copied["body"] in admin.get("/en/concepts/docker").text


def test_restore_refuses_a_bad_copy_and_changes_nothing(settings, postgres, tmp_path, monkeypatch, capsys):
    needs_sqlite(postgres)
    _use(monkeypatch, settings.database_url)
    live = sqlite_path(settings.database_url)
    assert main(["backup", str(tmp_path / "good.db")]) == 0
    assert main(["backup", str(tmp_path / "good.db")]) == 1  # never over an existing file
    assert "already exists" in capsys.readouterr().err
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    damaged = tmp_path / "damaged.db"
    data = bytearray((tmp_path / "good.db").read_bytes())
    for page in range(2, len(data) // 4096):  # scribble over every b-tree page after the first
        data[page * 4096: page * 4096 + 16] = b"\xff" * 16
    damaged.write_bytes(bytes(data))
    before = _digest(live)
    for bad, reason in ((text, "is not a SQLite database"), (other, "not one of this app"),
                        (damaged, "malformed"), (tmp_path / "absent.db", "is not a file")):
        assert main(["restore", str(bad)]) == 1
        line = capsys.readouterr().err.strip()
        assert line.startswith("explorer: ") and "\n" not in line and reason in line, line
        assert _digest(live) == before
    engine = make_engine(settings.database_url)
    with Session(engine) as db:
        assert db.exec(select(Concept)).first() is not None and db.exec(select(Revision)).first() is None
    engine.dispose()


def test_backup_and_restore_point_postgresql_to_pg_dump(postgres, settings, tmp_path, monkeypatch, capsys):
    if postgres is None:
        pytest.skip("needs PostgreSQL: run with --database=postgresql")
    _use(monkeypatch, settings.database_url)
    assert main(["backup", str(tmp_path / "x")]) == 1
    assert "pg_dump" in capsys.readouterr().err
