"""One Docker host: containers started with `docker run`, restarted by the daemon, lost with the host."""

from __future__ import annotations

from typing import Any

from app.sim import sources
from app.sim.backoff import DockerRestartManager, parse_docker_policy
from app.sim.engine import PRIO_KUBELET, Engine
from app.sim.model import Container
from app.sim.text import Text, count, secs, tr


class DockerHost:
    """A single machine running the Docker daemon; it knows nothing about any other machine."""

    def __init__(self, engine: Engine, name: str = "host-1", key: str = "docker", title: Text | None = None,
                 cpu_m: int = 4000, mem_mib: int = 16_384) -> None:
        self.engine = engine
        self.key = key
        self.name = name
        self.title = title or tr("도커 호스트 한 대", "One Docker host")
        self.cpu_m, self.mem_mib = cpu_m, mem_mib
        self.up = True
        self.containers: dict[str, Container] = {}
        self.rps = 0.0
        self.dirty = False

    @property
    def now(self) -> int:
        """The engine's clock, in milliseconds."""
        return self.engine.now

    def run(self, name: str, version: str, policy: str = "no") -> Container:
        """`docker run -d --restart=<policy>`: the container is running from now on."""
        # The docs add that a policy "only takes effect after a container starts successfully" (up 10 s);
        # the containers of these scenarios always start successfully.
        kind, retries = parse_docker_policy(policy)
        c = Container(name, version, DockerRestartManager(kind, retries), started_ms=self.now)
        self.containers[name] = c
        return c

    def crash(self, name: str, code: int = 1) -> None:
        """The container's main process exits with an error."""
        c = self.containers[name]
        if not self.up or c.state != "running":
            return
        c.state, c.exit_code, c.finished_ms = "exited", code, self.now
        c.epoch += 1
        ran = self.now - c.started_ms
        restart, delay = c.restart.should_restart(code, False, ran)
        policy = c.restart.policy + (f":{c.restart.max_retries}" if c.restart.max_retries else "")
        inputs = {"restart_policy": policy, "exit_code": code, "ran_s": ran / 1000,
                  "restart_count": c.restart.restart_count, "delay_ms": delay}
        self.engine.event(self.key, "container_exited",
                          tr(f"{self.name}의 {name} 컨테이너가 종료 코드 {code}로 멈췄습니다.",
                             f"Container {name} on {self.name} exited with code {code}."),
                          tr("컨테이너 종료", "Container exited"))
        if not restart:
            why = tr(f"Docker 데몬: 재시작 정책이 '{policy}'라 컨테이너를 다시 시작하지 않습니다. 누군가 docker start를 "
                     "할 때까지 멈춰 있습니다.",
                     f"Docker daemon: the restart policy is '{policy}', so the container is not restarted. It stays "
                     "down until someone runs docker start.")
            self.engine.decide(self.key, "dockerd", "no_restart", inputs, "stays exited", why,
                               source=sources.DOCKER_RESTART_POLICIES)
            return
        c.state = "restarting"
        why = tr(f"Docker 데몬: 재시작 정책 '{policy}' → {secs(delay)}초 뒤 같은 호스트에서 다시 시작합니다(재시작 지연은 "
                 f"100ms부터 두 배씩, 10초 이상 돌고 나면 다시 100ms).",
                 f"Docker daemon: restart policy '{policy}' → restart on this same host after {secs(delay)} s "
                 "(the delay starts at 100 ms and doubles; a run of 10 s or more resets it).")
        self.engine.decide(self.key, "dockerd", "restart", inputs, f"restart after {secs(delay)} s", why,
                           source=sources.DOCKER_API_RESTART_POLICY)
        self.engine.at(self.now + delay, PRIO_KUBELET, self._started, name, c.epoch)

    def _started(self, name: str, epoch: int) -> None:
        c = self.containers[name]
        if not self.up or c.epoch != epoch or c.state != "restarting":
            return
        c.state, c.started_ms = "running", self.now
        self.engine.event(self.key, "container_restarted",
                          tr(f"Docker 데몬이 {name} 컨테이너를 같은 호스트 {self.name}에서 다시 시작했습니다"
                             f"(재시작 {c.restart.restart_count}회).",
                             f"The Docker daemon restarted {name} on the same host, {self.name} "
                             f"(restart #{c.restart.restart_count})."),
                          tr("컨테이너 재시작", "Container restarted"))

    def fail(self) -> None:
        """The host loses power: the daemon and every container on it are gone."""
        # A restart policy is carried out by the daemon of the container's own host
        # (https://docs.docker.com/engine/containers/start-containers-automatically/); with that host down
        # there is no daemon left to apply it, and no other daemon knows the container exists.
        if not self.up:
            return
        self.up = False
        for c in self.containers.values():
            c.state = "lost"
            c.epoch += 1
        self.engine.event(self.key, "host_failed",
                          tr(f"호스트 {self.name}의 전원이 나갔습니다. Docker 데몬과 컨테이너 {len(self.containers)}개가 함께 "
                             "사라졌습니다.",
                             f"Host {self.name} lost power. The Docker daemon and its "
                             f"{count(len(self.containers), 'container')} are gone with it."),
                          tr("호스트 장애", "Host failure"))
        self.engine.decide(self.key, "dockerd", "host_lost", {"host": self.name, "other_hosts_known": 0},
                           "nothing restarts the containers elsewhere",
                           tr("아무것도 일어나지 않습니다: Docker 데몬은 자기 호스트의 컨테이너만 관리하고 다른 호스트를 알지 못합니다. "
                              "컨테이너를 다른 곳에서 다시 띄울 주체가 없습니다.",
                              "Nothing happens: a Docker daemon only manages the containers of its own host and knows "
                              "no other host. Nobody starts these containers anywhere else."),
                           source=sources.DOCKER_RESTART_POLICIES)

    # --- engine protocol -------------------------------------------------------------------------
    def reconcile(self) -> None:
        """Docker has no controllers: nothing converges toward a desired state."""
        self.dirty = False

    def snapshot(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The host as one node box with its containers."""
        return [{
            "name": self.name, "kind": "docker-host", "status": "Up" if self.up else "Down", "ready": self.up,
            "powered": self.up, "zone": "", "taints": [],
            "capacity": {"cpu_millicores": self.cpu_m, "memory_mib": self.mem_mib, "pods": None},
            "allocated": {"cpu_millicores": 0, "memory_mib": 0},
            "pods": [_container(c, self.name) for c in self.containers.values()],
        }], []

    def metrics(self) -> dict[str, Any]:
        """How many containers were started and how many serve."""
        running = sum(1 for c in self.containers.values() if c.state == "running" and self.up)
        served = self.rps if running else 0.0
        return {"desired": len(self.containers), "total": running, "ready": running, "available": running,
                "nodes_ready": 1 if self.up else 0, "nodes_total": 1, "traffic_rps": self.rps,
                "served_rps": served, "failed_rps": self.rps - served}


def _container(c: Container, host: str) -> dict[str, Any]:
    status = {"running": "Up", "restarting": f"Restarting ({c.exit_code})", "exited": f"Exited ({c.exit_code})",
              "lost": "Unknown"}[c.state]
    phase = {"running": "Running", "restarting": "Restarting", "exited": "Exited", "lost": "Unknown"}[c.state]
    return {"name": c.name, "version": c.version, "phase": phase, "status": status, "ready": c.state == "running",
            "restarts": c.restart.restart_count, "node": host, "replicaset": None}
