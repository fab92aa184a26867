"""Calculator input errors (every one at once, in the page's language) and the guess-first mode, as pages and JSON."""

import re

import pytest

from app.explorer.calculators import CALCULATORS

PARAMETER_NAMES = [field.name for calc in CALCULATORS.values() for field in calc.fields]
BAD_HPA = "current_replicas=abc&current_metric=-1&target_metric=0&min_replicas=0&max_replicas=1001"


def shown_errors(html: str) -> dict[str, str]:
    return dict(re.findall(r'<p id="err-(\w+)" class="field-error">(?:오류:|Error:) ([^<]+)</p>', html))


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", {"current_replicas": "Enter a whole number from 1 to 1,000.",
            "current_metric": "Enter a number from 0 to 1,000,000.",
            "target_metric": "Enter a number from 0.001 to 1,000,000.",
            "min_replicas": "Enter a whole number from 1 to 1,000.",
            "max_replicas": "Enter a whole number from 1 to 1,000."}),
    ("ko", {"current_replicas": "1부터 1,000까지의 정수를 입력하세요.",
            "current_metric": "0부터 1,000,000까지의 수를 입력하세요.",
            "target_metric": "0.001부터 1,000,000까지의 수를 입력하세요.",
            "min_replicas": "1부터 1,000까지의 정수를 입력하세요.",
            "max_replicas": "1부터 1,000까지의 정수를 입력하세요."}),
])
def test_every_bad_field_gets_its_error_at_once_in_the_pages_language(client, lang, expected):
    response = client.get(f"/{lang}/calculators/hpa?{BAD_HPA}")
    assert response.status_code == 200
    assert shown_errors(response.text) == expected
    assert response.text.count('aria-invalid="true"') == 5
    for message in expected.values():
        assert not any(name in message for name in PARAMETER_NAMES) and "e+" not in message


@pytest.mark.parametrize(("lang", "max_error", "min_error"), [
    ("en", "Must not be less than the minimum replicas (13).", "Must not be more than the maximum replicas (10)."),
    ("ko", "최소 레플리카 수(13)보다 작을 수 없습니다.", "최대 레플리카 수(10)보다 클 수 없습니다."),
])
def test_a_rule_across_fields_speaks_the_pages_language(client, lang, max_error, min_error):
    response = client.get(f"/{lang}/calculators/hpa?min_replicas=13&max_replicas=10")
    assert shown_errors(response.text) == {"max_replicas": max_error, "min_replicas": min_error}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_rolling_update_errors_on_both_fields_without_parameter_names(client, lang):
    errors = shown_errors(client.get(f"/{lang}/calculators/rolling-update?max_surge=abc&max_unavailable=150%25"
                                     "&replicas=0").text)
    assert errors.keys() == {"replicas", "max_surge", "max_unavailable"}
    assert ("100%" in errors["max_unavailable"]) and not any(n in " ".join(errors.values()) for n in PARAMETER_NAMES)
    both = shown_errors(client.get(f"/{lang}/calculators/rolling-update?max_surge=0&max_unavailable=0").text)
    assert both.keys() == {"max_surge", "max_unavailable"}


def test_htmx_sends_every_error_out_of_band(client):
    response = client.get(f"/en/calculators/hpa?{BAD_HPA}", headers={"HX-Request": "true"})
    found = re.findall(r'<p id="err-(\w+)" class="field-error" hx-swap-oob="true">Error: ', response.text)
    assert sorted(found) == sorted(["current_replicas", "current_metric", "target_metric", "min_replicas",
                                    "max_replicas"])


@pytest.mark.parametrize(("lang", "reason"), [("en", "Enter a whole number from 1 to 1,000."),
                                              ("ko", "1부터 1,000까지의 정수를 입력하세요.")])
def test_api_problem_lists_every_error_with_its_field(client, lang, reason):
    response = client.get(f"/api/v1/calculators/hpa?current_replicas=0&target_metric=0&max_replicas=5000&lang={lang}")
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    invalid = {p["name"]: p["reason"] for p in response.json()["invalid_params"]}
    assert invalid.keys() == {"current_replicas", "max_replicas", "target_metric"}
    assert invalid["current_replicas"] == invalid["max_replicas"] == reason
    rule = client.get(f"/api/v1/calculators/hpa?min_replicas=13&max_replicas=10&lang={lang}").json()
    assert [p["name"] for p in rule["invalid_params"]] == ["max_replicas", "min_replicas"]
    assert "min_replicas" not in rule["invalid_params"][0]["reason"]
    both = client.get(f"/api/v1/calculators/rolling-update?max_surge=0&max_unavailable=0&lang={lang}").json()
    assert [p["name"] for p in both["invalid_params"]] == ["max_unavailable", "max_surge"]


