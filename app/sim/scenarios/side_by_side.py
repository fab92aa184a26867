"""Scenario "docker-vs-kubernetes": the same crash and host loss, on one Docker host and on a cluster."""

from __future__ import annotations

from typing import Any

from app.sim.cluster import KubeCluster
from app.sim.docker import DockerHost
from app.sim.engine import Engine
from app.sim.nodelifecycle import DEFAULT_TOLERATION_MS, LEASE_RENEW_MS, not_ready_at
from app.sim.params import Spec, require
from app.sim.scenarios.common import TIMING_SPECS, act, add_nodes, at, spread, timing
from app.sim.text import tr

SPECS = {
    "nodes": Spec("int", 3, 1, 20),
    "replicas": Spec("int", 3, 1, 200),
    "crash_at_s": Spec("int", 30, 1, 3600),
    "node_failure_at_s": Spec("int", 120, 1, 3600),
    **TIMING_SPECS,
}


def check(p: dict[str, Any]) -> None:
    """The crash comes first."""
    require(p["crash_at_s"] < p["node_failure_at_s"], "crash_at_s", "must be earlier than node_failure_at_s",
            "node_failure_at_s보다 앞서야 합니다")


def merge(columns: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The two columns' key numbers side by side."""
    docker, kube = columns["docker"], columns["kubernetes"]
    return {"desired": kube["desired"], "docker_running": docker["ready"], "kubernetes_ready": kube["ready"],
            "kubernetes_total": kube["total"]}


def engine_options() -> dict[str, Any]:
    """How the engine combines the two columns' metrics."""
    return {"merge_metrics": merge}


def play(engine: Engine, p: dict[str, Any]) -> int:
    """Run both columns on one clock and return the length in milliseconds."""
    host = engine.add(DockerHost(engine, "host-1", title=tr("도커 호스트 한 대", "One Docker host")))
    cluster = engine.add(KubeCluster(engine, title=tr(f"노드 {p['nodes']}개 쿠버네티스 클러스터",
                                                      f"Kubernetes cluster of {p['nodes']} nodes"),
                                     timing=timing(p)))
    n = p["replicas"]
    for i in range(n):
        host.run(f"web-{i + 1}", "v1", "always")
    act(engine, "docker", f"왼쪽: 호스트 한 대에서 `docker run --restart=always` 명령으로 web 컨테이너 {n}개를 띄웠습니다.",
        f"Left: {n} web containers on one host, each started with `docker run --restart=always`.",
        "시작: 같은 서비스, 두 방식", "Start: the same service, two ways")
    act(engine, "kubernetes", f"오른쪽: 같은 서비스를 노드 {p['nodes']}개 클러스터에 replicas {n}인 디플로이먼트로 올렸습니다.",
        f"Right: the same service as a Deployment with replicas {n} on a {p['nodes']}-node cluster.",
        "시작", "Start")
    add_nodes(cluster, p["nodes"])
    cluster.deploy("web", n, "v1", running=True)
    engine.flush()
    # The victim runs on a node: with more replicas than the nodes hold, some pods stay Pending on none.
    victim = min((q for q in cluster.pods_of("web") if q.node), key=lambda q: q.name)
    node = cluster.nodes[victim.node or ""]
    at(engine, p["crash_at_s"], _crash, engine, host, cluster, victim)
    at(engine, p["node_failure_at_s"], _fail, engine, host, cluster, node)
    heartbeat = max((p["node_failure_at_s"] * 1000 - 1) // LEASE_RENEW_MS * LEASE_RENEW_MS, 0)
    end_ms = not_ready_at(heartbeat) + DEFAULT_TOLERATION_MS + 30_000
    engine.at(end_ms, 0, _closing, engine, host, cluster)
    engine.run(end_ms)
    return end_ms


def _crash(engine: Engine, host: DockerHost, cluster: KubeCluster, victim) -> None:  # noqa: ANN001
    engine.note("같은 순간, 양쪽에서 컨테이너 하나가 오류로 죽습니다.", "At the same moment one container dies with an error on each side.")
    host.crash("web-1")
    cluster.crash(victim)


def _fail(engine: Engine, host: DockerHost, cluster: KubeCluster, node) -> None:  # noqa: ANN001
    engine.note("이번에는 기계 한 대가 통째로 꺼집니다: 왼쪽은 유일한 호스트, 오른쪽은 노드 하나.",
                "Now a whole machine goes dark: on the left the only host, on the right one node.")
    host.fail()
    cluster.fail_node(node)


def _closing(engine: Engine, host: DockerHost, cluster: KubeCluster) -> None:
    ready = sum(1 for p in cluster.pods_of("web") if p.ready)
    where = spread(cluster, "web")
    act(engine, "docker", "왼쪽: 호스트가 꺼진 뒤로 아무 컨테이너도 돌지 않습니다. 되살릴 주체가 없습니다.",
        "Left: since the host went down no container runs, and nothing will bring them back.",
        "끝: 나란히 비교", "End: side by side", "summary")
    want = cluster.deployments["web"].replicas
    if ready >= want:
        act(engine, "kubernetes", f"오른쪽: 디플로이먼트가 원하는 {want}개 중 {ready}개가 남은 노드에서 Ready입니다({where}). "
            "노드 하나를 잃었지만 서비스는 제 숫자로 돌아왔습니다.",
            f"Right: {ready} of the {want} desired pods are Ready on the remaining nodes ({where}). A node was lost; "
            "the service is back to its number.", "끝", "End", "summary")
    else:
        act(engine, "kubernetes", f"오른쪽: 원하는 {want}개 중 {ready}개만 Ready입니다. 대체 파드는 만들어졌지만 남은 노드에 "
            "자리가 없어 Pending입니다. 쿠버네티스도 남은 용량 안에서만 되살릴 수 있습니다.",
            f"Right: only {ready} of the {want} desired pods are Ready. Replacements exist but stay Pending: no node "
            "left has room. Kubernetes, too, can only heal within the capacity that is left.", "끝", "End", "summary")
