"""The calculators as pages (with and without htmx) and as JSON, in both languages."""

import pytest

NAMES = ("hpa", "rolling-update", "backoff", "node-eviction")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_calculator_index_lists_all_four(client, lang):
    response = client.get(f"/{lang}/calculators")
    for name in NAMES:
        assert f'href="/{lang}/calculators/{name}"' in response.text


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_calculator_page_with_defaults_shows_a_result(client, name, lang):
    response = client.get(f"/{lang}/calculators/{name}")
    assert response.status_code == 200
    assert response.template.name == "calculators/detail.html"
    assert response.context["outcome"].result is not None
    assert response.context["outcome"].result["explanation"] in response.text
    assert f'href="/api/v1/calculators/{name}?' in response.text


def test_hpa_page_keeps_inputs_in_the_url_and_explains(client):
    response = client.get("/en/calculators/hpa?current_replicas=4&current_metric=90&target_metric=50")
    assert "HPA: ceil(4 × 90 / 50) = ceil(7.2) = 8." in response.text
    assert 'value="90"' in response.text


def test_calculator_page_error_beside_the_field_keeps_the_input(client):
    response = client.get("/en/calculators/hpa?current_replicas=abc")
    assert response.status_code == 200
    assert response.context["outcome"].errors.keys() == {"current_replicas"}
    assert 'value="abc"' in response.text and 'aria-invalid="true"' in response.text
    assert '<p id="err-current_replicas" class="field-error">Error: Enter a whole number from 1 to 1,000.</p>' in response.text


def test_calculator_page_shows_a_rule_across_fields_beside_both(client):
    response = client.get("/en/calculators/hpa?min_replicas=13&max_replicas=10")
    assert response.context["outcome"].errors == {"max_replicas": "Must not be less than the minimum replicas (13).",
                                                  "min_replicas": "Must not be more than the maximum replicas (10)."}
    assert 'id="err-min_replicas"' in response.text and 'id="err-max_replicas"' in response.text


def test_calculator_htmx_gets_result_and_out_of_band_errors(client):
    response = client.get("/ko/calculators/hpa?max_replicas=0", headers={"HX-Request": "true"})
    assert response.template.name == "calculators/_result.html"
    assert "<html" not in response.text and "<form" not in response.text
    assert '<p id="err-max_replicas" class="field-error" hx-swap-oob="true">' in response.text
    assert '<p id="err-current_replicas" class="field-error" hx-swap-oob="true"></p>' in response.text


def test_calculator_unknown_is_404(client):
    assert client.get("/ko/calculators/nope").status_code == 404


def test_calculator_page_refuses_overlong_input_and_names_it(client):
    assert client.get("/ko/calculators/hpa?current_metric=" + "9" * 40).status_code == 200
    response = client.get("/ko/calculators/hpa?current_metric=" + "9" * 41 + "&target_metric=" + "1" * 41)
    assert response.status_code == 400
    assert "longer than 40 characters: current_metric, target_metric" in response.text


def test_what_if_refuses_an_overlong_parameter_and_names_it(full_client):
    response = full_client.get("/ko/scenarios/self-healing?replicas=" + "3" * 41)
    assert response.status_code == 400 and "longer than 40 characters: replicas" in response.text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_api_hpa(client, lang):
    body = client.get(f"/api/v1/calculators/hpa?current_replicas=4&current_metric=90&target_metric=50&lang={lang}").json()
    assert body["desired_replicas"] == 8 and body["within_tolerance"] is False and body["lang"] == lang
    assert body["usage_ratio"] == pytest.approx(1.8)
    assert body["inputs"]["current_metric"] == 90
    assert "ceil(4 × 90 / 50)" in body["explanation"]


def test_api_hpa_within_tolerance_keeps_replicas(client):
    body = client.get("/api/v1/calculators/hpa?current_replicas=4&current_metric=54&target_metric=50").json()
    assert body["within_tolerance"] is True and body["desired_replicas"] == 4


def test_api_hpa_clamps_to_max(client):
    body = client.get("/api/v1/calculators/hpa?current_replicas=4&current_metric=500&target_metric=50&max_replicas=10").json()
    assert body["raw_desired_replicas"] == 40 and body["desired_replicas"] == 10


