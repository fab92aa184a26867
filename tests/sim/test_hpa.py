"""The HPA: replica calculator, tolerance, not-ready pods, stabilization and default scaling rules."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.sim.hpa import Behavior, PodSample, calculate, normalize


def pods(n, utilization, ready=True, request=200):
    return [PodSample(ready, request * utilization // 100, request) for _ in range(n)]


def test_double_the_target_doubles_the_replicas():
    # Algorithm details: "if the current metric value is 200m, and the desired value is 100m, the number of
    # replicas will be doubled".
    assert calculate(3, pods(3, 200), 100).desired == 6


def test_half_the_target_halves_the_replicas():
    # "If the current value is instead 50m, you'll halve the number of replicas".
    assert calculate(4, pods(4, 50), 100).desired == 2


def test_ceil_of_four_times_ninety_over_fifty_is_eight():
    calc = calculate(4, pods(4, 90), 50)
    assert (calc.utilization, calc.desired) == (90, 8)


def test_within_the_tolerance_of_ten_percent_nothing_changes():
    # "The control plane skips any scaling action if the ratio is sufficiently close to 1.0 (... 0.1)".
    assert calculate(4, pods(4, 54), 50).desired == 4
    assert calculate(4, pods(4, 46), 50).desired == 4
    assert calculate(4, pods(4, 56), 50).desired == 5
    # At exactly 55/50 the float64 arithmetic of replica_calculator.go gives |1 - 1.1| = 0.10000000000000009,
    # just above the tolerance, so Kubernetes does scale: ceil(4 × 1.1) = 5.
    assert calculate(4, pods(4, 55), 50).desired == 5


def test_not_yet_ready_pods_count_as_zero_on_a_scale_up():
    # "the controller conservatively assumes that the not-yet-ready pods are consuming 0%".
    calc = calculate(4, pods(2, 150) + pods(2, 0, ready=False), 50)
    assert calc.ratio == 3.0 and calc.new_ratio == 1.5 and calc.desired == 6


def test_not_ready_pods_are_set_aside_on_a_scale_down():
    calc = calculate(4, pods(2, 10) + pods(2, 0, ready=False), 50)
    assert calc.desired == 1  # ceil(2 ready × 0.2)


def test_utilization_is_an_integer_percent_like_kubernetes():
    calc = calculate(3, [PodSample(True, 101, 200), PodSample(True, 100, 200), PodSample(True, 100, 200)], 50)
    assert calc.utilization == 50  # 301 * 100 // 600


def test_scale_up_is_limited_to_the_larger_of_100_percent_and_four_pods_per_15s():
    # Default behavior: scaleUp policies Percent 100 and Pods 4 per 15 s, selectPolicy Max.
    assert normalize(Behavior(), 0, 2, 18, 1, 100).replicas == 6  # max(4, 2 + 4)
    assert normalize(Behavior(), 0, 10, 100, 1, 100).replicas == 20  # max(20, 14)


def test_scale_up_limit_counts_pods_added_in_the_last_15_seconds():
    state = Behavior()
    first = normalize(state, 0, 2, 18, 1, 100).replicas
    state.record_scale(0, 2, first)
    assert normalize(state, 10_000, first, 18, 1, 100).replicas == 6  # period start is still 2
    assert normalize(state, 15_000, first, 18, 1, 100).replicas == 12  # a new period: 6 → 12


def test_scale_down_waits_for_the_300_second_stabilization_window():
    # Default behavior: scaleDown stabilizationWindowSeconds 300, then Percent 100 per 15 s.
    state = Behavior()
    for t in range(0, 300_001, 15_000):
        normalize(state, t, 10, 10, 2, 10)  # the last recommendation of 10 is at 300 s
    for t in range(315_000, 600_000, 15_000):
        assert normalize(state, t, 10, 2, 2, 10).replicas == 10
    assert normalize(state, 600_000, 10, 2, 2, 10).replicas == 2  # 300 s after it, and 100% at once


def test_min_and_max_clamp():
    state = Behavior()
    normalize(state, 0, 4, 4, 3, 10)
    assert normalize(state, 301_000, 4, 1, 3, 10).replicas == 3
    assert normalize(Behavior(), 0, 8, 40, 1, 10).replicas == 10


def test_the_first_sync_remembers_the_current_count_as_a_recommendation():
    # horizontal.go recordInitialRecommendation: a new HPA cannot scale down below the current count at once.
    assert normalize(Behavior(), 0, 4, 1, 3, 10).replicas == 4


@settings(max_examples=300, deadline=None)
@given(current=st.integers(1, 50), utilization=st.integers(0, 1000), target=st.integers(1, 200),
       low=st.integers(1, 20), span=st.integers(0, 30), unready=st.integers(0, 5))
def test_the_result_always_lies_within_min_and_max(current, utilization, target, low, span, unready):
    high = low + span
    current = min(max(current, low), high)
    samples = pods(current, utilization) + pods(unready, 0, ready=False)
    calc = calculate(current, samples, target)
    result = normalize(Behavior(), 0, current, calc.desired, low, high).replicas
    assert low <= result <= high
