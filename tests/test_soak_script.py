"""bench/soak.py itself, briefly with few clients, so that the soak run keeps working as the app changes."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_a_short_soak_finishes_without_errors_or_lost_saves(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "soak.py"), "--seconds", "3", "--clients", "4"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**_environment(), "TMPDIR": str(tmp_path)})
    report = result.stdout
    assert result.returncode == 0, report + result.stderr[-3000:]
    assert "Result: **zero errors, zero lost saves**" in report
    acknowledged = int(re.search(r"\*\*(\d+) acknowledged\*\*", report)[1])
    assert acknowledged >= 1, report
    assert re.search(r"lost \*\*0\*\*, duplicated \*\*0\*\*, refused but stored \*\*0\*\*", report), report
    assert "responses that were not 2xx/3xx (and transport errors): **0**" in report
    # (The app's own Jinja bytecode cache may stay in the temporary folder, as it does for any server.)
    assert list(tmp_path.glob("explorer-soak-*")) == [], "the soak run left its temporary folder behind"


def _environment() -> dict:
    # The run's own settings come from the script; none of the caller's EXPLORER_* may change them.
    return {name: value for name, value in os.environ.items() if not name.startswith("EXPLORER_")}
