"""The database engine, its SQLite settings, sessions and schema migrations."""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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
    return engine


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


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration."""
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
