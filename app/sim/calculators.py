"""Four calculators as pure functions: HPA, rolling update, restart backoff and node eviction timing."""

from __future__ import annotations

import math
from typing import Any

from app.sim import sources
from app.sim.backoff import (
    DOCKER_MAX_MS,
    DOCKER_RESET_RUN_MS,
    KUBELET_MAX_MS,
    KUBELET_RESET_MS,
    docker_delays_ms,
    kubelet_delays_ms,
)
from app.sim.errors import SimulationError
from app.sim.hpa import SCALE_UP_POLICIES, TOLERANCE
from app.sim.intstr import IntOrPercent, scaled_value, validate_rolling_update
from app.sim.intstr import parse as parse_intstr
from app.sim.nodelifecycle import (
    LEASE_RENEW_MS,
    NODE_MONITOR_GRACE_MS,
    NODE_MONITOR_PERIOD_MS,
)
from app.sim.params import as_float, as_int, check_lang
from app.sim.rollout import max_unavailable as resolve_max_unavailable
from app.sim.rollout import plan, resolve_fenceposts
from app.sim.text import Text, count, secs, tr


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
) -> dict[str, Any]:
    """Compute the HPA's desired replicas from one metric reading, as its algorithm details describe."""
    check_lang(lang)
    current = as_int(current_replicas, "current_replicas", 1, 1000)
    metric = as_float(current_metric, "current_metric", 0, 1_000_000)
    target = as_float(target_metric, "target_metric", 0.001, 1_000_000)
    low = as_int(min_replicas, "min_replicas", 1, 1000)
    high = as_int(max_replicas, "max_replicas", 1, 1000)
    if high < low:
        raise SimulationError("max_replicas", "must not be less than min_replicas", "min_replicas보다 작을 수 없습니다",
                              related={"min_replicas": ("must not be more than max_replicas",
                                                        "max_replicas보다 클 수 없습니다")})
    ratio = metric / target
    within = abs(1.0 - ratio) <= TOLERANCE
    raw = current if within else math.ceil(current * ratio)
    desired = min(max(raw, low), high)
    if current > high or current < low:
        # horizontal.go: outside min..max the controller first moves to the bound, before any metric.
        desired = high if current > high else low
    text = _hpa_text(current, metric, target, low, high, raw, desired)
    up_limit = max(math.ceil(current * (1 + p.value / 100)) if p.kind == "Percent" else current + p.value
                   for p in SCALE_UP_POLICIES)
    return {
        "usage_ratio": ratio,
        "within_tolerance": within,
        "tolerance": TOLERANCE,
        "raw_desired_replicas": raw,
        "desired_replicas": desired,
        "scale_up_limit_per_15s": up_limit,
        "explanation": text[lang],
        "sources": [sources.HPA_ALGORITHM, sources.HPA_REPLICA_CALCULATOR, sources.HPA_DEFAULT_BEHAVIOR],
    }


def _hpa_text(current: int, metric: float, target: float, low: int, high: int, raw: int, desired: int) -> Text:
    ratio = metric / target
    if current > high or current < low:
        return tr(f"현재 {current}개는 허용 범위 {low}..{high} 밖이라 지표와 상관없이 먼저 {desired}개로 맞춥니다.",
                  f"{current} replicas is outside {low}..{high}, so the HPA first moves to {desired}, whatever the "
                  "metric.")
    if raw == current and abs(1.0 - ratio) <= TOLERANCE:
        return tr(f"비율 {_num(metric)} / {_num(target)} = {_num(ratio)}는 1.0에서 허용 오차 0.1 이내라 "
                  f"{current}개를 그대로 둡니다.",
                  f"The ratio {_num(metric)} / {_num(target)} = {_num(ratio)} is within the 0.1 tolerance of 1.0, "
                  f"so the HPA keeps {current} replicas.")
    formula = f"ceil({current} × {_num(metric)} / {_num(target)}) = ceil({_num(current * ratio)}) = {raw}"
    bound = tr("", "")
    if desired != raw:
        bound = tr(f" {low}..{high} 범위로 제한해 {desired}개.", f" Clamped to {low}..{high}: {desired}.")
    return tr(f"HPA: {formula}.{bound['ko']}", f"HPA: {formula}.{bound['en']}")


