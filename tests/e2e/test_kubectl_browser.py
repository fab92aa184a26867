"""The kubectl panel in Chromium: opened and copied from with the keyboard, kept open across steps, axe-clean."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import assert_no_axe_violations, horizontal_overflow

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(page: Page, base_url: str) -> Page:
    """A page that may use the clipboard and fails the test on any uncaught script error."""
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    yield page
    assert not errors, errors


def test_panel_opens_and_copies_with_the_keyboard(page: Page):
    page.goto("/en/scenarios/self-healing?step=2")
    panel = page.locator("#kubectl-panel")
    expect(panel).not_to_have_attribute("open", "")
    summary = panel.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(panel).to_have_attribute("open", "")
    first = panel.locator("pre.term-out").first
    expect(first).to_contain_text("$ kubectl get pods -o wide")
    expect(first).to_contain_text("CrashLoopBackOff")
    page.keyboard.press("Tab")
    expect(first).to_be_focused()
    page.keyboard.press("ArrowRight")  # scrolls the terminal; the player must stay on its step
    expect(page.locator("#player .step-count")).to_have_text(re.compile(r"^Step 3 of "))
    page.keyboard.press("Tab")
    copy = panel.locator(".term-copy").first
    expect(copy).to_be_focused()
    expect(copy).to_have_accessible_name("Copy kubectl get pods -o wide")
    page.keyboard.press("Enter")
    expect(panel.locator("[data-copy-status]")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == "kubectl get pods -o wide"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.evaluate("navigator.clipboard.readText()") == "kubectl get deployment"
    expect(copy).to_be_visible()


def test_panel_stays_open_when_the_player_steps(page: Page):
    page.goto("/en/scenarios/rolling-update?step=0")
    page.locator("#kubectl-panel summary").click()
    page.get_by_role("link", name="Next ▶").click()
    expect(page).to_have_url(re.compile(r"step=1$"))
    page.get_by_role("link", name="Skip the question").click()  # step 1 is asked about before it is shown
    expect(page).to_have_url(re.compile(r"step=1&guess=p1-skip$"))
    panel = page.locator("#kubectl-panel")
    expect(panel).to_have_attribute("open", "")
    expect(panel).to_contain_text("Waiting for deployment \"web\" rollout to finish")


def test_manifest_copy_takes_the_whole_yaml(page: Page):
    page.goto("/en/scenarios/autoscaling?max_replicas=7")
    section = page.locator("section.manifests")
    section.locator("summary").click()
    button = section.get_by_role("button", name="Copy HorizontalPodAutoscaler/web")
    button.focus()
    page.keyboard.press("Enter")
    expect(section.locator("[data-copy-status]")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler") and "maxReplicas: 7" in copied


@pytest.mark.parametrize("path", ["/ko/scenarios/docker-vs-kubernetes?step=6", "/en/scenarios/hundred-at-midnight?step=2"])
def test_open_panels_are_axe_clean_in_both_themes_and_fit_a_phone(page: Page, path: str):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(path)
    page.locator("#kubectl-panel summary").click()
    page.locator("section.manifests summary").click()
    expect(page.locator("#kubectl-panel .term-copy").first).to_be_visible()
    assert horizontal_overflow(page) == [], horizontal_overflow(page)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"{path}, {scheme}")
