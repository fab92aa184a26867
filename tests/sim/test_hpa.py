"""The HPA: replica calculator, tolerance, not-ready pods, stabilization and default scaling rules."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.sim.hpa import PodSample, calculate
from app.sim.hpa_scaling import Behavior, normalize


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
    # Kubernetes 1.33 Tolerances.isWithin: (1 - 0.1) <= ratio <= (1 + 0.1). At exactly 55/50 = 1.1 the ratio is
    # within (in float64, 1.0 + 0.1 == 1.1), so the HPA holds 4. (Before 1.33, |1 - 1.1| = 0.10000000000000009 > 0.1
    # scaled it to ceil(4 × 1.1) = 5.)
    assert calculate(4, pods(4, 55), 50).desired == 4


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


def test_both_ends_of_the_tolerance_are_within_since_kubernetes_1_33():
    # isWithin: 0.9 <= ratio <= 1.1. 10 pods: 45/50 = 0.9 and 55/50 = 1.1 hold 10; 44/50 = 0.88 → ceil(8.8) = 9;
    # 56/50 = 1.12 → ceil(11.2) = 12.
    assert calculate(10, pods(10, 45), 50).desired == 10
    assert calculate(10, pods(10, 55), 50).desired == 10
    assert calculate(10, pods(10, 44), 50).desired == 9
    assert calculate(10, pods(10, 56), 50).desired == 12
    assert calculate(10, pods(10, 55), 50).within_tolerance is True


def missing(n, request=200):
    return [PodSample(True, None, request) for _ in range(n)]


def test_missing_pods_count_as_full_use_on_a_scale_down():
    # GetResourceReplicas: usage ratio 10/50 = 0.2 < 1, so the missing pod counts as max(100, 50) = 100% of its
    # 200m request: (3 × 20 + 200) × 100 // (4 × 200) = 32 → 0.64, ceil(0.64 × 4) = ceil(2.56) = 3 (not 1).
    calc = calculate(4, pods(3, 10) + missing(1), 50)
    assert (calc.ratio, calc.missing_as, calc.new_ratio, calc.desired) == (0.2, 100, 0.64, 3)


def test_missing_pods_count_as_the_target_when_it_is_above_100_percent():
    # fallbackUtilization = max(100, 150) = 150: 3 ready at 30% (60m): ratio 0.2; missing 200 × 150 / 100 = 300m;
    # (180 + 300) × 100 // 800 = 60 → 0.4, ceil(0.4 × 4) = 2.
    calc = calculate(4, pods(3, 30) + missing(1), 150)
    assert (calc.missing_as, calc.desired) == (150, 2)


def test_missing_pods_count_as_zero_on_a_scale_up():
    # Ratio 150/50 = 3 > 1: missing pods count 0%: 600 × 100 // 800 = 75 → 1.5, ceil(1.5 × 4) = 6.
    calc = calculate(4, pods(2, 150) + missing(2), 50)
    assert (calc.missing_as, calc.new_ratio, calc.desired) == (0, 1.5, 6)


def test_a_reversed_direction_keeps_the_current_count():
    # Ratio 60/50 = 1.2 with 3 unready pods counted as 0%: 2 × 120 × 100 // (5 × 200) = 24 → 0.48 < 1, the
    # direction reverses, so the HPA keeps 5.
    calc = calculate(5, pods(2, 60) + pods(3, 0, ready=False), 50)
    assert (calc.ratio, calc.new_ratio, calc.desired) == (1.2, 0.48, 5)


def test_without_behavior_a_sync_may_at_most_double_or_reach_four():
    # horizontal.go calculateScaleUpLimit: max(scaleUpLimitFactor 2 × current, scaleUpLimitMinimum 4).
    from app.sim.hpa_scaling import scale_up_limit

    assert [scale_up_limit(n) for n in (1, 2, 3, 10)] == [4, 4, 6, 20]
    # convertDesiredReplicasWithRules: a demand of 18 from 2 with max 10 gets max(4, 4) = 4, not max(2 + 4, 4) = 6.
    assert normalize(Behavior("none"), 0, 2, 18, 1, 10).replicas == 4
    assert normalize(Behavior("default"), 0, 2, 18, 1, 10).replicas == 6


def test_demand_for_18_from_2_with_max_10_goes_2_4_8_10_without_behavior_and_2_6_10_with_it():
    from app.sim.hpa_scaling import path

    # None: 2 → max(2×2, 4) = 4 → max(2×4, 4) = 8 → max(16, 4) = 16, but maxReplicas 10 → 10.
    assert path(2, 18, 1, 10, "none") == [2, 4, 8, 10]
    # Default behavior: 2 → max(2 + 4, 2 × 2) = 6 → max(6 + 4, 12) = 12, capped at 10.
    assert path(2, 18, 1, 10, "default") == [2, 6, 10]


def test_without_behavior_a_recommendation_exactly_300_seconds_old_still_counts():
    # stabilizeRecommendation marks a sample old only when it is Before(now - 5 min): at exactly 300 s it counts.
    # stabilizeRecommendationWithBehaviors keeps only those After(now - 300 s): at exactly 300 s it does not.
    none, default = Behavior("none"), Behavior("default")
    for state in (none, default):
        normalize(state, 0, 10, 10, 2, 10)
    assert normalize(none, 300_000, 10, 2, 2, 10).replicas == 10
    assert normalize(default, 300_000, 10, 2, 2, 10).replicas == 2
    # One millisecond later the recommendation of 10 is old without behavior too.
    later = Behavior("none")
    normalize(later, 0, 10, 10, 2, 10)
    assert normalize(later, 300_001, 10, 2, 2, 10).replicas == 2


def test_group_pods_follows_readiness_and_the_cpu_initialization_period():
    from app.sim.hpa import PodView, group_pods

    # replica_calculator.go groupPods, with cpuInitializationPeriod 5 min and delayOfInitialReadinessStatus 30 s.
    views = [
        PodView("deleting", 200, deleting=True, usage_m=100),  # ignored
        PodView("failed", 200, phase="Failed"),  # ignored
        PodView("pending", 200, phase="Pending"),  # unready
        PodView("no-sample", 200, usage_m=None),  # missing
        # Started at 0, now 100 s: within the 5 min. Ready at 10 s; a sample at 30 s of a 15 s window covers
        # 15..30 s, all after 10 s: counted. A sample at 20 s covers 5..20 s, partly before: unready.
        PodView("whole-window", 200, start_ms=0, ready_changed_ms=10_000, usage_m=50, sample_ms=30_000,
                window_ms=15_000),
        PodView("partial-window", 200, start_ms=0, ready_changed_ms=10_000, usage_m=50, sample_ms=20_000,
                window_ms=15_000),
    ]
    samples, ignored = group_pods(views, 100_000)
    assert ignored == 2
    assert [(s.ready, s.usage_m) for s in samples] == [(False, 0), (True, None), (True, 50), (False, 50)]
    # After the 5 min: a pod not Ready whose condition changed 20 s after start (start + 30 s is later) has never
    # been Ready: unready. One that turned not Ready at 200 s had been Ready: its sample counts.
    later = [PodView("never-ready", 200, ready=False, start_ms=0, ready_changed_ms=20_000, usage_m=10),
             PodView("was-ready", 200, ready=False, start_ms=0, ready_changed_ms=200_000, usage_m=10)]
    samples, _ = group_pods(later, 400_000)
    assert [s.ready for s in samples] == [False, True]
