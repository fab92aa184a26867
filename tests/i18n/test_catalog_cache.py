"""Compiled catalogs kept on disk: the next start reads them, an edited .po is compiled afresh, and a folder that
others could write to is never read."""

import os
import shutil
import tempfile

import pytest

from app.i18n import catalogs


@pytest.fixture
def temporary_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    return tmp_path


@pytest.fixture
def locale(tmp_path, monkeypatch):
    """A copy of the catalogs, free to edit."""
    copy = tmp_path / "locale"
    shutil.copytree(catalogs.LOCALE_DIR, copy)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", copy)
    return copy


def test_a_start_reads_what_an_earlier_one_compiled(temporary_dir, locale):
    first = catalogs._compile("ko")
    [kept] = (temporary_dir / f"explorer-catalogs-{os.getuid()}").iterdir()
    assert kept.name.startswith("ko-") and kept.suffix == ".mo"
    kept.write_bytes(kept.read_bytes().replace("개념".encode(), "槪念".encode()))  # what a later start will find
    assert first.gettext("Concepts") == "개념"
    assert catalogs._compile("ko").gettext("Concepts") == "槪念"


def test_an_edited_catalog_is_compiled_again(temporary_dir, locale):
    assert catalogs._compile("ko").gettext("Concepts") == "개념"
    po = catalogs.catalog_path("ko")
    po.write_text(po.read_text().replace('msgstr "개념"', 'msgstr "컨셉"', 1))
    assert catalogs._compile("ko").gettext("Concepts") == "컨셉"
    assert len(list((temporary_dir / f"explorer-catalogs-{os.getuid()}").iterdir())) == 2


def test_a_folder_others_can_write_to_is_not_used(temporary_dir, locale):
    folder = temporary_dir / f"explorer-catalogs-{os.getuid()}"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    assert catalogs._cache_file("ko", b"anything") is None
    assert catalogs._compile("ko").gettext("Concepts") == "개념"  # compiled, as without a cache
    assert list(folder.iterdir()) == []