HPA_RUSH = "current_replicas=2&current_metric=450&target_metric=50&max_replicas=20&behavior=default"


@pytest.mark.parametrize(("lang", "prompt", "question"), [
    ("en", "Enter your guess above, then reveal the answer.",
     "How many replicas will the HPA ask for, if the load stays?"),
    ("ko", "위에 예상을 입력한 뒤 답을 확인하세요.", "부하가 그대로라면 HPA는 레플리카를 몇 개로 맞추려 할까요?"),
])
def test_guess_mode_hides_the_result_until_a_guess_comes(client, lang, prompt, question):
    response = client.get(f"/{lang}/calculators/hpa?{HPA_RUSH}&mode=guess")
    assert response.context["guess"] is not None and not response.context["guess"].revealed
    assert prompt in response.text and question in response.text
    assert 'name="mode" value="guess"' in response.text and 'id="f-guess" name="guess"' in response.text
    assert 'class="big-number"' not in response.text and 'class="explanation"' not in response.text
    assert 'hx-trigger="submit"' in response.text  # typing the inputs does not give the answer away


@pytest.mark.parametrize(("guess", "verdict", "why"), [
    ("18", "Your guess, 18, is right.", None),
    ("6", "Your guess, 6, is 12 too low: the answer is 18.", "That is what the next sync sets."),
    ("20", "Your guess, 20, is 2 too high: the answer is 18.", "Follow the computation below"),
])
def test_guess_reveals_the_answer_the_computation_its_source_and_why(client, guess, verdict, why):
    response = client.get(f"/en/calculators/hpa?{HPA_RUSH}&mode=guess&guess={guess}")
    reveal = response.text.split('class="guess-reveal', 1)[1].split("</div>", 1)[0]
    assert 'aria-live="polite" data-announce' in reveal and verdict in reveal
    assert (why in reveal) if why else ("guess-reason" not in reveal)
    assert "HPA: ceil(2 × 450 / 50) = ceil(18) = 18." in response.text  # the computation
    assert "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/" in response.text


def test_guess_reveal_in_korean_says_why(client):
    response = client.get("/ko/calculators/rolling-update?replicas=10&max_surge=150%25&mode=guess&guess=25")
    assert "내 예상 25은(는) 5만큼 큽니다. 답은 20입니다." in response.text
    assert "그것은 한도(replicas + maxSurge)입니다." in response.text


@pytest.mark.parametrize(("guess", "lang", "error"), [
    ("abc", "en", "Enter a whole number from 0 to 1,000,000."),
    ("-3", "ko", "0부터 1,000,000까지의 정수를 입력하세요."),
    ("2.5", "en", "Enter a whole number from 0 to 1,000,000."),
    ("9999999", "en", "Enter a whole number from 0 to 1,000,000."),
])
def test_a_bad_guess_is_refused_beside_its_field_and_reveals_nothing(client, guess, lang, error):
    response = client.get(f"/{lang}/calculators/hpa?{HPA_RUSH}&mode=guess&guess={guess}")
    assert response.status_code == 200
    assert re.search(r'<p id="err-guess" class="field-error">[^<]*' + re.escape(error), response.text)
    assert 'class="guess-reveal' not in response.text and 'class="big-number"' not in response.text
    fragment = client.get(f"/{lang}/calculators/hpa?{HPA_RUSH}&mode=guess&guess={guess}",
                          headers={"HX-Request": "true"})
    assert '<p id="err-guess" class="field-error" hx-swap-oob="true">' in fragment.text


def test_backoff_guess_may_be_a_decimal(client):
    response = client.get("/en/calculators/backoff?runtime=docker&restarts=3&mode=guess&guess=0.4")
    assert "Your guess, 0.4, is right." in response.text


def test_pages_link_each_mode_to_the_other_keeping_the_inputs(client):
    normal = client.get(f"/en/calculators/hpa?{HPA_RUSH}").text
    assert "&amp;behavior=default&amp;mode=guess" in normal
    guessing = client.get(f"/en/calculators/hpa?{HPA_RUSH}&mode=guess").text
    assert 'href="/en/calculators/hpa?current_replicas=2&amp;current_metric=450' in guessing
