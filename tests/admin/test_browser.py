"""In Chromium: log in, edit a concept with the live preview, save, and see it on the public page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.settings import PROJECT_ROOT
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, _free_port, _wait_until_healthy

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing")]
USER, PASSWORD = "editor", "a long browser password"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    """The app with an admin configured, served by uvicorn on a free local port."""
    directory: Path = tmp_path_factory.mktemp("admin-live")
    port = _free_port()
    env = {**os.environ, "EXPLORER_ENV": "dev", "EXPLORER_DATABASE_URL": f"sqlite:///{directory / 'explorer.db'}",
           "EXPLORER_CONTENT_DIR": str(Path(__file__).parent.parent / "content"), "EXPLORER_ADMIN_USER": USER,
           "EXPLORER_ADMIN_PASSWORD": PASSWORD}
    log = directory / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1",
                                   "--port", str(port), "--log-level", "warning"],
                                  cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_an_admin_edits_a_concept_with_the_preview_and_sees_it_published(page: Page):
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto("/admin/concepts/docker?lang=en")
    expect(page.locator("h1")).to_have_text("Log in")
    page.get_by_label("Username").fill(USER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1")).to_contain_text("docker")

    body = page.locator('textarea[name="body.en"]')
    body.fill("Docker runs **one container** at a time, edited in the browser.")
    preview = page.locator("#preview-body-en")
    expect(preview).to_contain_text("one container at a time")
    expect(preview.locator("strong")).to_have_text("one container")

    page.get_by_role("button", name="Save").last.click()
    expect(page.locator(".flash")).to_contain_text("Saved")

    page.goto("/concepts/docker?lang=en")
    expect(page.locator(".prose strong").first).to_have_text("one container")
    assert problems == []
