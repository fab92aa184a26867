"""What a node's kubelet does with its pods: start containers, probe them, restart them, stop them."""

from __future__ import annotations

from app.sim import sources
from app.sim.engine import PRIO_KUBELET
from app.sim.model import Node, Pod
from app.sim.state import ClusterState
from app.sim.text import duration, names, secs, tr

# Probe defaults, https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
# #configure-probes: initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, successThreshold 1,
# failureThreshold 3. Workers tick every period from when the kubelet adds the pod (pkg/kubelet/prober/
# worker.go); readiness starts as Failure, liveness as Success.
PROBE_PERIOD_MS = 10_000
INITIAL_DELAY_MS = 0
FAILURE_THRESHOLD = 3
SUCCESS_THRESHOLD = 1  # one passing readiness probe makes the pod Ready
# Modelling choices (illustrative, not Kubernetes defaults): image pull, container start and app warm-up come
# from the cluster's Timing (what-if parameters); these two stay fixed.
CRASH_AFTER_MS = 2_000  # a crash-looping container exits this long after each start, before it is Ready
STOP_MS = 2_000  # a deleted pod's container exits on SIGTERM well within terminationGracePeriodSeconds (30)
# Pods of a cluster that is already up when a scenario begins have been running this long.
ALREADY_UP_MS = 3_600_000


def _live(c: ClusterState, pod: Pod, epoch: int) -> bool:
    node = c.nodes.get(pod.node or "")
    return pod.epoch == epoch and not pod.deleting and c.pods.get(pod.name) is pod and node is not None \
        and node.alive


