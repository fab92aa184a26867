"""Answering questions in Chromium: in place with htmx, by keyboard, without JavaScript, and axe-clean in both
languages and both themes with the answer revealed."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import assert_no_axe_violations

pytestmark = pytest.mark.e2e

SLUG = "self-healing-crash-loop"  # its right answer is its first choice
CONCEPT, ON_CONCEPT = "vendor-lock-in", "what-vendor-lock-in-is"  # a concept page and one of its questions
VERDICT = {"en": ("Right.", "Not quite."), "ko": ("맞았습니다.", "아쉽지만 틀렸습니다.")}
CHECK = {"en": "Check my answer", "ko": "정답 확인"}


def axe_in_both_themes(page: Page, where: str) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"{where}, {scheme}")


def axe_at(browser, url: str, where: str) -> None:
    """axe on this address in a tab with JavaScript (axe is a script), in both themes."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    axe_in_both_themes(page, where)
    context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_answering_at_the_end_of_a_concept_page(learner: Page, lang):
    learner.goto(f"/{lang}/concepts/{CONCEPT}")
    question = learner.locator(f"#question-{ON_CONCEPT}")
    expect(question).to_be_visible()
    if learner.js:
        learner.evaluate("window.stayedOnPage = true")
    wrong = question.locator("input[name=choice]").nth(1)
    wrong.check()
    question.get_by_role("button", name=CHECK[lang]).click()
    answer = learner.locator(f"#answer-{ON_CONCEPT}")
    expect(answer).to_contain_text(VERDICT[lang][1])
    expect(answer.locator(".question-others, .prose").first).to_be_visible()
    expect(answer.get_by_role("link").last).to_have_attribute("href", re.compile(r"^https://kubernetes\.io/"))
    if learner.js:  # swapped in place: the same document, still the concept page, the verdict read out
        assert learner.evaluate("window.stayedOnPage") is True
        assert learner.url.endswith(f"/{lang}/concepts/{CONCEPT}")
        expect(learner.locator("#live-status")).to_contain_text(VERDICT[lang][1])
        expect(learner.locator("#lang-switch a").first).to_have_attribute("href", re.compile(rf"/concepts/{CONCEPT}"))
    else:  # the question's own page, with the choice in its URL
        assert re.search(rf"/{lang}/questions/{ON_CONCEPT}\?choice=\w+#answer-{ON_CONCEPT}$", learner.url), learner.url
        expect(learner.locator(f"#question-{ON_CONCEPT} input[name=choice]").nth(1)).to_be_checked()
    if learner.js:
        axe_in_both_themes(learner, f"answered question on the concept page ({lang})")
    else:  # axe runs in the page's JavaScript: the same address, in a tab that has it
        axe_at(learner.context.browser, learner.url, f"answered question without JavaScript ({lang})")


def test_answering_by_keyboard_alone(browser, base_url):
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto(f"/en/questions/{SLUG}")
    first = page.locator(f"#question-{SLUG} input[name=choice]").first
    first.focus()  # from here only keys: Space picks, Tab reaches the button, Enter submits
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Check my answer")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#answer-{SLUG}")).to_contain_text("Right.")
    expect(page.locator("#live-status")).to_contain_text("Right.")
    page.keyboard.press("Tab")  # the next stop is inside the revealed answer (its summary or its links)
    focused = page.evaluate("document.activeElement.closest('#answer-" + SLUG + "') !== null")
    assert focused
    context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_question_page_with_a_bad_choice_and_then_a_good_one(browser, base_url, lang):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    response = page.goto(f"/{lang}/questions/{SLUG}?choice=nope")
    assert response.status == 400
    expect(page.get_by_role("alert")).to_be_visible()
    page.locator(f"#question-{SLUG} input[name=choice]").first.check()
    page.get_by_role("button", name=CHECK[lang]).click()
    expect(page.locator(f"#answer-{SLUG}")).to_contain_text(VERDICT[lang][0])
    expect(page.get_by_role("alert")).to_have_count(0)
    axe_at(browser, page.url, f"question page ({lang})")
    context.close()
