"""The HPA controller in the cluster: metrics-server scrapes CPU, every 15 s the HPA reads it, decides and scales."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.sim import hpa_text, sources
from app.sim.engine import PRIO_HPA, PRIO_METRICS
from app.sim.hpa import SYNC_PERIOD_MS, TOLERANCE, Calculation, PodStatus, calculate_tally, tally_pods
from app.sim.hpa_scaling import Behavior, Normalized, normalize
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
    last_hold: tuple | None = None  # what the last hold said (reason, counts), so that it is said once
    utilization: int | None = None
    # What _rates() worked out, and the engine generation it holds for (see Engine.generation).
    rates_generation: int = -1
    rates: dict[str, tuple[int, int]] = field(default_factory=dict)
    running: dict[str, int] = field(default_factory=dict)
    # What _statuses() read of each pod, and the engine generation it holds for.
    status_generation: int = -1
    statuses: list[PodStatus] = field(default_factory=list)


def start(c: ClusterState, hpa: Autoscaler) -> None:
    """Start metrics-server's scrapes now and the HPA's 15 s sync loop; meter the pods' CPU from now on."""
    c.engine.meters.append(lambda t: _meter(c, hpa, t))
    _meter(c, hpa, c.now)
    hpa.rates_generation = -1  # whoever started it may change the pods before the next event
    c.engine.at(c.now, PRIO_METRICS, scrape, c, hpa)
    c.engine.at(c.now + SYNC_PERIOD_MS, PRIO_HPA, sync, c, hpa)


def _running(c: ClusterState, app: str) -> list[Pod]:
    """The app's pods whose container runs on a live node (what the kubelets report)."""
    alive = {name for name, node in c.nodes.items() if node.alive}
    return [p for p in c.pods.values() if p.app == app and p.running and p.node in alive]


def _rates(c: ClusterState, hpa: Autoscaler) -> tuple[dict[str, tuple[int, int]], dict[str, int]]:
    """Each running container's (start, nanocores) and start: worked out again only once the pods may have changed."""
    generation = c.engine.generation
    if generation != hpa.rates_generation:
        ready, _, served = share(c, hpa.deployment)
        serving = set(ready)  # pods hash by identity
        scale = NANO / hpa.rps_at_100pct
        running = _running(c, hpa.deployment)
        # A pod that gets no traffic (not Ready, warming up) is taken to use no CPU: a modelling choice.
        hpa.rates = {p.name: (p.started_ms, round(served * p.cpu_m * scale) if p in serving else 0) for p in running}
        hpa.running = {p.name: p.started_ms for p in running}
        hpa.rates_generation = generation
    return hpa.rates, hpa.running


def _meter(c: ClusterState, hpa: Autoscaler, now: int) -> None:
    """Add up each container's CPU: a Ready pod uses its request in proportion to the requests it serves."""
    hpa.metrics.advance(now, _rates(c, hpa)[0])


def scrape(c: ClusterState, hpa: Autoscaler) -> None:
    """metrics-server scrapes every kubelet: one point per running container; a dead node gives none."""
    c.engine.at(c.now + hpa.metrics.resolution_ms, PRIO_METRICS, scrape, c, hpa)
    hpa.metrics.scrape(c.now, _rates(c, hpa)[1])


def _statuses(c: ClusterState, hpa: Autoscaler) -> list[PodStatus]:
    """The deployment's pods as the HPA reads their status: worked out again only once the pods may have changed."""
    generation = c.engine.generation
    if generation != hpa.status_generation:
        app = hpa.deployment
        hpa.statuses = [PodStatus(p.name, p.cpu_m, p.deleting, p.phase, p.ready,
                                  p.start_time_ms if p.node else None, p.ready_changed_ms)
                        for p in c.pods.values() if p.app == app]
        hpa.status_generation = generation
    return hpa.statuses


