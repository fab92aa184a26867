"""Beyond axe, in Chromium: the skip link, visible focus, the keyboard alone, focus and announcements after htmx swaps, print."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import PUBLIC_PAGES, SCREENSHOTS, assert_no_axe_violations, with_query

pytestmark = pytest.mark.e2e

LIVE = "#live-status"  # the one polite live region that says what a swap changed


@pytest.fixture
def page(page: Page) -> Page:
    """A page that fails the test on any uncaught script error or anything the CSP blocks."""
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
    yield page
    assert not errors, errors


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching the selector has focus."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_skip_link_is_first_visible_on_focus_and_jumps_to_the_content(page: Page):
    page.goto("/en/concepts/docker")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0, box  # on screen once focused
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="All concepts")).to_be_focused()  # the first link inside the content


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_focused_control_shows_a_visible_outline(page: Page, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto("/en/calculators/hpa")
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        outline = page.evaluate("""() => {
          const el = document.activeElement, style = getComputedStyle(el);
          if (el === document.body) return null;
          return {tag: el.tagName + '#' + el.id + '.' + el.className + ' ' + (el.textContent || '').trim().slice(0, 20),
                  style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
        }""")
        if outline is None:  # past the last control
            break
        seen.add(outline["tag"])
        assert outline["style"] != "none" and outline["width"] >= 2, outline
    assert len(seen) > 15


def test_headings_run_in_order_on_every_page_type(page: Page):
    for name, path in PUBLIC_PAGES.items():
        page.goto(with_query(path, lang="ko"))
        levels = page.evaluate("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]"
                               ".filter(h => h.checkVisibility()).map(h => Number(h.tagName[1]))")
        assert levels and levels[0] == 1 and levels.count(1) == 1, (name, levels)
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert not jumps, (name, levels)


def test_calculator_by_keyboard_alone_keeps_focus_and_announces_the_result(page: Page):
    page.goto("/en/calculators/hpa")
    tab_to(page, "#f-target_metric")
    page.keyboard.press("Control+A")
    page.keyboard.type("45")
    expect(page.locator("#calc-result .big-number strong").last).to_have_text("8")  # wanted: ceil(4 × 90 / 45) = 8
    expect(page.locator(LIVE)).to_have_text(re.compile(r"ceil\(4 × 90 / 45\)"))
    expect(page.locator("#f-target_metric")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    expect(page.locator(LIVE)).to_contain_text("ceil(18) = 18")  # then clamped to 10
    tab_to(page, ".calc-form button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"target_metric=20"))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_htmx_swaps_keep_focus_announce_and_stay_accessible(page: Page, lang: str):
    """Each kind of fragment swap, driven by the keyboard: where focus goes, what is said, and axe afterwards."""

    def check(where: str, focused: str, said: str | re.Pattern) -> None:
        expect(page.locator(focused)).to_be_focused()
        expect(page.locator(LIVE)).to_have_text(said)
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            assert_no_axe_violations(page, f"{where} after a swap ({lang}, {scheme})")
        page.emulate_media(color_scheme="light")

    page.goto(f"/{lang}/scenarios/rolling-update")
    page.locator("#step-next").focus()
    page.keyboard.press("Enter")
    check("player", "#step-next", re.compile(r"maxSurge"))  # the question asked before step 2 is announced
    page.locator("#step-6").focus()
    page.keyboard.press("Enter")
    check("player timeline", "#step-6", re.compile(r"7"))

    page.goto(f"/{lang}/concepts")
    page.locator("#tag-filter").focus()
    page.keyboard.press("ArrowDown")  # Chromium changes a closed select's value with the arrow keys
    expect(page).to_have_url(re.compile(r"tag="))
    check("concept filter", "#tag-filter", re.compile(r"\d"))

    page.goto(f"/{lang}/search")
    page.locator("#search-q").focus()
    page.keyboard.type("kubernetes")
    expect(page).to_have_url(re.compile(r"q=kubernetes"))
    check("search", "#search-q", re.compile(r"\d"))

    page.goto(f"/{lang}/calculators/hpa")
    page.locator("#f-current_metric").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("120")
    expect(page).to_have_url(re.compile(r"current_metric=120"))
    check("calculator", "#f-current_metric", re.compile(r"120"))

    page.goto(f"/{lang}/stacks")
    page.locator("#layer-vm-hypervisor").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"layer=hypervisor"))
    check("stack layer", "#layer-vm-hypervisor", re.compile(r"\S"))


def test_theme_switch_by_keyboard(page: Page):
    page.goto("/en/")
    tab_to(page, '.theme-switch button[value="dark"]')
    page.keyboard.press("Space")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(page.locator('.theme-switch button[value="dark"]')).to_be_focused()
    assert_no_axe_violations(page, "home with the dark theme chosen")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    assert_no_axe_violations(page, "home with the light theme chosen under a dark system")


def test_concept_page_prints_without_navigation(page: Page):
    page.emulate_media(color_scheme="dark")
    page.goto("/ko/concepts/docker")
    page.emulate_media(media="print", color_scheme="dark")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".breadcrumb")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".note").first).to_be_visible()
    colours = page.evaluate("[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]")
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]  # black on white even when the screen is dark
    link = page.locator(".note-source a").first
    assert link.evaluate("el => getComputedStyle(el, '::after').content").startswith('" <http')
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=SCREENSHOTS / "concept-print.pdf", format="A4")
    assert pdf.startswith(b"%PDF")


def test_favicon_and_page_titles(page: Page):
    page.goto("/en/compare/vm-vs-container")
    expect(page).to_have_title(re.compile(r" · Docker ↔ Kubernetes Explorer$"))
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    response = page.request.get(icon)
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")
    titles = set()
    for path in ("/", "/ko/concepts", "/ko/concepts/docker", "/ko/stacks", "/ko/scenarios", "/ko/calculators/hpa", "/ko/search"):
        page.goto(f"{path}?lang=ko")
        titles.add(page.title())
    assert len(titles) == 7, titles
