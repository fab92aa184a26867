"""The node lifecycle controller: a silent node turns NotReady, and how disrupted its zone is decides evictions."""

from __future__ import annotations

from app.sim import sources, taints
from app.sim.engine import PRIO_CONTROL
from app.sim.model import Node
from app.sim.state import ClusterState
from app.sim.taints import FULL, INITIAL, NORMAL, PARTIAL, UNREACHABLE, NodeController, controller
from app.sim.text import count, secs, tr

# "The kubelet creates and then updates its Lease object every 10 seconds"
# (https://kubernetes.io/docs/concepts/architecture/nodes/#node-heartbeats).
LEASE_RENEW_MS = 10_000
# Ready becomes Unknown "if the node controller has not heard from the node in the last
# node-monitor-grace-period (default is 50 seconds)" (https://kubernetes.io/docs/reference/node/node-status/);
# it was 40 s until https://github.com/kubernetes/kubernetes/pull/126287 (v1.32). --node-monitor-period
# defaults to 5 s (https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/).
NODE_MONITOR_GRACE_MS = 50_000
NODE_MONITOR_PERIOD_MS = 5_000
# DefaultTolerationSeconds admission plugin: every pod tolerates not-ready:NoExecute and unreachable:NoExecute
# for 300 s unless it says otherwise
# (https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#defaulttolerationseconds).
DEFAULT_TOLERATION_MS = 300_000
# --unhealthy-zone-threshold 0.55 and --large-cluster-size-threshold 50 (kube-controller-manager flags, and
# https://kubernetes.io/docs/concepts/architecture/nodes/#rate-limits-on-eviction).
UNHEALTHY_ZONE_THRESHOLD = 0.55
LARGE_CLUSTER_SIZE_THRESHOLD = 50


