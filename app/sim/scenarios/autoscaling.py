"""Scenario "autoscaling": traffic rises and falls; pods serve what they can, the HPA follows what it measures."""

from __future__ import annotations

from typing import Any

from app.sim.cluster import KubeCluster
from app.sim.engine import Engine
from app.sim.hpa_scaling import BEHAVIORS
from app.sim.params import Spec, require
from app.sim.scenarios.common import CAPACITY_SPEC, TIMING_SPECS, act, add_nodes, at, timing
from app.sim.service import traffic
from app.sim.text import tr

SPECS = {
    "nodes": Spec("int", 3, 1, 20),
    "min_replicas": Spec("int", 2, 1, 200),
    "max_replicas": Spec("int", 10, 1, 200),
    "target_cpu_utilization": Spec("int", 50, 1, 200),
    "behavior": Spec("choice", "none", choices=BEHAVIORS),
    "base_rps": Spec("float", 100, 0, 100_000),
    "peak_rps": Spec("float", 900, 0, 100_000),
    "rps_per_pod_at_100pct": Spec("float", 100, 1, 100_000),
    "pod_capacity_rps": CAPACITY_SPEC,
    "metric_resolution_s": Spec("int", 15, 10, 120),
    "peak_at_s": Spec("int", 300, 0, 7200),
    "peak_until_s": Spec("int", 900, 1, 7200),
    "duration_s": Spec("int", 1800, 60, 7200),
    **TIMING_SPECS,
}
POD_CPU_M = 200


def check(p: dict[str, Any]) -> None:
    """min ≤ max, the CPU limit not below the request, and the peak starts before it ends, within the run."""
    require(p["max_replicas"] >= p["min_replicas"], "max_replicas", "must not be less than min_replicas",
            "min_replicas보다 작을 수 없습니다")
    # A container's CPU limit may not be below its request (ValidateResourceRequirements).
    require(p["pod_capacity_rps"] >= p["rps_per_pod_at_100pct"], "pod_capacity_rps",
            "must not be less than rps_per_pod_at_100pct: the CPU limit cannot be below the request",
            "rps_per_pod_at_100pct보다 작을 수 없습니다: CPU 제한이 요청량보다 낮을 수 없습니다")
    require(p["peak_at_s"] < p["peak_until_s"], "peak_until_s", "must be later than peak_at_s",
            "peak_at_s보다 뒤여야 합니다")
    require(p["peak_until_s"] <= p["duration_s"], "peak_until_s", "must not be later than duration_s",
            "duration_s보다 뒤일 수 없습니다")


def play(engine: Engine, p: dict[str, Any]) -> int:
    """Run the traffic curve with an HPA and return the length in milliseconds."""
    cluster = engine.add(KubeCluster(engine, timing=timing(p)))
    add_nodes(cluster, p["nodes"])
    per, cap = p["rps_per_pod_at_100pct"], p["pod_capacity_rps"]
    limit = round(POD_CPU_M * cap / per)
    how = tr("spec.behavior 없이(`kubectl autoscale`로 만든 그대로)", "without spec.behavior (as `kubectl autoscale` "
             "makes it)") if p["behavior"] == "none" else tr("기본 spec.behavior를 명시한", "with the default "
                                                               "spec.behavior spelled out")
    act(engine, "kubernetes", f"web 파드 {p['min_replicas']}개가 초당 {p['base_rps']:g}개 요청을 나눠 받습니다. 파드 하나는 CPU "
        f"요청량({POD_CPU_M}m)의 100%로 초당 {per:g}개를, CPU 제한({limit}m)에서 최대 초당 {cap:g}개를 처리합니다. HPA는 "
        f"{how['ko']} CPU 목표 {p['target_cpu_utilization']}%, {p['min_replicas']}~{p['max_replicas']}개이고 15초마다 "
        f"확인합니다. metrics-server는 {p['metric_resolution_s']}초마다 CPU를 잽니다.",
        f"{p['min_replicas']} web pods share {p['base_rps']:g} requests/s. One pod serves {per:g} requests/s at 100% "
        f"of its CPU request ({POD_CPU_M}m) and at most {cap:g} at its CPU limit ({limit}m). The HPA, {how['en']}, "
        f"targets {p['target_cpu_utilization']}% CPU with {p['min_replicas']} to {p['max_replicas']} replicas and "
        f"checks every 15 s; metrics-server samples CPU every {p['metric_resolution_s']} s.",
        "시작: 평소 트래픽", "Start: normal traffic")
    cluster.deploy("web", p["min_replicas"], "v1", cpu_m=POD_CPU_M, running=True, rps=p["base_rps"],
                   capacity_rps=cap)
    cluster.autoscale("web", p["min_replicas"], p["max_replicas"], p["target_cpu_utilization"], per,
                      p["behavior"], p["metric_resolution_s"] * 1000)
    engine.flush()
    at(engine, p["peak_at_s"], _traffic, engine, cluster, p["peak_rps"], True)
    at(engine, p["peak_until_s"], _traffic, engine, cluster, p["base_rps"], False)
    end = p["duration_s"] * 1000
    engine.at(end, 0, _closing, engine, cluster)
    engine.run(end)
    return end


