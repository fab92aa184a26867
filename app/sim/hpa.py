"""The HPA's replica calculator: which pods' CPU samples count (groupPods), the tolerance, the proposed count."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

# Algorithm details (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details):
# "desiredReplicas = ceil[currentReplicas * ( currentMetricValue / desiredMetricValue )]", a tolerance of 0.1,
# a sync every 15 s (--horizontal-pod-autoscaler-sync-period). The code mirrored below is
# pkg/controller/podautoscaler/replica_calculator.go: GetResourceReplicas, groupPods and Tolerances.isWithin.
TOLERANCE = 0.1
SYNC_PERIOD_MS = 15_000
# kube-controller-manager defaults: --horizontal-pod-autoscaler-cpu-initialization-period 5m and
# --horizontal-pod-autoscaler-initial-readiness-delay 30s (same page, "Support for resource metrics").
CPU_INITIALIZATION_PERIOD_MS = 300_000
INITIAL_READINESS_DELAY_MS = 30_000


def within_tolerance(ratio: float, tolerance: float = TOLERANCE) -> bool:
    """Tolerances.isWithin since Kubernetes 1.33: (1 - tolerance) <= ratio <= (1 + tolerance), both ends included."""
    # Before 1.33 the test was |1 - ratio| <= tolerance, which in float64 let a ratio of exactly 1.1 scale
    # (|1 - 1.1| = 0.10000000000000009). The tolerance also became settable per HPA in 1.33
    # (spec.behavior.scaleUp/scaleDown.tolerance, alpha behind the HPAConfigurableTolerance feature gate).
    return (1.0 - tolerance) <= ratio <= (1.0 + tolerance)


@dataclass(slots=True)
class PodView:
    """One pod as the HPA reads it: its status from the API server and its latest sample from metrics-server."""

    name: str
    request_m: int
    deleting: bool = False
    phase: str = "Running"
    ready: bool = True
    start_ms: int | None = 0  # status.startTime
    ready_changed_ms: int = 0  # the Ready condition's lastTransitionTime
    usage_m: int | None = None  # None: metrics-server has no sample for it
    sample_ms: int = 0  # the sample's timestamp
    window_ms: int = 0  # the span it averages over


@dataclass(slots=True)
class PodSample:
    """A pod after groupPods: counted (ready), set aside (not ready), or without a sample (usage_m None)."""

    ready: bool
    usage_m: int | None
    request_m: int


def group_pods(pods: list[PodView], now: int) -> tuple[list[PodSample], int]:
    """groupPods for CPU: the pods that take part in the calculation, and how many are ignored outright."""
    out: list[PodSample] = []
    ignored = 0
    for p in pods:
        if p.deleting or p.phase == "Failed":
            ignored += 1  # a deleted or failed pod plays no part at all
            continue
        if p.phase == "Pending":
            out.append(PodSample(False, 0, p.request_m))
            continue
        if p.usage_m is None:
            out.append(PodSample(True, None, p.request_m))  # missing: decided once the direction is known
            continue
        if p.start_ms is None:
            unready = True
        elif p.start_ms + CPU_INITIALIZATION_PERIOD_MS > now:
            # Within the CPU initialization period the sample counts only if the pod is Ready and the whole
            # window of the sample lies after it became Ready.
            unready = not p.ready or p.sample_ms < p.ready_changed_ms + p.window_ms
        else:
            # Later, only a pod that is not Ready and has never been Ready since its first 30 s is set aside.
            unready = not p.ready and p.start_ms + INITIAL_READINESS_DELAY_MS > p.ready_changed_ms
        out.append(PodSample(not unready, p.usage_m, p.request_m))
    return out, ignored


class PodStatus(NamedTuple):
    """A pod's status as the HPA reads it: a PodView without its sample (the same fields, in the same order)."""

    name: str
    request_m: int
    deleting: bool
    phase: str
    ready: bool
    start_ms: int | None
    ready_changed_ms: int


@dataclass(slots=True)
class Tally:
    """Pods after groupPods, added up as GetResourceReplicas uses them: the Ready samples' sums, and the requests
    of the pods set aside and of those without a sample."""

    ready: int = 0
    usage_m: int = 0
    request_m: int = 0
    unready: list[int] = field(default_factory=list)  # requests of the pods set aside
    missing: list[int] = field(default_factory=list)  # requests of the pods without a sample
    ignored: int = 0