def not_ready_at(last_heartbeat_ms: int) -> int:
    """When the node controller marks a node NotReady whose Lease was last renewed at last_heartbeat_ms."""
    # tryUpdateNodeHealth sets probeTimestamp when a monitorNodeHealth pass sees the renewed Lease, and turns Ready
    # to Unknown once now.After(probeTimestamp + grace). Passes run every 5 s; here a pass falls on each renewal,
    # so the pass at exactly +50 s does not count ("After" is strict) and the next one does: +55 s. In a real
    # cluster the two clocks drift apart, and it lands between 55 and 60 s after the renewal itself.
    deadline = last_heartbeat_ms + NODE_MONITOR_GRACE_MS
    return (deadline // NODE_MONITOR_PERIOD_MS + 1) * NODE_MONITOR_PERIOD_MS


def fail(c: ClusterState, node: Node) -> None:
    """The machine dies: its kubelet stops renewing the Lease; the control plane finds out later."""
    if not node.alive:
        return
    node.alive = False
    node.failed_ms = c.now
    # The last renewal happened on the 10 s beat before the failure.
    node.last_heartbeat_ms = max((c.now - 1) // LEASE_RENEW_MS * LEASE_RENEW_MS, 0)
    c.engine.at(not_ready_at(node.last_heartbeat_ms), PRIO_CONTROL, monitor, c)
    for pod in node.pods.values():
        pod.running = False  # the containers died with the machine; the API still shows them Ready
    c.engine.event(c.key, "node_failed",
                   tr(f"{node.name}의 전원이 나갔습니다. 그 위의 컨테이너도 함께 멈췄지만, 컨트롤 플레인은 아직 모릅니다"
                      f"(마지막 하트비트 {secs(node.last_heartbeat_ms)}초).",
                      f"{node.name} lost power. Its containers died with it, but the control plane does not know yet "
                      f"(last heartbeat at {secs(node.last_heartbeat_ms)} s)."),
                   tr("노드 장애", "Node failure"))
    c.dirty = True


def monitor(c: ClusterState) -> None:
    """monitorNodeHealth: mark silent nodes NotReady, queue them for tainting, weigh each zone, then taint."""
    nc = controller(c)
    for node in sorted(c.nodes.values(), key=lambda n: n.name):
        if node.alive or not node.ready or not_ready_at(node.last_heartbeat_ms or 0) > c.now:
            continue
        _mark_unknown(c, node)
        taints.queue(nc, node)  # processTaintBaseEviction → markNodeForTainting
    _handle_disruption(c, nc)
    taints.tainting_pass(c)


def _mark_unknown(c: ClusterState, node: Node) -> None:
    """Ready becomes Unknown, the unreachable:NoSchedule taint is added, MarkPodsNotReady."""
    node.ready = False
    node.taints = [f"{UNREACHABLE}:NoSchedule"]  # doNodeTaintingPass, from the Ready condition
    silent = c.now - (node.last_heartbeat_ms or 0)
    victims = [p for p in node.pods.values() if not p.deleting]
    for pod in victims:
        pod.set_ready(False, c.now)  # MarkPodsNotReady: their endpoints stop receiving traffic
    grace = NODE_MONITOR_GRACE_MS // 1000
    n = len(victims)
    c.engine.decide(c.key, "node-lifecycle-controller", "node_not_ready",
                    {"node": node.name, "last_heartbeat_s": (node.last_heartbeat_ms or 0) / 1000,
                     "now_s": c.now / 1000, "silent_s": silent / 1000, "grace_period_s": grace},
                    "Ready=Unknown; tainted unreachable:NoSchedule",
                    tr(f"노드 수명주기 컨트롤러: {node.name}에서 {secs(silent)}초 동안 하트비트가 없습니다"
                       f"({secs(silent)} > 유예 {grace}초). Ready를 Unknown으로 바꾸고 unreachable 테인트를 붙입니다. "
                       f"그 위 파드 {n}개는 Ready에서 빠지고, 새 파드는 이 노드에 배치되지 않습니다.",
                       f"Node lifecycle controller: no heartbeat from {node.name} for {secs(silent)} s "
                       f"({secs(silent)} > {grace} s grace). Ready becomes Unknown and the node gets the unreachable "
                       f"taint; its {count(n, 'pod')} {'leaves' if n == 1 else 'leave'} Ready and no new pod is "
                       "scheduled there."),
                    tr(f"{node.name} NotReady", f"{node.name} NotReady"), source=sources.NODE_STATUS)
    c.dirty = True


def compute_zone_state(ready: int, not_ready: int) -> str:
    """ComputeZoneState: no Ready node → FullDisruption; ≥ 55 % and more than 2 NotReady → PartialDisruption."""
    if ready == 0 and not_ready > 0:
        return FULL
    # float32(notReadyNodes)/float32(notReadyNodes+readyNodes) >= unhealthyZoneThreshold
    if not_ready > 2 and not_ready / (not_ready + ready) >= UNHEALTHY_ZONE_THRESHOLD:
        return PARTIAL
    return NORMAL


def limiter_interval(state: str, zone_size: int) -> int | None:
    """setLimiterInZone: ms between two NoExecute taints in a zone, None when none may be added."""
    if state == PARTIAL:
        # ReducedQPSFunc: --secondary-node-eviction-rate 0.01 in a zone of more than 50 nodes, otherwise 0.
        return taints.SECONDARY_INTERVAL_MS if zone_size > LARGE_CLUSTER_SIZE_THRESHOLD else None
    return taints.NORMAL_INTERVAL_MS  # --node-eviction-rate 0.1 (HealthyQPSFunc for a fully disrupted zone too)


def _handle_disruption(c: ClusterState, nc: NodeController) -> None:
    """handleDisruption: each zone's state sets how fast nodes there are tainted; all zones down stops it all."""
    zones: dict[str, list[Node]] = {}
    for node in c.nodes.values():
        zones.setdefault(node.zone, []).append(node)
    new = {z: compute_zone_state(sum(n.ready for n in ns), sum(not n.ready for n in ns)) for z, ns in zones.items()}
    for z in new:
        nc.states.setdefault(z, INITIAL)
    all_are = all(s == FULL for s in new.values())
    all_was = all(s == FULL for s in nc.states.values())
    if all_are and all_was:
        return
    if all_are:
        _enter_master_disruption(c, nc, zones)
        return
    for z, old in list(nc.states.items()):
        if new[z] == old and not all_was:
            continue
        taints.swap_limiter(nc, z, limiter_interval(new[z], len(zones[z])), c.now)
        nc.states[z] = new[z]
        if new[z] == PARTIAL:
            _say_partial(c, z, zones[z])


def _enter_master_disruption(c: ClusterState, nc: NodeController, zones: dict[str, list[Node]]) -> None:
    # "Controller detected that all Nodes are not-Ready. Entering master disruption mode": markNodeAsReachable on
    # every node (its NoExecute taints go, pending evictions with them) and SwapLimiter(0) in every zone.
    for node in c.nodes.values():
        taints.remove_no_execute(nc, node)
    for z in nc.states:
        taints.swap_limiter(nc, z, None, c.now)
        nc.states[z] = FULL
    stuck = [p.name for p in c.pods.values() if p.node in c.nodes and not p.deleting]
    c.engine.decide(c.key, "node-lifecycle-controller", "full_disruption",
                    {"nodes": len(c.nodes), "ready_nodes": 0, "zones": sorted(zones)}, "no evictions",
                    tr(f"노드 수명주기 컨트롤러: 클러스터의 노드 {len(c.nodes)}개가 모두 NotReady입니다(모든 영역이 FullDisruption). "
                       "노드가 전부 고장 났다기보다 컨트롤 플레인 쪽 연결 문제일 가능성이 커서, 축출을 모두 멈춥니다: NoExecute "
                       f"테인트를 붙이지 않고 이미 붙은 것도 뗍니다. 파드 {len(stuck)}개는 노드에 남은 채 Ready가 아니고, 아무것도 "
                       "이들을 대신하지 않습니다.",
                       f"Node lifecycle controller: {_every_node(len(c.nodes))} NotReady (every zone in "
                       "FullDisruption). That looks more like the control plane losing its connection than "
                       "every node failing, so it stops all evictions: it adds no NoExecute taint and removes those "
                       f"already there. The {count(len(stuck), 'pod')} stay bound, not Ready, and nothing replaces "
                       "them."),
                    tr("축출 중단: 모든 노드 NotReady", "No evictions: every node NotReady"),
                    source=sources.NODE_LIFECYCLE_CONTROLLER)


def _every_node(n: int) -> str:
    return "the only node of the cluster is" if n == 1 else f"all {n} nodes of the cluster are"


def _say_partial(c: ClusterState, zone: str, nodes: list[Node]) -> None:
    down, size = sum(not n.ready for n in nodes), len(nodes)
    zone_ko, zone_en = zone or "(이름 없음)", zone or "(unnamed)"
    if size > LARGE_CLUSTER_SIZE_THRESHOLD:
        rule = tr(f"노드가 {LARGE_CLUSTER_SIZE_THRESHOLD}개보다 많은 영역이라 100초에 노드 하나씩만 테인트를 붙입니다",
                  f"the zone has more than {LARGE_CLUSTER_SIZE_THRESHOLD} nodes, so it taints one node per 100 s")
    else:
        rule = tr(f"노드가 {LARGE_CLUSTER_SIZE_THRESHOLD}개 이하인 영역이라 새 테인트를 멈춥니다(이미 붙은 테인트의 축출은 그대로)",
                  f"the zone has no more than {LARGE_CLUSTER_SIZE_THRESHOLD} nodes, so it adds no more taints (the "
                  "evictions of taints already there go ahead)")
    c.engine.decide(c.key, "node-lifecycle-controller", "partial_disruption",
                    {"zone": zone, "nodes": size, "not_ready": down, "threshold": UNHEALTHY_ZONE_THRESHOLD},
                    "PartialDisruption",
                    tr(f"노드 수명주기 컨트롤러: 영역 {zone_ko}의 노드 {size}개 중 {down}개가 NotReady입니다(55% 이상, 3개 이상): "
                       f"PartialDisruption. {rule['ko']}.",
                       f"Node lifecycle controller: {down} of the {size} nodes in zone {zone_en} are NotReady (55% or "
                       f"more, and more than 2): PartialDisruption; {rule['en']}."),
                    tr("영역 부분 장애", "Zone partly down"), source=sources.EVICTION_RATE_LIMITS)
