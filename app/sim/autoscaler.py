"""The HPA controller loop in the cluster: every 15 s, read CPU, compute, stabilize, scale the Deployment."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.sim import sources
from app.sim.engine import PRIO_HPA
from app.sim.hpa import SYNC_PERIOD_MS, Behavior, Calculation, Normalized, calculate_totals, normalize
from app.sim.service import endpoints
from app.sim.state import ClusterState
from app.sim.text import Text, tr


@dataclass(slots=True)
class Autoscaler:
    """One HorizontalPodAutoscaler on CPU utilization of a Deployment."""

    deployment: str
    min_replicas: int
    max_replicas: int
    target: int  # averageUtilization, percent of the CPU request
    rps_at_100pct: float  # requests per second one pod serves at 100% of its CPU request
    behavior: Behavior = field(default_factory=Behavior)
    last_hold: str = ""
    utilization: int | None = None


def start(c: ClusterState, hpa: Autoscaler) -> None:
    """Begin the 15 s sync loop."""
    c.engine.at(c.now + SYNC_PERIOD_MS, PRIO_HPA, sync, c, hpa)


def sync(c: ClusterState, hpa: Autoscaler) -> None:
    """One reconcileAutoscaler pass."""
    c.engine.at(c.now + SYNC_PERIOD_MS, PRIO_HPA, sync, c, hpa)
    d = c.deployments[hpa.deployment]
    current = d.replicas
    inputs = {"current_replicas": current, "min_replicas": hpa.min_replicas, "max_replicas": hpa.max_replicas,
              "target_utilization": hpa.target}
    if current > hpa.max_replicas or current < hpa.min_replicas:
        desired = min(max(current, hpa.min_replicas), hpa.max_replicas)
        _scale(c, hpa, current, desired, inputs, tr(
            f"HPA: 현재 {current}개가 {hpa.min_replicas}..{hpa.max_replicas} 범위 밖이라 {desired}개로 맞춥니다.",
            f"HPA: {current} replicas is outside {hpa.min_replicas}..{hpa.max_replicas}, so it sets {desired}."))
        return
    calc = calculate_totals(current, *_cpu(c, hpa), hpa.target)
    hpa.utilization = None if calc.no_metrics else calc.utilization
    inputs |= {"ready_pods": calc.ready, "not_ready_pods": calc.ignored, "utilization": calc.utilization,
               "ratio": round(calc.ratio, 4), "proposed": calc.desired}
    if calc.no_metrics:
        return
    # Even a within-tolerance result is recorded as a recommendation for the stabilization window.
    norm = normalize(hpa.behavior, c.now, current, calc.desired, hpa.min_replicas, hpa.max_replicas)
    inputs |= {"stabilized": norm.stabilized, "rate_limit": norm.limit, "reason": norm.reason}
    if calc.desired == current and norm.replicas == current:
        hpa.last_hold = ""
        return
    text = _explain(hpa, calc, norm, current)
    if norm.replicas != current:
        _scale(c, hpa, current, norm.replicas, inputs, text)
        return
    hold = f"{norm.reason}:{norm.stabilized}"
    if hold != hpa.last_hold:  # say it once, not every 15 s
        hpa.last_hold = hold
        c.engine.decide(c.key, "horizontal-pod-autoscaler", "hold", inputs, current, text,
                        tr("HPA 유지", "HPA holds"), source=sources.HPA_DEFAULT_BEHAVIOR)


def _cpu(c: ClusterState, hpa: Autoscaler) -> tuple[int, int, int, int, int]:
    """What metrics-server would report: Ready pods, their CPU use and requests; unready pods, their requests."""
    ready = endpoints(c, hpa.deployment)
    share = c.traffic.get(hpa.deployment, 0.0) / len(ready) if ready else 0.0
    usage = request = ignored = ignored_request = 0
    for p in c.pods.values():
        if p.app != hpa.deployment or not p.active:
            continue
        if p.ready:  # every Ready pod gets the same share of the traffic; its CPU use follows it
            usage += int(p.cpu_m * share / hpa.rps_at_100pct)
            request += p.cpu_m
        else:
            ignored += 1
            ignored_request += p.cpu_m
    return len(ready), usage, request, ignored, ignored_request


def _scale(c: ClusterState, hpa: Autoscaler, current: int, desired: int, inputs: dict, text: Text) -> None:
    d = c.deployments[hpa.deployment]
    d.replicas = desired
    hpa.behavior.record_scale(c.now, current, desired)
    hpa.last_hold = ""
    c.dirty = True
    arrow = "확장" if desired > current else "축소"
    c.engine.decide(c.key, "horizontal-pod-autoscaler", "scale", inputs, desired, text,
                    tr(f"HPA {arrow}: {current} → {desired}", f"HPA scales {current} → {desired}"),
                    source=sources.HPA_ALGORITHM)


def _explain(hpa: Autoscaler, calc: Calculation, norm: Normalized, current: int) -> Text:
    basis = tr(f"HPA: Ready 파드 {calc.ready}개의 평균 CPU 사용률은 요청량의 {calc.utilization}%, 목표는 {hpa.target}%"
               f" → 비율 {calc.ratio:.2f}.",
               f"HPA: the {calc.ready} Ready pods average {calc.utilization}% of their CPU request, target "
               f"{hpa.target}% → ratio {calc.ratio:.2f}.")
    if calc.new_ratio is None:
        formula = f"ceil({calc.ready} × {calc.utilization} / {hpa.target}) = {calc.desired}"
        step = tr(f" {formula}.", f" {formula}.")
    else:
        n = calc.ready + calc.ignored
        step = tr(f" 아직 Ready가 아닌 파드 {calc.ignored}개는 0%로 쳐서 다시 계산합니다: 비율 {calc.new_ratio:.2f}, "
                  f"ceil({n} × {calc.new_ratio:.2f}) = {calc.desired}.",
                  f" The {calc.ignored} not-yet-Ready pods count as 0%: ratio {calc.new_ratio:.2f}, "
                  f"ceil({n} × {calc.new_ratio:.2f}) = {calc.desired}.")
    final = norm.replicas
    if norm.stabilized != calc.desired and final == current:
        high = hpa.behavior.window_high
        tail = tr(f" 하지만 지난 300초의 권고 중 가장 높은 값이 {high}개라(축소 안정화 창) {final}개를 유지합니다.",
                  f" But the highest recommendation of the last 300 s is {high} (scale-down stabilization "
                  f"window), so it keeps {final}.")
    elif norm.reason == "ScaleUpLimit":
        tail = tr(f" 기본 확장 규칙(15초마다 100% 또는 4개 중 큰 쪽)이 {norm.limit}개까지만 허용해 {final}개로 늘립니다.",
                  f" The default scale-up rule (the larger of 100% or 4 pods per 15 s) allows {norm.limit}, so it "
                  f"scales to {final}.")
    elif norm.reason == "TooManyReplicas":
        tail = tr(f" maxReplicas {hpa.max_replicas}에 막혀 {final}개입니다.",
                  f" maxReplicas caps it at {hpa.max_replicas}: {final}.")
    elif norm.reason == "TooFewReplicas":
        tail = tr(f" minReplicas {hpa.min_replicas} 아래로는 줄이지 않아 {final}개입니다.",
                  f" It never goes below minReplicas {hpa.min_replicas}: {final}.")
    else:
        tail = tr(f" → {final}개.", f" → {final} replicas.")
    return tr(basis["ko"] + step["ko"] + tail["ko"], basis["en"] + step["en"] + tail["en"])
