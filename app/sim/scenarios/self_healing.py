"""Scenario "self-healing": a crash loop, a deleted pod and a lost node, each repaired by a controller."""

from __future__ import annotations

from typing import Any

from app.sim.backoff import kubelet_delays_ms
from app.sim.cluster import KubeCluster
from app.sim.engine import Engine
from app.sim.kubelet import CRASH_AFTER_MS
from app.sim.model import Pod
from app.sim.nodelifecycle import LEASE_RENEW_MS, not_ready_at
from app.sim.params import Spec
from app.sim.scenarios.common import CAPACITY_SPEC, RPS, TIMING_SPECS, act, add_nodes, at, pick, spread, timing
from app.sim.taints import FULL

SPECS = {
    "nodes": Spec("int", 3, 1, 20),
    "replicas": Spec("int", 3, 1, 200),
    "crash_at_s": Spec("int", 20, 1, 3600),
    "crashes": Spec("int", 4, 1, 20),
    "delete_pod_at_s": Spec("int", 600, 1, 7200),
    "node_failure_at_s": Spec("int", 900, 1, 7200),
    "toleration_seconds": Spec("int", 300, 0, 3600),
    "pod_capacity_rps": CAPACITY_SPEC,
    **TIMING_SPECS,
}


def check(p: dict[str, Any]) -> None:
    """Every combination of these times is a valid story."""


def play(engine: Engine, p: dict[str, Any]) -> int:
    """Run the three failures and return the length in milliseconds."""
    cluster = engine.add(KubeCluster(engine, toleration_seconds=p["toleration_seconds"], timing=timing(p)))
    add_nodes(cluster, p["nodes"])
    act(engine, "kubernetes", f"디플로이먼트 web(replicas {p['replicas']})의 파드가 노드 {p['nodes']}개에 나뉘어 돌고, "
        f"서비스가 초당 {RPS:g}개 요청을 Ready 파드에 고르게 나눕니다.",
        f"Deployment web (replicas {p['replicas']}) runs across {p['nodes']} nodes and its Service spreads "
        f"{RPS:g} requests/s evenly over the Ready pods.", "시작: 원하는 상태", "Start: the desired state")
    cluster.deploy("web", p["replicas"], "v1", running=True, rps=RPS, capacity_rps=p["pod_capacity_rps"])
    engine.flush()
    at(engine, p["crash_at_s"], _crash, engine, cluster, p["crashes"])
    at(engine, p["delete_pod_at_s"], _delete, engine, cluster)
    at(engine, p["node_failure_at_s"], _fail, engine, cluster)
    loop_ms = p["crash_at_s"] * 1000 + sum(kubelet_delays_ms(p["crashes"])) + p["crashes"] * CRASH_AFTER_MS
    heartbeat = max((p["node_failure_at_s"] * 1000 - 1) // LEASE_RENEW_MS * LEASE_RENEW_MS, 0)
    heal_ms = not_ready_at(heartbeat) + p["toleration_seconds"] * 1000
    end_ms = max(loop_ms, p["delete_pod_at_s"] * 1000, heal_ms) + 30_000
    engine.at(end_ms, 0, _closing, engine, cluster)
    engine.run(end_ms)
    return end_ms


def _crash(engine: Engine, cluster: KubeCluster, crashes: int) -> None:
    pod = pick(engine, [p for p in cluster.pods_of("web") if p.running])
    if crashes > 1:
        engine.note(f"이 컨테이너는 시작할 때마다 곧 다시 죽습니다({crashes}번). kubelet은 재시작 사이 대기를 10초부터 두 배씩 "
                    "늘립니다: CrashLoopBackOff.",
                    f"This container dies again soon after each start ({crashes} times). The kubelet doubles the wait "
                    "between restarts from 10 s: CrashLoopBackOff.")
    cluster.crash(pod, crashes)


def _delete(engine: Engine, cluster: KubeCluster) -> None:
    candidates = [p for p in cluster.pods_of("web") if p.ready] or cluster.pods_of("web")
    if not candidates:
        return
    pod: Pod = pick(engine, candidates)
    act(engine, "kubernetes", f"누군가 `kubectl delete pod {pod.name}` 명령을 실행했습니다.",
        f"Someone ran `kubectl delete pod {pod.name}`.", "파드 삭제", "Pod deleted")
    cluster.delete_pod(pod)


def _fail(engine: Engine, cluster: KubeCluster) -> None:
    loaded = {n.name: sum(1 for p in n.pods.values() if p.active) for n in cluster.nodes.values() if n.alive}
    if not loaded:
        return
    most = max(loaded.values())
    node = cluster.nodes[engine.rng.choice([name for name, k in loaded.items() if k == most])]
    cluster.fail_node(node)


def _closing(engine: Engine, cluster: KubeCluster) -> None:
    d = cluster.deployments["web"]
    ready = sum(1 for p in cluster.pods_of("web") if p.ready)
    where = spread(cluster, "web")
    if ready >= d.replicas:
        act(engine, "kubernetes", f"결과: 원하는 {d.replicas}개 중 {ready}개가 Ready입니다({where}). 사람이 손대지 "
            "않았습니다. kubelet은 컨테이너를, 레플리카셋은 파드 수를, 노드 컨트롤러와 스케줄러는 노드 장애를 맡았습니다.",
            f"Result: {ready} of {d.replicas} desired pods are Ready ({where}), with no one touching anything: the "
            "kubelet handled the container, the ReplicaSet the pod count, the node controller and the scheduler the "
            "lost node.", "끝: 스스로 회복", "End: healed itself", "summary")
        return
    nc = cluster.node_controller
    if nc is not None and nc.states and all(s == FULL for s in nc.states.values()) and not cluster.pending:
        act(engine, "kubernetes", f"결과: 원하는 {d.replicas}개 중 {ready}개만 Ready입니다. 노드가 하나도 Ready가 아니라 노드 "
            "컨트롤러가 아무것도 축출하지 않았으므로, 파드는 꺼진 노드에 묶인 채 남고 레플리카셋은 대체 파드를 만들지 않습니다. "
            "자가 치유에는 살아 있는 노드가 필요합니다.",
            f"Result: only {ready} of {d.replicas} desired pods are Ready. With no Ready node left, the node "
            "controller evicted nothing, so the pods stay bound to the dead node and the ReplicaSet makes no "
            "replacement. Self-healing needs a node that is still alive.", "끝: 살아 있는 노드 없음",
            "End: no node left", "summary")
        return
    act(engine, "kubernetes", f"결과: 원하는 {d.replicas}개 중 {ready}개만 Ready입니다({where}). 레플리카셋은 대체 파드를 "
        f"만들었지만 {len(cluster.pending)}개는 자리가 있는 Ready 노드가 없어 Pending입니다. 자가 치유도 남은 용량 안에서만 "
        "됩니다.",
        f"Result: only {ready} of {d.replicas} desired pods are Ready ({where}). The ReplicaSet made replacements, "
        f"but {len(cluster.pending)} stay Pending: no Ready node has room. Self-healing works within the capacity "
        "that is left.", "끝: 용량 부족", "End: out of room", "summary")
