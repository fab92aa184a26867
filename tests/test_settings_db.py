"""Settings from the environment, the SQLite engine's settings, and start-up on an empty database."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.db import make_engine
from app.main import create_app
from app.settings import ConfigurationError, Settings
from tests.conftest import TEST_CONTENT


def test_settings_read_explorer_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("EXPLORER_ENV", "dev")
    monkeypatch.setenv("EXPLORER_DATABASE_URL", f"sqlite:///{tmp_path}/a.db")
    settings = Settings()
    assert settings.env == "dev" and settings.database_url.endswith("/a.db")


def test_settings_production_requires_a_secret_key(monkeypatch):
    monkeypatch.delenv("EXPLORER_SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="EXPLORER_SECRET_KEY"):
        Settings(env="prod")
    with pytest.raises(ConfigurationError):
        Settings(env="prod", secret_key="short")
    assert Settings(env="prod", secret_key="k" * 40).session_secret == "k" * 40


def test_settings_development_secret_is_random_not_a_default():
    assert Settings(env="dev").session_secret != Settings(env="dev").session_secret


def test_sqlite_engine_uses_wal_foreign_keys_and_busy_timeout(tmp_path, postgres):
    if postgres is not None:
        pytest.skip("SQLite's own pragmas and file path: nothing to check on PostgreSQL")
    engine = make_engine(f"sqlite:///{tmp_path}/nested/dir/x.db")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    engine.dispose()


def test_app_on_empty_database_migrates_and_imports_content(fresh_database):
    settings = Settings(env="dev", database_url=fresh_database(None), content_dir=TEST_CONTENT)
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/v1/concepts/docker?lang=en").json()["title"] == "Docker"
    with TestClient(create_app(settings)) as client:  # a second start finds the content and keeps it
        assert client.get("/api/v1/concepts").json()["count"] == 3


def test_app_keeps_edits_on_restart(fresh_database):
    """Start-up imports only into an empty database; it never overwrites stored content."""
    from sqlmodel import Session, select

    from app.models import ConceptText

    settings = Settings(env="dev", database_url=fresh_database(None), content_dir=TEST_CONTENT)
    with TestClient(create_app(settings)):
        pass
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        row = session.exec(select(ConceptText).where(ConceptText.lang == "en", ConceptText.title == "Docker")).one()
        row.title = "Docker (edited)"
        session.add(row)
        session.commit()
    engine.dispose()
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/v1/concepts/docker?lang=en").json()["title"] == "Docker (edited)"
