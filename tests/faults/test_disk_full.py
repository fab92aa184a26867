"""The disk fills up (SQLite's max_page_count): the save fails clearly, nothing is half-written, reads keep working."""

import sqlite3

import psycopg
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from app import db_errors
from app.http import db_answers
from tests.admin.conftest import ORIGIN, form_fields, save
from tests.faults.conftest import needs_sqlite, sqlite_path, stored_state

# Markdown that needs many new pages: its text, its rendered HTML, the revision's snapshot and the search index.
# Under the cap of one text (documents.MAX_TEXT), sent in both languages: still more than the free pages hold.
BIG_TEXT = "\n\n".join(f"Paragraph {n}: a container shares the host's kernel; a VM brings its own." for n in range(150))


def _cap_the_database(engine):
    """Let the app's connections hold no page more than the file has now, as on a full disk.

    max_page_count belongs to a connection, not to the file: set it on every connection the app's engine opens."""
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        free = connection.exec_driver_sql("PRAGMA freelist_count").scalar()
    assert free * 4096 < 2 * len(BIG_TEXT), "the save must need more pages than the free list holds"

    def cap(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", cap)
    engine.dispose()  # connections opened from now on carry the cap
    return pages, cap


def test_a_save_on_a_full_disk_fails_clearly_and_writes_nothing(admin, app, postgres):
    needs_sqlite(postgres)
    engine = app.state.engine
    before = stored_state(engine)
    public_before = admin.get("/api/v1/concepts/docker?lang=en").json()
    pages, cap = _cap_the_database(engine)

    response = save(admin, "/admin/concepts/docker", {"body.en": BIG_TEXT, "body.ko": BIG_TEXT,
                                                         "summary.en": "A summary typed when full"})

    # 507, not 503: waiting does not free the disk (see app/http/db_answers.py), so no Retry-After either.
    assert response.status_code == 507 and "retry-after" not in response.headers
    assert response.template.name == "admin/edit.html" and response.context["not_stored"] == "full"
    assert "A summary typed when full" in response.text and "Paragraph 149:" in response.text
    assert "no room left" in response.text or "저장할 공간이 없어서" in response.text
    # Nothing half-written: the content, its revision counter and the history are as before ...
    assert stored_state(engine) == before
    assert admin.get("/api/v1/concepts/docker?lang=en").json() == public_before
    # ... reads keep working, for the public and in the admin ...
    assert admin.get("/ko/concepts/docker").status_code == 200
    assert admin.get("/admin/concepts/docker").status_code == 200
    with sqlite3.connect(sqlite_path(app.state.settings.database_url)) as check:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check.execute("PRAGMA page_count").fetchone()[0] <= pages
    # ... and once there is room again, the form as shown saves.
    event.remove(engine, "connect", cap)
    engine.dispose()
    again = {**form_fields(response.text), "action": ["save"]}
    assert admin.post("/admin/concepts/docker", data=again, headers=ORIGIN, follow_redirects=False).status_code == 303
    assert admin.get("/api/v1/concepts/docker?lang=en").json()["summary"] == "A summary typed when full"


def test_postgresql_disk_full_is_507_too():
    # Filling a PostgreSQL disk needs a small filesystem of its own; its error is what matters here: SQLSTATE 53100.
    full = OperationalError("INSERT …", {}, psycopg.errors.DiskFull("could not extend file: No space left on device"))
    assert db_errors.classify(full) == db_errors.FULL
    assert db_answers.STATUSES[db_errors.FULL] == 507
