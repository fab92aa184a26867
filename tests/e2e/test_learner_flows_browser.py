"""What a learner does, in Chromium, once with JavaScript and once without: every flow works both ways."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def stays_on_page(page: Page) -> None:
    """Mark the document: with JavaScript an htmx swap keeps the mark, a full page load would lose it."""
    if page.js:
        page.evaluate("window.stayedOnPage = true")


def assert_stayed(page: Page) -> None:
    if page.js:
        assert page.evaluate("window.stayedOnPage") is True


def test_home_page_leads_to_every_area(learner: Page):
    learner.goto("/en/")
    menu = learner.get_by_role("navigation", name="Main menu")
    for name, path, heading in [("Concepts", "/en/concepts", "Concepts"), ("Compare", "/en/compare", "Compare"),
                                ("Stacks", "/en/stacks", "The VM stack and the container stack"),
                                ("Scenarios", "/en/scenarios", "Orchestration scenarios"),
                                ("Calculators", "/en/calculators", "Controller calculators"), ("Search", "/en/search", "Search"),
                                ("At a glance", "/en/", None)]:
        menu.get_by_role("link", name=name, exact=True).click()
        expect(learner).to_have_url(re.compile(rf"{re.escape(path)}(\?.*)?$"))
        expect(menu.get_by_role("link", name=name, exact=True)).to_have_attribute("aria-current", "page")
        if heading:
            expect(learner.locator("h1")).to_have_text(heading)
    cards = learner.locator(".cards a.card")
    hrefs = [cards.nth(i).get_attribute("href") for i in range(cards.count())]
    assert {"/en/stacks", "/en/scenarios", "/en/calculators", "/en/concepts"} <= set(hrefs)
    for href in hrefs:
        assert learner.request.get(href).ok, href
    learner.locator('.cards a.card[href="/en/stacks"]').click()
    expect(learner).to_have_url(re.compile(r"/stacks$"))
    expect(learner.locator("h1")).to_have_text("The VM stack and the container stack")


def test_concepts_narrow_down_by_tag(learner: Page):
    learner.goto("/en/concepts")
    stays_on_page(learner)
    total = learner.locator("#concept-list .card").count()
    learner.get_by_label("Filter by tag").select_option("kubernetes")
    if not learner.js:
        learner.get_by_role("button", name="Filter").click()
    expect(learner).to_have_url(re.compile(r"tag=kubernetes"))
    expect(learner.locator("#concept-list .count")).to_contain_text("Kubernetes")
    assert 0 < learner.locator("#concept-list .card").count() < total
    assert_stayed(learner)


def test_calculator_answers_as_the_learner_types(learner: Page):
    learner.goto("/en/calculators/hpa")
    stays_on_page(learner)
    result = learner.locator("#calc-result .big-number strong").last  # what the HPA wants eventually
    expect(result).to_have_text("8")  # ceil(4 × 90 / 50)
    target = learner.get_by_label("Target metric")
    target.fill("")
    target.press_sequentially("30")
    if not learner.js:
        target.press("Enter")
    expect(result).to_have_text("10")  # ceil(4 × 90 / 30) = 12, clamped to the maximum of 10
    expect(learner).to_have_url(re.compile(r"target_metric=30"))
    if learner.js:
        expect(target).to_be_focused()  # the form stays; only the result was swapped

    target.fill("")
    target.press_sequentially("abc")
    if not learner.js:
        target.press("Enter")
    expect(learner.locator("#err-target_metric")).not_to_be_empty()
    expect(target).to_have_attribute("aria-invalid", "true")
    expect(target).to_have_value("abc")
    expect(learner.locator("#calc-result [role=alert]")).to_be_visible()
    assert_stayed(learner)


def test_calculator_choice_switches_the_runtime(learner: Page):
    learner.goto("/en/calculators/backoff")
    learner.get_by_label("Runtime").select_option("docker")
    if not learner.js:
        learner.get_by_role("button", name="Calculate").click()
    expect(learner).to_have_url(re.compile(r"runtime=docker"))
    expect(learner.locator("#calc-result .explanation")).to_contain_text("Docker")


def test_search_finds_content_as_the_learner_types(learner: Page):
    learner.goto("/en/search")
    stays_on_page(learner)
    box = learner.get_by_label("Words to find")
    box.press_sequentially("rolling update")
    if not learner.js:
        box.press("Enter")
    expect(learner).to_have_url(re.compile(r"q=rolling(\+|%20)update"))
    hits = learner.locator("#search-results .search-hits a")
    expect(hits.first).to_be_visible()
    expect(learner.locator("#search-results mark").first).to_be_visible()
    if learner.js:
        expect(box).to_be_focused()
    href = hits.first.get_attribute("href")
    hits.first.click()
    expect(learner).to_have_url(re.compile(re.escape(href) + "$"))
    expect(learner.locator("h1")).to_be_visible()


def test_scenario_steps_by_links(learner: Page):
    learner.goto("/en/scenarios/self-healing")
    stays_on_page(learner)
    count = learner.locator("#player .step-count")
    expect(count).to_have_text(re.compile(r"^Step 1 of \d+$"))
    learner.get_by_role("link", name="Next ▶").click()
    expect(count).to_have_text(re.compile(r"^Step 2 of "))
    learner.locator(".timeline-steps a").nth(3).click()
    expect(count).to_have_text(re.compile(r"^Step 4 of "))
    expect(learner).to_have_url(re.compile(r"step=3$"))
    learner.get_by_label("replicas").fill("5")
    learner.get_by_role("button", name="Run again").click()
    expect(learner).to_have_url(re.compile(r"replicas=5"))
    expect(learner.locator("#player .legend")).to_contain_text("desired: 5")


def test_theme_switch_applies_at_once_and_is_remembered_with_javascript(learner: Page):
    learner.goto("/en/concepts/docker")
    stays_on_page(learner)
    html = learner.locator("html")
    expect(html).not_to_have_attribute("data-theme", re.compile("."))
    switch = learner.get_by_role("group", name="Colour theme")
    switch.get_by_role("button", name="Dark").click()
    expect(html).to_have_attribute("data-theme", "dark")
    expect(switch.get_by_role("button", name="Dark")).to_have_attribute("aria-pressed", "true")
    expect(switch.get_by_role("button", name="Auto")).to_have_attribute("aria-pressed", "false")
    assert learner.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(11, 17, 32)"
    assert_stayed(learner)  # with JavaScript the switch applies at once, without a reload

    learner.get_by_role("navigation", name="Main menu").get_by_role("link", name="Scenarios").click()
    expect(learner.locator("h1")).to_have_text("Orchestration scenarios")
    if learner.js:
        # Kept in a cookie that preferences.js applies before each page is drawn; the server never reads it.
        expect(html).to_have_attribute("data-theme", "dark")
        learner.reload()
        expect(learner.locator("html")).to_have_attribute("data-theme", "dark")
    else:
        # Without JavaScript the theme is the one the page's URL asks for (?theme=): a page's answer never
        # depends on a cookie, so the next page follows the device's setting.
        expect(html).not_to_have_attribute("data-theme", re.compile("."))
        learner.get_by_role("group", name="Colour theme").get_by_role("button", name="Dark").click()
        expect(learner.locator("html")).to_have_attribute("data-theme", "dark")
    learner.get_by_role("group", name="Colour theme").get_by_role("button", name="Light").click()
    expect(learner.locator("html")).to_have_attribute("data-theme", "light")
    learner.get_by_role("group", name="Colour theme").get_by_role("button", name="Auto").click()
    expect(learner.locator("html")).not_to_have_attribute("data-theme", re.compile("."))


def test_language_switch_is_remembered_on_the_next_page(learner: Page):
    learner.goto("/en/concepts")
    learner.locator("#lang-switch").get_by_role("link", name="한국어").click()
    expect(learner.locator("html")).to_have_attribute("lang", "ko")
    expect(learner.locator("h1")).to_have_text("개념")
    learner.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="시나리오").click()
    expect(learner.locator("html")).to_have_attribute("lang", "ko")
    expect(learner.get_by_role("link", name="본문으로 건너뛰기")).to_be_attached()
