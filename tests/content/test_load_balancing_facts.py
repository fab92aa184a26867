"""The load-balancing page states the HPA's rules as the simulator runs them and quotes the autoscaling scenario's
own trace: the formula's worked examples, the 15 s sync, the scale-up limits, the 300 s window, 2 → 4 → 8 → 10."""

import re
from pathlib import Path

import pytest
import yaml

from app.sim import run
from app.sim.hpa import SYNC_PERIOD_MS, TOLERANCE
from app.sim.hpa_scaling import (
    DOWNSCALE_STABILIZATION_MS,
    SCALE_UP_LIMIT_FACTOR,
    SCALE_UP_LIMIT_MINIMUM,
    SCALE_UP_POLICIES,
)

ROOT = Path(__file__).resolve().parents[2] / "content"
HPA_PAGE = "https://kubernetes.io/docs/concepts/workloads/autoscaling/horizontal-pod-autoscale/"
SYNC_S, WINDOW_S = SYNC_PERIOD_MS // 1000, DOWNSCALE_STABILIZATION_MS // 1000
PERCENT, PODS = (p.value for p in SCALE_UP_POLICIES)
# What each language must say, built from the simulator's constants so a change on either side fails here.
RULES = {
    "en": [f"Every {SYNC_S} seconds by default", f"within {TOLERANCE:.0%} of 1",
           f"`max({SCALE_UP_LIMIT_FACTOR} × current, {SCALE_UP_LIMIT_MINIMUM})`",
           f"+{PERCENT}% or +{PODS} Pods per {SYNC_S} seconds", f"the last {WINDOW_S} seconds"],
    "ko": [f"기본 {SYNC_S}초마다", f"1에서 {TOLERANCE:.0%}", f"`max({SCALE_UP_LIMIT_FACTOR} × 현재 수, {SCALE_UP_LIMIT_MINIMUM})`",
           f"{SYNC_S}초마다 +{PERCENT}%와 +{PODS}개", f"지난 {WINDOW_S}초"],
}


def _page(lang: str) -> tuple[dict, str]:
    _, front, body = (ROOT / "concepts" / f"load-balancing.{lang}.md").read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def _all_text(meta: dict, body: str) -> str:
    return "\n".join([body] + [note["text"] for note in meta["notes"]])


def _trace(lang: str) -> tuple[dict, str]:
    doc = yaml.safe_load((ROOT / "scenarios" / "autoscaling.yml").read_text(encoding="utf-8"))
    trace = run(doc["kind"], doc["params"], lang=lang).to_dict()
    words = " ".join(s["narration"] + " " + " ".join(d["explanation"] for d in s["decisions"]) for s in trace["steps"])
    return trace, words


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_page_states_the_hpa_rules_the_simulator_follows(lang):
    meta, body = _page(lang)
    text = _all_text(meta, body)
    assert [rule for rule in RULES[lang] if rule not in text] == []
    assert "ceil(4 × 90" not in text  # the old example, which the scenario never computes


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_worked_example_is_one_the_autoscaling_trace_computes(lang):
    meta, body = _page(lang)
    _, words = _trace(lang)
    examples = [e for e in re.findall(r"`([^`]*)`", _all_text(meta, body)) if re.search(r"= \d+$", e)]
    assert examples, "the page shows no worked example"
    assert [e for e in examples if e.replace("÷", "/") not in words] == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_example_climb_and_return_are_the_traces(lang):
    meta, body = _page(lang)
    trace, _ = _trace(lang)
    scales = [(s["time_s"], d["result"]) for s in trace["steps"] for d in s["decisions"]
              if d["controller"] == "horizontal-pod-autoscaler" and d["type"] == "scale"]
    first = trace["params"]["min_replicas"]
    climb = " → ".join(str(n) for n in [first] + [n for _, n in scales if n > first])
    assert climb == "2 → 4 → 8 → 10" and climb in body
    back_at = next(t for t, n in scales if n == first)
    assert f"{back_at:g}" in _all_text(meta, body)
    assert back_at - trace["params"]["peak_until_s"] == WINDOW_S + SYNC_S  # the window, then the next sync


def test_the_hpa_notes_cite_the_sections_that_state_them():
    for lang in ("ko", "en"):
        meta, _ = _page(lang)
        urls = {note["id"]: note["source"]["url"] for note in meta["notes"]}
        assert urls["hpa-scales-pods"] == HPA_PAGE + "#algorithm-details"
        assert urls["hpa-pace"] == HPA_PAGE + "#default-behavior"