def sync(c: ClusterState, hpa: Autoscaler) -> None:
    """One reconcileAutoscaler pass (horizontal.go)."""
    now = c.now
    c.engine.at(now + SYNC_PERIOD_MS, PRIO_HPA, sync, c, hpa)
    current = c.deployments[hpa.deployment].replicas
    hpa.behavior.record_initial(now, current)
    if current > hpa.max_replicas or current < hpa.min_replicas:
        desired = min(max(current, hpa.min_replicas), hpa.max_replicas)
        _scale(c, hpa, current, desired, _inputs(hpa, current), tr(
            f"HPA: 현재 {current}개가 {hpa.min_replicas}..{hpa.max_replicas} 범위 밖이라 {desired}개로 맞춥니다.",
            f"HPA: {current} replicas is outside {hpa.min_replicas}..{hpa.max_replicas}, so it sets {desired}."))
        return
    statuses, samples = _statuses(c, hpa), hpa.metrics.samples_by_pod
    counts = tally_pods(statuses, samples, now)
    calc = calculate_tally(current, counts, hpa.target, hpa.tolerance)
    hpa.utilization = None if calc.no_metrics else calc.utilization
    if calc.no_metrics:
        return  # FailedGetResourceMetric: nothing to act on until a sample arrives
    # Even a within-tolerance result is recorded as a recommendation for the stabilization window.
    norm = normalize(hpa.behavior, now, current, calc.desired, hpa.min_replicas, hpa.max_replicas)
    if norm.replicas != current:
        latest = _latest(statuses, samples)
        _scale(c, hpa, current, norm.replicas, _inputs(hpa, current, counts.ignored, calc, norm, latest),
               hpa_text.explain(hpa, calc, norm, current, latest))
        return
    if calc.desired == current and calc.new_ratio is None:
        hpa.last_hold = None
        return
    hold = (norm.reason, norm.stabilized, calc.desired, calc.unready, calc.missing)
    if hold != hpa.last_hold:  # say it once, not every 15 s
        hpa.last_hold = hold
        latest = _latest(statuses, samples)
        c.engine.decide(c.key, "horizontal-pod-autoscaler", "hold",
                        _inputs(hpa, current, counts.ignored, calc, norm, latest), current,
                        hpa_text.explain(hpa, calc, norm, current, latest), tr("HPA 유지", "HPA holds"),
                        source=sources.HPA_REPLICA_CALCULATOR if calc.desired == current else sources.HPA_CONTROLLER)


def _latest(statuses: list[PodStatus], samples: dict[str, tuple[int, int, int]]) -> int | None:
    """The time of the newest sample the HPA read (a sample is usage_m, time_ms, window_ms)."""
    return max((samples[s.name][1] for s in statuses if s.name in samples), default=None)


def _inputs(hpa: Autoscaler, current: int, ignored: int = 0,
            calc: Calculation | None = None, norm: Normalized | None = None,
            latest: int | None = None) -> dict[str, Any]:
    """What a decision saw, as its trace shows it; built only for a sync that decides something."""
    inputs: dict[str, Any] = {"current_replicas": current, "min_replicas": hpa.min_replicas,
                              "max_replicas": hpa.max_replicas, "target_utilization": hpa.target,
                              "behavior": hpa.behavior.spec}
    if calc is not None and norm is not None:
        inputs |= {"ready_pods": calc.ready, "unready_pods": calc.unready, "missing_pods": calc.missing,
                   "ignored_pods": ignored, "sample_time_s": None if latest is None else latest / 1000,
                   "utilization": calc.utilization, "ratio": round(calc.ratio, 4),
                   "new_ratio": None if calc.new_ratio is None else round(calc.new_ratio, 4),
                   "proposed": calc.desired, "stabilized": norm.stabilized, "rate_limit": norm.limit,
                   "reason": norm.reason}
    return inputs


def _scale(c: ClusterState, hpa: Autoscaler, current: int, desired: int, inputs: dict, text: Text) -> None:
    d = c.deployments[hpa.deployment]
    d.replicas = desired
    hpa.behavior.record_scale(c.now, current, desired)
    hpa.last_hold = None
    c.dirty = True
    arrow = "확장" if desired > current else "축소"
    c.engine.decide(c.key, "horizontal-pod-autoscaler", "scale", inputs, desired, text,
                    tr(f"HPA {arrow}: {current} → {desired}", f"HPA scales {current} → {desired}"),
                    source=sources.HPA_CONTROLLER)
