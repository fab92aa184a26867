"""Every step opens with a plain sentence, in both languages, computed from the step's own numbers."""

import re

import pytest

from app import sim
from app.sim.scenarios import KINDS

HANGUL = re.compile(r"[가-힣]")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_step_of_every_scenario_has_a_summary_in_both_languages(kind):
    korean, english = sim.run(kind, lang="ko"), sim.run(kind, lang="en")
    assert len(korean.steps) == len(english.steps)
    for ko, en in zip(korean.steps, english.steps, strict=True):
        assert ko.summary and en.summary, (kind, ko.index)
        assert HANGUL.search(ko.summary) and not HANGUL.search(en.summary), (kind, ko.summary, en.summary)
        assert ko.summary.endswith((".", "다.")) and en.summary.endswith(".")
        assert ko.to_dict()["summary"] == ko.summary


def test_summary_says_what_the_hpa_decided_with_its_numbers():
    trace = sim.run("autoscaling", lang="en")
    for step in trace.steps:
        scale = [d for d in step.decisions if d["type"] == "scale" and d["controller"] == "horizontal-pod-autoscaler"]
        if scale:
            inputs = scale[0]["inputs"]
            assert f"from {inputs['current_replicas']} to {scale[0]['result']}" in step.summary
            assert f"{inputs['utilization']}%" in step.summary


def test_summary_follows_the_parameters():
    spike = next(s for s in sim.run("autoscaling", {"peak_rps": 1500}, lang="en").steps if s.time_s == 300)
    assert "from 100 to 1500 requests/s" in spike.summary
    assert "serve only 400 of 1500 requests/s; 1100 fail" in spike.summary
    korean = next(s for s in sim.run("autoscaling", {"peak_rps": 1500}, lang="ko").steps if s.time_s == 300)
    assert "1500건 중 400건만 처리하고 1100건은 실패" in korean.summary


def test_summary_of_an_eviction_names_the_node_and_the_toleration():
    trace = sim.run("self-healing", lang="en")
    evicted = next(s for s in trace.steps if any(d["type"] == "evicted" for d in s.decisions))
    decision = next(d for d in evicted.decisions if d["type"] == "evicted")
    assert f"After {decision['inputs']['toleration_seconds']} s the pods on {decision['inputs']['node']}" in \
        evicted.summary
