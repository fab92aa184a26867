"""NoExecute taints on NotReady nodes, added at a rate per zone, and the taint-eviction controller that follows."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.sim import sources
from app.sim.engine import PRIO_CONTROL
from app.sim.kubelet import terminate
from app.sim.model import Node
from app.sim.state import ClusterState
from app.sim.text import duration, names, secs, tr

UNREACHABLE = "node.kubernetes.io/unreachable"
INITIAL, NORMAL, PARTIAL, FULL = "Initial", "Normal", "PartialDisruption", "FullDisruption"
# --node-eviction-rate 0.1 and --secondary-node-eviction-rate 0.01 nodes per second, as token buckets of burst 1
# (scheduler.EvictionRateLimiterBurst): one node every 10 s, or every 100 s.
NORMAL_INTERVAL_MS = 10_000
SECONDARY_INTERVAL_MS = 100_000
DEFAULT_TOLERATION_S = 300


@dataclass(slots=True)
class NodeController:
    """The node lifecycle controller's memory: each zone's state, its taint queue and its rate limiter."""

    states: dict[str, str] = field(default_factory=dict)
    queues: dict[str, list[str]] = field(default_factory=dict)  # zoneNoExecuteTainter, node names
    interval_ms: dict[str, int | None] = field(default_factory=dict)  # None: SwapLimiter(0), never
    next_token_ms: dict[str, int] = field(default_factory=dict)  # when the zone's bucket next holds a token
    pass_at: int | None = None  # a tainting pass already planned


def controller(c: ClusterState) -> NodeController:
    """The cluster's node lifecycle controller, made on first use (each zone starts with the normal rate)."""
    if c.node_controller is None:
        c.node_controller = NodeController()
    return c.node_controller


def queue(nc: NodeController, node: Node) -> None:
    """markNodeForTainting: add the node to its zone's RateLimitedTimedQueue."""
    q = nc.queues.setdefault(node.zone, [])
    if node.name not in q and node.no_execute_since_ms is None:
        q.append(node.name)


def swap_limiter(nc: NodeController, zone: str, interval: int | None, now: int) -> None:
    """RateLimitedTimedQueue.SwapLimiter: a new bucket, drained if the old one had no token left."""
    old = nc.interval_ms.get(zone, NORMAL_INTERVAL_MS)
    if old == interval:
        return
    empty = old is None or nc.next_token_ms.get(zone, now) > now
    nc.interval_ms[zone] = interval
    if interval is not None:
        nc.next_token_ms[zone] = now + interval if empty else now


def tainting_pass(c: ClusterState) -> None:
    """doNoExecuteTaintingPass: each zone takes queued nodes while its rate limiter has a token."""
    nc = controller(c)
    nc.pass_at = None
    for zone, q in nc.queues.items():
        interval = nc.interval_ms.get(zone, NORMAL_INTERVAL_MS)
        while q and interval is not None and nc.next_token_ms.get(zone, c.now) <= c.now:
            node = c.nodes.get(q.pop(0))
            if node is None or node.ready:
                continue
            nc.next_token_ms[zone] = c.now + interval
            _add_no_execute(c, node)
        if q and interval is not None:
            # The pass runs every 100 ms; it next finds a token when the bucket refills.
            when = nc.next_token_ms[zone]
            if nc.pass_at is None or when < nc.pass_at:
                nc.pass_at = when
                c.engine.at(when, PRIO_CONTROL, tainting_pass, c)


def remove_no_execute(nc: NodeController, node: Node) -> None:
    """markNodeAsReachable: the NoExecute taints go, and the node leaves the taint queue."""
    node.taints = [t for t in node.taints if not t.endswith(":NoExecute")]
    node.no_execute_since_ms = None  # the taint-eviction controller cancels the evictions it planned
    q = nc.queues.get(node.zone, [])
    if node.name in q:
        q.remove(node.name)


def _add_no_execute(c: ClusterState, node: Node) -> None:
    """SwapNodeControllerTaint adds unreachable:NoExecute; the taint-eviction controller plans each pod's eviction."""
    node.taints = node.taints + [f"{UNREACHABLE}:NoExecute"]
    node.no_execute_since_ms = c.now
    victims = [p.name for p in node.pods.values() if not p.deleting]
    if not victims:
        return
    toleration = c.toleration_ms
    when = c.now + toleration
    # processPodOnNode: each pod is deleted once its toleration of the taint (tolerationSeconds) runs out.
    if toleration // 1000 == DEFAULT_TOLERATION_S:
        whose = tr("기본 tolerationSeconds", "the default tolerationSeconds")
    else:
        whose = tr(f"파드에 정한 tolerationSeconds, 기본값은 {DEFAULT_TOLERATION_S}초",
                   f"tolerationSeconds as set on the pods; the default is {DEFAULT_TOLERATION_S} s")
    c.engine.decide(c.key, "taint-eviction-controller", "eviction_planned",
                    {"node": node.name, "pods": victims, "toleration_seconds": toleration // 1000},
                    f"evict at {secs(when)} s",
                    tr(f"테인트 축출 컨트롤러: {node.name}에 unreachable:NoExecute 테인트가 붙었습니다. 파드들은 이 테인트를 "
                       f"{secs(toleration)}초 견딥니다({whose['ko']}). {duration(toleration)['ko']} 뒤인 {secs(when)}초에 "
                       "축출합니다.",
                       f"Taint eviction controller: {node.name} now has the unreachable:NoExecute taint. Its pods "
                       f"tolerate it for {secs(toleration)} s ({whose['en']}), so they are evicted "
                       f"{duration(toleration)['en']} later, at {secs(when)} s."),
                    source=sources.TAINT_EVICTION, loud=False)
    c.engine.at(when, PRIO_CONTROL, evict, c, node, c.now, victims)


def evict(c: ClusterState, node: Node, since: int, pod_names: list[str]) -> None:
    """The toleration ran out: the pods are deleted (they stay Terminating, since the node cannot confirm)."""
    if node.ready or node.no_execute_since_ms != since:
        return  # the taint was removed meanwhile: the eviction is cancelled
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
