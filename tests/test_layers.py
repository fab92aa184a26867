"""The import contracts in pyproject.toml hold, and a forbidden import breaks them (so `make test` fails on it)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.settings import PROJECT_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    # lint-imports reads the contracts from pyproject.toml and finds the app package from the working directory.
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120)


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT_ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_contracts_are_kept():
    result = _lint(PROJECT_ROOT)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("content/catalog.py", "import fastapi  # noqa", "app.content is not allowed to import fastapi"),
    ("content/editing.py", "from app.http import caching  # noqa", "app.content is not allowed to import app.http"),
    ("web/home.py", "from app.api import content  # noqa", "app.web is not allowed to import app.api"),
    ("sim/engine.py", "from app import models  # noqa", "app.sim is not allowed to import app.models"),
])
def test_a_forbidden_import_breaks_the_contracts(tmp_path, module, line, broken):
    root = _copy(tmp_path)
    path = root / "app" / module
    path.write_text(path.read_text() + "\n" + line + "\n")
    result = _lint(root)
    assert result.returncode == 1
    assert broken in result.stdout
