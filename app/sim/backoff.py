"""Restart delays: the kubelet's CrashLoopBackOff and the Docker daemon's restart manager."""

from __future__ import annotations

from dataclasses import dataclass

from app.sim.errors import SimulationError

# kubelet: backOffPeriod = 10 s and MaxContainerBackOff = 300 s (pkg/kubelet/kubelet.go), doubled by
# flowcontrol.Backoff.Next; the docs: "exponential back-off delay (10s, 20s, 40s, …), that is capped at
# five minutes. Once a container has executed for 10 minutes without any problems, the kubelet resets
# the restart backoff timer" (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy).
# Feature gates KubeletCrashLoopBackOffMax and ReduceDefaultCrashLoopBackOffDecay (KEP-4603/5593) can
# change these per node; the defaults here are the ones a cluster has without them.
KUBELET_INITIAL_MS = 10_000
KUBELET_MAX_MS = 300_000
# backoff.go hasExpired: "After 2*maxDuration we restart the backoff factor to the beginning" = 600 s.
KUBELET_RESET_MS = 2 * KUBELET_MAX_MS

# Docker Engine API, RestartPolicy: "An ever increasing delay (double the previous delay, starting at 100ms)
# is added before each restart" (https://docs.docker.com/reference/api/engine/version/v1.57/schemas/RestartPolicy/).
# moby restartmanager/restartmanager.go: defaultTimeout = 100 * time.Millisecond, backoffMultiplier = 2,
# maxRestartTimeout = 1 * time.Minute; "if the container ran for more than 10s ... reset the timeout".
DOCKER_INITIAL_MS = 100
DOCKER_MAX_MS = 60_000
DOCKER_RESET_RUN_MS = 10_000

DOCKER_POLICIES = ("no", "on-failure", "always", "unless-stopped")


@dataclass(slots=True)
class KubeletBackoff:
    """The kubelet's per-container backoff entry (flowcontrol.Backoff keyed by pod and container)."""

    backoff_ms: int = 0
    last_update_ms: int | None = None  # None: no entry yet

    def _fresh(self, finished_ms: int) -> bool:
        return self.last_update_ms is None or finished_ms - self.last_update_ms > KUBELET_RESET_MS

    def restart_at(self, finished_ms: int) -> int:
        """When the container that exited at finished_ms may start again (doBackOff / IsInBackOffSince)."""
        if self._fresh(finished_ms):
            return finished_ms  # no entry, or stable for 10 minutes: restart right away
        return finished_ms + self.backoff_ms

    def on_restart(self, finished_ms: int, now_ms: int) -> None:
        """Backoff.Next: start at 10 s, then double up to 300 s; remember when."""
        if self._fresh(finished_ms):
            self.backoff_ms = KUBELET_INITIAL_MS
        else:
            self.backoff_ms = min(2 * self.backoff_ms, KUBELET_MAX_MS)
        self.last_update_ms = now_ms


def kubelet_delays_ms(restarts: int) -> list[int]:
    """The wait before restarts 1..N of a container that crashes right after every start."""
    entry, t, out = KubeletBackoff(), 0, []
    for _ in range(restarts):
        start = entry.restart_at(t)
        out.append(start - t)
        entry.on_restart(t, start)
        t = start + 1  # crashes again at once
    return out


def parse_docker_policy(raw: str, param: str = "restart_policy") -> tuple[str, int]:
    """Read "no", "always", "unless-stopped", "on-failure" or "on-failure:N" (docker run --restart)."""
    name, _, count = str(raw).strip().partition(":")
    if name not in DOCKER_POLICIES or (count and name != "on-failure"):
        raise SimulationError(
            param,
            f"{raw!r}: must be one of no, on-failure[:max-retries], always, unless-stopped",
            f"{raw!r}: no, on-failure[:최대 재시도], always, unless-stopped 중 하나여야 합니다",
        )
    if not count:
        return name, 0
    if not count.isdigit() or not 1 <= int(count) <= 100:
        raise SimulationError(
            param, "max-retries must be an integer from 1 to 100", "최대 재시도 횟수는 1에서 100 사이의 정수여야 합니다"
        )
    return name, int(count)


@dataclass(slots=True)
class DockerRestartManager:
    """restartManager.ShouldRestart for one container: policy, restart count and current delay."""

    policy: str
    max_retries: int = 0
    restart_count: int = 0
    timeout_ms: int = 0

    def should_restart(self, exit_code: int, manually_stopped: bool, ran_ms: int) -> tuple[bool, int]:
        """Decide whether the daemon restarts the exited container, and after how long."""
        if self.policy == "no":
            return False, 0
        if ran_ms >= DOCKER_RESET_RUN_MS:
            self.timeout_ms = 0
        if self.timeout_ms == 0:
            self.timeout_ms = DOCKER_INITIAL_MS
        elif self.timeout_ms < DOCKER_MAX_MS:
            self.timeout_ms *= 2
        self.timeout_ms = min(self.timeout_ms, DOCKER_MAX_MS)
        if self.policy == "always":
            restart = True
        elif self.policy == "unless-stopped":
            restart = not manually_stopped
        else:  # on-failure: a MaximumRetryCount of 0 means no limit
            restart = exit_code != 0 and (self.max_retries == 0 or self.restart_count < self.max_retries)
        if restart:
            self.restart_count += 1
        return restart, self.timeout_ms if restart else 0


def docker_delays_ms(restarts: int) -> list[int]:
    """The daemon's wait before restarts 1..N of a container (policy always) that dies within 10 s."""
    manager = DockerRestartManager("always")
    return [manager.should_restart(1, False, 0)[1] for _ in range(restarts)]
