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


@pytest.mark.slow
def test_a_short_soak_of_three_replicas_survives_one_killed():
    """Three replicas behind nginx on one PostgreSQL, one killed with SIGKILL halfway: no GET fails, and every save
    is acknowledged and stored once, or was in flight on the killed replica and answered with an error."""
    from tests import machine

    machine.require("postgresql")
    machine.require("nginx")
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "soak.py"), "--seconds", "8", "--clients", "6", "--workers", "1",
         "--postgresql", "--replicas", "3", "--kill"],
        # The system's temporary folder: the PostgreSQL server runs as its own user, who cannot enter tmp_path.
        cwd=ROOT, capture_output=True, text=True, timeout=400, env=_environment())
    report = result.stdout
    assert result.returncode == 0, report + result.stderr[-3000:]
    assert "(GET and HEAD: **0**)" in report
    assert "one replica killed with SIGKILL" in report and "killed the replica" in result.stderr
    assert re.search(r"lost \*\*0\*\*, duplicated \*\*0\*\*, refused but stored \*\*0\*\*", report), report


@pytest.mark.parametrize("arguments", [["--kill"], ["--replicas", "3"]])
def test_the_soak_refuses_a_kill_without_replicas_and_replicas_without_postgresql(arguments):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "soak.py"), *arguments], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, env=_environment())
    assert result.returncode == 2 and ("--kill needs" in result.stderr or "PostgreSQL" in result.stderr)