def test_api_rolling_update_defaults_match_kubernetes(client):
    body = client.get("/api/v1/calculators/rolling-update?replicas=10").json()
    # 25% of 10: surge rounds up to 3, unavailable rounds down to 2.
    assert (body["max_surge"], body["max_unavailable"]) == (3, 2)
    assert body["max_total_pods"] == 13 and body["min_available_pods"] == 8
    assert all(row["total"] <= 13 and row["available"] >= 8 for row in body["steps"])
    assert body["steps"][-1]["new"] == 10 and body["steps"][-1]["old"] == 0


def test_api_rolling_update_zero_zero_is_rejected_with_reason(client):
    response = client.get("/api/v1/calculators/rolling-update?replicas=3&max_surge=0&max_unavailable=0")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "max_unavailable"


@pytest.mark.parametrize("runtime", ["kubernetes", "docker"])
def test_api_backoff(client, runtime):
    body = client.get(f"/api/v1/calculators/backoff?runtime={runtime}&restarts=8").json()
    assert len(body["delays_s"]) == 8
    if runtime == "docker":
        assert body["delays_s"][:3] == [0.1, 0.2, 0.4]


def test_api_node_eviction_defaults(client):
    body = client.get("/api/v1/calculators/node-eviction").json()
    assert body["toleration_seconds"] == 300
    assert body["evicted_after_s"] == body["not_ready_after_s"] + 300


@pytest.mark.parametrize(("path", "param"), [
    ("hpa?current_replicas=0", "current_replicas"), ("hpa?target_metric=0", "target_metric"),
    ("hpa?min_replicas=5&max_replicas=2", ["max_replicas", "min_replicas"]),
    ("rolling-update?max_surge=abc", "max_surge"),
    ("backoff?runtime=podman", "runtime"), ("backoff?restarts=51", "restarts"),
    ("node-eviction?toleration_seconds=-1", "toleration_seconds"),
])
def test_api_out_of_range_is_a_problem_naming_the_parameter(client, path, param):
    response = client.get(f"/api/v1/calculators/{path}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalid_params"]] == (param if isinstance(param, list) else [param])


@pytest.mark.parametrize(("behavior", "following", "path"), [("none", 4, [2, 4, 8, 10]), ("default", 6, [2, 6, 10])])
def test_api_hpa_answers_next_replicas_for_each_behavior(client, behavior, following, path):
    # ceil(2 × 450 / 50) = 18 → maxReplicas 10; without spec.behavior max(2 × 2, 4) = 4 per sync, with the default
    # behavior max(2 × 2, 2 + 4) = 6 (horizontal.go).
    body = client.get("/api/v1/calculators/hpa?current_replicas=2&current_metric=450&target_metric=50"
                      f"&max_replicas=10&behavior={behavior}&lang=en").json()
    assert (body["desired_replicas"], body["next_replicas"], body["path"]) == (10, following, path)
    assert body["behavior"] == behavior and body["inputs"]["behavior"] == behavior


def test_api_hpa_behavior_defaults_to_none_and_refuses_others(client):
    assert client.get("/api/v1/calculators/hpa?current_replicas=2&current_metric=450").json()["next_replicas"] == 4
    response = client.get("/api/v1/calculators/hpa?behavior=fast")
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalid_params"]] == ["behavior"]


def test_api_hpa_behavior_is_an_enum_in_the_openapi_description(client):
    operation = client.get("/openapi.json").json()["paths"]["/api/v1/calculators/hpa"]["get"]
    param = next(p for p in operation["parameters"] if p["name"] == "behavior")
    assert param["schema"]["enum"] == ["none", "default"] and param["schema"]["default"] == "none"


def test_hpa_page_shows_the_next_sync_for_the_chosen_behavior(client):
    response = client.get("/calculators/hpa?current_replicas=2&current_metric=450&behavior=default&lang=en")
    assert response.context["outcome"].result["next_replicas"] == 6
    assert '<option value="default" selected>' in response.text
    assert "The next sync sets" in response.text and "2 → 6 → 10" in response.text
