"""A database that is missing, unreadable or not a database at start-up: one clear line and a non-zero exit."""

import os
import shutil
import sqlite3
import subprocess
import sys

import httpx
import pytest

from app.settings import PROJECT_ROOT
from tests.faults.conftest import needs_postgresql, needs_sqlite
from tests.servers import environment, free_port, running, serve_command

# Root reads any file: take away the two capabilities that let it, so a mode-000 file is unreadable to it too.
AS_UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []


def explorer(*args: str, url: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Run the explorer command as a separate process, as an operator or the container would."""
    command = [*prefix, sys.executable, "-m", "app.cli", *args]
    return subprocess.run(command, cwd=PROJECT_ROOT, env=environment(url), capture_output=True, text=True,
                          timeout=120)


def serve(url: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return explorer("serve", "--host", "127.0.0.1", "--port", str(free_port()), url=url, prefix=prefix)


def refused(result: subprocess.CompletedProcess) -> str:
    """The one line a refused start printed; the process must have exited non-zero without serving."""
    assert result.returncode != 0, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("explorer: "), result.stderr
    assert "serving on" not in result.stdout
    return lines[0]


def test_a_missing_database_is_refused_and_not_created(tmp_path, postgres):
    needs_sqlite(postgres)
    database = tmp_path / "explorer.db"
    line = refused(serve(f"sqlite:///{database}"))
    assert f"there is no database at {database}" in line and "explorer migrate" in line
    assert list(tmp_path.iterdir()) == []  # no empty database, no -wal, no lock file


def test_a_missing_directory_is_refused_and_not_created(tmp_path, postgres):
    needs_sqlite(postgres)
    line = refused(serve(f"sqlite:///{tmp_path}/nowhere/explorer.db"))
    assert f"directory {tmp_path}/nowhere does not exist" in line
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(("contents", "expected"), [
    (b"id,title\n1,not a database\n", "is not a SQLite database"),
    (b"SQLite format 3\x00" + b"\xff" * 4080, "is not a usable SQLite database"),  # the header, then garbage
])
def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path, postgres, contents, expected):
    needs_sqlite(postgres)
    database = tmp_path / "explorer.db"
    database.write_bytes(contents)
    assert expected in refused(serve(f"sqlite:///{database}"))
    assert database.read_bytes() == contents


def test_a_directory_in_place_of_the_database_is_refused(tmp_path, postgres):
    needs_sqlite(postgres)
    (tmp_path / "explorer.db").mkdir()
    assert "is not a file" in refused(serve(f"sqlite:///{tmp_path}/explorer.db"))


def test_an_unreadable_database_is_refused(tmp_path, postgres, small_template):
    needs_sqlite(postgres)
    if AS_UNPRIVILEGED and not shutil.which("setpriv"):
        pytest.fail("running as root without setpriv (util-linux), every file is readable: install util-linux",
                    pytrace=False)
    database = tmp_path / "explorer.db"
    shutil.copyfile(small_template, database)
    database.chmod(0)
    try:
        line = refused(serve(f"sqlite:///{database}", prefix=tuple(AS_UNPRIVILEGED)))
    finally:
        database.chmod(0o600)
    assert f"cannot open the database {database} for reading and writing: Permission denied" in line
    with sqlite3.connect(database) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_missing_postgresql_database_is_one_line_not_a_traceback(postgres):
    needs_postgresql(postgres)
    line = refused(explorer("migrate", url=postgres.url("no_such_database")))
    assert 'database "no_such_database" does not exist' in line and "Traceback" not in line


def test_creating_a_database_is_explicit(tmp_path, postgres):
    """`explorer migrate` and `explorer serve --create-database` (make run, the image) make a new database."""
    needs_sqlite(postgres)
    migrated = tmp_path / "migrated" / "explorer.db"
    result = explorer("migrate", "--import-if-empty", url=f"sqlite:///{migrated}")
    assert result.returncode == 0 and "imported content" in result.stdout, result.stderr
    assert refused(serve(f"sqlite:///{migrated}.typo"))  # a typo in the path is still refused afterwards
    created = f"sqlite:///{tmp_path}/served.db"
    with running([*serve_command(), "--create-database"], environment(created), tmp_path / "serve.log") as server:
        assert httpx.get(f"{server.url}/api/v1/concepts/docker", timeout=30).status_code == 200
