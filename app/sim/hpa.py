"""The HorizontalPodAutoscaler: replica calculator, stabilization window and default scaling policies."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Algorithm details: "desiredReplicas = ceil[currentReplicas * ( currentMetricValue / desiredMetricValue )]";
# "The control plane skips any scaling action if the ratio is sufficiently close to 1.0 (within a
# globally-configurable tolerance, 0.1 by default)"; sync period "--horizontal-pod-autoscaler-sync-period
# ... the default interval is 15 seconds"
# (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details).
# The code mirrored below: pkg/controller/podautoscaler/replica_calculator.go and horizontal.go.
TOLERANCE = 0.1
SYNC_PERIOD_MS = 15_000


@dataclass(frozen=True, slots=True)
class Policy:
    """One HPAScalingPolicy: change at most `value` pods or percent per `period_ms`."""

    kind: str  # "Pods" or "Percent"
    value: int
    period_ms: int


# Default behavior (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#default-behavior):
# scaleDown stabilizationWindowSeconds 300 with Percent 100
# per 15 s; scaleUp stabilizationWindowSeconds 0 with Percent 100 and Pods 4 per 15 s, selectPolicy Max.
SCALE_UP_POLICIES = (Policy("Percent", 100, 15_000), Policy("Pods", 4, 15_000))
SCALE_DOWN_POLICIES = (Policy("Percent", 100, 15_000),)
SCALE_UP_WINDOW_MS = 0
SCALE_DOWN_WINDOW_MS = 300_000


@dataclass(frozen=True, slots=True)
class PodSample:
    """One pod as the HPA sees it: Ready or not, its CPU usage and its CPU request (millicores)."""

    ready: bool
    usage_m: int
    request_m: int


@dataclass(slots=True)
class Calculation:
    """What GetResourceReplicas found: the utilization, the ratio and the proposed replica count."""

    desired: int
    utilization: int = 0
    ratio: float = 1.0
    ready: int = 0
    ignored: int = 0
    within_tolerance: bool = False
    new_ratio: float | None = None  # the ratio once not-yet-ready pods count as 0% (scale-up only)
    no_metrics: bool = False


def calculate(current: int, pods: list[PodSample], target: int, tolerance: float = TOLERANCE) -> Calculation:
    """replica_calculator.go GetResourceReplicas, with not-ready pods set aside as the docs describe."""
    ready = [p for p in pods if p.ready]
    return calculate_totals(current, len(ready), sum(p.usage_m for p in ready), sum(p.request_m for p in ready),
                            len(pods) - len(ready), sum(p.request_m for p in pods if not p.ready), target, tolerance)


def calculate_totals(current: int, ready: int, usage_m: int, request_m: int, ignored: int, ignored_request_m: int,
                     target: int, tolerance: float = TOLERANCE) -> Calculation:
    """The same calculation from totals: Ready pods' usage and requests, and the not-ready pods' requests."""
    if not ready:
        return Calculation(desired=current, ignored=ignored, no_metrics=True)
    utilization = usage_m * 100 // request_m  # int32((metricsTotal * 100) / requestsTotal)
    ratio = utilization / target
    calc = Calculation(current, utilization, ratio, ready, ignored)
    if not (ignored and ratio > 1.0):
        if abs(1.0 - ratio) <= tolerance:
            calc.within_tolerance = True
            return calc
        calc.desired = math.ceil(ratio * ready)
        return calc
    # "if any not-yet-ready pods were present, and the workload would have scaled up ... the controller
    # conservatively assumes that the not-yet-ready pods are consuming 0% of the desired metric".
    new_ratio = (usage_m * 100 // (request_m + ignored_request_m)) / target
    calc.new_ratio = new_ratio
    if abs(1.0 - new_ratio) <= tolerance or new_ratio < 1.0:
        calc.within_tolerance = abs(1.0 - new_ratio) <= tolerance
        return calc  # too small a change, or the direction reversed: keep the current count
    proposed = math.ceil(new_ratio * (ready + ignored))
    calc.desired = current if proposed < current else proposed
    return calc


@dataclass(slots=True)
class Behavior:
    """The controller's memory for one HPA: recent recommendations and scale events."""

    recommendations: list[tuple[int, int]] = field(default_factory=list)
    up_events: list[tuple[int, int]] = field(default_factory=list)
    down_events: list[tuple[int, int]] = field(default_factory=list)
    window_high: int = 0  # the highest recommendation of the scale-down window at the last sync

    def stabilize(self, now: int, current: int, desired: int) -> int:
        """stabilizeRecommendationWithBehaviors: scale down only to the highest recommendation of 300 s."""
        if not self.recommendations:
            self.recommendations.append((now, current))  # recordInitialRecommendation
        up_rec = down_rec = desired
        for t, rec in self.recommendations:
            if t > now - SCALE_UP_WINDOW_MS:
                up_rec = min(rec, up_rec)
            if t > now - SCALE_DOWN_WINDOW_MS:
                down_rec = max(rec, down_rec)
        self.window_high = down_rec
        result = max(current, up_rec)
        result = min(result, down_rec)
        keep = now - max(SCALE_UP_WINDOW_MS, SCALE_DOWN_WINDOW_MS)
        self.recommendations = [r for r in self.recommendations if r[0] > keep] + [(now, desired)]
        return result

    def _changed(self, events: list[tuple[int, int]], now: int, period_ms: int) -> int:
        return sum(change for t, change in events if t > now - period_ms)

    def up_limit(self, now: int, current: int) -> int:
        """calculateScaleUpLimitWithScalingRules with selectPolicy Max: the most pods the rules allow."""
        best = -(2**31)
        for p in SCALE_UP_POLICIES:
            start = current - self._changed(self.up_events, now, p.period_ms)
            start += self._changed(self.down_events, now, p.period_ms)
            proposed = start + p.value if p.kind == "Pods" else math.ceil(start * (1 + p.value / 100))
            best = max(best, proposed)
        return best

    def down_limit(self, now: int, current: int) -> int:
        """calculateScaleDownLimitWithBehaviors with selectPolicy Max: the fewest pods the rules allow."""
        best = 2**31
        for p in SCALE_DOWN_POLICIES:
            start = current - self._changed(self.up_events, now, p.period_ms)
            start += self._changed(self.down_events, now, p.period_ms)
            proposed = start - p.value if p.kind == "Pods" else int(start * (1 - p.value / 100))
            best = min(best, proposed)
        return best

    def record_scale(self, now: int, before: int, after: int) -> None:
        """storeScaleEvent: remember how many pods were added or removed, and when."""
        if after > before:
            self.up_events.append((now, after - before))
        elif after < before:
            self.down_events.append((now, before - after))
        keep = now - 15_000
        self.up_events = [e for e in self.up_events if e[0] > keep]
        self.down_events = [e for e in self.down_events if e[0] > keep]


