"""The node lifecycle and taint-eviction controllers: a silent node turns NotReady, its pods are evicted."""

from __future__ import annotations

from app.sim import sources
from app.sim.engine import PRIO_CONTROL
from app.sim.kubelet import terminate
from app.sim.model import Node
from app.sim.state import ClusterState
from app.sim.text import count, duration, names, secs, tr

# "The kubelet creates and then updates its Lease object every 10 seconds"
# (https://kubernetes.io/docs/concepts/architecture/nodes/#node-heartbeats).
LEASE_RENEW_MS = 10_000
# Ready becomes Unknown "if the node controller has not heard from the node in the last
# node-monitor-grace-period (default is 50 seconds)" (https://kubernetes.io/docs/reference/node/node-status/);
# it was 40 s until https://github.com/kubernetes/kubernetes/pull/126287 (v1.32). --node-monitor-period
# defaults to 5 s (https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/).
NODE_MONITOR_GRACE_MS = 50_000
NODE_MONITOR_PERIOD_MS = 5_000
# DefaultTolerationSeconds admission plugin: every pod tolerates not-ready:NoExecute and
# unreachable:NoExecute for 300 s unless it says otherwise
# (https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#defaulttolerationseconds);
# the taint-eviction controller deletes pods once their toleration runs out
# (https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions).
DEFAULT_TOLERATION_MS = 300_000
UNREACHABLE = "node.kubernetes.io/unreachable"


def fail(c: ClusterState, node: Node) -> None:
    """The machine dies: its kubelet stops renewing the Lease; the control plane finds out later."""
    if not node.alive:
        return
    node.alive = False
    node.failed_ms = c.now
    # The last renewal happened on the 10 s beat before the failure.
    node.last_heartbeat_ms = max((c.now - 1) // LEASE_RENEW_MS * LEASE_RENEW_MS, 0)
    deadline = node.last_heartbeat_ms + NODE_MONITOR_GRACE_MS
    # monitorNodeHealth runs every 5 s and acts once now is after probeTimestamp + grace period.
    check = (deadline // NODE_MONITOR_PERIOD_MS + 1) * NODE_MONITOR_PERIOD_MS
    c.engine.at(check, PRIO_CONTROL, mark_unreachable, c, node)
    for pod in node.pods.values():
        pod.running = False  # the containers died with the machine; the API still shows them Ready
    c.engine.event(c.key, "node_failed",
                   tr(f"{node.name}의 전원이 나갔습니다. 그 위의 컨테이너도 함께 멈췄지만, 컨트롤 플레인은 아직 모릅니다"
                      f"(마지막 하트비트 {secs(node.last_heartbeat_ms)}초).",
                      f"{node.name} lost power. Its containers died with it, but the control plane does not know yet "
                      f"(last heartbeat at {secs(node.last_heartbeat_ms)} s)."),
                   tr("노드 장애", "Node failure"))
    c.dirty = True


def mark_unreachable(c: ClusterState, node: Node) -> None:
    """Ready becomes Unknown, the node is tainted unreachable, its pods leave Ready; eviction is planned."""
    if node.alive or not node.ready:
        return
    node.ready = False
    node.taints = [f"{UNREACHABLE}:NoSchedule", f"{UNREACHABLE}:NoExecute"]
    silent = c.now - (node.last_heartbeat_ms or 0)
    victims = [p for p in node.pods.values() if not p.deleting]
    for pod in victims:
        pod.ready = False  # MarkPodsNotReady: their endpoints stop receiving traffic
        pod.ready_since_ms = None
    grace = NODE_MONITOR_GRACE_MS // 1000
    c.engine.decide(c.key, "node-lifecycle-controller", "node_not_ready",
                    {"node": node.name, "last_heartbeat_s": (node.last_heartbeat_ms or 0) / 1000,
                     "now_s": c.now / 1000, "silent_s": silent / 1000, "grace_period_s": grace},
                    "Ready=Unknown; tainted unreachable:NoSchedule,NoExecute",
                    tr(f"노드 수명주기 컨트롤러: {node.name}에서 {secs(silent)}초 동안 하트비트가 없습니다"
                       f"({secs(silent)} > 유예 {grace}초). Ready를 Unknown으로 바꾸고 unreachable 테인트를 붙입니다. "
                       f"그 위 파드 {len(victims)}개는 Ready에서 빠지고, 새 파드는 이 노드에 배치되지 않습니다.",
                       f"Node lifecycle controller: no heartbeat from {node.name} for {secs(silent)} s "
                       f"({secs(silent)} > {grace} s grace). Ready becomes Unknown and the node gets the unreachable "
                       f"taints; its {count(len(victims), 'pod')} leave Ready and no new pod is scheduled there."),
                    tr(f"{node.name} NotReady", f"{node.name} NotReady"), source=sources.NODE_STATUS)
    toleration = c.toleration_ms
    if victims:
        when = c.now + toleration
        c.engine.decide(c.key, "taint-eviction-controller", "eviction_planned",
                        {"pods": [p.name for p in victims], "toleration_seconds": toleration // 1000},
                        f"evict at {secs(when)} s",
                        tr(f"테인트 축출 컨트롤러: 파드들은 unreachable:NoExecute 테인트를 {secs(toleration)}초 견딥니다"
                           f"(기본 tolerationSeconds). {duration(toleration)['ko']} 뒤인 {secs(when)}초에 축출합니다.",
                           f"Taint eviction controller: the pods tolerate unreachable:NoExecute for "
                           f"{secs(toleration)} s (default tolerationSeconds), so they are evicted "
                           f"{duration(toleration)['en']} later, at {secs(when)} s."),
                        source=sources.TAINT_EVICTION, loud=False)
        c.engine.at(when, PRIO_CONTROL, evict, c, node, [p.name for p in victims])
    c.dirty = True


def evict(c: ClusterState, node: Node, pod_names: list[str]) -> None:
    """The toleration ran out: the pods are deleted (they stay Terminating, since the node cannot confirm)."""
    if node.ready:
        return
    gone = [c.pods[n] for n in pod_names if n in c.pods and not c.pods[n].deleting]
    if not gone:
        return
    for pod in gone:
        terminate(c, pod)
    listed = names([p.name for p in gone])
    c.engine.decide(c.key, "taint-eviction-controller", "evicted",
                    {"node": node.name, "pods": [p.name for p in gone], "toleration_seconds": c.toleration_ms // 1000},
                    f"deleted {len(gone)} pods",
                    tr(f"테인트 축출 컨트롤러: {secs(c.toleration_ms)}초가 지나 {node.name}의 파드를 축출했습니다: "
                       f"{listed['ko']}. 노드가 확인해 줄 수 없어 Terminating으로 남지만, 레플리카셋은 더 이상 세지 않습니다.",
                       f"Taint eviction controller: after {secs(c.toleration_ms)} s it evicted the pods on "
                       f"{node.name}: {listed['en']}. They stay Terminating (the node cannot confirm), but their "
                       "ReplicaSet no longer counts them."),
                    tr("파드 축출", "Pods evicted"), source=sources.TAINT_EVICTION)
