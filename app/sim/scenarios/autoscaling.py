"""Scenario "autoscaling": traffic rises and falls; the Service spreads it, the HPA follows it."""

from __future__ import annotations

from typing import Any

from app.sim.cluster import KubeCluster
from app.sim.engine import Engine
from app.sim.params import Spec, require
from app.sim.scenarios.common import act, add_nodes, at
from app.sim.service import endpoints

SPECS = {
    "nodes": Spec("int", 3, 1, 20),
    "min_replicas": Spec("int", 2, 1, 200),
    "max_replicas": Spec("int", 10, 1, 200),
    "target_cpu_utilization": Spec("int", 50, 1, 200),
    "base_rps": Spec("float", 100, 0, 100_000),
    "peak_rps": Spec("float", 900, 0, 100_000),
    "rps_per_pod_at_100pct": Spec("float", 100, 1, 100_000),
    "peak_at_s": Spec("int", 300, 0, 7200),
    "peak_until_s": Spec("int", 900, 1, 7200),
    "duration_s": Spec("int", 1800, 60, 7200),
}
POD_CPU_M = 200


def check(p: dict[str, Any]) -> None:
    """min ≤ max, and the peak starts before it ends, within the run."""
    require(p["max_replicas"] >= p["min_replicas"], "max_replicas", "must not be less than min_replicas",
            "min_replicas보다 작을 수 없습니다")
    require(p["peak_at_s"] < p["peak_until_s"], "peak_until_s", "must be later than peak_at_s",
            "peak_at_s보다 뒤여야 합니다")
    require(p["peak_until_s"] <= p["duration_s"], "peak_until_s", "must not be later than duration_s",
            "duration_s보다 뒤일 수 없습니다")


def play(engine: Engine, p: dict[str, Any]) -> int:
    """Run the traffic curve with an HPA and return the length in milliseconds."""
    cluster = engine.add(KubeCluster(engine))
    add_nodes(cluster, p["nodes"])
    cap = p["rps_per_pod_at_100pct"]
    act(engine, "kubernetes", f"web 파드 {p['min_replicas']}개가 초당 {p['base_rps']:g}개 요청을 나눠 받습니다. 파드 하나는 CPU "
        f"요청량(200m)의 100%로 초당 {cap:g}개를 처리합니다. HPA: CPU 목표 {p['target_cpu_utilization']}%, "
        f"{p['min_replicas']}~{p['max_replicas']}개, 15초마다 확인.",
        f"{p['min_replicas']} web pods share {p['base_rps']:g} requests/s. One pod serves {cap:g} requests/s at "
        f"100% of its CPU request (200m). HPA: target {p['target_cpu_utilization']}% CPU, {p['min_replicas']} to "
        f"{p['max_replicas']} replicas, checked every 15 s.", "시작: 평소 트래픽", "Start: normal traffic")
    cluster.deploy("web", p["min_replicas"], "v1", cpu_m=POD_CPU_M, running=True, rps=p["base_rps"])
    cluster.autoscale("web", p["min_replicas"], p["max_replicas"], p["target_cpu_utilization"],
                      p["rps_per_pod_at_100pct"])
    engine.flush()
    at(engine, p["peak_at_s"], _traffic, engine, cluster, p["peak_rps"], True)
    at(engine, p["peak_until_s"], _traffic, engine, cluster, p["base_rps"], False)
    end = p["duration_s"] * 1000
    engine.at(end, 0, _closing, engine, cluster)
    engine.run(end)
    return end


def _traffic(engine: Engine, cluster: KubeCluster, rps: float, rising: bool) -> None:
    cluster.set_traffic("web", rps)
    n = len(endpoints(cluster, "web"))
    per = rps / n if n else 0
    if rising:
        act(engine, "kubernetes", f"트래픽이 초당 {rps:g}개로 치솟습니다. 서비스는 Ready 파드 {n}개에 고르게 나눠 파드마다 초당 "
            f"{per:g}개입니다.", f"Traffic jumps to {rps:g} requests/s. The Service spreads it evenly over the {n} "
            f"Ready pods: {per:g} each.", "트래픽 급증", "Traffic spike")
    else:
        act(engine, "kubernetes", f"트래픽이 초당 {rps:g}개로 돌아왔습니다. 파드 {n}개가 각각 초당 {per:g}개를 받습니다.",
            f"Traffic falls back to {rps:g} requests/s: {per:g} for each of the {n} pods.", "트래픽 감소",
            "Traffic drops")


def _closing(engine: Engine, cluster: KubeCluster) -> None:
    d, rps = cluster.deployments["web"], cluster.traffic["web"]
    peak = max(s.metrics["desired"] for s in engine.steps)
    low = cluster.hpa.min_replicas if cluster.hpa else d.replicas
    if d.replicas < peak:
        tail = ("트래픽을 따라 늘었다가, 트래픽이 줄고 축소 안정화 창 300초가 지난 뒤에 줄었습니다.",
                "They grew with the traffic and shrank once it fell and the 300 s scale-down stabilization window "
                "had passed.")
    elif peak > low:
        tail = ("아직 축소 안정화 창 300초가 끝나지 않아 HPA가 늘린 수를 유지하고 있습니다.",
                "The 300 s scale-down stabilization window has not passed yet, so the HPA still holds its count.")
    else:
        tail = ("HPA가 바꿀 필요가 없었습니다.", "The HPA had no reason to change it.")
    act(engine, "kubernetes", f"결과: 파드 {d.replicas}개가 초당 {rps:g}개 요청을 받습니다(최대 {peak}개까지 늘었음). {tail[0]}",
        f"Result: {d.replicas} pods serve {rps:g} requests/s (at most {peak} along the way). {tail[1]}", "끝", "End",
        "summary")