_ROW_LABELS = {
    "start": tr("시작: 모두 이전 버전", "Start: all pods run the old version"),
    "scale_up_new": tr("새 레플리카셋 확장", "New ReplicaSet scaled up"),
    "scale_down_old": tr("이전 레플리카셋 축소", "Old ReplicaSet scaled down"),
    "cleanup_unhealthy": tr("이전 레플리카셋의 준비 안 된 파드 정리", "Old ReplicaSet's unready pods removed"),
    "new_ready": tr("새 파드들이 Ready(사용 가능)가 됨", "New pods became Ready (available)"),
}


def rolling_update(replicas: Any, max_surge: Any = "25%", max_unavailable: Any = "25%", lang: str = "ko") -> dict:
    """Resolve maxSurge/maxUnavailable for a replica count and play the rollout row by row."""
    check_lang(lang)
    desired = as_int(replicas, "replicas", 1, 1000)
    surge_v, unavail_v = parse_intstr(max_surge, "max_surge"), parse_intstr(max_unavailable, "max_unavailable")
    validate_rolling_update(surge_v, unavail_v)
    surge, _ = resolve_fenceposts(surge_v, unavail_v, desired)
    unavailable = resolve_max_unavailable(surge_v, unavail_v, desired)
    rows = plan(desired, surge, unavailable)
    for row in rows:
        row["label"] = _ROW_LABELS[str(row["event"])][lang]
    how = _rolling_text(desired, surge_v, unavail_v, surge, unavailable)
    bounds = tr(f"파드는 최대 {desired + surge}개까지, 사용 가능한 파드는 최소 {desired - unavailable}개를 지킵니다 "
                f"({len(rows) - 1}번의 변화).",
                f"At most {desired + surge} pods exist and at least {count(desired - unavailable, 'pod')} "
                f"{'stays' if desired - unavailable == 1 else 'stay'} available ({len(rows) - 1} changes).")
    return {
        "replicas": desired,
        "max_surge": surge,
        "max_unavailable": unavailable,
        "max_total_pods": desired + surge,
        "min_available_pods": desired - unavailable,
        "steps": rows,
        "explanation": how[lang] + bounds[lang],
        "sources": [sources.ROLLING_UPDATE, sources.DEPLOYMENT_UTIL, sources.ROLLING_GO],
    }


def _rolling_text(desired: int, surge_v: IntOrPercent, unavail_v: IntOrPercent, surge: int, unavailable: int) -> Text:
    floor = scaled_value(unavail_v, desired, False)
    up = tr("(올림)", " (rounded up)") if surge_v.percent else tr("", "")
    down = tr("(내림)", " (rounded down)") if unavail_v.percent else tr("", "")
    text = tr(f"maxSurge {surge_v} → {surge}개{up['ko']}, maxUnavailable {unavail_v} → {floor}개{down['ko']}. ",
              f"maxSurge {surge_v} → {surge}{up['en']}, maxUnavailable {unavail_v} → {floor}{down['en']}. ")
    if surge == 0 and floor == 0:
        text = tr(text["ko"] + "둘 다 0이 되면 롤아웃이 움직일 수 없으므로 Kubernetes는 maxUnavailable을 1로 씁니다. ",
                  text["en"] + "Both 0 would stall the rollout, so Kubernetes uses maxUnavailable 1. ")
    elif floor > unavailable:
        text = tr(text["ko"] + f"파드 수보다 많을 수는 없어 {unavailable}개입니다. ",
                  text["en"] + f"It cannot exceed the replicas, so {unavailable}. ")
    return text


