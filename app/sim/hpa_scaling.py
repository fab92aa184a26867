"""How an HPA turns a proposed count into the next one: stabilization, the scale-up limit, min and max."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import itemgetter

# pkg/controller/podautoscaler/horizontal.go. An HPA without spec.behavior (what `kubectl autoscale` and most
# manifests create; the API server leaves it nil, SetDefaults_HorizontalPodAutoscalerBehavior fills it only when
# set) goes through normalizeDesiredReplicas: stabilizeRecommendation over --horizontal-pod-autoscaler-
# downscale-stabilization (5 min), then convertDesiredReplicasWithRules, whose calculateScaleUpLimit allows
# max(scaleUpLimitFactor 2 × current, scaleUpLimitMinimum 4) per sync. An HPA with spec.behavior goes through
# normalizeDesiredReplicasWithBehaviors instead.
SCALE_UP_LIMIT_FACTOR = 2
SCALE_UP_LIMIT_MINIMUM = 4
DOWNSCALE_STABILIZATION_MS = 300_000
BEHAVIORS = ("none", "default")


@dataclass(frozen=True, slots=True)
class Policy:
    """One HPAScalingPolicy: change at most `value` pods or percent per `period_ms`."""

    kind: str  # "Pods" or "Percent"
    value: int
    period_ms: int


# Default behavior (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#default-behavior):
# scaleDown stabilizationWindowSeconds 300 with Percent 100 per 15 s; scaleUp stabilizationWindowSeconds 0 with
# Percent 100 and Pods 4 per 15 s, selectPolicy Max.
SCALE_UP_POLICIES = (Policy("Percent", 100, 15_000), Policy("Pods", 4, 15_000))
SCALE_DOWN_POLICIES = (Policy("Percent", 100, 15_000),)
SCALE_UP_WINDOW_MS = 0
SCALE_DOWN_WINDOW_MS = 300_000


def scale_up_limit(current: int) -> int:
    """calculateScaleUpLimit, for an HPA without behavior: max(2 × current, 4)."""
    return int(max(SCALE_UP_LIMIT_FACTOR * float(current), float(SCALE_UP_LIMIT_MINIMUM)))


def default_up_limit(period_start: int) -> int:
    """calculateScaleUpLimitWithScalingRules for the default policies: the larger of +100 % and +4 pods."""
    best = -(2**31)
    for p in SCALE_UP_POLICIES:
        # "the proposal has to be rounded up": math.Ceil(float64(periodStartReplicas) * (1 + value/100)).
        proposed = period_start + p.value if p.kind == "Pods" else math.ceil(period_start * (1 + p.value / 100))
        best = max(best, proposed)
    return best


@dataclass(slots=True)
class Normalized:
    """The desired count after stabilization, the scaling rules and the min/max clamp."""

    replicas: int
    stabilized: int
    limit: int | None
    reason: str  # DesiredWithinRange | ScaleUpLimit | TooManyReplicas | ScaleDownLimit | TooFewReplicas


@dataclass(slots=True)
class Behavior:
    """The controller's memory for one HPA: recent recommendations and scale events, and which path it takes."""

    spec: str = "default"  # "default": spec.behavior with the default rules; "none": no spec.behavior
    recommendations: list[tuple[int, int]] = field(default_factory=list)
    up_events: list[tuple[int, int]] = field(default_factory=list)
    down_events: list[tuple[int, int]] = field(default_factory=list)
    window_high: int = 0  # the highest recommendation of the scale-down window at the last sync

    def record_initial(self, now: int, current: int) -> None:
        """recordInitialRecommendation: a new HPA remembers the current count, so it cannot scale down at once."""
        if not self.recommendations:
            self.recommendations.append((now, current))

    def stabilize(self, now: int, current: int, desired: int) -> int:
        """stabilizeRecommendationWithBehaviors: scale down only to the highest recommendation of 300 s."""
        self.record_initial(now, current)
        up_rec = down_rec = desired
        for t, rec in self.recommendations:
            if t > now - SCALE_UP_WINDOW_MS:  # rec.timestamp.After(upCutoff)
                up_rec = min(rec, up_rec)
            if t > now - SCALE_DOWN_WINDOW_MS:
                down_rec = max(rec, down_rec)
        self.window_high = down_rec
        result = min(max(current, up_rec), down_rec)
        keep = now - max(SCALE_UP_WINDOW_MS, SCALE_DOWN_WINDOW_MS)
        self.recommendations = [r for r in self.recommendations if r[0] >= keep] + [(now, desired)]
        return result

    def stabilize_without_behavior(self, now: int, current: int, desired: int) -> int:
        """stabilizeRecommendation: the highest recommendation not older than the downscale stabilization."""
        self.record_initial(now, current)
        cutoff = now - DOWNSCALE_STABILIZATION_MS
        # A recommendation exactly at the cutoff still counts here (rec.timestamp.Before(cutoff) marks it old),
        # unlike the behavior path, which keeps only those After(cutoff).
        recs = self.recommendations
        # Recommendations are recorded as the clock goes forward, so the old ones are at the front.
        old = 0
        while old < len(recs) and recs[old][0] < cutoff:
            old += 1
        del recs[:old]
        high = max(desired, max(map(itemgetter(1), recs))) if recs else desired
        self.window_high = high
        recs.append((now, desired))
        return high

    def _changed(self, events: list[tuple[int, int]], now: int, period_ms: int) -> int:
        # getReplicasChangePerPeriod: events After(now - period).
        return sum(change for t, change in events if t > now - period_ms)

    def up_limit(self, now: int, current: int) -> int:
        """The most pods the next sync may set on a scale-up."""
        if self.spec == "none":
            return scale_up_limit(current)
        start = current - self._changed(self.up_events, now, 15_000) + self._changed(self.down_events, now, 15_000)
        return default_up_limit(start)

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
        """storeScaleEvent: remember how many pods were added or removed, and when (with spec.behavior only)."""
        if self.spec == "none":
            return  # "we should not store any event as they will not be used"
        if after > before:
            self.up_events.append((now, after - before))
        elif after < before:
            self.down_events.append((now, before - after))
        keep = now - 15_000
        self.up_events = [e for e in self.up_events if e[0] > keep]
        self.down_events = [e for e in self.down_events if e[0] > keep]


