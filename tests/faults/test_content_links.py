"""A content tree that reaches outside itself or holds a huge file: import refuses it, names the file, and writes
nothing (a link could bring in any file the importing user may read)."""

import shutil

import pytest

from app.cli import main
from tests.conftest import TEST_CONTENT
from tests.faults.test_content_files import _every_row


def _link_out(tree, tmp_path):
    outside = tmp_path / "elsewhere.md"
    shutil.copyfile(tree / "concepts" / "docker.en.md", outside)
    (tree / "concepts" / "docker.en.md").unlink()
    (tree / "concepts" / "docker.en.md").symlink_to(outside)


def _link_folder_out(tree, tmp_path):
    shutil.move(tree / "concepts", tmp_path / "concepts-elsewhere")
    (tree / "concepts").symlink_to(tmp_path / "concepts-elsewhere")


def _huge(tree, tmp_path):
    path = tree / "concepts" / "docker.en.md"
    path.write_text(path.read_text() + "\n" + "word " * 1_000_000)


CASES = {"a file linked from outside": (_link_out, "is a symbolic link or lies outside the content tree"),
         "a folder linked from outside": (_link_folder_out, "is a symbolic link or lies outside the content tree"),
         "a 5 MB file": (_huge, "is larger than 256 KiB")}


@pytest.mark.parametrize("case", CASES)
def test_import_content_refuses_links_out_of_the_tree_and_huge_files(case, fresh_database, small_template, tmp_path,
                                                                     monkeypatch, capsys):
    url = fresh_database(small_template)
    monkeypatch.setenv("EXPLORER_ENV", "dev")
    monkeypatch.setenv("EXPLORER_DATABASE_URL", url)
    tree = shutil.copytree(TEST_CONTENT, tmp_path / "content")
    make, expected = CASES[case]
    make(tree, tmp_path)
    before = _every_row(url)

    assert main(["import-content", str(tree)]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and "docker.en.md:1: " + expected in err, err
    assert _every_row(url) == before
