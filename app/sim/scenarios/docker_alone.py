"""Scenario "docker-alone": one container on one Docker host; it crashes, then the host dies."""

from __future__ import annotations

from typing import Any

from app.sim.docker import DockerHost
from app.sim.engine import Engine
from app.sim.params import Spec, require
from app.sim.scenarios.common import act, at

SPECS = {
    "restart_policy": Spec("policy", "always"),
    "crash_at_s": Spec("int", 30, 1, 3600),
    "host_failure_at_s": Spec("int", 120, 1, 3600),
    "duration_s": Spec("int", 300, 10, 3600),
}


def check(p: dict[str, Any]) -> None:
    """The crash comes before the host failure, and both within the run."""
    require(p["crash_at_s"] < p["host_failure_at_s"], "crash_at_s", "must be earlier than host_failure_at_s",
            "host_failure_at_s보다 앞서야 합니다")
    require(p["host_failure_at_s"] < p["duration_s"], "host_failure_at_s", "must be earlier than duration_s",
            "duration_s보다 앞서야 합니다")


def play(engine: Engine, p: dict[str, Any]) -> int:
    """Run the story and return its length in milliseconds."""
    host = engine.add(DockerHost(engine, "host-1"))
    policy = p["restart_policy"]
    host.run("web", "v1", policy)
    act(engine, "docker", f"호스트 한 대에서 `docker run -d --restart={policy} --name web web:v1` 명령으로 서비스를 띄웠습니다. "
        "지켜보는 것은 이 호스트의 Docker 데몬 하나뿐입니다.",
        f"One service runs on one host, started with `docker run -d --restart={policy} --name web web:v1`. The only "
        "thing watching it is this host's Docker daemon.", "시작: 도커 호스트 한 대", "Start: one Docker host")
    engine.flush()
    at(engine, p["crash_at_s"], host.crash, "web", 1)
    at(engine, p["host_failure_at_s"], host.fail)
    end = p["duration_s"]
    at(engine, end, _closing, engine, host)
    engine.run(end * 1000)
    return end * 1000


def _closing(engine: Engine, host: DockerHost) -> None:
    act(engine, "docker", "호스트는 꺼진 채이고 web 컨테이너는 어디에서도 돌지 않습니다. 다른 호스트가 있더라도 Docker 혼자서는 "
        "컨테이너를 그곳으로 옮기지 않습니다. 그 일은 오케스트레이터의 몫입니다.",
        "The host is still down and the web container runs nowhere. Even with other hosts around, Docker alone "
        "would not move the container there: that is an orchestrator's job.", "끝: 아무도 되살리지 않음",
        "End: nothing brought it back", "summary")