@dataclass(slots=True)
class Normalized:
    """The desired count after stabilization, the scaling rules and the min/max clamp."""

    replicas: int
    stabilized: int
    limit: int | None
    reason: str  # DesiredWithinRange | ScaleUpLimit | TooManyReplicas | ScaleDownLimit | TooFewReplicas


def normalize(state: Behavior, now: int, current: int, desired: int, low: int, high: int) -> Normalized:
    """normalizeDesiredReplicasWithBehaviors: stabilize, then apply the rate rules and min/max."""
    stabilized = state.stabilize(now, current, desired)
    if stabilized > current:
        limit = max(state.up_limit(now, current), current)
        ceiling, reason = (limit, "ScaleUpLimit") if high > limit else (high, "TooManyReplicas")
        if stabilized > ceiling:
            return Normalized(ceiling, stabilized, limit, reason)
        return Normalized(stabilized, stabilized, limit, "DesiredWithinRange")
    if stabilized < current:
        limit = min(state.down_limit(now, current), current)
        floor, reason = (limit, "ScaleDownLimit") if low < limit else (low, "TooFewReplicas")
        if stabilized < floor:
            return Normalized(floor, stabilized, limit, reason)
        return Normalized(stabilized, stabilized, limit, "DesiredWithinRange")
    return Normalized(stabilized, stabilized, None, "DesiredWithinRange")
