"""A content file that is malformed, duplicated or has an unknown field: import refuses, names the file and line,
and the database is exactly as it was, even though the rest of the tree would have changed it."""

import shutil

import pytest
from sqlalchemy import MetaData, select

from app.cli import main
from app.db import make_engine
from tests.conftest import TEST_CONTENT


def _every_row(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, to compare a database before and after."""
    engine = make_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            return {name: sorted(map(tuple, connection.execute(select(table))), key=repr)
                    for name, table in metadata.tables.items()}
    finally:
        engine.dispose()


def _replace(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


BREAKAGES = {
    "malformed YAML": (lambda tree: _replace(tree / "tags.yml", "ko: 도커", "ko: [도커"), "tags.yml:4: not valid YAML"),
    "malformed front matter": (lambda tree: _replace(tree / "concepts" / "docker.en.md", "---\n", ""),
                               "concepts/docker.en.md:1: must start with YAML front matter"),
    "duplicated tag": (lambda tree: (tree / "tags.yml").write_text(
        (tree / "tags.yml").read_text() + "- slug: docker\n  order: 99\n  ko: 또 도커\n  en: Docker again\n"),
        "tags.yml:9: 2.slug: tag 'docker' is listed twice"),
    "duplicated key": (lambda tree: _replace(tree / "concepts" / "docker.en.md", "summary:", "summary: once\nsummary:"),
                       "concepts/docker.en.md:4: summary: this key appears twice"),
    "unknown field": (lambda tree: _replace(tree / "concepts" / "docker.en.md", "order: 10\n", "order: 10\ncolour: blue\n"),
                      "concepts/docker.en.md:5: colour: unknown field"),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_file_is_named_and_nothing_is_imported(breakage, fresh_database, small_template, tmp_path,
                                                        monkeypatch, capsys):
    url = fresh_database(small_template)
    monkeypatch.setenv("EXPLORER_ENV", "dev")
    monkeypatch.setenv("EXPLORER_DATABASE_URL", url)
    tree = shutil.copytree(TEST_CONTENT, tmp_path / "content")
    # A valid change elsewhere in the same tree: it must not be written either.
    _replace(tree / "concepts" / "kubernetes.en.md", "title: Kubernetes", "title: Kubernetes, changed")
    break_it, expected = BREAKAGES[breakage]
    break_it(tree)
    before = _every_row(url)

    assert main(["import-content", str(tree)]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and f"content/{expected}" in err, err
    assert _every_row(url) == before
