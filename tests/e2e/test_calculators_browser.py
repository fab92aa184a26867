"""The calculators in Chromium: guess first with and without JavaScript, every error at once, phones, axe."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import assert_no_axe_violations, horizontal_overflow

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}
HPA_RUSH = "current_replicas=2&current_metric=450&target_metric=50&max_replicas=20&behavior=default"
ROLLING_WIDE = "replicas=10&max_surge=150%25&max_unavailable=25%25"
# Screenshots for a person to look at, outside the repository.
SHOTS = Path("/work/notes/shots/calc")


def tab_to(page: Page, element_id: str, limit: int = 40) -> None:
    """Press Tab until the element has the focus, as a keyboard user reaches it."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


@pytest.mark.parametrize(("lang", "verdict", "why"), [
    ("en", "Your guess, 6, is 12 too low: the answer is 18.", "That is what the next sync sets."),
    ("ko", "내 예상 6은(는) 12만큼 작습니다. 답은 18입니다.", "그것은 다음 동기화가 정하는 수입니다."),
])
def test_guess_first_with_the_keyboard_reveals_and_announces(page: Page, lang, verdict, why):
    page.goto(f"/{lang}/calculators/hpa?{HPA_RUSH}&mode=guess")
    expect(page.locator(".guess-prompt")).to_be_visible()
    expect(page.locator(".big-number")).to_have_count(0)
    tab_to(page, "f-guess")
    page.keyboard.type("6")
    page.keyboard.press("Enter")
    reveal = page.locator(".guess-reveal")
    expect(reveal).to_contain_text(verdict)
    expect(reveal).to_contain_text(why)
    expect(reveal).to_have_attribute("aria-live", "polite")
    expect(page.locator("#live-status")).to_contain_text(verdict)  # spoken after the swap
    expect(page.locator(".explanation")).to_contain_text("ceil(2 × 450 / 50)")
    expect(page.locator("details.sources")).to_have_attribute("open", "")
    assert "guess=6" in page.url and "mode=guess" in page.url
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"hpa guess revealed ({lang}, {scheme})")


def test_typing_the_inputs_in_guess_mode_does_not_give_the_answer_away(page: Page):
    page.goto(f"/en/calculators/hpa?{HPA_RUSH}&mode=guess")
    page.get_by_label("Current metric (e.g. average CPU utilization %)").fill("300")
    page.wait_for_timeout(1200)  # longer than the live update's delay on a normal page
    expect(page.locator(".guess-prompt")).to_be_visible()
    expect(page.locator(".big-number")).to_have_count(0)


def test_guess_first_without_javascript(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"/en/calculators/rolling-update?{ROLLING_WIDE}&mode=guess")
        page.get_by_label("Your guess:").fill("25")
        page.get_by_role("button", name="Reveal the answer").click()
        expect(page.locator(".guess-reveal")).to_contain_text("Your guess, 25, is 5 too high: the answer is 20.")
        expect(page.locator(".guess-reason")).to_contain_text("That is the bound replicas + maxSurge.")
        assert "guess=25" in page.url
        page.get_by_label("Your guess:").fill("lots")
        page.get_by_role("button", name="Reveal the answer").click()
        expect(page.locator("#err-guess")).to_contain_text("Enter a whole number from 0 to 1,000,000.")
        expect(page.locator("#f-guess")).to_have_attribute("aria-invalid", "true")
        expect(page.locator(".guess-reveal")).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize(("lang", "errors"), [
    ("en", {"err-current_replicas": "Enter a whole number from 1 to 1,000.",
            "err-target_metric": "Enter a number from 0.001 to 1,000,000."}),
    ("ko", {"err-current_replicas": "1부터 1,000까지의 정수를 입력하세요.",
            "err-target_metric": "0.001부터 1,000,000까지의 수를 입력하세요."}),
])
def test_every_error_appears_beside_its_field_as_the_learner_types(page: Page, lang, errors):
    page.goto(f"/{lang}/calculators/hpa")
    page.locator("#f-current_replicas").fill("0")
    page.locator("#f-target_metric").fill("abc")
    for element_id, message in errors.items():
        expect(page.locator(f"#{element_id}")).to_contain_text(message)
    expect(page.locator("#f-current_replicas")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-target_metric")).to_have_attribute("aria-invalid", "true")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"hpa with two errors ({lang}, {scheme})")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_rolling_update_table_reads_on_a_phone(page: Page, lang):
    page.set_viewport_size(PHONE)
    page.goto(f"/{lang}/calculators/rolling-update?{ROLLING_WIDE}")
    table = page.locator("table.rollout-steps")
    expect(table).to_be_visible()
    assert horizontal_overflow(page) == []
    # The table fits its box without scrolling sideways, and no word is broken inside (레플리카셋 stays whole).
    assert page.evaluate("(() => { const w = document.querySelector('#calc-result .table-wrap');"
                         " return w.scrollWidth <= w.clientWidth; })()")
    assert table.locator("tbody th").first.evaluate("el => getComputedStyle(el).wordBreak") == "keep-all"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"rolling update at 375 px ({lang}, {scheme})")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#calc-result").screenshot(path=SHOTS / f"rolling-update-375-{lang}-{scheme}.png")


@pytest.mark.parametrize("path", [
    "/ko/calculators/hpa?current_replicas=10&current_metric=10&target_metric=50&min_replicas=2",
    "/en/calculators/backoff?mode=guess&guess=300",
    "/ko/calculators/node-eviction?mode=guess&guess=300",
    "/en/calculators/rolling-update?max_surge=0&max_unavailable=0",
])
def test_calculator_states_are_axe_clean_in_both_themes(page: Page, path):
    page.goto(path)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"{path} ({scheme})")
