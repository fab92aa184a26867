"""The HPA controller in the cluster: metrics-server scrapes CPU, every 15 s the HPA reads it, decides and scales."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.sim import hpa_text, sources
from app.sim.engine import PRIO_HPA, PRIO_METRICS
from app.sim.hpa import SYNC_PERIOD_MS, TOLERANCE, PodView, calculate, group_pods
from app.sim.hpa_scaling import Behavior, normalize
from app.sim.metrics import NANO, MetricsServer
from app.sim.model import Pod
from app.sim.service import share
from app.sim.state import ClusterState
from app.sim.text import Text, tr


@dataclass(slots=True)
class Autoscaler:
    """One HorizontalPodAutoscaler on the CPU utilization of a Deployment, and the metrics-server it reads."""

    deployment: str
    min_replicas: int
    max_replicas: int
    target: int  # averageUtilization, percent of the CPU request
    rps_at_100pct: float  # requests per second one pod serves at 100% of its CPU request
    behavior: Behavior = field(default_factory=Behavior)
    metrics: MetricsServer = field(default_factory=MetricsServer)
    tolerance: float = TOLERANCE
    last_hold: str = ""
    utilization: int | None = None


def start(c: ClusterState, hpa: Autoscaler) -> None:
    """Start metrics-server's scrapes now and the HPA's 15 s sync loop; meter the pods' CPU from now on."""
    c.engine.meters.append(lambda t: _meter(c, hpa, t))
    _meter(c, hpa, c.now)
    c.engine.at(c.now, PRIO_METRICS, scrape, c, hpa)
    c.engine.at(c.now + SYNC_PERIOD_MS, PRIO_HPA, sync, c, hpa)


def _running(c: ClusterState, app: str) -> list[Pod]:
    """The app's pods whose container runs on a live node (what the kubelets report)."""
    alive = {name for name, node in c.nodes.items() if node.alive}
    return [p for p in c.pods.values() if p.app == app and p.running and p.node in alive]


def _meter(c: ClusterState, hpa: Autoscaler, now: int) -> None:
    """Add up each container's CPU: a Ready pod uses its request in proportion to the requests it serves."""
    ready, _, served = share(c, hpa.deployment)
    serving = {p.name for p in ready}
    scale = NANO / hpa.rps_at_100pct
    # A pod that gets no traffic (not Ready, warming up) is taken to use no CPU: a modelling choice.
    rates = {p.name: (p.started_ms, round(served * p.cpu_m * scale) if p.name in serving else 0)
             for p in _running(c, hpa.deployment)}
    hpa.metrics.advance(now, rates)


def scrape(c: ClusterState, hpa: Autoscaler) -> None:
    """metrics-server scrapes every kubelet: one point per running container; a dead node gives none."""
    c.engine.at(c.now + hpa.metrics.resolution_ms, PRIO_METRICS, scrape, c, hpa)
    hpa.metrics.scrape(c.now, {p.name: p.started_ms for p in _running(c, hpa.deployment)})


def _view(hpa: Autoscaler, p: Pod) -> PodView:
    sample = hpa.metrics.sample(p.name)
    return PodView(p.name, p.cpu_m, p.deleting, p.phase, p.ready, p.start_time_ms if p.node else None,
                   p.ready_changed_ms, None if sample is None else sample.usage_m,
                   0 if sample is None else sample.time_ms, 0 if sample is None else sample.window_ms)


def sync(c: ClusterState, hpa: Autoscaler) -> None:
    """One reconcileAutoscaler pass (horizontal.go)."""
    c.engine.at(c.now + SYNC_PERIOD_MS, PRIO_HPA, sync, c, hpa)
    d = c.deployments[hpa.deployment]
    current = d.replicas
    hpa.behavior.record_initial(c.now, current)
    inputs = {"current_replicas": current, "min_replicas": hpa.min_replicas, "max_replicas": hpa.max_replicas,
              "target_utilization": hpa.target, "behavior": hpa.behavior.spec}
    if current > hpa.max_replicas or current < hpa.min_replicas:
        desired = min(max(current, hpa.min_replicas), hpa.max_replicas)
        _scale(c, hpa, current, desired, inputs, tr(
            f"HPA: 현재 {current}개가 {hpa.min_replicas}..{hpa.max_replicas} 범위 밖이라 {desired}개로 맞춥니다.",
            f"HPA: {current} replicas is outside {hpa.min_replicas}..{hpa.max_replicas}, so it sets {desired}."))
        return
    views = [_view(hpa, p) for p in c.pods.values() if p.app == hpa.deployment]
    samples, ignored = group_pods(views, c.now)
    calc = calculate(current, samples, hpa.target, hpa.tolerance)
    hpa.utilization = None if calc.no_metrics else calc.utilization
    latest = max((v.sample_ms for v in views if v.usage_m is not None), default=None)
    inputs |= {"ready_pods": calc.ready, "unready_pods": calc.unready, "missing_pods": calc.missing,
               "ignored_pods": ignored, "sample_time_s": None if latest is None else latest / 1000,
               "utilization": calc.utilization, "ratio": round(calc.ratio, 4),
               "new_ratio": None if calc.new_ratio is None else round(calc.new_ratio, 4), "proposed": calc.desired}
    if calc.no_metrics:
        return  # FailedGetResourceMetric: nothing to act on until a sample arrives
    # Even a within-tolerance result is recorded as a recommendation for the stabilization window.
    norm = normalize(hpa.behavior, c.now, current, calc.desired, hpa.min_replicas, hpa.max_replicas)
    inputs |= {"stabilized": norm.stabilized, "rate_limit": norm.limit, "reason": norm.reason}
    if norm.replicas != current:
        _scale(c, hpa, current, norm.replicas, inputs, hpa_text.explain(hpa, calc, norm, current, latest))
        return
    if calc.desired == current and calc.new_ratio is None:
        hpa.last_hold = ""
        return
    hold = f"{norm.reason}:{norm.stabilized}:{calc.desired}:{calc.unready}:{calc.missing}"
    if hold != hpa.last_hold:  # say it once, not every 15 s
        hpa.last_hold = hold
        c.engine.decide(c.key, "horizontal-pod-autoscaler", "hold", inputs, current,
                        hpa_text.explain(hpa, calc, norm, current, latest), tr("HPA 유지", "HPA holds"),
                        source=sources.HPA_REPLICA_CALCULATOR if calc.desired == current else sources.HPA_CONTROLLER)


def _scale(c: ClusterState, hpa: Autoscaler, current: int, desired: int, inputs: dict, text: Text) -> None:
    d = c.deployments[hpa.deployment]
    d.replicas = desired
    hpa.behavior.record_scale(c.now, current, desired)
    hpa.last_hold = ""
    c.dirty = True
    arrow = "확장" if desired > current else "축소"
    c.engine.decide(c.key, "horizontal-pod-autoscaler", "scale", inputs, desired, text,
                    tr(f"HPA {arrow}: {current} → {desired}", f"HPA scales {current} → {desired}"),
                    source=sources.HPA_CONTROLLER)
