"""The HPA calculator: the desired count from one metric reading, and what the next syncs set with or without behavior."""

from __future__ import annotations

import math
from typing import Any

from app.sim import sources
from app.sim.errors import SimulationError
from app.sim.hpa import TOLERANCE, within_tolerance
from app.sim.hpa_scaling import (
    BEHAVIORS,
    DOWNSCALE_STABILIZATION_MS,
    Behavior,
    default_up_limit,
    next_replicas,
    normalize,
    path,
    scale_up_limit,
)
from app.sim.params import as_float, as_int, check_lang
from app.sim.text import Text, tr


def _num(x: float) -> str:
    """Print 90.0 as "90" and 7.2 as "7.2"."""
    return f"{x:.4f}".rstrip("0").rstrip(".")


def hpa(
    current_replicas: Any,
    current_metric: Any,
    target_metric: Any,
    min_replicas: Any = 1,
    max_replicas: Any = 10,
    lang: str = "ko",
    *,
    behavior: Any = "none",
) -> dict[str, Any]:
    """The desired replicas from one reading (algorithm details), and the next sync's count under the scaling rules."""
    check_lang(lang)
    current = as_int(current_replicas, "current_replicas", 1, 1000)
    metric = as_float(current_metric, "current_metric", 0, 1_000_000)
    target = as_float(target_metric, "target_metric", 0.001, 1_000_000)
    low = as_int(min_replicas, "min_replicas", 1, 1000)
    high = as_int(max_replicas, "max_replicas", 1, 1000)
    if behavior not in BEHAVIORS:
        raise SimulationError("behavior", "must be 'none' or 'default'", "'none' 또는 'default'여야 합니다")
    if high < low:
        raise SimulationError("max_replicas", "must not be less than min_replicas", "min_replicas보다 작을 수 없습니다",
                              related={"min_replicas": ("must not be more than max_replicas",
                                                        "max_replicas보다 클 수 없습니다")})
    ratio = metric / target
    within = within_tolerance(ratio)
    raw = current if within else math.ceil(current * ratio)
    outside = current > high or current < low
    if outside:
        # horizontal.go reconcileAutoscaler: outside min..max the controller first moves to the bound, before any
        # metric, and without the scaling rules.
        desired = following = high if current > high else low
        steps = [current, desired]
    else:
        desired = min(max(raw, low), high)
        following = next_replicas(current, raw, low, high, behavior)
        steps = path(current, raw, low, high, behavior)
    limit = scale_up_limit(current) if behavior == "none" else default_up_limit(current)
    syncs = [(0, desired)] if outside else timeline(current, raw, low, high, behavior)
    if syncs and syncs[0][0] > 0:
        following = current  # the stabilization window holds the count at the next sync
    text = _explain(current, metric, target, low, high, raw, desired, outside)
    rules = _rules(current, desired, following, steps, behavior, limit, outside, syncs)
    return {
        "usage_ratio": ratio,
        "within_tolerance": within,
        "tolerance": TOLERANCE,
        "raw_desired_replicas": raw,
        "desired_replicas": desired,
        "behavior": behavior,
        "next_replicas": following,
        "scale_up_limit_per_15s": limit,
        "path": steps,
        "timeline": [{"time_s": t, "replicas": n} for t, n in syncs],
        "first_change_after_s": syncs[0][0] if syncs else None,
        "settled_after_s": syncs[-1][0] if syncs else 0,
        "explanation": text[lang] + rules[lang],
        "sources": [sources.HPA_ALGORITHM, sources.HPA_REPLICA_CALCULATOR, sources.HPA_CONTROLLER,
                    sources.HPA_DEFAULT_BEHAVIOR, sources.HPA_TOLERANCE],
    }


