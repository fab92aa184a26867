"""Scenario "vendor-portability": the same manifests on two providers' clusters; the workload moves over."""

from __future__ import annotations

from typing import Any

from app.sim.cluster import KubeCluster
from app.sim.engine import Engine
from app.sim.params import Spec, require
from app.sim.scenarios.common import RPS, TIMING_SPECS, act, add_nodes, nodes_for, pick, spread, timing
from app.sim.text import tr

SPECS = {
    "replicas": Spec("int", 3, 1, 200),
    "from_provider": Spec("slug", "provider-a"),
    "to_provider": Spec("slug", "provider-b"),
    **TIMING_SPECS,
}
POD_CPU_M = 250
PAUSE_MS = 20_000
MANIFESTS = "web.yaml (Deployment web, Service web)"


def check(p: dict[str, Any]) -> None:
    """Two different providers."""
    require(p["to_provider"] != p["from_provider"], "to_provider", "must differ from from_provider",
            "from_provider와 달라야 합니다")


def engine_options() -> dict[str, Any]:
    """How the engine combines the two clusters' metrics."""
    return {"merge_metrics": _merge}


def _merge(columns: dict[str, dict[str, Any]]) -> dict[str, Any]:
    (a_key, a), (b_key, b) = columns.items()
    return {"from_ready": a.get("ready", 0), "to_ready": b.get("ready", 0),
            "from_served_rps": a.get("served_rps", 0.0), "to_served_rps": b.get("served_rps", 0.0),
            "served_rps": a.get("served_rps", 0.0) + b.get("served_rps", 0.0)}


def play(engine: Engine, p: dict[str, Any]) -> int:
    """Move the workload between the clusters; return the length in milliseconds."""
    src_name, dst_name, n = p["from_provider"], p["to_provider"], p["replicas"]
    src = engine.add(KubeCluster(engine, key=src_name, title=tr(f"{src_name}의 클러스터", f"{src_name}'s cluster"),
                                 timing=timing(p)))
    dst = engine.add(KubeCluster(engine, key=dst_name, title=tr(f"{dst_name}의 클러스터", f"{dst_name}'s cluster"),
                                 timing=timing(p)))
    count = nodes_for(n, POD_CPU_M)
    add_nodes(src, count, prefix=f"{src_name}-node", zone=f"{src_name}-zone-1")
    add_nodes(dst, count, prefix=f"{dst_name}-node", zone=f"{dst_name}-zone-1")
    act(engine, src_name, f"{src_name}의 클러스터에서 `kubectl apply -f {MANIFESTS}` 명령으로 올린 web 파드 {n}개가 초당 {RPS:g}개 "
        f"요청을 받습니다. {dst_name}의 클러스터는 비어 있습니다.",
        f"On {src_name}'s cluster, {n} web pods applied with `kubectl apply -f {MANIFESTS}` serve {RPS:g} "
        f"requests/s. {dst_name}'s cluster is empty.", "시작: 한 공급자", "Start: one provider")
    src.deploy("web", n, "v1", cpu_m=POD_CPU_M, running=True, rps=RPS)
    engine.flush()
    engine.at(engine.now + PAUSE_MS, 0, _apply, engine, dst, dst_name, n)
    engine.run(3_600_000, stop=lambda: "web" in dst.deployments and dst.deployments["web"].complete)
    engine.at(engine.now + PAUSE_MS, 0, _switch, engine, src, dst, src_name, dst_name)
    engine.at(engine.now + 2 * PAUSE_MS, 0, _crash, engine, dst)
    engine.at(engine.now + 4 * PAUSE_MS, 0, _delete, engine, src, src_name)
    end = engine.now + 5 * PAUSE_MS
    engine.at(end, 0, _closing, engine, src, dst, src_name, dst_name)
    engine.run(end)
    return end


def _apply(engine: Engine, dst: KubeCluster, dst_name: str, n: int) -> None:
    act(engine, dst_name, f"같은 파일로 `kubectl --context {dst_name} apply -f {MANIFESTS}` 명령을 실행합니다. 한 글자도 바꾸지 "
        "않았습니다. 디플로이먼트, 레플리카셋, 스케줄러가 여기서도 똑같이 움직입니다.",
        f"The same file: `kubectl --context {dst_name} apply -f {MANIFESTS}`, not one character changed. The "
        "Deployment, the ReplicaSet and the scheduler behave here just as they did there.",
        f"{dst_name}에 같은 매니페스트 적용", f"Same manifests on {dst_name}")
    dst.deploy("web", n, "v1", cpu_m=POD_CPU_M)


def _switch(engine: Engine, src: KubeCluster, dst: KubeCluster, src_name: str, dst_name: str) -> None:
    src.set_traffic("web", 0.0)
    dst.set_traffic("web", RPS)
    act(engine, dst_name, f"DNS(또는 앞단 로드 밸런서)를 {dst_name} 쪽 서비스로 바꿨습니다. 이제 초당 {RPS:g}개 요청이 "
        f"{dst_name}의 Ready 파드로 고르게 갑니다. 공급자마다 다른 것은 노드 이름, 로드 밸런서, 디스크 종류 같은 바깥 "
        "부분뿐입니다.",
        f"DNS (or the load balancer in front) now points at {dst_name}'s Service: {RPS:g} requests/s go evenly to "
        f"its Ready pods. What differs between providers sits outside the manifests: node names, load balancers, "
        "disk types.", "트래픽 이전", "Traffic moved")


def _crash(engine: Engine, dst: KubeCluster) -> None:
    pod = pick(engine, [p for p in dst.pods_of("web") if p.running])
    engine.note("새 클러스터에서도 자가 치유는 똑같습니다: 컨테이너 하나가 죽으면 kubelet이 다시 시작합니다.",
                "Self-healing works the same on the new cluster: when a container dies, the kubelet restarts it.")
    dst.crash(pod)


def _delete(engine: Engine, src: KubeCluster, src_name: str) -> None:
    count = src.delete_deployment("web")
    act(engine, src_name, f"`kubectl --context {src_name} delete -f {MANIFESTS}`: 가비지 컬렉터가 레플리카셋과 파드 {count}개를 "
        "지웁니다.", f"`kubectl --context {src_name} delete -f {MANIFESTS}`: the garbage collector removes the "
        f"ReplicaSet and its {count} pods.", f"{src_name}에서 정리", f"Cleaned up on {src_name}")


def _closing(engine: Engine, src: KubeCluster, dst: KubeCluster, src_name: str, dst_name: str) -> None:
    ready = sum(1 for p in dst.pods_of("web") if p.ready)
    act(engine, dst_name, f"결과: 워크로드가 {dst_name} 쪽으로 옮겨졌습니다. 같은 매니페스트로 Ready 파드 {ready}개"
        f"({spread(dst, 'web')}), 같은 동작. {src_name}에는 아무것도 남지 않았습니다.",
        f"Result: the workload now lives on {dst_name}: same manifests, {ready} Ready pods ({spread(dst, 'web')}), "
        f"same behaviour. Nothing is left on {src_name}.", "끝: 이전 완료", "End: moved", "summary")
