"""Shared fixtures: settings on a fresh temporary database per test, the app, and a client.

`pytest --database=postgresql` (or EXPLORER_TEST_DATABASE=postgresql) runs the same tests on PostgreSQL: the
session starts a throwaway cluster and gives each test its own database, copied from a prepared template. Under
pytest-xdist (`-n 2`, as `make test` runs) every worker process has its own cluster and its own templates, so
the workers share nothing and a test may stop and restart its worker's server.
"""

import os
import shutil
from pathlib import Path

os.environ.setdefault("EXPLORER_ENV", "dev")  # importing app.main builds an app; tests never need a secret

import pytest
from fastapi.testclient import TestClient

from app.content.files.transfer import prepare_database
from app.db import make_engine
from app.main import create_app
from app.settings import PROJECT_ROOT, Settings
from tests import machine

TEST_CONTENT = Path(__file__).parent / "content" / "tree"
REAL_CONTENT = PROJECT_ROOT / "content"
BACKENDS = ("sqlite", "postgresql")


def pytest_addoption(parser):
    parser.addoption("--database", choices=BACKENDS, default=os.environ.get("EXPLORER_TEST_DATABASE", "sqlite"),
                     help="the database the tests run on (default: sqlite, or $EXPLORER_TEST_DATABASE)")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds or runs something big, such as the container image")
    machine.left_out()  # a misspelt EXPLORER_TEST_SKIP stops the run before any test


def pytest_report_header(config):
    left_out = machine.left_out()
    return [f"database: {config.getoption('--database')}"] + \
        ([f"left out by choice (EXPLORER_TEST_SKIP): {', '.join(left_out)}"] if left_out else [])


@pytest.fixture(scope="session")
def postgres(request):
    """The throwaway PostgreSQL cluster when the tests run on PostgreSQL, else None."""
    if request.config.getoption("--database") != "postgresql":
        yield None
        return
    from tests.pgcluster import Cluster, PostgresUnavailable

    try:
        cluster = Cluster().start()
    except PostgresUnavailable as exc:
        pytest.exit(f"--database=postgresql: {exc}", returncode=4)
    try:
        yield cluster
    finally:
        cluster.stop()


def _prepared_database(directory: Path, content: Path | None, postgres) -> Path | str:
    """A migrated database holding this content (or none), built once and copied for each test."""
    if postgres is not None:
        name = postgres.create("template")
        engine = make_engine(postgres.url(name))
        prepare_database(engine, content)
        engine.dispose()
        return name
    path = directory / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    prepare_database(engine, content)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def small_template(tmp_path_factory, postgres) -> Path | str:
    return _prepared_database(tmp_path_factory.mktemp("small"), TEST_CONTENT, postgres)


@pytest.fixture(scope="session")
def full_template(tmp_path_factory, postgres) -> Path | str:
    return _prepared_database(tmp_path_factory.mktemp("full"), REAL_CONTENT, postgres)


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory, postgres) -> Path | str:
    return _prepared_database(tmp_path_factory.mktemp("empty"), None, postgres)


@pytest.fixture
def fresh_database(tmp_path, postgres):
    """Make a database for this test only, copied from a template (None: empty); returns its URL. Dropped afterwards."""
    created = []

    def make(template: Path | str | None) -> str:
        if postgres is None:
            database = tmp_path / ("explorer.db" if not created else f"explorer{len(created)}.db")
            if template is not None:
                shutil.copyfile(template, database)
            created.append(database)
            return f"sqlite:///{database}"
        name = postgres.create("test", template)
        created.append(name)
        return postgres.url(name)

    yield make
    if postgres is not None:
        for name in created:
            postgres.drop(name)


@pytest.fixture
def settings(fresh_database, small_template) -> Settings:
    """Settings on a fresh copy of a database holding the small test content."""
    return Settings(env="dev", database_url=fresh_database(small_template), content_dir=TEST_CONTENT)


@pytest.fixture
def client(settings):
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def full_settings(fresh_database, full_template) -> Settings:
    """Settings on a fresh copy of a database holding the real content/."""
    return Settings(env="dev", database_url=fresh_database(full_template), content_dir=REAL_CONTENT)


@pytest.fixture
def full_client(full_settings):
    """A client on a fresh copy of a database holding the real content/."""
    with TestClient(create_app(full_settings)) as test_client:
        yield test_client


@pytest.fixture
def engine(fresh_database, empty_template):
    """An engine on an empty, migrated database."""
    engine = make_engine(fresh_database(empty_template))
    yield engine
    engine.dispose()
