"""Predict, then reveal, in Chromium with JavaScript and without: the player and the home page, axe in both themes."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import SCREENSHOTS, assert_no_axe_violations, horizontal_overflow

pytestmark = pytest.mark.e2e
SHOTS = SCREENSHOTS / "predictions"  # for a person to look through (ignored by git)


def test_learner_predicts_sees_the_answer_then_goes_on(learner: Page):
    learner.goto("/en/scenarios/autoscaling?step=1")
    if learner.js:
        learner.evaluate("window.stayedOnPage = true")
    count = learner.locator("#player .step-count")
    expect(count).to_have_text(re.compile(r"^Step 2 of \d+$"))
    learner.get_by_role("link", name="Next ▶").click()
    question = learner.get_by_role("group", name=re.compile("How many replicas will it ask for"))
    expect(question).to_be_visible()
    expect(count).to_have_text(re.compile(r"^Step 2 of "))  # the step the question is about is not shown yet
    expect(learner.locator("#step-title")).to_contain_text("Traffic spike")
    question.get_by_label("8", exact=True).check()
    learner.get_by_role("button", name="Show the answer").click()
    expect(learner.locator("#prediction-verdict")).to_contain_text("Not quite. You picked 8; the answer is 4.")
    expect(learner.get_by_role("status")).to_contain_text("the answer is 4")
    expect(learner.locator("#prediction")).to_contain_text("max(2 × 2, 4) = 4")
    expect(learner.locator("#step-title")).to_contain_text("HPA scales 2 → 4")
    expect(learner).to_have_url(re.compile(r"step=2&guess=p1-c$"))
    learner.get_by_role("link", name="Next ▶").click()
    expect(count).to_have_text(re.compile(r"^Step 4 of "))
    expect(learner.locator("#prediction")).to_have_count(0)
    if learner.js:
        assert learner.evaluate("window.stayedOnPage") is True  # htmx swapped the player, no page load


def test_learner_can_skip_a_question_with_the_keyboard(learner: Page):
    learner.goto("/ko/scenarios/rolling-update?step=1")
    skip = learner.get_by_role("link", name="질문 건너뛰기")
    skip.focus()
    learner.keyboard.press("Enter")
    expect(learner.locator("#prediction-verdict")).to_contain_text("답:")
    expect(learner.locator("#player .step-count")).to_have_text(re.compile(r"^2 / "))


def test_home_asks_first_and_answers_on_the_page(learner: Page):
    learner.goto("/en/")
    form = learner.locator("#prediction form")
    expect(learner.get_by_role("heading", name="First, predict")).to_be_visible()
    form.get_by_label(re.compile(r"Kubernetes: a new pod on node-3 at 465 s")).check()
    learner.get_by_role("button", name="Show the answer").click()
    expect(learner.locator("#prediction-verdict")).to_contain_text("Right!")
    expect(learner.locator("#prediction")).to_contain_text("165 + 300 = 465 s")
    learner.get_by_role("link", name=re.compile("Play it step by step")).click()
    expect(learner.locator("#prediction-verdict")).to_contain_text("Right!")
    expect(learner.locator("#step-title")).to_contain_text("Host failure")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_questions_open_and_revealed_are_axe_clean_in_both_themes(page: Page, lang: str):
    places = {
        "scenario-open": f"/{lang}/scenarios/autoscaling?step=2",
        "scenario-revealed": f"/{lang}/scenarios/autoscaling?step=2&guess=p1-c",
        "home-open": f"/{lang}/",
        "home-revealed": f"/{lang}/?guess=p1-b",
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in places.items():
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.goto(path)
            expect(page.locator("#prediction")).to_be_visible()
            assert_no_axe_violations(page, f"{name} ({lang}, {scheme})")
        for width in (375, 1280):
            page.emulate_media(color_scheme="light")
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(path)
            assert horizontal_overflow(page) == [], f"{name} at {width} px"
            page.locator("#prediction").screenshot(path=SHOTS / f"e2e-{name}-{lang}-{width}.png")
        page.set_viewport_size({"width": 1280, "height": 900})
