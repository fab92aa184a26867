"""The explorer command: import and export with clear messages and exit codes."""

import shutil

from app.cli import main
from tests.conftest import TEST_CONTENT


def _env(monkeypatch, fresh_database):
    """The command's environment, on an empty database of the selected backend (SQLite: not yet created)."""
    monkeypatch.setenv("EXPLORER_ENV", "dev")
    monkeypatch.setenv("EXPLORER_DATABASE_URL", fresh_database(None))


def test_cli_import_then_export(monkeypatch, tmp_path, capsys, fresh_database):
    _env(monkeypatch, fresh_database)
    assert main(["import-content", str(TEST_CONTENT)]) == 0
    assert "imported: 13 created" in capsys.readouterr().out
    assert main(["import-content", str(TEST_CONTENT)]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert main(["export-content", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "concepts" / "docker.en.md").read_text() == (TEST_CONTENT / "concepts" / "docker.en.md").read_text()


def test_cli_import_broken_tree_exits_1_naming_the_file(monkeypatch, tmp_path, capsys, fresh_database):
    _env(monkeypatch, fresh_database)
    tree = shutil.copytree(TEST_CONTENT, tmp_path / "content")
    (tree / "tags.yml").write_text("- slug: Bad Slug\n  ko: x\n  en: y\n")
    assert main(["import-content", str(tree)]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and "content/tags.yml:1: 0.slug:" in err


def test_cli_refuses_production_without_secret(monkeypatch, capsys, fresh_database):
    _env(monkeypatch, fresh_database)
    monkeypatch.setenv("EXPLORER_ENV", "prod")
    monkeypatch.delenv("EXPLORER_SECRET_KEY", raising=False)
    assert main(["migrate"]) == 2
    assert "EXPLORER_SECRET_KEY" in capsys.readouterr().err


def test_cli_export_of_empty_database_exits_1(monkeypatch, tmp_path, capsys, fresh_database):
    _env(monkeypatch, fresh_database)
    assert main(["migrate"]) == 0
    assert main(["export-content", str(tmp_path / "out")]) == 1
    assert "import it first" in capsys.readouterr().err
