"""An empty or damaged database file at start-up: refused with one line, never served as new or half-readable."""

import shutil
import sqlite3

from tests.faults.conftest import needs_sqlite
from tests.faults.test_startup import refused, serve


def test_an_empty_database_file_is_refused_without_create_database(tmp_path, postgres):
    needs_sqlite(postgres)
    database = tmp_path / "explorer.db"
    database.touch()
    line = refused(serve(f"sqlite:///{database}"))
    assert f"{database} is empty (0 bytes)" in line
    assert database.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["explorer.db"]


def test_a_database_with_damaged_pages_is_refused(tmp_path, postgres, full_template):
    needs_sqlite(postgres)
    database = tmp_path / "explorer.db"
    shutil.copyfile(full_template, database)
    connection = sqlite3.connect(database)
    page_size, pages = (connection.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_size", "page_count"))
    connection.close()
    with database.open("r+b") as handle:  # garbage over a page in the middle; the header stays right
        handle.seek(page_size * (pages // 2))
        handle.write(b"\xde\xad" * (page_size // 2))
    damaged = database.read_bytes()
    line = refused(serve(f"sqlite:///{database}"))
    assert "malformed" in line or "damaged" in line
    assert database.read_bytes() == damaged
