"""Copies of a live SQLite database with SQLite's online backup API, and bringing one back after checking it."""

import contextlib
import os
import sqlite3
from pathlib import Path

from app.db import MIGRATIONS, SQLITE_HEADER, make_engine, migrate, sqlite_file


class BackupError(RuntimeError):
    """A backup or restore that was refused or failed; its message says why in one line. Nothing was changed."""


def _sqlite_path(url: str) -> Path:
    path = sqlite_file(url)
    if path is None:
        raise BackupError("`explorer backup` and `explorer restore` work on a SQLite database; "
                          "for PostgreSQL use pg_dump and pg_restore (see README, Backups)")
    return path


def check_copy(path: Path) -> str:
    """Check that a file is a whole, undamaged database of this app with a known schema; return its revision."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{path} is not a SQLite database")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(f"{path} is damaged: {problems[0]}")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"alembic_version", "contentstate"} <= tables:
                raise BackupError(f"{path} is a SQLite database, but not one of this app")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} cannot be read as a database: {exc}") from exc
    from alembic.script import ScriptDirectory  # on first use: `explorer serve` and its workers import this module

    known = {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}
    if revision is None or revision[0] not in known:
        raise BackupError(f"{path} has a schema this version does not know ({revision and revision[0]}): "
                          "restore it with the version that made it")
    return revision[0]


def backup(url: str, target: Path) -> int:
    """Copy the database at url to target, consistently, while it is in use; return the copy's size in bytes.

    The online backup API copies every page inside one read transaction: with WAL, writers go on meanwhile and
    the copy is the database as it was when the backup began. The copy is written beside target, checked, made a
    single file (no -wal) and synced, then renamed into place, so target is either absent or a whole backup."""
    source_path = _sqlite_path(url)
    if not source_path.is_file():
        raise BackupError(f"there is no database at {source_path} to back up")
    if target.exists():
        raise BackupError(f"{target} already exists: choose another name, or remove it first")
    if not target.parent.is_dir():
        raise BackupError(f"the directory {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.partial")
    try:
        source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
        copy = sqlite3.connect(partial)
        try:
            source.execute("PRAGMA busy_timeout = 5000")
            source.backup(copy)  # pages=-1: all pages in one step, so the copy is one snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
        finally:
            copy.close()
            source.close()
        check_copy(partial)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        partial.rename(target)
    except sqlite3.Error as exc:
        raise BackupError(f"the backup failed: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return target.stat().st_size


def restore(url: str, source_path: Path) -> str:
    """Check a backup, then make the database at url hold exactly its content; return its schema revision.

    The backup API writes into the live database under its write lock, so servers may keep running: their
    connections see the restored content at their next transaction. The content revision is then moved past
    both the old and the restored one, so every render cache (app/render_cache.py) starts afresh."""
    target = _sqlite_path(url)
    revision = check_copy(source_path)
    if target.exists() and target.resolve() == source_path.resolve():
        raise BackupError("the backup and the database are the same file")
    before = _content_revision(target) if target.exists() else 0
    try:
        source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
        live = sqlite3.connect(target, timeout=30)
        try:
            live.execute("PRAGMA journal_mode = WAL")
            source.backup(live)
            restored = live.execute("SELECT revision FROM contentstate WHERE id = 1").fetchone()
            live.execute("UPDATE contentstate SET revision = ? WHERE id = 1",
                         (max(before, restored[0] if restored else 0) + 1,))
            live.commit()
        finally:
            live.close()
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"the restore failed: {exc}") from exc
    engine = make_engine(url)
    try:
        migrate(engine)  # a backup from an older version gets the newer schema
    finally:
        engine.dispose()
    return revision


def _content_revision(path: Path) -> int:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT revision FROM contentstate WHERE id = 1").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return 0  # not migrated yet, or not a database the restore can read: it is replaced as a whole
    return row[0] if row else 0
