"""The Deployment controller's rolling-update arithmetic, as in rolling.go and deployment_util.go."""

from __future__ import annotations

from dataclasses import dataclass

from app.sim.intstr import IntOrPercent, scaled_value

# Both fields default to 25%, surge rounding up and unavailable down
# (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-surge).
DEFAULT_MAX_SURGE = IntOrPercent(25, True)
DEFAULT_MAX_UNAVAILABLE = IntOrPercent(25, True)


def resolve_fenceposts(max_surge: IntOrPercent, max_unavailable: IntOrPercent, desired: int) -> tuple[int, int]:
    """ResolveFenceposts: surge rounds up, unavailable rounds down; if both end at 0, unavailable is 1."""
    surge = scaled_value(max_surge, desired, True)
    unavailable = scaled_value(max_unavailable, desired, False)
    if surge == 0 and unavailable == 0:
        # deployment_util.go: "If both fenceposts resolve to zero, then we should set maxUnavailable
        # to 1 on the theory that surge might not work due to quota."
        unavailable = 1
    return surge, unavailable


def max_unavailable(max_surge: IntOrPercent, max_unavail: IntOrPercent, desired: int) -> int:
    """MaxUnavailable: 0 for an empty Deployment, never more than the desired replicas."""
    if desired == 0:
        return 0
    return min(resolve_fenceposts(max_surge, max_unavail, desired)[1], desired)


@dataclass(slots=True)
class RSCount:
    """What the controller reads of one ReplicaSet: its name, spec.replicas and available pods."""

    name: str
    replicas: int
    available: int


@dataclass(frozen=True, slots=True)
class ScaleAction:
    """One scaling the controller performs: which ReplicaSet, to how many, and why."""

    rs: str
    before: int
    after: int
    reason: str  # scale_up_new | scale_down_new | cleanup_unhealthy | scale_down_old


def rolling_sync(desired: int, surge: int, unavailable: int, new: RSCount, olds: list[RSCount]) -> list[ScaleAction]:
    """One pass of rolloutRolling: scale the new ReplicaSet up if it may, otherwise scale old ones down.

    `olds` must be ordered oldest first (ReplicaSetsByCreationTimestamp); `unavailable` is MaxUnavailable.
    """
    if new.replicas > desired:
        return [ScaleAction(new.name, new.replicas, desired, "scale_down_new")]
    total = new.replicas + sum(o.replicas for o in olds)
    if new.replicas < desired:
        up = new_rs_new_replicas(desired, surge, total, new.replicas)
        if up != new.replicas:
            return [ScaleAction(new.name, new.replicas, up, "scale_up_new")]
    if sum(o.replicas for o in olds) == 0:
        return []
    # reconcileOldReplicaSets: maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount.
    max_scaled_down = total - (desired - unavailable) - (new.replicas - new.available)
    if max_scaled_down <= 0:
        return []
    return _scale_down_old(desired - unavailable, max_scaled_down, new, olds)


def new_rs_new_replicas(desired: int, surge: int, total: int, new_replicas: int) -> int:
    """NewRSNewReplicas: never above desired + maxSurge in total, never above desired in the new RS."""
    max_total = desired + surge
    if total >= max_total:
        return new_replicas
    return new_replicas + min(max_total - total, desired - new_replicas)


def _scale_down_old(min_available: int, max_scaled_down: int, new: RSCount, olds: list[RSCount]) -> list[ScaleAction]:
    """cleanupUnhealthyReplicas, then scaleDownOldReplicaSetsForRollingUpdate."""
    sizes = {o.name: o.replicas for o in olds}
    reasons: dict[str, str] = {}
    cleaned = 0
    # cleanupUnhealthyReplicas: drop old pods that are not available first; that costs no availability.
    for o in olds:
        if cleaned >= max_scaled_down:
            break
        if sizes[o.name] == 0 or sizes[o.name] == o.available:
            continue
        n = min(max_scaled_down - cleaned, sizes[o.name] - o.available)
        sizes[o.name] -= n
        reasons[o.name] = "cleanup_unhealthy"
        cleaned += n
    # scaleDownOldReplicaSetsForRollingUpdate: keep at least minAvailable available pods.
    available = new.available + sum(o.available for o in olds)
    if available > min_available:
        budget, done = available - min_available, 0
        for o in olds:
            if done >= budget:
                break
            if sizes[o.name] == 0:
                continue
            n = min(sizes[o.name], budget - done)
            sizes[o.name] -= n
            reasons[o.name] = "scale_down_old"
            done += n
    return [
        ScaleAction(o.name, o.replicas, sizes[o.name], reasons[o.name]) for o in olds if sizes[o.name] != o.replicas
    ]


def plan(desired: int, surge: int, unavailable: int) -> list[dict[str, object]]:
    """Play a whole rollout from old to new, new pods becoming available between syncs; one row per change."""
    old = RSCount("old", desired, desired)
    new = RSCount("new", 0, 0)
    rows = [_row(old, new, "start")]
    for _ in range(10 * desired + 10):  # a rollout needs at most a few syncs per pod; this bounds a bug
        actions = rolling_sync(desired, surge, unavailable, new, [old])
        if actions:
            for a in actions:
                target = new if a.rs == "new" else old
                target.replicas = a.after
                target.available = min(target.available, target.replicas)
            rows.append(_row(old, new, actions[0].reason))
        elif new.available < new.replicas:
            new.available = new.replicas
            rows.append(_row(old, new, "new_ready"))
        else:
            break
    return rows


def _row(old: RSCount, new: RSCount, event: str) -> dict[str, object]:
    return {
        "old": old.replicas,
        "new": new.replicas,
        "total": old.replicas + new.replicas,
        "available": old.available + new.available,
        "event": event,
    }
