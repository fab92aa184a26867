"""The SQLite file deleted, replaced or overwritten while the app serves: /readyz says so, saves are refused with
503 and the text kept (never acknowledged into a file that is gone), and reads answer 503, never 500."""

import shutil

from fastapi.testclient import TestClient

from tests.admin.conftest import log_in, save
from tests.faults.conftest import needs_sqlite


def _database(settings):
    return settings.database_url.removeprefix("sqlite:///")


def _remove(path: str) -> None:
    import os

    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)


def test_deleted_database_file_makes_readyz_503_and_saves_refused_with_text_kept(app, admin_settings, postgres):
    needs_sqlite(postgres)
    with TestClient(app) as admin:
        assert log_in(admin).status_code == 303
        assert admin.get("/readyz").status_code == 200
        form = admin.get("/admin/concepts/docker")
        assert form.status_code == 200
        _remove(_database(admin_settings))
        ready = admin.get("/readyz")
        assert ready.status_code == 503 and ready.json()["reason"] == "FileReplaced"
        response = save(admin, "/admin/concepts/docker", {"title.en": "Lost words"})
    assert response.status_code == 503
    assert "Lost words" in response.text


def test_replaced_database_file_makes_readyz_503(app, admin_settings, postgres, tmp_path):
    needs_sqlite(postgres)
    path = _database(admin_settings)
    with TestClient(app) as client:
        assert client.get("/readyz").status_code == 200
        shutil.copyfile(path, tmp_path / "copy.db")
        shutil.move(tmp_path / "copy.db", path)  # another file at the same path
        assert client.get("/readyz").status_code == 503


def test_garbage_over_the_database_file_answers_503_problem_documents(app, admin_settings, postgres):
    needs_sqlite(postgres)
    path = _database(admin_settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/api/v1/concepts?lang=en").status_code == 200
        with open(path, "r+b") as handle:
            size = handle.seek(0, 2)
            handle.seek(0)
            handle.write(b"\xde\xad\xbe\xef" * (size // 4))
        app.state.engine.dispose()  # connections opened from now on, as after a restart of the worker's pool
        answers = [client.get(f"/api/v1/concepts?lang=en&limit={n}") for n in range(1, 4)]
    for answer in answers:
        assert answer.status_code == 503, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
