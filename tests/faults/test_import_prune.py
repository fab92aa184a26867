"""Items only the database holds (an admin's new scenario) survive `explorer import-content`: it lists them, and
deletes them only when asked with --prune."""

import shutil

from app.cli import main
from tests.conftest import TEST_CONTENT


def _env(monkeypatch, fresh_database):
    monkeypatch.setenv("EXPLORER_ENV", "dev")
    monkeypatch.setenv("EXPLORER_DATABASE_URL", fresh_database(None))


def _has_scenario(tmp_path, slug: str) -> bool:
    out = tmp_path / f"export-{len(list(tmp_path.iterdir()))}"
    assert main(["export-content", str(out)]) == 0
    return (out / "scenarios" / f"{slug}.yml").exists()


def test_import_content_keeps_items_missing_from_the_files_and_lists_them(monkeypatch, tmp_path, capsys,
                                                                          fresh_database):
    _env(monkeypatch, fresh_database)
    assert main(["import-content", str(TEST_CONTENT)]) == 0
    tree = shutil.copytree(TEST_CONTENT, tmp_path / "content")
    (tree / "scenarios" / "self-healing.yml").unlink()  # only the database holds it now, as if an admin made it
    shutil.rmtree(tree / "paths")  # and the learning path that has a stop on it
    capsys.readouterr()
    assert main(["import-content", str(tree)]) == 0
    out = capsys.readouterr().out
    assert "kept, not in the files (--prune deletes them): scenario:self-healing" in out
    assert "nothing changed" in out
    assert _has_scenario(tmp_path, "self-healing")


def test_import_content_with_prune_deletes_items_missing_from_the_files(monkeypatch, tmp_path, capsys,
                                                                        fresh_database):
    _env(monkeypatch, fresh_database)
    assert main(["import-content", str(TEST_CONTENT)]) == 0
    tree = shutil.copytree(TEST_CONTENT, tmp_path / "content")
    (tree / "scenarios" / "self-healing.yml").unlink()
    shutil.rmtree(tree / "paths")  # the learning path has a stop on it
    capsys.readouterr()
    assert main(["import-content", "--prune", str(tree)]) == 0
    assert "2 deleted" in capsys.readouterr().out
    assert not _has_scenario(tmp_path, "self-healing")