def backoff(runtime: Any = "kubernetes", restarts: Any = 6, lang: str = "ko") -> dict[str, Any]:
    """List the wait before each of restarts 1..N of a container that keeps crashing right away."""
    check_lang(lang)
    if runtime not in ("kubernetes", "docker"):
        raise SimulationError("runtime", "must be 'kubernetes' or 'docker'", "'kubernetes' 또는 'docker'여야 합니다")
    n = as_int(restarts, "restarts", 1, 50)
    if runtime == "kubernetes":
        delays = kubelet_delays_ms(n)
        text = tr(f"kubelet은 첫 재시작을 바로 하고, 그다음부터 10초에서 두 배씩 늘려 최대 {secs(KUBELET_MAX_MS)}초까지 "
                  f"기다립니다(CrashLoopBackOff). 컨테이너가 {KUBELET_RESET_MS // 60_000}분 동안 문제없이 돌면 "
                  "대기 시간이 처음으로 돌아갑니다.",
                  "The kubelet restarts at once the first time, then waits 10 s doubling up to "
                  f"{secs(KUBELET_MAX_MS)} s (CrashLoopBackOff). After {KUBELET_RESET_MS // 60_000} minutes "
                  "of clean running the delay starts over.")
        refs = [sources.POD_RESTART_POLICY, sources.KUBELET_BACKOFF, sources.KUBELET_DO_BACKOFF]
        cap_ms, reset_ms = KUBELET_MAX_MS, KUBELET_RESET_MS
    else:
        delays = docker_delays_ms(n)
        text = tr("Docker 데몬은 재시작 전마다 100ms에서 시작해 두 배씩 늘어나는 지연을 둡니다"
                  f"(코드상 최대 {secs(DOCKER_MAX_MS)}초). 컨테이너가 10초 이상 돌았다면 지연은 100ms로 돌아갑니다.",
                  "The Docker daemon waits before each restart, starting at 100 ms and doubling "
                  f"(capped at {secs(DOCKER_MAX_MS)} s in its code); a run of 10 s or more resets it to 100 ms.")
        refs = [sources.DOCKER_API_RESTART_POLICY, sources.DOCKER_RESTART_POLICIES, sources.MOBY_RESTART_MANAGER]
        cap_ms, reset_ms = DOCKER_MAX_MS, DOCKER_RESET_RUN_MS
    return {
        "runtime": runtime,
        "restarts": n,
        "delays_s": [d / 1000 for d in delays],
        "total_wait_s": sum(delays) / 1000,
        "cap_s": cap_ms / 1000,
        "reset_after_s": reset_ms / 1000,
        "explanation": text[lang],
        "sources": refs,
    }


def node_eviction(toleration_seconds: Any = 300, lang: str = "ko") -> dict[str, Any]:
    """When a silent node is marked not ready, and when its pods are evicted, after its last heartbeat."""
    check_lang(lang)
    toleration = as_int(toleration_seconds, "toleration_seconds", 0, 86_400)
    grace, period = NODE_MONITOR_GRACE_MS // 1000, NODE_MONITOR_PERIOD_MS // 1000
    text = tr(f"kubelet은 {LEASE_RENEW_MS // 1000}초마다 Lease를 갱신합니다. 마지막 하트비트 후 {grace}초"
              f"(node-monitor-grace-period)가 지나면 노드는 NotReady(Unknown)가 되고 unreachable 테인트가 붙습니다"
              f"(노드 컨트롤러는 {period}초마다 확인하므로 최대 {grace + period}초). 파드는 그 테인트를 "
              f"{toleration}초 견딘 뒤 축출되므로, 하트비트 후 {grace + toleration}초에 축출됩니다.",
              f"The kubelet renews its Lease every {LEASE_RENEW_MS // 1000} s. {grace} s after the last heartbeat "
              f"(node-monitor-grace-period) the node turns NotReady (Unknown) and gets the unreachable taint (the "
              f"node controller checks every {period} s, so at most {grace + period} s). Pods tolerate that taint "
              f"for {toleration} s, so they are evicted {grace + toleration} s after the heartbeat.")
    return {
        "toleration_seconds": toleration,
        "node_monitor_grace_period_s": grace,
        "node_monitor_period_s": period,
        "lease_renew_interval_s": LEASE_RENEW_MS // 1000,
        "not_ready_after_s": grace,
        "evicted_after_s": grace + toleration,
        "explanation": text[lang],
        "sources": [sources.NODE_STATUS, sources.NODE_GRACE_50S, sources.TAINT_EVICTION,
                    sources.DEFAULT_TOLERATION, sources.NODE_HEARTBEATS],
    }
