"""Another writer holds the database's write lock: a save waits and succeeds, or says "try again" and keeps the form."""

import time

from app.http import db_answers
from tests.admin.conftest import ORIGIN, form_fields, save
from tests.faults.conftest import stored_state, writer_holding_the_lock

BUSY_TIMEOUT_S = 5  # SQLite's busy_timeout (app/db.py) and PostgreSQL's lock_timeout for saves (app/editing.py)


def test_a_save_waits_for_a_short_lock_and_succeeds(admin, app, postgres):
    before = stored_state(app.state.engine)
    with writer_holding_the_lock(app.state.settings.database_url, 1.5, postgres):
        started = time.monotonic()
        # Reads go on while the other writer holds the lock (WAL on SQLite, MVCC on PostgreSQL).
        assert admin.get("/ko/concepts/docker").status_code == 200
        response = save(admin, "/admin/concepts/docker", {"body.en": "Saved after waiting for the lock."})
        waited = time.monotonic() - started
    assert response.status_code == 303, response.text
    # The 303 shows the save succeeded rather than timing out; how long it took beyond the lock depends on the machine.
    assert waited >= 1.0, waited
    assert admin.get("/api/v1/concepts/docker?lang=en").json()["body_markdown"] == "Saved after waiting for the lock."
    assert stored_state(app.state.engine) == (before[0] + 1, before[1] + 1)


def test_a_save_behind_a_long_lock_says_try_again_and_keeps_the_text(admin, app, postgres):
    before = stored_state(app.state.engine)
    typed = "My long answer, typed while someone else held the database."
    # The other writer holds on well past the timeout, so the refusal surely comes while it still holds the lock.
    with writer_holding_the_lock(app.state.settings.database_url, BUSY_TIMEOUT_S + 4, postgres) as released:
        started = time.monotonic()
        response = save(admin, "/admin/concepts/docker", {"body.en": typed})
        waited = time.monotonic() - started
        assert not released.is_set()  # refused while the lock was still held, not after
    assert BUSY_TIMEOUT_S - 0.5 <= waited < BUSY_TIMEOUT_S + 4, waited
    assert response.status_code == 503
    assert response.headers["retry-after"] == str(db_answers.RETRY_AFTER_SECONDS)
    assert response.template.name == "admin/edit.html" and response.context["not_stored"] == "busy"
    assert typed in response.text
    assert "try saving again in a few seconds" in response.text or "몇 초 뒤에 다시 저장하세요" in response.text
    assert stored_state(app.state.engine) == before  # nothing was written
    # The form as shown (the admin's text and the version it was based on) saves once the lock is gone.
    again = {**form_fields(response.text), "action": ["save"]}
    assert admin.post("/admin/concepts/docker", data=again, headers=ORIGIN, follow_redirects=False).status_code == 303
    assert admin.get("/api/v1/concepts/docker?lang=en").json()["body_markdown"] == typed
    assert stored_state(app.state.engine) == (before[0] + 1, before[1] + 1)
