"""Every page type in Chromium, in Korean and English, light and dark: axe, the language switch, phone width, zoom, screenshots."""

import pytest
from playwright.sync_api import Page, expect

from app.i18n.catalogs import translations
from tests.e2e.support import (
    ADMIN_PAGES,
    PUBLIC_PAGES,
    assert_no_axe_violations,
    english_left_in,
    hangul_lines,
    horizontal_overflow,
    log_in,
    screenshot,
    ui_text,
    with_query,
)

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
# Names that Korean text writes in Latin letters too: products, API objects, and the JSON field names of the admin.
PROPER_NOUNS = frozenset({"Docker", "Kubernetes", "Containers", "Replicas"})


@pytest.fixture(scope="module")
def admin_page(browser, base_url):
    """One logged-in admin tab for the admin page types."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    log_in(page)
    yield page
    context.close()


def check_page_type(page: Page, name: str, path: str) -> None:
    """English first, then a click on 한국어: every check in both languages, axe in both themes."""
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme="light")
    page.goto(with_query(path, lang="en"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    english = ui_text(page)
    assert not hangul_lines(english), f"{name}: Korean left on the English page: {hangul_lines(english)}"
    check_in_this_language(page, f"{name} (en)")
    check_text_zoom(page, name)

    page.set_viewport_size(PHONE)
    page.locator("#lang-switch").get_by_role("link", name="한국어").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    left = english_left_in(ui_text(page), PROPER_NOUNS)
    assert not left, f"{name}: English UI text left on the Korean page: {left}"
    check_in_this_language(page, f"{name} (ko)")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            screenshot(page, f"{name}-{size['width']}-{scheme}")
    page.emulate_media(color_scheme="light")


def check_in_this_language(page: Page, where: str) -> None:
    """A title of its own, nothing wider than a phone, and no axe violations in either theme."""
    site_name = translations(page.locator("html").get_attribute("lang")).gettext("Docker ↔ Kubernetes Explorer")
    title = page.title()
    assert title.endswith(f" · {site_name}") and title != f"{site_name} · {site_name}" or where.startswith("home"), title
    assert horizontal_overflow(page) == [], f"{where} scrolls sideways at 375 px: {horizontal_overflow(page)}"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"{where}, {scheme}")
    page.emulate_media(color_scheme="light")


def check_text_zoom(page: Page, name: str) -> None:
    """Text at 200 % on a desktop window: nothing spills sideways and the heading and menu stay in view."""
    page.set_viewport_size(DESKTOP)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    try:
        assert horizontal_overflow(page) == [], f"{name} at 200 % text: {horizontal_overflow(page)}"
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator(".site-nav")).to_be_visible()
    finally:
        page.evaluate("document.documentElement.style.fontSize = ''")


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_type(page: Page, name: str):
    check_page_type(page, name, PUBLIC_PAGES[name])


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_page_type(admin_page: Page, name: str):
    check_page_type(admin_page, name, ADMIN_PAGES[name])