def _traffic(engine: Engine, cluster: KubeCluster, rps: float, rising: bool) -> None:
    cluster.set_traffic("web", rps)
    t = traffic(cluster, "web")
    n, per, failed = t["endpoints"], t["per_pod_rps"], t["failed_rps"]
    pain = tr(f" 파드 하나가 처리할 수 있는 것은 초당 {t['capacity_rps']:g}개뿐이라 초당 {failed:g}개 요청이 실패합니다.",
              f" One pod serves at most {t['capacity_rps']:g}, so {failed:g} requests/s fail.") if failed else tr("", "")
    if rising:
        act(engine, "kubernetes", f"트래픽이 초당 {rps:g}개로 치솟습니다. 서비스는 Ready 파드 {n}개에 고르게 나눠 파드마다 초당 "
            f"{per:g}개입니다.{pain['ko']} HPA는 아직 모릅니다: metrics-server의 다음 측정을 기다립니다.",
            f"Traffic jumps to {rps:g} requests/s. The Service spreads it evenly over the {n} Ready pods: {per:g} "
            f"each.{pain['en']} The HPA does not know yet: it waits for metrics-server's next sample.",
            "트래픽 급증", "Traffic spike")
    else:
        act(engine, "kubernetes", f"트래픽이 초당 {rps:g}개로 돌아왔습니다. 파드 {n}개가 각각 초당 {per:g}개를 받습니다.",
            f"Traffic falls back to {rps:g} requests/s: {per:g} for each of the {n} pods.", "트래픽 감소",
            "Traffic drops")


def _failed_requests(engine: Engine) -> int:
    """Requests that failed over the run: failed_rps holds from one step to the next."""
    steps = engine.steps
    total = sum(a.metrics.get("failed_rps", 0.0) * (b.time_s - a.time_s) for a, b in zip(steps, steps[1:], strict=False))
    return round(total)


def _closing(engine: Engine, cluster: KubeCluster) -> None:
    d, rps = cluster.deployments["web"], cluster.traffic["web"]
    peak = max(s.metrics["desired"] for s in engine.steps)
    low = cluster.hpa.min_replicas if cluster.hpa else d.replicas
    failed = _failed_requests(engine)
    pain = tr(f" Ready 파드가 들어오는 요청을 다 처리하지 못하는 동안 모두 {failed}개 요청이 실패했습니다.",
              f" In all {failed} requests failed while the Ready pods could not serve all that arrived.") \
        if failed else tr("", "")
    if d.replicas < peak:
        tail = ("트래픽을 따라 늘었다가, 트래픽이 줄고 축소 안정화 창 300초가 지난 뒤에 줄었습니다.",
                "They grew with the traffic and shrank once it fell and the 300 s scale-down stabilization window "
                "had passed.")
    elif peak > low:
        tail = ("아직 축소 안정화 창 300초가 끝나지 않아 HPA가 늘린 수를 유지하고 있습니다.",
                "The 300 s scale-down stabilization window has not passed yet, so the HPA still holds its count.")
    else:
        tail = ("HPA가 바꿀 필요가 없었습니다.", "The HPA had no reason to change it.")
    act(engine, "kubernetes", f"결과: 파드 {d.replicas}개가 초당 {rps:g}개 요청을 받습니다(최대 {peak}개까지 늘었음).{pain['ko']} "
        f"{tail[0]}", f"Result: {d.replicas} pods serve {rps:g} requests/s (at most {peak} along the way).{pain['en']} "
        f"{tail[1]}", "끝", "End", "summary")
