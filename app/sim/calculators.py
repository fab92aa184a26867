"""Four calculators as pure functions: HPA (app.sim.hpa_calculator), rolling update, restart backoff, node eviction."""

from __future__ import annotations

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
from app.sim.hpa_calculator import hpa
from app.sim.intstr import IntOrPercent, scaled_value, validate_rolling_update
from app.sim.intstr import parse as parse_intstr
from app.sim.nodelifecycle import (
    LARGE_CLUSTER_SIZE_THRESHOLD,
    LEASE_RENEW_MS,
    NODE_MONITOR_GRACE_MS,
    NODE_MONITOR_PERIOD_MS,
    not_ready_at,
)
from app.sim.params import as_int, check_lang
from app.sim.rollout import max_unavailable as resolve_max_unavailable
from app.sim.rollout import plan, resolve_fenceposts
from app.sim.text import Text, count, secs, tr

__all__ = ["backoff", "hpa", "node_eviction", "rolling_update"]


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
    peak = max(int(row["total"]) for row in rows)
    bounds = tr(f"파드는 최대 {desired + surge}개(replicas + maxSurge)까지 허용되고, 사용 가능한 파드는 최소 "
                f"{desired - unavailable}개를 지킵니다 "
                f"({len(rows) - 1}번의 변화).",
                f"At most {desired + surge} pods may exist (replicas + maxSurge) and at least {count(desired - unavailable, 'pod')} "
                f"{'stays' if desired - unavailable == 1 else 'stay'} available ({len(rows) - 1} changes).")
    bounds = tr(bounds["ko"] + _peak_text(desired, surge, peak)["ko"], bounds["en"] + _peak_text(desired, surge, peak)["en"])
    return {
        "replicas": desired,
        "max_surge": surge,
        "max_unavailable": unavailable,
        "max_total_pods": desired + surge,
        "peak_total_pods": peak,
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


def _peak_text(desired: int, surge: int, peak: int) -> Text:
    """Why the table's busiest row may stay below the bound desired + maxSurge."""
    if peak == desired + surge:
        return tr(f" 표에서 가장 많을 때도 이 한도와 같은 {peak}개입니다.", f" The busiest row of the table reaches that bound: {peak}.")
    if surge > desired:
        # rolling.go NewRSNewReplicas: the new ReplicaSet gets min(room under the bound, desired - its replicas).
        return tr(f" 하지만 표에서 가장 많을 때는 {peak}개입니다. {desired + surge}개는 허용 한도일 뿐이고, 새 레플리카셋은 "
                  f"replicas({desired})보다 커지지 않으며 이전 레플리카셋도 {desired}개를 넘지 않으므로 합은 "
                  f"{desired} + {desired} = {peak}개를 넘을 수 없습니다.",
                  f" But the busiest row of the table has {peak}. {desired + surge} is only the bound the controller may "
                  f"not exceed: the new ReplicaSet never grows past the {desired} replicas, and the old one never "
                  f"has more than {desired}, so the total cannot pass {desired} + {desired} = {peak}.")
    return tr(f" 하지만 이 롤아웃에서 가장 많을 때는 {peak}개입니다. 한도는 넘으면 안 되는 값일 뿐, 꼭 닿는 값은 아닙니다.",
              f" But this rollout peaks at {peak}: the bound is what the controller may not exceed, not what it must "
              "reach.")


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
    # The same rule as the scenarios: not_ready_at counts the 5 s monitor pass after the 50 s grace period.
    not_ready = not_ready_at(0) // 1000
    evicted = not_ready + toleration
    text = tr(f"kubelet은 {LEASE_RENEW_MS // 1000}초마다 Lease를 갱신합니다. 노드 컨트롤러는 {period}초마다 살피고, 마지막 "
              f"하트비트 후 {grace}초(node-monitor-grace-period)를 넘긴 뒤의 첫 확인에서, 곧 {not_ready}초에 노드를 "
              f"NotReady(Unknown)로 바꾸고 unreachable 테인트를 붙입니다(정확히 {grace}초인 확인은 {grace}초를 넘긴 것이 아니어서 세지 "
              f"않습니다. 실제 클러스터에서는 두 시계가 어긋나 {not_ready}~{grace + 2 * period}초 사이). 파드는 그 테인트를 "
              f"{toleration}초 견딘 뒤 축출되므로, 하트비트 후 {evicted}초에 축출됩니다. 다만 클러스터의 모든 노드가 NotReady면 "
              "노드 컨트롤러는 아무것도 축출하지 않고, 한 영역에서 노드 3개 이상이면서 55% 이상이 NotReady면 새 테인트를 멈추거나"
              f"(노드 {LARGE_CLUSTER_SIZE_THRESHOLD}개 이하) 100초에 노드 하나로 늦춥니다. 평소에도 테인트는 10초에 노드 하나씩만 "
              "붙습니다.",
              f"The kubelet renews its Lease every {LEASE_RENEW_MS // 1000} s. The node controller looks every "
              f"{period} s and, at its first look past {grace} s after the last heartbeat (node-monitor-grace-period), "
              f"that is at {not_ready} s, turns the node NotReady (Unknown) and adds the unreachable taint (a look at "
              f"exactly {grace} s is not past it; in a real cluster the two clocks drift, so anywhere from {not_ready} "
              f"to {grace + 2 * period} s). Pods tolerate that taint for {toleration} s, so they are evicted "
              f"{evicted} s after the heartbeat. But when every node of the cluster is NotReady the node controller "
              "evicts nothing, and when more than 2 nodes and at least 55% of a zone are NotReady it stops adding "
              f"taints there (zones of up to {LARGE_CLUSTER_SIZE_THRESHOLD} nodes) or slows to one node per 100 s; "
              "even normally it taints one node every 10 s.")
    return {
        "toleration_seconds": toleration,
        "node_monitor_grace_period_s": grace,
        "node_monitor_period_s": period,
        "lease_renew_interval_s": LEASE_RENEW_MS // 1000,
        "not_ready_after_s": not_ready,
        "evicted_after_s": evicted,
        "explanation": text[lang],
        "sources": [sources.NODE_STATUS, sources.NODE_GRACE_50S, sources.NODE_LIFECYCLE_CONTROLLER,
                    sources.TAINT_EVICTION, sources.DEFAULT_TOLERATION, sources.EVICTION_RATE_LIMITS,
                    sources.NODE_HEARTBEATS],
    }
