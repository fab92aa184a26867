"""Browser tests: the app served by uvicorn on a free local port, and the system Chromium to drive it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.settings import PROJECT_ROOT
from tests import machine
from tests.servers import Server, free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# Assertions wait for the page longer than Playwright's 5 s default: the machine is shared and can be slow.
expect.set_options(timeout=20_000)
# The live server's first admin (the same account tests/admin/test_browser.py logs in with).
ADMIN_USER, ADMIN_PASSWORD = "editor", "a long browser password"


@pytest.fixture(scope="session", autouse=True)
def _require_chromium():
    """Browser tests need the system Chromium: without it they fail, unless EXPLORER_TEST_SKIP leaves them out."""
    usable = CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)
    machine.require("browser", None if usable else f"{CHROMIUM} is missing")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium (no downloaded browsers) with flags that suit a headless sandbox."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, _require_chromium) -> str:
    """The app with the real content/ on a temporary SQLite database, served on 127.0.0.1 for the session."""
    directory = tmp_path_factory.mktemp("live")
    port = free_port()
    env = {**os.environ, "EXPLORER_ENV": "dev", "EXPLORER_DATABASE_URL": f"sqlite:///{directory / 'explorer.db'}",
           "EXPLORER_CONTENT_DIR": str(PROJECT_ROOT / "content"),
           "EXPLORER_ADMIN_USER": ADMIN_USER, "EXPLORER_ADMIN_PASSWORD": ADMIN_PASSWORD}
    log = directory / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "warning"],
            cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        server.wait_until_healthy()
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative page.goto() addresses go to the live server."""
    return live_server


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def learner(request, browser, base_url):
    """A fresh tab with JavaScript on or off, for the flows that must work both ways; a page error or a Content
    Security Policy violation fails the test."""
    context = browser.new_context(base_url=base_url, java_script_enabled=request.param)
    page = context.new_page()
    page.js = request.param
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
    yield page
    context.close()
    assert not errors, errors