def convert_with_rules(current: int, desired: int, low: int, high: int) -> tuple[int, int, str]:
    """convertDesiredReplicasWithRules: clamp to min, and to max or the per-sync scale-up limit, whichever is lower."""
    limit = scale_up_limit(current)
    ceiling, reason = (limit, "ScaleUpLimit") if high > limit else (high, "TooManyReplicas")
    if desired < low:
        return low, limit, "TooFewReplicas"
    if desired > ceiling:
        return ceiling, limit, reason
    return desired, limit, "DesiredWithinRange"


def normalize(state: Behavior, now: int, current: int, desired: int, low: int, high: int) -> Normalized:
    """normalizeDesiredReplicas (no behavior) or normalizeDesiredReplicasWithBehaviors, as the HPA's spec says."""
    if state.spec == "none":
        stabilized = state.stabilize_without_behavior(now, current, desired)
        replicas, limit, reason = convert_with_rules(current, stabilized, low, high)
        return Normalized(replicas, stabilized, limit, reason)
    stabilized = state.stabilize(now, current, desired)
    if stabilized > current:
        # convertDesiredReplicasWithBehaviorRate: "We shouldn't scale up further until the scaleUpEvents will be
        # cleaned up", so the limit is never below the current count.
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


def next_replicas(current: int, desired: int, low: int, high: int, spec: str) -> int:
    """What the next sync sets for a steady desired count, with nothing scaled in the last 15 s."""
    # A fresh Behavior stands for a controller that has seen this desired count for the whole window: a scale-down
    # is then free (no behavior: no rate rule; default: 100 % per 15 s), a scale-up is rate-limited.
    state = Behavior(spec)
    state.recommendations = [(0, desired)]
    return normalize(state, DOWNSCALE_STABILIZATION_MS, current, desired, low, high).replicas


def path(current: int, desired: int, low: int, high: int, spec: str, limit: int = 50) -> list[int]:
    """The replica count after each 15 s sync while the desired count stays the same."""
    state = Behavior(spec)
    now, counts = 0, [current]
    for _ in range(limit):
        state.recommendations = [(now, desired)]
        step = normalize(state, now + 1, counts[-1], desired, low, high).replicas
        if step == counts[-1]:
            break
        state.record_scale(now + 1, counts[-1], step)
        counts.append(step)
        now += 15_000
    return counts
