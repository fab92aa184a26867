"""The learning path and the concept map in Chromium: progress kept in the browser, "continue", the map by keyboard."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import assert_no_axe_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
# Screenshots for a person to look at, outside the repository unless EXPLORER_SHOTS says where.
SHOTS = Path(os.environ.get("EXPLORER_SHOTS", "test-results/screenshots/path-and-map"))


@pytest.fixture
def fresh(browser, base_url):
    """A tab in a new browser context: its localStorage starts empty."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    yield page
    context.close()


def ends_with(path: str) -> re.Pattern:
    return re.compile(re.escape(path) + "$")


def stop_links(page: Page):
    return page.locator(".path-stops > li h2 a")


def test_path_progress_is_kept_and_continue_goes_to_the_next_unvisited_stop(fresh):
    page = fresh
    page.goto("/en/path")
    total = stop_links(page).count()
    hrefs = [stop_links(page).nth(i).get_attribute("href") for i in range(total)]
    titles = [stop_links(page).nth(i).inner_text() for i in range(total)]
    progress = page.locator("#path-progress")
    expect(progress).to_be_visible()
    expect(page.locator("#path-count")).to_have_text(f"0 of {total} stops visited")
    expect(page.locator("#path-continue")).to_have_attribute("href", hrefs[0])

    stop_links(page).nth(0).click()
    expect(page).to_have_url(ends_with(hrefs[0]))
    # The stop's own page links to the next stop.
    expect(page.locator("#path-next a")).to_have_text(f"Next on the learning path: {titles[1]}")
    expect(page.locator("#path-next a")).to_have_attribute("href", hrefs[1])

    page.goto("/en/path")
    expect(page.locator("#path-count")).to_have_text(f"1 of {total} stops visited")
    expect(page.locator("#path-bar")).to_have_attribute("value", "1")
    expect(page.locator("#path-continue")).to_have_attribute("href", hrefs[1])
    expect(page.locator("#path-continue")).to_have_text(f"Continue where you left off: {titles[1]}")

    # Skipping ahead to the third stop: "continue" still goes to the second, the first one not visited.
    stop_links(page).nth(2).click()
    expect(page).to_have_url(ends_with(hrefs[2]))
    page.go_back()
    expect(page.locator("#path-count")).to_have_text(f"2 of {total} stops visited")
    page.reload()
    expect(page.locator("#path-count")).to_have_text(f"2 of {total} stops visited")
    expect(page.locator(".path-stop.is-visited")).to_have_count(2)
    expect(page.locator("#path-continue")).to_have_attribute("href", hrefs[1])

    page.locator("#path-continue").click()
    expect(page).to_have_url(ends_with(hrefs[1]))
    expect(page.locator("#path-next a")).to_have_attribute("href", hrefs[3])  # the third is done already
    page.goto("/en/path")
    expect(page.locator("#path-continue")).to_have_attribute("href", hrefs[3])
    # Progress is per reader, not per language: the Korean page shows the same stops visited.
    page.goto("/ko/path")
    expect(page.locator("#path-bar")).to_have_attribute("value", "3")

    page.get_by_role("button", name="처음부터 다시").click()
    expect(page.locator("#path-bar")).to_have_attribute("value", "0")
    expect(page.locator(".path-stop.is-visited")).to_have_count(0)


def test_path_without_javascript_is_an_ordered_list_of_links(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/en/path")
        expect(page.locator("#path-progress")).to_be_hidden()
        links = page.locator("ol.path-stops > li a")
        assert links.count() >= 10
        links.nth(0).click()
        expect(page).to_have_url(ends_with("/en/concepts/container"))
        expect(page.locator("#path-next")).to_have_count(0)
    finally:
        context.close()


def test_map_nodes_are_links_reached_by_keyboard_in_reading_order(fresh):
    page = fresh
    page.set_viewport_size(DESKTOP)
    page.goto("/en/map")
    nodes = page.locator("svg .map-node")
    count = nodes.count()
    assert count >= 20
    page.get_by_role("link", name="Skip the drawing to the list").focus()
    page.keyboard.press("Tab")  # the scrollable drawing itself, so that it can be scrolled by keyboard
    expect(page.locator(".concept-map")).to_be_focused()
    for index in range(3):
        page.keyboard.press("Tab")
        expect(nodes.nth(index)).to_be_focused()
    third = nodes.nth(2).get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(ends_with(third))


@pytest.mark.parametrize("path", ["/ko/path", "/en/path", "/ko/map", "/en/map"])
def test_path_and_map_pages_are_axe_clean_in_both_themes_and_fit_a_phone(fresh, path):
    page = fresh
    name = path.strip("/").replace("/", "-")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], f"{path} scrolls sideways"
            assert_no_axe_violations(page, f"{path}, {scheme}, {size['width']} px")
            page.screenshot(path=SHOTS / f"{name}-{size['width']}-{scheme}.png", full_page=True)
            page.screenshot(path=SHOTS / f"{name}-{size['width']}-{scheme}-top.png")
