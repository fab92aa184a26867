"""The scenario player in Chromium: clicks, the keyboard, the timeline, autoplay, history and what-if."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(page: Page) -> Page:
    """A page that fails the test on any uncaught script error."""
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    assert not errors, errors


def step_count(page: Page):
    return page.locator("#player .step-count")


def test_player_steps_by_clicks_without_reloading_and_back_works(page: Page):
    page.goto("/en/scenarios/rolling-update")
    page.evaluate("window.stayedOnPage = true")  # an htmx swap keeps it; a full page load would not
    expect(step_count(page)).to_have_text(re.compile(r"^Step 1 of \d+$"))
    page.get_by_role("link", name="Next ▶").click()
    expect(page).to_have_url(re.compile(r"/en/scenarios/rolling-update\?step=1$"))
    expect(page.locator("#prediction form")).to_be_visible()  # step 2 is asked about before it is shown
    page.get_by_role("link", name="Skip the question").click()
    expect(page).to_have_url(re.compile(r"/en/scenarios/rolling-update\?step=1&guess=p1-skip$"))
    expect(step_count(page)).to_have_text(re.compile(r"^Step 2 of "))
    page.locator(".timeline-steps a").nth(4).click()
    expect(page).to_have_url(re.compile(r"step=4$"))
    expect(page.locator('.timeline-steps a[aria-current="step"]')).to_have_text("5")
    assert page.evaluate("window.stayedOnPage") is True
    page.go_back()
    expect(step_count(page)).to_have_text(re.compile(r"^Step 2 of "))
    page.get_by_role("link", name="Last »").click()
    expect(page.get_by_role("link", name="Next ▶")).to_have_attribute("aria-disabled", "true")


def test_player_steps_by_arrow_keys(page: Page):
    page.goto("/ko/scenarios/self-healing")
    expect(step_count(page)).to_have_text(re.compile(r"^1 / \d+단계$"))
    page.keyboard.press("ArrowRight")
    expect(step_count(page)).to_have_text(re.compile(r"^2 / "))
    page.keyboard.press("ArrowRight")
    expect(step_count(page)).to_have_text(re.compile(r"^3 / "))
    page.keyboard.press("ArrowLeft")
    expect(step_count(page)).to_have_text(re.compile(r"^2 / "))
    expect(page).to_have_url(re.compile(r"step=1"))


def test_player_autoplay_advances_and_pauses(page: Page):
    page.clock.install()
    page.goto("/en/scenarios/autoscaling")
    button = page.get_by_role("button", name="Play")
    expect(button).to_be_visible()
    button.click()
    expect(page.get_by_role("button", name="Pause")).to_have_attribute("aria-pressed", "true")
    page.clock.run_for(11_000)  # the default pace leaves 12 s to read a step
    expect(step_count(page)).to_have_text(re.compile(r"^Step 1 of "))
    page.clock.run_for(1_500)
    expect(step_count(page)).to_have_text(re.compile(r"^Step 2 of "))
    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(30_000)
    expect(step_count(page)).to_have_text(re.compile(r"^Step 2 of "))


def test_whatif_form_reruns_with_parameters_in_the_url(page: Page):
    page.goto("/en/scenarios/rolling-update")
    page.get_by_label("replicas").fill("10")
    page.get_by_role("button", name="Run again").click()
    expect(page).to_have_url(re.compile(r"replicas=10"))
    expect(page.locator("#player .legend")).to_contain_text("desired: 10")
    page.get_by_label("replicas").fill("0")
    page.get_by_role("button", name="Run again").click()
    expect(page.locator("#err-replicas")).to_contain_text("Error:")
    expect(page.get_by_label("replicas")).to_have_value("0")


@pytest.mark.parametrize("width", [375, 1280])
def test_player_screenshots(page: Page, width: int, output_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/ko/scenarios/hundred-at-midnight?step=3")
    expect(step_count(page)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(Path(output_path) / f"scenario-{width}.png"), full_page=True)