def _next_tick(pod: Pod, t: int) -> int:
    """The first probe tick at or after t."""
    k = -(-(t - pod.probe_origin_ms) // PROBE_PERIOD_MS)
    return pod.probe_origin_ms + max(k, 1) * PROBE_PERIOD_MS


def bind(c: ClusterState, pod: Pod, node: Node) -> None:
    """The pod is bound to the node; its kubelet pulls the image if needed and starts the container."""
    pod.node = node.name
    node.pods[pod.name] = pod
    node.req_cpu += pod.cpu_m
    node.req_mem += pod.mem_mib
    pod.holds_resources = True
    pod.status = "ContainerCreating"
    pod.probe_origin_ms = pod.start_time_ms = pod.ready_changed_ms = c.now
    if c.instant:  # a cluster that was already running when the scenario begins
        node.images.setdefault(pod.version, 0)
        pod.running, pod.phase, pod.status = True, "Running", "Running"
        pod.start_time_ms = pod.ready_changed_ms = c.now - ALREADY_UP_MS
        if not pod.broken:
            pod.ready, pod.ready_since_ms = True, c.now
        pod.starts, pod.started_ms = 1, c.now - ALREADY_UP_MS
        return
    timing = c.timing
    on_disk = node.images.setdefault(pod.version, c.now + timing.image_pull_ms)
    c.engine.at(max(c.now, on_disk) + timing.container_start_ms, PRIO_KUBELET, start, c, pod, pod.epoch)


def start(c: ClusterState, pod: Pod, epoch: int) -> None:
    """Start (or restart) the pod's container and plan its first successful readiness probe."""
    if not _live(c, pod, epoch):
        return
    restarted = pod.starts > 0
    pod.starts += 1
    if restarted:
        pod.restarts += 1
    pod.epoch += 1
    pod.running, pod.hung, pod.phase, pod.status = True, False, "Running", "Running"
    pod.started_ms = c.now
    ready_at = _next_tick(pod, c.now + max(c.timing.app_warmup_ms, INITIAL_DELAY_MS))
    c.engine.at(ready_at, PRIO_KUBELET, probe, c, pod, pod.epoch)
    if pod.crashes_left > 0:
        c.engine.at(c.now + CRASH_AFTER_MS, PRIO_KUBELET, exited, c, pod, pod.epoch, 1, "Error")
    if restarted:
        c.engine.event(c.key, "container_restarted",
                       tr(f"kubelet이 {pod.name}의 컨테이너를 다시 시작했습니다(재시작 {pod.restarts}회).",
                          f"The kubelet restarted {pod.name}'s container (restart #{pod.restarts})."),
                       tr("컨테이너 재시작", "Container restarted"))
    else:
        c.engine.event(c.key, "container_started", tr(f"{pod.name} 컨테이너가 시작되었습니다.",
                                                      f"{pod.name}'s container started."),
                       loud=False, subject=pod.name, group=_started_group)


def _started_group(items: list[str]) -> dict[str, str]:
    n = names(items)
    return tr(f"컨테이너 {len(items)}개가 시작되었습니다: {n['ko']}.", f"{len(items)} containers started: {n['en']}.")


def _ready_group(items: list[str]) -> dict[str, str]:
    n = names(items)
    return tr(f"파드 {len(items)}개가 준비(Ready) 상태가 되어 서비스 엔드포인트에 들어갔습니다: {n['ko']}.",
              f"{len(items)} pods became Ready and joined the Service's endpoints: {n['en']}.")


def _failed_group(items: list[str]) -> dict[str, str]:
    n = names(items)
    return tr(f"파드 {len(items)}개의 준비성 프로브가 실패합니다(HTTP 500): {n['ko']}. 이 파드들에는 트래픽이 가지 않습니다.",
              f"Readiness probe failed for {len(items)} pods (HTTP 500): {n['en']}. They get no traffic.")


def probe(c: ClusterState, pod: Pod, epoch: int) -> None:
    """The readiness probe tick once the app could answer: Ready, or a failure for a broken version."""
    if not _live(c, pod, epoch) or pod.hung:
        return
    if pod.broken:
        c.engine.event(c.key, "probe_failed",
                       tr(f"{pod.name}의 준비성 프로브가 실패합니다(HTTP 500). Ready가 되지 않아 트래픽을 받지 않습니다.",
                          f"Readiness probe failed for {pod.name} (HTTP 500): it never becomes Ready and gets no "
                          "traffic."),
                       tr("준비성 프로브 실패", "Readiness probe failing"), subject=pod.name, group=_failed_group)
        return
    pod.set_ready(True, c.now)
    c.dirty = True
    c.engine.event(c.key, "pod_ready",
                   tr(f"{pod.name} 파드가 준비성 프로브를 통과해 Ready가 되었고 서비스 엔드포인트에 들어갔습니다.",
                      f"{pod.name} passed its readiness probe, became Ready and joined the Service's endpoints."),
                   tr("파드 Ready", "Pod Ready"), subject=pod.name, group=_ready_group)


def exited(c: ClusterState, pod: Pod, epoch: int, code: int, reason: str) -> None:
    """The container exited; the kubelet restarts it per restartPolicy, waiting out CrashLoopBackOff."""
    if not _live(c, pod, epoch) or not pod.running:
        return
    pod.running = False
    pod.set_ready(False, c.now)
    pod.epoch += 1
    pod.finished_ms = c.now
    pod.crashes_left = max(pod.crashes_left - 1, 0)
    c.dirty = True
    c.engine.event(c.key, "container_exited",
                   tr(f"{pod.name}의 컨테이너가 종료 코드 {code}({reason})로 멈췄습니다. 파드는 곧바로 Ready에서 빠집니다.",
                      f"{pod.name}'s container exited with code {code} ({reason}); the pod leaves Ready at once."),
                   tr("컨테이너 종료", "Container exited"))
    if pod.restart_policy == "Never" or (pod.restart_policy == "OnFailure" and code == 0):
        pod.phase = "Succeeded" if code == 0 else "Failed"
        pod.status = "Completed" if code == 0 else "Error"
        _release(c, pod)
        c.engine.decide(c.key, "kubelet", "no_restart", {"restart_policy": pod.restart_policy, "exit_code": code},
                        pod.phase, tr(f"kubelet: restartPolicy {pod.restart_policy}이고 종료 코드가 {code}라 다시 시작하지 "
                                      f"않습니다. 파드는 {pod.phase}입니다.",
                                      f"kubelet: restartPolicy {pod.restart_policy} and exit code {code}, so no restart; "
                                      f"the pod is {pod.phase}."), source=sources.POD_RESTART_POLICY)
        return
    when = pod.backoff.restart_at(c.now)
    wait = when - c.now
    pod.status = "Error" if wait == 0 else "CrashLoopBackOff"
    upcoming = pod.restarts + 1
    if wait == 0:
        why = tr(f"kubelet: restartPolicy {pod.restart_policy} → 재시작 {upcoming}회째는 기다리지 않고 바로 합니다.",
                 f"kubelet: restartPolicy {pod.restart_policy} → restart #{upcoming} happens right away.")
    else:
        why = tr(f"kubelet: 재시작 {upcoming}회째는 CrashLoopBackOff로 {duration(wait)['ko']} 기다립니다"
                 f"(10초에서 두 배씩, 최대 300초).",
                 f"kubelet: restart #{upcoming} waits {duration(wait)['en']} in CrashLoopBackOff "
                 "(10 s doubling, capped at 300 s).")
    c.engine.decide(c.key, "kubelet", "restart", {"restart_policy": pod.restart_policy, "restart": upcoming,
                                                  "exited_at_s": c.now / 1000, "backoff_s": wait / 1000},
                    f"restart at {secs(when)} s", why, source=sources.POD_RESTART_POLICY)
    c.engine.at(when, PRIO_KUBELET, _restart, c, pod, pod.epoch, c.now)


def _restart(c: ClusterState, pod: Pod, epoch: int, finished: int) -> None:
    if _live(c, pod, epoch):
        pod.backoff.on_restart(finished, c.now)
        start(c, pod, epoch)


def hang(c: ClusterState, pod: Pod) -> None:
    """The app stops answering; three failed liveness probes later the kubelet kills the container."""
    if pod.deleting or not pod.running or pod.hung:
        return
    pod.hung = True
    first = _next_tick(pod, c.now + 1)
    kill_at = first + (FAILURE_THRESHOLD - 1) * PROBE_PERIOD_MS
    c.engine.event(c.key, "app_hung", tr(f"{pod.name}의 앱이 응답을 멈췄습니다. 컨테이너 프로세스는 살아 있습니다.",
                                         f"{pod.name}'s app stopped answering; its process is still alive."),
                   tr("앱 응답 없음", "App hung"))
    c.engine.at(kill_at, PRIO_KUBELET, _liveness_kill, c, pod, pod.epoch)


def _liveness_kill(c: ClusterState, pod: Pod, epoch: int) -> None:
    if not _live(c, pod, epoch) or not pod.hung:
        return
    c.engine.decide(c.key, "kubelet", "liveness_failed", {"period_s": PROBE_PERIOD_MS // 1000,
                                                          "failure_threshold": FAILURE_THRESHOLD},
                    "kill and restart",
                    tr(f"kubelet: 활성 프로브가 {FAILURE_THRESHOLD}번 연속 실패했습니다(10초 간격). 준비성도 실패로 "
                       "바뀌고, 컨테이너를 죽인 뒤 재시작 정책에 따라 다시 시작합니다.",
                       f"kubelet: the liveness probe failed {FAILURE_THRESHOLD} times in a row (every 10 s); "
                       "readiness fails too, and the container is killed and restarted per its restart policy."),
                    tr("활성 프로브 실패", "Liveness probe failed"), source=sources.PROBES)
    exited(c, pod, epoch, 137, "Killed by liveness probe")


def terminate(c: ClusterState, pod: Pod) -> None:
    """The pod is deleted: it leaves Ready at once, and is gone once its node's kubelet stops it."""
    if pod.deleting:
        return
    pod.deleting, pod.status = True, "Terminating"
    pod.set_ready(False, c.now)
    pod.epoch += 1
    c.dirty = True
    node = c.nodes.get(pod.node or "")
    if node is None:
        remove(c, pod)
    elif node.alive:
        c.engine.at(c.now + STOP_MS, PRIO_KUBELET, _stopped, c, pod)
    # On a dead node nobody confirms the deletion: the pod stays Terminating until the node returns.


def _stopped(c: ClusterState, pod: Pod) -> None:
    node = c.nodes.get(pod.node or "")
    if c.pods.get(pod.name) is pod and node is not None and node.alive:
        remove(c, pod)


def remove(c: ClusterState, pod: Pod) -> None:
    """The pod object is gone from the API server and its node."""
    _release(c, pod)
    c.pods.pop(pod.name, None)
    if pod.rs and pod.rs in c.replicasets:
        c.replicasets[pod.rs].pods.pop(pod.name, None)
    if pod.node and pod.node in c.nodes:
        c.nodes[pod.node].pods.pop(pod.name, None)
    c.dirty = True


def _release(c: ClusterState, pod: Pod) -> None:
    node = c.nodes.get(pod.node or "")
    if node is not None and pod.holds_resources:
        node.req_cpu -= pod.cpu_m
        node.req_mem -= pod.mem_mib
        pod.holds_resources = False