def tally_pods(statuses: list[PodStatus], samples: dict[str, tuple[int, int, int]], now: int) -> Tally:
    """group_pods, then added up, without a PodView or PodSample per pod: the HPA does this at every 15 s sync.

    The same rules as group_pods (tests check that both agree); each pod's sample (usage_m, time_ms, window_ms) is
    read from metrics-server's samples by pod name.
    """
    t = Tally()
    unready, missing = t.unready, t.missing
    for name, request, deleting, phase, ready, start, changed in statuses:
        if deleting or phase == "Failed":
            t.ignored += 1  # no part at all
            continue
        if phase == "Pending":
            unready.append(request)
            continue
        sample = samples.get(name)
        if sample is None:
            missing.append(request)
            continue
        usage, sampled, window = sample
        if start is None:
            set_aside = True
        elif start + CPU_INITIALIZATION_PERIOD_MS > now:
            # Within the CPU initialization period: only if Ready, with the whole sample window after it became so.
            set_aside = not ready or sampled < changed + window
        else:
            # Later: only if not Ready and never Ready since its first 30 s.
            set_aside = not ready and start + INITIAL_READINESS_DELAY_MS > changed
        if set_aside:
            unready.append(request)
        else:
            t.ready += 1
            t.usage_m += usage
            t.request_m += request
    return t


@dataclass(slots=True)
class Calculation:
    """What GetResourceReplicas found: the utilization, the ratio and the proposed replica count."""

    desired: int
    utilization: int = 0
    ratio: float = 1.0
    ready: int = 0
    unready: int = 0  # set aside: starting, not Ready, or sampled partly before becoming Ready
    missing: int = 0  # no sample yet
    within_tolerance: bool = False
    new_ratio: float | None = None  # the ratio once unready and missing pods are filled in
    counted: int = 0  # how many pods the new ratio covers
    missing_as: int | None = None  # the utilization a missing pod was taken to have (0 or max(100, target))
    no_metrics: bool = False


def _utilization(usage_m: int, request_m: int) -> int:
    # GetResourceUtilizationRatio (metrics/utilization.go): int32((metricsTotal * 100) / requestsTotal).
    return usage_m * 100 // request_m


def calculate(current: int, pods: list[PodSample], target: int, tolerance: float = TOLERANCE) -> Calculation:
    """GetResourceReplicas on pods already grouped: scale on the Ready samples, then fill in the others."""
    t = Tally()
    for p in pods:
        if not p.ready:
            t.unready.append(p.request_m)
        elif p.usage_m is None:
            t.missing.append(p.request_m)
        else:
            t.ready += 1
            t.usage_m += p.usage_m
            t.request_m += p.request_m
    return calculate_tally(current, t, target, tolerance)


def calculate_tally(current: int, t: Tally, target: int, tolerance: float = TOLERANCE) -> Calculation:
    """GetResourceReplicas on pods already grouped and added up (see calculate)."""
    unready, missing = t.unready, t.missing
    calc = Calculation(current, ready=t.ready, unready=len(unready), missing=len(missing))
    if not t.ready:
        calc.no_metrics = True  # "did not receive metrics for targeted pods (pods might be unready)"
        return calc
    usage, request, counted = t.usage_m, t.request_m, t.ready
    calc.utilization = _utilization(usage, request)
    calc.ratio = ratio = calc.utilization / target
    scale_up_with_unready = bool(unready) and ratio > 1.0
    if not scale_up_with_unready and not missing:
        if within_tolerance(ratio, tolerance):
            calc.within_tolerance = True
            return calc
        calc.desired = math.ceil(ratio * counted)
        return calc
    if missing and ratio != 1.0:
        # "on a scale-down, treat missing pods as using 100% (all) of the resource request or the utilization
        # target for targets higher than 100%"; on a scale-up, as using 0%.
        calc.missing_as = max(100, target) if ratio < 1.0 else 0
        usage += sum(r * calc.missing_as // 100 for r in missing)
        request += sum(missing)
        counted += len(missing)
    if scale_up_with_unready:
        request += sum(unready)  # "treat unready pods as using 0% of the resource request"
        counted += len(unready)
    calc.new_ratio = new_ratio = _utilization(usage, request) / target
    calc.counted = counted
    if within_tolerance(new_ratio, tolerance) or (ratio < 1.0 < new_ratio) or (ratio > 1.0 > new_ratio):
        calc.within_tolerance = within_tolerance(new_ratio, tolerance)
        return calc  # too small a change, or the direction reversed: keep the current count
    proposed = math.ceil(new_ratio * counted)
    if (new_ratio < 1.0 and proposed > current) or (new_ratio > 1.0 and proposed < current):
        return calc  # counting more pods would reverse the direction
    calc.desired = proposed
    return calc
