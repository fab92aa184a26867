"""Predictions in the player and on the home page: asked before their step, answered by a GET form, revealed."""

import re

import pytest


def test_the_step_a_question_is_about_stays_hidden_until_it_is_answered(full_client):
    before = full_client.get("/en/scenarios/autoscaling?step=1")
    assert before.context["asked"] is None
    nxt = re.search(r'href="([^"]+)"[^>]*id="step-next"', before.text).group(1).replace("&amp;", "&")
    assert nxt == "/en/scenarios/autoscaling?step=2"
    asked = full_client.get(nxt)
    question = asked.context["asked"]
    assert asked.status_code == 200 and question.prediction.type == "hpa-replicas" and not question.revealed
    assert asked.context["step"].index == 1  # the step before stays on show
    assert "How many replicas will it ask for?" in asked.text and 'name="guess" value="p1-b"' in asked.text
    shown = re.search(r'<h2 id="step-title"[^>]*>(.*?)</h2>', asked.text, re.S).group(1)
    assert "Traffic spike" in shown and "HPA scales" not in shown
    assert '<input type="hidden" name="step" value="2">' in asked.text


@pytest.mark.parametrize(("guess", "verdict"), [("p1-b", "Right!"), ("p1-c", "Not quite."), ("p1-skip", "The answer:")])
def test_a_guess_reveals_the_step_with_the_answer_and_its_working(full_client, guess, verdict):
    response = full_client.get(f"/en/scenarios/autoscaling?step=2&guess={guess}")
    asked = response.context["asked"]
    assert asked.revealed and response.context["step"].index == 2
    assert verdict in response.text and 'aria-live="polite"' in response.text
    assert "ceil(2 × 200 / 50) = 8" in response.text and "max(2 × 2, 4) = 4" in response.text
    assert 'href="https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details"' in response.text
    assert "HPA scales 2 → 4" in response.text
    assert 'href="/en/scenarios/autoscaling?step=3" hx-get="/en/scenarios/autoscaling?step=3"' in response.text  # not kept
    if guess == "p1-c":
        assert "You picked 8; the answer is 4." in response.text


def test_a_what_if_run_asks_with_its_own_numbers(full_client):
    response = full_client.get("/en/scenarios/autoscaling?step=2&behavior=default&guess=p1-skip")
    answer = response.context["asked"].prediction
    assert next(c.label for c in answer.choices if c.key == answer.answer) == "6"
    form = full_client.get("/en/scenarios/autoscaling?step=2&behavior=default").text
    assert '<input type="hidden" name="behavior" value="default">' in form


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_an_unknown_guess_is_a_clear_400_in_the_page_language(full_client, lang):
    response = full_client.get(f"/{lang}/scenarios/autoscaling?step=2&guess=p1-zz")
    assert response.status_code == 400
    assert ("선택지에 없는 답입니다" if lang == "ko" else "This answer is not one of the choices") in response.text
    assert full_client.get(f"/{lang}/?guess=p1-q").status_code == 400
    assert full_client.get(f"/{lang}/scenarios/autoscaling?guess={'p' * 50}").status_code in (400, 422)


def test_the_question_form_swaps_only_the_player_with_htmx(full_client):
    response = full_client.get("/ko/scenarios/autoscaling?step=2&guess=p1-b", headers={"HX-Request": "true"})
    assert response.template.name == "scenarios/_player.html"
    assert '<section id="prediction"' in response.text and "맞았습니다!" in response.text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_home_leads_with_the_first_prediction_of_the_contrast(full_client, lang):
    page = full_client.get(f"/{lang}/")
    asked = page.context["asked"]
    assert asked.prediction.type == "host-failure" and not asked.revealed
    assert page.text.index('id="prediction"') < page.text.index('id="guide-heading"')
    assert f'<form method="get" action="/{lang}/">' in page.text and "hx-get" not in page.text.split('id="prediction"')[1].split("</section>")[0]
    right = asked.prediction.answer
    revealed = full_client.get(f"/{lang}/?guess={right}")
    assert revealed.context["asked"].revealed and revealed.context["asked"].right
    assert ("맞았습니다!" if lang == "ko" else "Right!") in revealed.text
    assert "465" in revealed.text and "node-3" in revealed.text
    assert f'href="/{lang}/scenarios/docker-vs-kubernetes?step={asked.prediction.step}&amp;guess={right}"' in revealed.text
