"""The computed predictions in the scenario JSON and in custom simulations."""

import pytest


def _answer(prediction: dict) -> str:
    return next(c["label"] for c in prediction["choices"] if c["key"] == prediction["answer"])


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_scenario_json_carries_its_predictions(full_client, lang):
    body = full_client.get(f"/api/v1/scenarios/autoscaling?lang={lang}").json()
    assert body["prediction_specs"][0] == {"question": "hpa-replicas", "at": "decision:horizontal-pod-autoscaler/scale"}
    first = body["predictions"][0]
    assert set(first) >= {"step", "question", "choices", "answer", "explanation", "source"}
    assert first["step"] == 2 and _answer(first) == "4" and first["source"].startswith("https://kubernetes.io/")
    assert body["trace"]["steps"][first["step"]]["metrics"]["desired"] == 4
    assert all({"key", "label", "why"} <= set(choice) for choice in first["choices"])


def test_a_simulation_computes_the_same_questions_from_its_own_run(full_client):
    default = full_client.post("/api/v1/simulations?lang=en", json={"kind": "autoscaling", "params": {}}).json()
    faster = full_client.post("/api/v1/simulations?lang=en", json={"kind": "autoscaling", "params": {"behavior": "default"}}).json()
    assert [p["type"] for p in default["predictions"]] == ["hpa-replicas", "hpa-scale-down"]
    assert _answer(default["predictions"][0]) == "4" and _answer(faster["predictions"][0]) == "6"
    assert _answer(default["predictions"][1]) == "At 1215 s" and _answer(faster["predictions"][1]) == "At 1200 s"
    assert default["steps"] and default["kind"] == "autoscaling"


def test_every_scenario_json_has_at_least_two_predictions(full_client):
    for scenario in full_client.get("/api/v1/scenarios").json()["data"]:
        body = full_client.get(f"/api/v1/scenarios/{scenario['slug']}").json()
        assert len(body["predictions"]) >= 2, scenario["slug"]
