"""The objects the simulator moves around: nodes, pods, ReplicaSets, Deployments, Docker containers."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.sim.backoff import DockerRestartManager, KubeletBackoff
from app.sim.intstr import IntOrPercent
from app.sim.rollout import DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE

# kubelet maxPods defaults to 110 (https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/).
DEFAULT_MAX_PODS = 110
# Requests per second a pod serves at its CPU limit, where a scenario does not say (illustrative).
DEFAULT_CAPACITY_RPS = 200.0


@dataclass(frozen=True, slots=True)
class Timing:
    """How long things take on a node: modelling choices, not Kubernetes defaults (each a what-if parameter)."""

    image_pull_ms: int = 3_000  # pulling the image onto a node that lacks it
    container_start_ms: int = 1_000  # from the image on disk to the container's process running
    app_warmup_ms: int = 3_000  # from the process running to the app answering its readiness probe


@dataclass(slots=True, eq=False)
class Pod:
    """A pod with one container, as the API server and its node's kubelet know it."""

    name: str
    app: str  # the label the Service and the Deployment select on
    rs: str | None  # owner ReplicaSet; None for a bare pod
    version: str
    cpu_m: int
    mem_mib: int
    created_ms: int
    broken: bool = False  # its readiness probe never passes
    restart_policy: str = "Always"
    node: str | None = None
    phase: str = "Pending"  # Pending | Running | Succeeded | Failed | Unknown
    status: str = "Pending"  # what `kubectl get pods` prints in STATUS
    running: bool = False
    ready: bool = False
    ready_since_ms: int | None = None
    ready_changed_ms: int = 0  # lastTransitionTime of the Ready condition
    start_time_ms: int = 0  # status.startTime: when the kubelet took the pod on
    restarts: int = 0
    deleting: bool = False  # deletionTimestamp is set
    epoch: int = 0  # container instance; events of an older instance are ignored
    probe_origin_ms: int = 0  # when the kubelet's probe workers started ticking
    starts: int = 0
    started_ms: int = 0
    finished_ms: int = 0
    crashes_left: int = 0  # how many more times the container will exit soon after starting
    hung: bool = False
    holds_resources: bool = False  # its requests count against its node
    backoff: KubeletBackoff = field(default_factory=KubeletBackoff)

    def set_ready(self, ready: bool, now: int) -> None:
        """Set the Ready condition, noting when it last changed (its lastTransitionTime)."""
        if ready != self.ready:
            self.ready_changed_ms = now
        self.ready = ready
        self.ready_since_ms = now if ready else None

    @property
    def active(self) -> bool:
        """Counted by its ReplicaSet: not being deleted and not finished (controller.FilterActivePods)."""
        return not self.deleting and self.phase not in ("Succeeded", "Failed")


@dataclass(slots=True, eq=False)
class Node:
    """A worker node: its allocatable capacity, its conditions and taints, and the pods bound to it."""

    name: str
    cpu_m: int
    mem_mib: int
    max_pods: int = DEFAULT_MAX_PODS
    zone: str = ""
    alive: bool = True  # the machine and its kubelet are running
    ready: bool = True  # the Ready condition as the control plane sees it
    taints: list[str] = field(default_factory=list)
    no_execute_since_ms: int | None = None  # when the node lifecycle controller added its NoExecute taint
    req_cpu: int = 0
    req_mem: int = 0
    pods: dict[str, Pod] = field(default_factory=dict)
    images: dict[str, int] = field(default_factory=dict)  # image version → when it is on disk
    failed_ms: int | None = None
    last_heartbeat_ms: int | None = None


@dataclass(slots=True, eq=False)
class ReplicaSet:
    """A ReplicaSet: a pod template (version) and how many pods of it should exist."""

    name: str
    deployment: str
    version: str
    broken: bool
    revision: int
    created_seq: int
    replicas: int = 0
    pods: dict[str, Pod] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class Deployment:
    """A Deployment: desired replicas, the current template, the strategy and the rollout's progress."""

    name: str
    replicas: int
    version: str
    broken: bool = False
    cpu_m: int = 250
    mem_mib: int = 256
    strategy: str = "RollingUpdate"  # or "Recreate"
    max_surge: IntOrPercent = DEFAULT_MAX_SURGE
    max_unavailable: IntOrPercent = DEFAULT_MAX_UNAVAILABLE
    capacity_rps: float = DEFAULT_CAPACITY_RPS  # requests per second one pod serves at its CPU limit
    progress_deadline_ms: int = 600_000  # progressDeadlineSeconds defaults to 600
    progressing: str = "True"  # the Progressing condition's status
    progress_reason: str = "NewReplicaSetAvailable"
    progress_updated_ms: int = 0
    last_status: tuple[int, int, int, int] = (0, 0, 0, 0)  # replicas, updated, ready, available
    complete: bool = True


@dataclass(slots=True, eq=False)
class Container:
    """A container started with `docker run` on one Docker host."""

    name: str
    version: str
    restart: DockerRestartManager
    state: str = "running"  # running | restarting | exited | lost
    exit_code: int = 0
    started_ms: int = 0
    finished_ms: int = 0
    epoch: int = 0
