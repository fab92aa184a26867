"""The scenario player as a reader sees it: the cluster stays in view, the pace, the what-if notice, both themes."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import assert_no_axe_violations, horizontal_overflow

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("EXPLORER_PLAYER_SHOTS", "test-results/screenshots/player"))


def in_viewport(page: Page, selector: str) -> bool:
    """Whether the element's top part (at least 80 px of it, or all of it) is inside the window."""
    return page.evaluate("""(selector) => {
      const box = document.querySelector(selector).getBoundingClientRect();
      const seen = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0);
      return seen >= Math.min(80, box.height);
    }""", selector)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_next_keeps_the_steps_cluster_in_view(page: Page, lang: str):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/{lang}/scenarios/autoscaling?step=3")  # past the first question (asked before step 2)
    page.locator("#step-next").click()
    expect(page).to_have_url(re.compile(r"step=4$"))
    expect(page.locator("#player")).to_have_attribute("data-index", "4")
    expect(page.locator("#cluster .node").first).to_be_in_viewport()
    assert in_viewport(page, "#cluster .node") and in_viewport(page, "#step-next")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#player")).to_have_attribute("data-index", "5")
    assert in_viewport(page, "#cluster .node") and in_viewport(page, "#step-summary")


def test_next_is_the_main_control_and_the_keys_are_named(page: Page):
    page.goto("/en/scenarios/self-healing")
    next_link = page.locator("#step-next")
    colour = next_link.evaluate("el => getComputedStyle(el).backgroundColor")
    previous = page.locator("#step-prev").evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour != previous
    expect(page.locator(".keys-hint")).to_contain_text("← and →")
    autoplay = page.locator("#step-autoplay")
    assert autoplay.evaluate("el => getComputedStyle(el).backgroundColor") != colour


def test_autoplay_waits_the_chosen_pace(page: Page):
    page.clock.install()
    page.goto("/en/scenarios/autoscaling")
    count = page.locator("#player .step-count")
    page.get_by_label("Pace").select_option("6000")
    page.get_by_role("button", name="Play").click()
    page.clock.run_for(5000)
    expect(count).to_have_text(re.compile(r"^Step 1 of "))
    page.clock.run_for(1500)
    expect(count).to_have_text(re.compile(r"^Step 2 of "))
    page.get_by_role("button", name="Pause").click()
    page.reload()
    expect(page.get_by_label("Pace")).to_have_value("6000")  # remembered on this device


def test_whatif_names_the_new_value_and_offers_the_first_differing_step(page: Page):
    page.goto("/en/scenarios/autoscaling")
    page.locator("#p-peak_at_s").fill("30")
    page.get_by_role("button", name="Run again").click()
    expect(page).to_have_url(re.compile(r"peak_at_s=30"))
    prose = page.locator(".prose").first
    expect(prose).to_contain_text("At 30 s traffic jumps")
    expect(prose).not_to_contain_text("At 300 s")
    notice = page.locator(".whatif-diff")
    expect(notice).to_contain_text("step 2")
    expect(notice).to_contain_text("instead of +05:00")
    notice.get_by_role("link", name="Go to step 2").click()
    expect(page.locator("#player")).to_have_attribute("data-index", "1")
    expect(page.locator("#step-title")).to_contain_text("+00:30")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_player_is_axe_clean_in_both_themes(page: Page, theme: str, lang: str):
    page.emulate_media(color_scheme=theme)
    page.goto(f"/{lang}/scenarios/autoscaling?step=3&max_replicas=12")
    assert_no_axe_violations(page, f"scenario player ({lang}, {theme})")
    page.locator("#step-next").click()
    expect(page.locator("#player")).to_have_attribute("data-index", "4")
    assert_no_axe_violations(page, f"scenario player after Next ({lang}, {theme})")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_player_screenshots(page: Page, width: int, theme: str):
    """What a reader sees after pressing Next, and the whole page, for a person to look through."""
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=theme)
    page.goto("/ko/scenarios/autoscaling?step=3")  # past the first question (asked before step 2)
    page.locator("#step-next").click()
    expect(page.locator("#player")).to_have_attribute("data-index", "4")
    assert horizontal_overflow(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"player-{width}-{theme}-after-next.png"), animations="disabled")
    page.screenshot(path=str(SHOTS / f"player-{width}-{theme}-page.png"), full_page=True, animations="disabled")
    page.locator("#chart").screenshot(path=str(SHOTS / f"chart-ko-{width}-{theme}.png"), animations="disabled")
    page.goto("/en/scenarios/self-healing?step=13")
    page.locator("#chart").screenshot(path=str(SHOTS / f"chart-en-{width}-{theme}.png"), animations="disabled")
