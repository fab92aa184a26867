"""Scenario "rolling-update": v1 → v2 within the bounds, a broken v3 stalls, a rollback ends it."""

from __future__ import annotations

from typing import Any

from app.sim.cluster import KubeCluster
from app.sim.engine import Engine
from app.sim.intstr import parse, validate_rolling_update
from app.sim.params import Spec, require
from app.sim.rollout import max_unavailable, resolve_fenceposts
from app.sim.scenarios.common import CAPACITY_SPEC, RPS, TIMING_SPECS, act, add_nodes, nodes_for, timing

SPECS = {
    "replicas": Spec("int", 4, 1, 200),
    "max_surge": Spec("intstr", "25%"),
    "max_unavailable": Spec("intstr", "25%", hi=100),
    "from_version": Spec("slug", "v1"),
    "to_version": Spec("slug", "v2"),
    "broken_version": Spec("slug", "v3"),
    "pod_capacity_rps": CAPACITY_SPEC,
    **TIMING_SPECS,
}
POD_CPU_M = 100
PAUSE_MS = 30_000  # between one phase settling and the next command


def check(p: dict[str, Any]) -> None:
    """The strategy must pass the API server's validation, and the three versions must differ."""
    validate_rolling_update(parse(p["max_surge"], "max_surge"), parse(p["max_unavailable"], "max_unavailable"))
    require(p["to_version"] != p["from_version"], "to_version", "must differ from from_version",
            "from_version과 달라야 합니다")
    require(p["broken_version"] not in (p["from_version"], p["to_version"]), "broken_version",
            "must differ from from_version and to_version", "from_version, to_version과 달라야 합니다")


def play(engine: Engine, p: dict[str, Any]) -> int:
    """Run the three phases one after the other; return the length in milliseconds."""
    surge_v, unavail_v = parse(p["max_surge"], "max_surge"), parse(p["max_unavailable"], "max_unavailable")
    n = p["replicas"]
    surge, _ = resolve_fenceposts(surge_v, unavail_v, n)
    unavailable = max_unavailable(surge_v, unavail_v, n)
    cluster = engine.add(KubeCluster(engine, timing=timing(p)))
    # Neither ReplicaSet grows past the desired count, so no more than 2n pods ever run, whatever maxSurge says.
    add_nodes(cluster, nodes_for(n + min(surge, n), POD_CPU_M))
    act(engine, "kubernetes", f"web {p['from_version']} 파드 {n}개가 서비스 뒤에서 초당 {RPS:g}개 요청을 받습니다. 전략: "
        f"RollingUpdate, maxSurge {surge_v} → {surge}개(올림), maxUnavailable {unavail_v} → {unavailable}개(내림). "
        f"따라서 파드는 최대 {n + surge}개, 사용 가능한 파드는 최소 {n - unavailable}개.",
        f"{n} web {p['from_version']} pods serve {RPS:g} requests/s behind the Service. Strategy: RollingUpdate, "
        f"maxSurge {surge_v} → {surge} (rounded up), maxUnavailable {unavail_v} → {unavailable} (rounded down): at "
        f"most {n + surge} pods, at least {n - unavailable} available.", "시작", "Start")
    d = cluster.deploy("web", n, p["from_version"], cpu_m=POD_CPU_M, max_surge=surge_v, max_unavailable=unavail_v,
                       running=True, rps=RPS, capacity_rps=p["pod_capacity_rps"])
    engine.flush()
    limit = 4 * 3600 * 1000

    def command(version: str, broken: bool, ko: str, en: str, title_ko: str, title_en: str) -> None:
        """Type a kubectl command half a minute from now."""
        engine.at(engine.now + PAUSE_MS, 0, _command, engine, cluster, version, broken, ko, en, title_ko, title_en)

    command(p["to_version"], False, f"`kubectl set image deployment/web web=web:{p['to_version']}`: 새 버전을 배포합니다.",
            f"`kubectl set image deployment/web web=web:{p['to_version']}`: rolling out the new version.",
            f"{p['to_version']} 배포", f"Deploy {p['to_version']}")
    engine.run(limit, stop=lambda: d.complete and d.version == p["to_version"])
    command(p["broken_version"], True, f"`kubectl set image deployment/web web=web:{p['broken_version']}`: 이번 버전은 "
            "준비성 프로브에 HTTP 500으로 답하는 버그가 있습니다.",
            f"`kubectl set image deployment/web web=web:{p['broken_version']}`: this version has a bug; it answers "
            "its readiness probe with HTTP 500.", f"{p['broken_version']} 배포", f"Deploy {p['broken_version']}")
    engine.run(limit, stop=lambda: d.progressing == "False")
    engine.note(f"서비스는 그동안 Ready인 {p['to_version']} 파드에만 트래픽을 보냈고, maxUnavailable 덕분에 최소 "
                f"{n - unavailable}개가 계속 요청을 받았습니다.",
                f"All along, the Service sent traffic only to Ready {p['to_version']} pods, and maxUnavailable kept at "
                f"least {n - unavailable} of them serving.")
    engine.at(engine.now + PAUSE_MS, 0, _undo, engine, cluster)
    engine.run(limit, stop=lambda: d.complete)
    end = engine.now + PAUSE_MS // 2
    engine.at(end, 0, _closing, engine, cluster)
    engine.run(end)
    return end


def _command(engine: Engine, cluster: KubeCluster, version: str, broken: bool, ko: str, en: str, title_ko: str,
             title_en: str) -> None:
    act(engine, "kubernetes", ko, en, title_ko, title_en)
    cluster.set_image("web", version, broken)


def _undo(engine: Engine, cluster: KubeCluster) -> None:
    back = cluster.rollback("web")
    act(engine, "kubernetes", f"`kubectl rollout undo deployment/web`: 이전 리비전({back})으로 되돌립니다.",
        f"`kubectl rollout undo deployment/web`: back to the previous revision ({back}).", "롤백", "Rollback")


def _closing(engine: Engine, cluster: KubeCluster) -> None:
    d = cluster.deployments["web"]
    lost = max((s.metrics.get("failed_rps", 0) for s in engine.steps), default=0)
    if lost:
        tail = ("maxUnavailable이 사용 가능한 파드 0개까지 허용해서, 서비스가 요청을 받지 못한 순간이 있었습니다.",
                "maxUnavailable allowed zero available pods, so there were moments when requests failed.")
    else:
        tail = ("서비스는 한 번도 요청을 놓치지 않았습니다.", "The Service never failed a request.")
    act(engine, "kubernetes", f"결과: {d.version} 파드 {d.replicas}개가 모두 Ready입니다. {tail[0]}",
        f"Result: all {d.replicas} {d.version} pods are Ready. {tail[1]}", "끝", "End", "summary")
