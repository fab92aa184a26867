"""Scenario "scheduled-scale-out": at 00:00 a CronJob scales a Deployment and the scheduler places it all."""

from __future__ import annotations

from typing import Any

from app.sim import sources
from app.sim.cluster import KubeCluster
from app.sim.engine import Engine
from app.sim.model import DEFAULT_MAX_PODS
from app.sim.params import Spec, as_hhmm
from app.sim.scenarios.common import TIMING_SPECS, act, add_nodes, at, spread, timing
from app.sim.text import tr

SPECS = {
    "nodes": Spec("int", 5, 1, 20),
    "node_cpu_millicores": Spec("int", 4000, 500, 64_000),
    "pod_cpu_millicores": Spec("int", 150, 10, 16_000),
    "replicas_before": Spec("int", 0, 0, 200),
    "replicas_after": Spec("int", 100, 0, 200),
    "at": Spec("hhmm", "00:00"),
    **TIMING_SPECS,
}
LEAD_S = 60  # the story starts a minute before the scheduled time
POD_MEMORY_MIB = 64
NODE_MEMORY_MIB = 16_384


def check(p: dict[str, Any]) -> None:
    """Any sizes within bounds make a valid story (pods that do not fit stay Pending)."""


def wall_start(p: dict[str, Any]) -> int:
    """The time of day at which the story starts."""
    return (as_hhmm(p["at"], "at") - LEAD_S) % 86_400


def play(engine: Engine, p: dict[str, Any]) -> int:
    """Run from a minute before the schedule until the new pods settle; return the length in ms."""
    cluster = engine.add(KubeCluster(engine, timing=timing(p)))
    add_nodes(cluster, p["nodes"], cpu_m=p["node_cpu_millicores"], mem_mib=NODE_MEMORY_MIB)
    hh, mm = p["at"].split(":")
    act(engine, "kubernetes", f"노드 {p['nodes']}개(각 할당 가능 CPU {p['node_cpu_millicores']}m)에 web 파드가 {p['replicas_before']}개 "
        f"있습니다. CronJob scale-web이 매일 {p['at']}(스케줄 \"{int(mm)} {int(hh)} * * *\")에 "
        f"`kubectl scale deployment web --replicas={p['replicas_after']}` 명령을 실행하도록 되어 있습니다.",
        f"{p['replicas_before']} web pods run on {p['nodes']} nodes of {p['node_cpu_millicores']}m allocatable CPU "
        "each. A CronJob, "
        f"scale-web, runs `kubectl scale deployment web --replicas={p['replicas_after']}` every day at {p['at']} "
        f"(schedule \"{int(mm)} {int(hh)} * * *\").", "시작: 1분 전", "Start: a minute before")
    cluster.deploy("web", p["replicas_before"], "v1", cpu_m=p["pod_cpu_millicores"], mem_mib=POD_MEMORY_MIB,
                   running=True)
    engine.flush()
    at(engine, LEAD_S, _fire, engine, cluster, p)
    end_ms = (LEAD_S + 60) * 1000
    engine.at(end_ms, 0, _closing, engine, cluster, p)
    engine.run(end_ms)
    return end_ms


def _fire(engine: Engine, cluster: KubeCluster, p: dict[str, Any]) -> None:
    n = p["replicas_after"]
    engine.decide("kubernetes", "cronjob-controller", "job_created", {"schedule": p["at"], "job": "scale-web"},
                  "Job scale-web created",
                  tr(f"CronJob 컨트롤러: {p['at']} 스케줄이 되어 Job을 만들었고, 그 파드가 "
                     f"`kubectl scale deployment web --replicas={n}` 명령을 실행합니다.",
                     f"CronJob controller: {p['at']} is due, so it creates a Job whose pod runs "
                     f"`kubectl scale deployment web --replicas={n}`."),
                  tr(f"{p['at']}: 예약된 확장", f"{p['at']}: scheduled scale-out"), source=sources.CRONJOB)
    total = p["replicas_after"] * p["pod_cpu_millicores"]
    alloc, pod = p["node_cpu_millicores"], p["pod_cpu_millicores"]
    room = p["nodes"] * alloc
    # NodeResourcesFit counts requests against allocatable CPU; kubelet maxPods (110) caps a node too.
    fit = min(alloc // pod, NODE_MEMORY_MIB // POD_MEMORY_MIB, DEFAULT_MAX_PODS)
    why = tr(f"{alloc} ÷ {pod}, 내림", f"{alloc} ÷ {pod}, rounded down") if fit == alloc // pod else \
        tr(f"kubelet maxPods {DEFAULT_MAX_PODS}", f"kubelet maxPods {DEFAULT_MAX_PODS}")
    engine.note(f"요청 CPU 합계 {total}m, 클러스터 전체 할당 가능 CPU {room}m. 노드 하나에는 이런 파드가 최대 {fit}개({why['ko']}), "
                f"노드 {p['nodes']}개에 {fit * p['nodes']}개까지 들어갑니다.",
                f"Requested CPU in total: {total}m; the cluster has {room}m allocatable. One node fits at most {fit} "
                f"such pods ({why['en']}), {p['nodes']} nodes {fit * p['nodes']}.")
    cluster.scale("web", n)


def _closing(engine: Engine, cluster: KubeCluster, p: dict[str, Any]) -> None:
    ready = sum(1 for q in cluster.pods_of("web") if q.ready)
    pending = len(cluster.pending)
    tail = tr(f" {pending}개는 들어갈 노드가 없어 Pending입니다. 노드를 늘리거나 요청량을 줄여야 합니다.",
              f" {pending} fit on no node and stay Pending: add nodes or lower the requests.") if pending else tr("", "")
    act(engine, "kubernetes", f"결과: web 파드 {ready}/{p['replicas_after']}개가 Ready입니다({spread(cluster, 'web')})."
        + tail["ko"], f"Result: {ready}/{p['replicas_after']} web pods are Ready ({spread(cluster, 'web')})."
        + tail["en"], "끝", "End", "summary")
