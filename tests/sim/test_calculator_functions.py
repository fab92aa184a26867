"""The four calculators as functions: numbers from the documentation, both languages, named errors."""

import json

import pytest

from app.sim import calculators
from app.sim.errors import SimulationError


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_hpa_example_from_the_brief(lang):
    result = calculators.hpa(4, 90, 50, 1, 10, lang)
    assert result["desired_replicas"] == 8 and result["usage_ratio"] == pytest.approx(1.8)
    assert "ceil(4 × 90 / 50)" in result["explanation"]
    json.dumps(result)


def test_hpa_tolerance_and_clamp():
    assert calculators.hpa(4, 54, 50)["within_tolerance"] is True
    assert calculators.hpa(4, 54, 50)["desired_replicas"] == 4
    clamped = calculators.hpa(4, 500, 50, 1, 10)
    assert (clamped["raw_desired_replicas"], clamped["desired_replicas"]) == (40, 10)


def test_hpa_outside_min_max_moves_to_the_bound_first():
    assert calculators.hpa(12, 10, 50, 1, 10)["desired_replicas"] == 10
    assert calculators.hpa(1, 500, 50, 3, 10)["desired_replicas"] == 3


def test_hpa_explanations_differ_by_language():
    assert calculators.hpa(4, 54, 50, lang="ko")["explanation"] != calculators.hpa(4, 54, 50, lang="en")["explanation"]


def test_rolling_update_defaults_for_ten():
    result = calculators.rolling_update(10, lang="en")
    assert (result["max_surge"], result["max_unavailable"], result["max_total_pods"], result["min_available_pods"]) \
        == (3, 2, 13, 8)
    assert all(r["total"] <= 13 and r["available"] >= 8 for r in result["steps"])
    assert result["steps"][-1]["new"] == 10 and result["steps"][-1]["label"]


def test_rolling_update_accepts_query_string_integers():
    assert calculators.rolling_update("3", "1", "0")["max_surge"] == 1


@pytest.mark.parametrize("surge, unavailable, param, words", [
    ("0", "0", "max_unavailable", "may not be 0 when `maxSurge` is 0"),
    ("1", "150%", "max_unavailable", "must not be greater than 100%"),
    ("-1", "1", "max_surge", "greater than or equal to 0"),
    ("abc", "1", "max_surge", "percent"),
])
def test_rolling_update_rejections_carry_kubernetes_reasons(surge, unavailable, param, words):
    with pytest.raises(SimulationError) as err:
        calculators.rolling_update(4, surge, unavailable)
    assert err.value.param == param and words in err.value.message
    assert err.value.message_ko != err.value.message


def test_backoff_kubernetes_and_docker():
    assert calculators.backoff("kubernetes", 4)["delays_s"] == [0, 10, 20, 40]
    assert calculators.backoff("docker", 3)["delays_s"] == [0.1, 0.2, 0.4]
    assert calculators.backoff("kubernetes", 8)["cap_s"] == 300


def test_node_eviction_defaults_use_the_50_second_grace_period():
    # tryUpdateNodeHealth turns Ready to Unknown when now.After(probeTimestamp + 50 s); monitorNodeHealth looks every
    # 5 s, so the look at exactly +50 s is not after it and the next one, +55 s, is: NotReady at 55 s, evicted
    # 55 + 300 = 355 s after the last heartbeat, the same rule as the scenarios (node failing at 900 s: heartbeat
    # 890 s, NotReady 945 s, evicted 1245 s).
    result = calculators.node_eviction()
    assert (result["not_ready_after_s"], result["evicted_after_s"]) == (55, 355)
    assert calculators.node_eviction(60)["evicted_after_s"] == 115


@pytest.mark.parametrize("call, param", [
    (lambda: calculators.hpa(0, 90, 50), "current_replicas"),
    (lambda: calculators.hpa(4, 90, 0), "target_metric"),
    (lambda: calculators.hpa(4, 90, 50, 5, 2), "max_replicas"),
    (lambda: calculators.hpa(4, "lots", 50), "current_metric"),
    (lambda: calculators.backoff("podman", 3), "runtime"),
    (lambda: calculators.backoff("docker", 51), "restarts"),
    (lambda: calculators.node_eviction(-1), "toleration_seconds"),
    (lambda: calculators.node_eviction(300, lang="fr"), "lang"),
])
def test_bad_inputs_name_the_parameter(call, param):
    with pytest.raises(SimulationError) as err:
        call()
    assert err.value.param == param


def test_hpa_next_sync_without_and_with_behavior():
    # Demand: ceil(2 × 450 / 50) = 18, clamped to maxReplicas 10. Without spec.behavior the next sync sets
    # max(2 × 2, 4) = 4 (calculateScaleUpLimit) and the load, staying, goes 2 → 4 → 8 → 10; with the default
    # behavior max(2 × 2, 2 + 4) = 6, then 10.
    none = calculators.hpa(2, 450, 50, 1, 10, "en", behavior="none")
    default = calculators.hpa(2, 450, 50, 1, 10, "en", behavior="default")
    assert (none["raw_desired_replicas"], none["desired_replicas"]) == (18, 10)
    assert (none["next_replicas"], none["scale_up_limit_per_15s"], none["path"]) == (4, 4, [2, 4, 8, 10])
    assert (default["next_replicas"], default["scale_up_limit_per_15s"], default["path"]) == (6, 6, [2, 6, 10])
    assert "max(2 × 2, 4) = 4" in none["explanation"] and "2 → 4 → 8 → 10" in none["explanation"]


def test_hpa_a_ratio_of_exactly_1_1_holds_and_the_explanation_says_why():
    # Tolerances.isWithin since 1.33: 0.9 <= 55/50 = 1.1 <= 1.1, inclusive.
    result = calculators.hpa(4, 55, 50, lang="en")
    assert (result["within_tolerance"], result["desired_replicas"], result["next_replicas"]) == (True, 4, 4)
    assert "Since Kubernetes 1.33" in result["explanation"] and "each HPA may set its own tolerance" in \
        result["explanation"]
    assert calculators.hpa(4, 45, 50)["within_tolerance"] is True  # 0.9, the other end


@pytest.mark.parametrize(("behavior", "after_s"), [("none", 300), ("default", 285)])
def test_hpa_a_scale_down_waits_for_the_window_then_goes_at_once(behavior, after_s):
    # 10 pods at 10% of a 50% target: ceil(10 × 0.2) = 2, but the next sync keeps 10: the scale-down stabilization
    # window holds it until no higher recommendation is left. Without behavior a recommendation exactly 300 s old
    # still counts (Before(cutoff)), with it only those After(cutoff): 300 s against 285 s. Then no scale-down rule
    # (none) or 100% per 15 s (default): 2 in one step.
    result = calculators.hpa(10, 10, 50, 2, 10, behavior=behavior, lang="en")
    assert (result["desired_replicas"], result["next_replicas"], result["path"]) == (2, 10, [10, 2])
    assert result["timeline"] == [{"time_s": after_s, "replicas": 2}]
    assert result["first_change_after_s"] == result["settled_after_s"] == after_s
    assert f"it scales to 2 at the sync {after_s} s after" in result["explanation"]


def test_hpa_refuses_an_unknown_behavior():
    with pytest.raises(SimulationError) as err:
        calculators.hpa(4, 90, 50, behavior="fast")
    assert err.value.param == "behavior"
