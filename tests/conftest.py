"""Shared fixtures: settings on a fresh temporary database per test, the app, and a client."""

import os
import shutil
from pathlib import Path

os.environ.setdefault("EXPLORER_ENV", "dev")  # importing app.main builds an app; tests never need a secret

import pytest
from fastapi.testclient import TestClient

from app.content.service import prepare_database
from app.db import make_engine
from app.main import create_app
from app.settings import PROJECT_ROOT, Settings

TEST_CONTENT = Path(__file__).parent / "content"
REAL_CONTENT = PROJECT_ROOT / "content"


def _prepared_database(directory: Path, content: Path) -> Path:
    """A migrated database holding this content, built once and copied for each test."""
    path = directory / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    prepare_database(engine, content)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def small_template(tmp_path_factory) -> Path:
    return _prepared_database(tmp_path_factory.mktemp("small"), TEST_CONTENT)


@pytest.fixture(scope="session")
def full_template(tmp_path_factory) -> Path:
    return _prepared_database(tmp_path_factory.mktemp("full"), REAL_CONTENT)


def make_settings(tmp_path: Path, content: Path, template: Path | None = None) -> Settings:
    database = tmp_path / "explorer.db"
    if template is not None:
        shutil.copyfile(template, database)
    return Settings(env="dev", database_url=f"sqlite:///{database}", content_dir=content)


@pytest.fixture
def settings(tmp_path, small_template) -> Settings:
    """Settings on a fresh copy of a database holding the small test content."""
    return make_settings(tmp_path, TEST_CONTENT, small_template)


@pytest.fixture
def client(settings):
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def full_client(tmp_path, full_template):
    """A client on a fresh copy of a database holding the real content/."""
    with TestClient(create_app(make_settings(tmp_path, REAL_CONTENT, full_template))) as test_client:
        yield test_client


@pytest.fixture
def engine(tmp_path):
    """An engine on an empty, migrated database."""
    from app.db import migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    migrate(engine)
    yield engine
    engine.dispose()
