"""The autoscaling scenario against the real pipeline: metrics-server's samples, groupPods, the scale-up limits."""

import pytest

from app.sim import run


def scales(trace):
    return [(s.time_s, d["inputs"]["current_replicas"], d["result"]) for s in trace.steps for d in s.decisions
            if d["controller"] == "horizontal-pod-autoscaler" and d["type"] == "scale"]


def at(trace, time_s):
    return next(s for s in trace.steps if s.time_s == time_s)


@pytest.fixture(scope="module")
def trace():
    return run("autoscaling", lang="en")


def test_the_hpa_first_sees_the_spike_in_the_sample_after_it(trace):
    # Defaults: 2 pods of 200m, 100 requests/s each at 100% of the request, capacity 200 requests/s at the 400m limit.
    # metrics-server samples every 15 s (0, 15, ..., 300 s); the HPA syncs every 15 s and reads the latest sample.
    # The spike comes at 300 s: the sample of 300 s averages 285..300 s, before it (50 rps per pod → 100m → 50%),
    # so the HPA changes nothing at 300 s. The sample of 315 s: both pods at their 400m limit → 200%.
    spike = at(trace, 300.0)
    assert not [d for d in spike.decisions if d["controller"] == "horizontal-pod-autoscaler"]
    first = scales(trace)[0]
    assert first == (315.0, 2, 4)


def test_new_pods_count_as_zero_until_a_whole_window_after_ready(trace):
    # 315 s: ceil(2 × 200 / 50) = 8, limited to max(2 × 2, 4) = 4 (no spec.behavior).
    # The 2 new pods are Ready at 325 s (probe ticks every 10 s from 315 s). The sample of 330 s covers 316..330 s
    # or 319..330 s (fresh containers), partly before 325 s: groupPods sets them aside (unready). The 2 old pods
    # are at 400m the whole time (225 requests/s each sent, 200 served): 200%, ratio 4 > 1 with unready pods, so
    # they count as 0%: 800 × 100 // (4 × 200) = 100 → 2.0, ceil(2.0 × 4) = 8, within max(2 × 4, 4) = 8.
    # 345 s: the 4 new pods of 330 s (Ready at 340 s) are unready; pods 3-4 are counted now. The counted 4 used
    # 400m for 10 s and 225m (900 / 8 = 112.5 requests/s) for 5 s: 341.67 → 342m each → 1368 × 100 // 800 = 171,
    # ratio 3.42; with 4 at 0%: 136800 // 1600 = 85 → 1.7, ceil(1.7 × 8) = 14, capped by maxReplicas: 10.
    assert scales(trace)[:3] == [(315.0, 2, 4), (330.0, 4, 8), (345.0, 8, 10)]
    d330 = next(d for d in at(trace, 330.0).decisions if d["type"] == "scale")
    assert (d330["inputs"]["ready_pods"], d330["inputs"]["unready_pods"], d330["inputs"]["new_ratio"]) == (2, 2, 2.0)
    d345 = next(d for d in at(trace, 345.0).decisions if d["type"] == "scale")
    assert (d345["inputs"]["utilization"], d345["inputs"]["new_ratio"], d345["inputs"]["proposed"]) == (171, 1.7, 14)
    assert d345["inputs"]["reason"] == "TooManyReplicas"


def test_requests_fail_until_enough_pods_are_ready(trace):
    # 900 requests/s: 2 pods serve 2 × 200 = 400, 500 fail (300..325 s); 4 pods serve 800, 100 fail (325..340 s);
    # 8 pods serve all (340 s on). In all 500 × 25 + 100 × 15 = 14000 requests fail.
    assert [at(trace, t).metrics["failed_rps"] for t in (300.0, 325.0, 340.0)] == [500.0, 100.0, 0.0]
    assert at(trace, 300.0).metrics["latency_ms"] == 10_000  # saturated pods: requests wait until the timeout
    assert "In all 14000 requests failed" in trace.steps[-1].narration


def test_with_the_default_behavior_the_hpa_goes_2_6_8_10():
    # 315 s: 8 proposed, the default rule allows max(2 + 4, 2 × 2) = 6. 330 s: the 2 old pods used 400m for 10 s,
    # then 300m (900 / 6 = 150 requests/s) for 5 s: 366.67 → 367m → 183%, ratio 3.66; the 4 unready at 0%:
    # 73400 // 1200 = 61 → 1.22, ceil(1.22 × 6) = 8 (the 315 s event is exactly 15 s old, outside the period, so
    # the limit is max(12, 10)). 345 s: 14 → maxReplicas 10.
    trace = run("autoscaling", {"behavior": "default"}, lang="en")
    assert scales(trace) == [(315.0, 2, 6), (330.0, 6, 8), (345.0, 8, 10), (1200.0, 10, 2)]


def test_a_hold_while_new_pods_warm_up():
    # 2 pods, target 50%, 180 requests/s from 300 s: 90 each → 180m → 90%, ratio 1.8 → ceil(3.6) = 4 at 315 s.
    # At 330 s the 2 new pods (Ready at 325 s) are unready: the old pods used 180m for 10 s, then 90m (45 each)
    # for 5 s: 150m → 75%, ratio 1.5 > 1; with the new pods at 0%: 300 × 100 // 800 = 37 → 0.74 < 1: the
    # direction reverses, so the HPA holds 4 while they warm up.
    trace = run("autoscaling", {"peak_rps": 180}, lang="en")
    assert scales(trace)[0] == (315.0, 2, 4)
    hold = next(d for d in at(trace, 330.0).decisions if d["type"] == "hold")
    assert (hold["inputs"]["ratio"], hold["inputs"]["new_ratio"], hold["result"]) == (1.5, 0.74, 4)
    assert "warm up" in hold["explanation"]