def timeline(current: int, desired: int, low: int, high: int, spec: str, limit: int = 60) -> list[tuple[int, int]]:
    """The syncs that change the count, as (seconds after the first sync that sees this metric, replicas).

    The HPA is taken to have recommended the current count for the whole window before (a steady load that has
    just changed), so a scale-down waits out the stabilization window exactly as the autoscaling scenario does.
    """
    state = Behavior(spec)
    period = 15_000
    window = DOWNSCALE_STABILIZATION_MS
    state.recommendations = [(t, current) for t in range(-window, 0, period)]
    changes, count = [], current
    for n in range(limit):
        now = n * period
        step = normalize(state, now, count, desired, low, high).replicas
        if step != count:
            state.record_scale(now, count, step)
            changes.append((now // 1000, step))
            count = step
        elif count == min(max(desired, low), high):
            break
    return changes


def _explain(current: int, metric: float, target: float, low: int, high: int, raw: int, desired: int,
             outside: bool) -> Text:
    ratio = metric / target
    if outside:
        return tr(f"현재 {current}개는 허용 범위 {low}..{high} 밖이라 지표와 상관없이 먼저 {desired}개로 맞춥니다.",
                  f"{current} replicas is outside {low}..{high}, so the HPA first moves to {desired}, whatever the "
                  "metric.")
    if raw == current and within_tolerance(ratio):
        return tr(f"비율 {_num(metric)} / {_num(target)} = {_num(ratio)}는 0.9 이상 1.1 이하(허용 오차 0.1)라 {current}개를 "
                  "그대로 둡니다. 쿠버네티스 1.33부터는 경계값(정확히 0.9나 1.1)도 허용 오차 안으로 치고, HPA마다 허용 오차를 "
                  "정할 수 있습니다(spec.behavior.scaleUp/scaleDown.tolerance).",
                  f"The ratio {_num(metric)} / {_num(target)} = {_num(ratio)} lies within 0.9..1.1 (the 0.1 tolerance), "
                  f"so the HPA keeps {current} replicas. Since Kubernetes 1.33 the bounds themselves (exactly 0.9 or "
                  "1.1) count as within, and each HPA may set its own tolerance "
                  "(spec.behavior.scaleUp/scaleDown.tolerance).")
    formula = f"ceil({current} × {_num(metric)} / {_num(target)}) = ceil({_num(current * ratio)}) = {raw}"
    bound = tr("", "")
    if desired != raw:
        bound = tr(f" {low}..{high} 범위로 제한해 {desired}개.", f" Clamped to {low}..{high}: {desired}.")
    return tr(f"HPA: {formula}.{bound['ko']}", f"HPA: {formula}.{bound['en']}")


def _rules(current: int, desired: int, following: int, steps: list[int], behavior: str, limit: int,
           outside: bool, syncs: list[tuple[int, int]]) -> Text:
    if outside or desired == current:
        return tr("", "")
    shown = " → ".join(str(n) for n in steps)
    if desired < current:
        at, then = syncs[0] if syncs else (0, desired)
        return tr(f" 공식은 지금 {desired}개를 말하지만, HPA는 축소하기 전에 지난 300초의 권고 중 더 높은 값이 없어질 때까지 "
                  f"기다립니다(축소 안정화 창). 부하가 이대로면 이 값을 처음 본 동기화부터 {at}초 뒤의 동기화에서 {then}개로 "
                  "줄이고, 그때까지는 동기화마다 현재 수를 유지합니다.",
                  f" The formula says {desired} now, but before scaling down the HPA waits until no recommendation of "
                  f"the last 300 s is higher (the scale-down stabilization window). If the load stays, it scales to "
                  f"{then} at the sync {at} s after the first one that saw this metric; until then each sync keeps the "
                  "current count.")
    if behavior == "none":
        rule = tr(f"spec.behavior가 없는 HPA(`kubectl autoscale`로 만든 것 등)는 한 번의 동기화에 max(2 × {current}, 4) = "
                  f"{limit}개까지만 늘립니다",
                  f"Without spec.behavior (what `kubectl autoscale` creates) one sync goes no further than "
                  f"max(2 × {current}, 4) = {limit}")
    else:
        rule = tr(f"기본 behavior는 15초마다 +100% 또는 +4개 중 큰 쪽, 곧 max(2 × {current}, {current} + 4) = {limit}개까지 "
                  "늘립니다",
                  f"The default behavior allows the larger of +100% or +4 pods per 15 s: max(2 × {current}, "
                  f"{current} + 4) = {limit}")
    return tr(f" {rule['ko']}. 다음 동기화는 {following}개, 부하가 그대로면 15초마다 {shown}.",
              f" {rule['en']}. The next sync sets {following}; if the load stays, sync after sync: {shown}.")
