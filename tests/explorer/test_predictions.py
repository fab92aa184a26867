"""Predictions computed from traces: every scenario asks at least two, and a what-if changes their answers."""

from pathlib import Path

import pytest
import yaml

from app import sim
from app.explorer import predictions

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"
SCENARIOS = sorted(path.stem for path in CONTENT.glob("*.yml"))


def _definition(slug: str) -> dict:
    return yaml.safe_load((CONTENT / f"{slug}.yml").read_text(encoding="utf-8"))


def _asked(slug: str, lang: str = "en", **changes) -> list:
    definition = _definition(slug)
    trace = sim.run(definition["kind"], {**definition.get("params", {}), **changes}, lang=lang)
    return predictions.compute(trace, definition.get("predictions", []), lang)


def _answer(prediction) -> str:
    return next(choice.label for choice in prediction.choices if choice.key == prediction.answer)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("slug", SCENARIOS)
def test_each_scenario_asks_at_least_two_questions_about_its_trace(slug, lang):
    asked = _asked(slug, lang)
    definition = _definition(slug)
    trace = sim.run(definition["kind"], definition.get("params", {}), lang=lang)
    assert len(SCENARIOS) == 7 and len(asked) >= 2
    assert len({p.step for p in asked}) == len(asked)  # one question per step
    for prediction in asked:
        assert 0 < prediction.step < len(trace.steps)
        keys = [choice.key for choice in prediction.choices]
        assert len(keys) >= 3 and len(set(keys)) == len(keys) and prediction.answer in keys
        assert len({choice.label for choice in prediction.choices}) == len(keys)
        assert all(choice.why for choice in prediction.choices)
        assert prediction.explanation and prediction.source.startswith("https://")


@pytest.mark.parametrize(("slug", "type_", "changes", "before", "after"), [
    ("autoscaling", "hpa-replicas", {"behavior": "default"}, "4", "6"),
    ("autoscaling", "hpa-replicas", {"max_replicas": 3}, "4", "3"),
    ("rolling-update", "rollout-peak", {"max_surge": "50%", "max_unavailable": "0"}, "5", "6"),
    ("self-healing", "eviction-time", {"toleration_seconds": 60}, "At 1245 s", "At 1005 s"),
    ("self-healing", "restart-delay", {"crashes": 3}, "40 s", "20 s"),
    ("hundred-at-midnight", "pods-per-node", {"nodes": 3}, "20", "26"),
    ("one-container-docker", "host-failure", {"host_failure_at_s": 200}, "Docker: they run nowhere", "Docker: they run nowhere"),
])
def test_a_what_if_change_changes_the_answer_with_it(slug, type_, changes, before, after):
    def answer(**kw):
        return next(_answer(p) for p in _asked(slug, **kw) if p.type == type_)

    assert answer() == before
    assert answer(**changes) == after


def test_the_wrong_choices_come_from_the_usual_misconceptions():
    hpa = next(p for p in _asked("autoscaling") if p.type == "hpa-replicas")
    labels = {choice.label: choice.why for choice in hpa.choices}
    assert "ceil(2 × 200 / 50) = 8" in labels["8"]  # the formula without the scale-up limit
    assert "max(2 × 2, 4) = 4" in hpa.explanation
    rollout = next(p for p in _asked("rolling-update", max_surge="2", replicas=4) if p.type == "rollout-peak")
    assert "the bound is 4 + 2 = 6" in rollout.explanation


def test_a_selector_picks_the_nth_or_last_occurrence_and_nothing_past_them():
    trace = sim.run("autoscaling", {}, lang="en")
    first = predictions.find(trace, "decision:horizontal-pod-autoscaler/scale")
    second = predictions.find(trace, "decision:horizontal-pod-autoscaler/scale#2")
    last = predictions.find(trace, "decision:horizontal-pod-autoscaler/scale#last")
    assert first[0] < second[0] < last[0] and trace.steps[last[0]].metrics["desired"] == 2
    assert predictions.find(trace, "decision:horizontal-pod-autoscaler/scale#99") is None
    assert predictions.find(trace, "event:host_failed") is None


def test_a_question_whose_step_a_what_if_removes_is_not_asked():
    assert [p.type for p in _asked("one-container-docker", restart_policy="no")] == ["host-failure"]


def test_a_guess_must_name_a_choice_of_these_questions():
    asked = _asked("autoscaling")
    assert predictions.read_guess(asked, None) is None
    assert predictions.read_guess(asked, "p1-b") == ("p1", "p1-b")
    assert predictions.read_guess(asked, "p1-skip") == ("p1", "p1-skip")
    assert predictions.read_guess(asked, "p9-a") is None  # a question this run does not ask
    for bad in ("p1-z", "p1-e", "x", "p1-a-b", ""):
        with pytest.raises(predictions.BadGuess):
            predictions.read_guess(asked, bad)
