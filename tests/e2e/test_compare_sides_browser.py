"""The three-way comparison in Chromium: at 375 px each row is a readable card naming each side, nothing scrolls
sideways, a desktop shows one column per side, and axe finds nothing in the light or the dark theme."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import assert_no_axe_violations, horizontal_overflow, screenshot

pytestmark = pytest.mark.e2e

PATH = "/{lang}/compare/compose-vs-swarm-vs-kubernetes"
LABELS = {"ko": ["도커 컴포즈", "스웜 모드", "쿠버네티스"], "en": ["Docker Compose", "Swarm mode", "Kubernetes"]}
CELLS_JS = """() => [...document.querySelectorAll('table.compare tbody td')].map(td => {
  const box = td.getBoundingClientRect(), style = getComputedStyle(td);
  return {label: getComputedStyle(td, '::before').content.replace(/^"|"$/g, ''), width: box.width,
          display: style.display, fontSize: parseFloat(style.fontSize), text: td.innerText.trim()};
})"""


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_each_row_is_a_readable_card_on_a_phone(page: Page, lang: str):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(PATH.format(lang=lang))
    expect(page.locator("h1")).to_be_visible()
    assert horizontal_overflow(page) == [], horizontal_overflow(page)
    cells = page.evaluate(CELLS_JS)
    rows = page.locator("table.compare tbody tr").count()
    assert rows >= 9 and len(cells) == 3 * rows
    for i, cell in enumerate(cells):
        # Stacked one under another, nearly the width of the screen, each saying which side it is.
        assert cell["display"] == "block" and cell["width"] > 300 and cell["fontSize"] >= 14, cell
        assert cell["label"] == LABELS[lang][i % 3] and cell["text"], cell
    # The row's aspect heads its card.
    first = page.locator("table.compare tbody tr").first
    expect(first.locator("th")).to_be_visible()
    assert first.locator("th").bounding_box()["y"] < first.locator("td").first.bounding_box()["y"]
    screenshot(page, f"compare-three-way-375-{lang}")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_desktop_shows_one_column_per_side(page: Page, lang: str):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(PATH.format(lang=lang))
    headers = page.locator("table.compare thead th")
    expect(headers).to_have_count(4)
    assert headers.all_inner_texts()[1:] == LABELS[lang]
    cells = page.evaluate(CELLS_JS)
    assert {cell["display"] for cell in cells} == {"table-cell"}
    assert horizontal_overflow(page) == []


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_comparison_page_is_axe_clean(page: Page, lang: str, theme: str):
    page.emulate_media(color_scheme=theme)
    for size in ({"width": 375, "height": 800}, {"width": 1280, "height": 800}):
        page.set_viewport_size(size)
        page.goto(PATH.format(lang=lang) + f"?theme={theme}")
        assert page.locator("html").get_attribute("data-theme") in (theme, None)
        assert_no_axe_violations(page, f"{lang}, {theme}, {size['width']} px")
    page.goto(f"/{lang}/compare?theme={theme}")
    assert_no_axe_violations(page, f"{lang} list, {theme}")
