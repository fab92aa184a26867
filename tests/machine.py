"""What some tests need from the machine beyond Python, and the parts a person chose to leave out.

EXPLORER_TEST_SKIP=browser,image,postgresql,nginx (any of them, comma-separated) leaves out the browser tests, the
container image test, the tests that start their own PostgreSQL server in the SQLite pass (`make test` then
also leaves out the PostgreSQL pass), and the tests that run nginx in front of the app. Only that choice skips them: without it, a missing Chromium, buildah or
PostgreSQL fails the tests that need it, naming the command that installs it.
"""

import os

import pytest

PARTS = ("browser", "image", "postgresql", "nginx")
INSTALL = "sudo scripts/install-system-packages"


def left_out() -> list[str]:
    """The parts EXPLORER_TEST_SKIP names; an unknown name is an error, so that a typo never skips quietly."""
    chosen = [part.strip() for part in os.environ.get("EXPLORER_TEST_SKIP", "").split(",") if part.strip()]
    unknown = [part for part in chosen if part not in PARTS]
    if unknown:
        raise pytest.UsageError(f"EXPLORER_TEST_SKIP: unknown part {', '.join(unknown)} (the parts: {', '.join(PARTS)})")
    return chosen


def require(part: str, missing: str | None = None) -> None:
    """Skip when this part was left out by choice; fail, saying what to do, when what it needs is missing."""
    if part in left_out():
        pytest.skip(f"left out by choice: EXPLORER_TEST_SKIP={os.environ['EXPLORER_TEST_SKIP']}")
    if missing:
        pytest.fail(f"{missing}. Install what the tests need with `{INSTALL}`, or leave these tests out by "
                    f"choice with EXPLORER_TEST_SKIP={part}", pytrace=False)
