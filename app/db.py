"""The database engine, its SQLite settings, sessions and schema migrations."""

import ast
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, create_engine

from app.db_errors import FileReplaced

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseUnusable(RuntimeError):
    """The configured database cannot be used as it is; the message says why in one line."""


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL, or None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def check_database(url: str, *, create: bool = False) -> None:
    """Refuse a SQLite database that is missing, unreadable or not a database, before anything opens it.

    SQLite creates a missing file on connect, so a mistyped path or an unmounted volume would otherwise be
    served as a new, empty database. Only commands meant to create one pass create=True (`explorer migrate`,
    `explorer serve --create-database`). Other databases are checked when the first connection is made."""
    path = sqlite_file(url)
    if path is None:
        return
    if not path.exists():
        if create:
            return  # make_engine makes the directory; the first connection makes the file
        if not path.parent.is_dir():
            raise DatabaseUnusable(f"the database's directory {path.parent} does not exist "
                                   "(check EXPLORER_DATABASE_URL, or create it with `explorer migrate`)")
        raise DatabaseUnusable(f"there is no database at {path}: create one with `explorer migrate --import-if-empty` "
                               "(or `explorer serve --create-database`), or set EXPLORER_DATABASE_URL to an existing one")
    if not path.is_file():
        raise DatabaseUnusable(f"{path} is not a file, so it cannot be the database")
    try:
        with path.open("r+b") as handle:  # read and write, as the server will; nothing is written
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseUnusable(f"cannot open the database {path} for reading and writing: {exc.strerror}") from exc
    if not header and not create:
        # SQLite would take an empty file as a new database: as with a missing file, only when asked to create one.
        raise DatabaseUnusable(f"{path} is empty (0 bytes), not a database: restore a backup, or remove it and "
                               "create one with `explorer migrate --import-if-empty`")
    if header and header != SQLITE_HEADER:
        raise DatabaseUnusable(f"{path} is not a SQLite database (its first bytes are not SQLite's header)")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseUnusable(f"cannot write in {path.parent}, where SQLite keeps the database's journal")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
        try:
            # quick_check reads every page (1-2 ms on the real content's 1.1 MB database): damaged pages would
            # otherwise pass /readyz and answer 500 on the pages that hold them. https://sqlite.org/pragma.html#pragma_quick_check
            problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")] if header else ["ok"]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnusable(f"{path} is not a usable SQLite database: {exc}") from exc
    if problems != ["ok"]:
        raise DatabaseUnusable(f"{path} is damaged ({problems[0]}): restore a backup with `explorer restore`")


def make_engine(url: str) -> Engine:
    """Create an engine for any SQLAlchemy URL; SQLite gets WAL, foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        # pre-ping replaces connections that died while the server was away; a short connect timeout
        # lets /readyz answer "not ready" quickly instead of hanging while the server is unreachable.
        connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": 5}
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_pragmas)
    if parsed.database and parsed.database != ":memory:":
        opened = _OpenedFile(Path(parsed.database))
        engine.opened_file = opened
        event.listen(engine, "connect", opened.remember)
    return engine


class _OpenedFile:
    """The identity (device and inode) of the SQLite file as first opened, to notice it deleted or replaced: SQLite
    keeps writing into an open file that no path names any more, and those writes are lost."""

    def __init__(self, path: Path):
        self.path = path
        self.identity: tuple[int, int] | None = None

    def remember(self, _dbapi_connection, _record) -> None:
        if self.identity is None:
            self.identity = self._current()

    def _current(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return stat.st_dev, stat.st_ino

    def replaced(self) -> bool:
        return self.identity is not None and self._current() != self.identity


def check_same_file(engine: Engine) -> None:
    """Raise FileReplaced when the SQLite file at the engine's path is not the one it opened (other databases pass)."""
    opened = getattr(engine, "opened_file", None)
    if opened is not None and opened.replaced():
        raise FileReplaced(f"the database file {opened.path} was deleted or replaced while the app was serving")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers go on while one writer writes; foreign keys are off by default in SQLite;
    # the busy timeout makes a second writer wait instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(engine: Engine):
    """An Alembic configuration that runs the app's migrations on this engine."""
    from alembic.config import Config  # imported on first use: Alembic adds ~0.3 s to a start that does not migrate

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def _head_revisions() -> set[str] | None:
    """The newest migration(s), read from the migration files without loading Alembic; None when unsure."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        values = {}
        for node in ast.parse(path.read_text()).body:
            targets = [node.target] if isinstance(node, ast.AnnAssign) else getattr(node, "targets", [])
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value:
                    try:
                        values[target.id] = ast.literal_eval(node.value)
                    except ValueError:
                        return None
        if not isinstance(values.get("revision"), str):
            return None
        revisions.add(values["revision"])
        down = values.get("down_revision")
        parents.update([down] if isinstance(down, str) else down or ())
    return (revisions - parents) or None


def schema_is_current(engine: Engine) -> bool:
    """Whether the database is already at the newest migration (one query; False when in any doubt)."""
    heads = _head_revisions()
    if not heads:
        return False
    try:
        with engine.connect() as connection:
            stored = {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    except SQLAlchemyError:
        return False
    return stored == heads


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration; a database already there costs one query, not Alembic."""
    if schema_is_current(engine):
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


# Any fixed number: every process preparing the same PostgreSQL database waits on this advisory lock.
SCHEMA_LOCK_KEY = 0x6578706C  # "expl"


@contextmanager
def schema_lock(engine: Engine) -> Iterator[None]:
    """Hold a lock shared by every process on this database while migrating or importing at start-up.

    Several replicas starting at once must not run the same migration twice. PostgreSQL has advisory
    locks for this; for a SQLite file, an exclusive lock on a file beside it does the same.
    """
    url = engine.url
    if url.get_backend_name() == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SCHEMA_LOCK_KEY})
                connection.commit()
    elif url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        with open(f"{url.database}.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    else:
        yield


def has_table(engine: Engine, name: str) -> bool:
    """Whether the database has a table of this name."""
    return inspect(engine).has_table(name)


def session_scope(engine: Engine) -> Iterator[Session]:
    """Yield one session, closed afterwards."""
    with Session(engine) as session:
        yield session
