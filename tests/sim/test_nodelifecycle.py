"""A silent node: NotReady after the grace period, eviction after the toleration, pods recreated elsewhere."""

from app.sim.engine import PRIO_EXTERNAL


def decision_time(engine, type_):
    return next(s.time_s for s in engine.steps if any(d["type"] == type_ for d in s.decisions))


def test_node_is_not_ready_50_seconds_after_its_last_heartbeat(make_cluster):
    # Node status docs: Unknown "if the node controller has not heard from the node in the last
    # node-monitor-grace-period (default is 50 seconds)"; Lease every 10 s; node monitor every 5 s.
    engine, cluster = make_cluster()
    node = cluster.nodes["node-1"]
    engine.at(905_000, PRIO_EXTERNAL, cluster.fail_node, node)
    engine.run(1_000_000)
    assert node.last_heartbeat_ms == 900_000
    assert decision_time(engine, "node_not_ready") == 955.0  # first 5 s check after 900 + 50


def test_pods_are_evicted_after_the_default_toleration_of_300_seconds(make_cluster):
    engine, cluster = make_cluster()
    engine.at(900_000, PRIO_EXTERNAL, cluster.fail_node, cluster.nodes["node-1"])
    engine.run(2_000_000)
    not_ready = decision_time(engine, "node_not_ready")
    assert decision_time(engine, "evicted") == not_ready + 300


def test_a_shorter_toleration_evicts_sooner(make_cluster):
    engine, cluster = make_cluster(toleration_seconds=30)
    engine.at(900_000, PRIO_EXTERNAL, cluster.fail_node, cluster.nodes["node-1"])
    engine.run(2_000_000)
    assert decision_time(engine, "evicted") == decision_time(engine, "node_not_ready") + 30


def test_pods_on_the_lost_node_are_replaced_on_other_nodes(make_cluster):
    engine, cluster = make_cluster(nodes=3, replicas=6)
    node = cluster.nodes["node-1"]
    lost = [p.name for p in node.pods.values()]
    engine.at(100_000, PRIO_EXTERNAL, cluster.fail_node, node)
    engine.run(600_000)
    ready = [p for p in cluster.pods_of("web") if p.ready]
    assert len(ready) == 6 and all(p.node != "node-1" for p in ready)
    assert all(cluster.pods[name].status == "Terminating" for name in lost)  # stuck: the node cannot confirm


def test_until_eviction_the_replicaset_keeps_counting_the_unreachable_pods(make_cluster):
    engine, cluster = make_cluster(nodes=3, replicas=3)
    engine.at(100_000, PRIO_EXTERNAL, cluster.fail_node, cluster.nodes["node-1"])
    engine.run(300_000)
    assert len(cluster.pods_of("web")) == 3 and sum(p.ready for p in cluster.pods_of("web")) == 2


def test_traffic_to_a_dead_node_fails_until_it_is_marked_not_ready(make_cluster):
    engine, cluster = make_cluster(nodes=3, replicas=3)
    engine.at(100_000, PRIO_EXTERNAL, cluster.fail_node, cluster.nodes["node-1"])
    engine.run(100_000)
    assert cluster.metrics()["failed_rps"] > 0
    engine.run(200_000)
    assert cluster.metrics()["failed_rps"] == 0


def decisions(engine, type_):
    return [(s.time_s, d) for s in engine.steps for d in s.decisions if d["type"] == type_]


def test_when_every_node_is_not_ready_nothing_is_evicted(make_cluster):
    # handleDisruption: with every zone in FullDisruption (ComputeZoneState: no Ready node) the controller enters
    # "master disruption mode": markNodeAsReachable on every node (no NoExecute taint) and SwapLimiter(0).
    engine, cluster = make_cluster(nodes=1, replicas=3)
    node = cluster.nodes["node-1"]
    engine.at(900_000, PRIO_EXTERNAL, cluster.fail_node, node)
    engine.run(3_000_000)
    assert [t for t, _ in decisions(engine, "node_not_ready")] == [945.0]  # heartbeat 890 s + 55 s
    assert [t for t, _ in decisions(engine, "full_disruption")] == [945.0]
    assert not decisions(engine, "evicted")
    assert node.taints == ["node.kubernetes.io/unreachable:NoSchedule"]
    assert all(not p.deleting and not p.ready for p in cluster.pods.values()) and not cluster.pending


def test_the_node_eviction_rate_taints_one_node_every_10_seconds(make_cluster):
    # --node-eviction-rate 0.1, a token bucket of burst 1: two nodes NotReady in the same pass (945 s) get their
    # NoExecute taints at 945 s and 955 s, so their pods are evicted at 1245 s and 1255 s (2 of 10 nodes: Normal).
    engine, cluster = make_cluster(nodes=10, replicas=20)
    for name in ("node-1", "node-2"):
        engine.at(900_000, PRIO_EXTERNAL, cluster.fail_node, cluster.nodes[name])
    engine.run(1_400_000)
    assert sorted(cluster.nodes[n].no_execute_since_ms for n in ("node-1", "node-2")) == [945_000, 955_000]
    assert [t for t, _ in decisions(engine, "evicted")] == [1245.0, 1255.0]


def test_a_small_zone_in_partial_disruption_stops_tainting(make_cluster):
    # 4 nodes fail at 900, 1000 and 1100 s: NotReady at 945, 1045 and 1145 s. At 945 s 1 of 4 and at 1045 s 2 of 4
    # are NotReady: Normal, tainted at once (10 s apart at least), evicted at 1245 and 1345 s. At 1145 s 3 of 4:
    # 75% >= 55% and more than 2 → PartialDisruption; the zone has 4 <= 50 nodes, so ReducedQPSFunc gives 0: node-3
    # is never tainted and its pods are never evicted.
    engine, cluster = make_cluster(nodes=4, replicas=8)
    for t, name in ((900_000, "node-1"), (1_000_000, "node-2"), (1_100_000, "node-3")):
        engine.at(t, PRIO_EXTERNAL, cluster.fail_node, cluster.nodes[name])
    engine.run(3_000_000)
    assert [t for t, _ in decisions(engine, "node_not_ready")] == [945.0, 1045.0, 1145.0]
    assert [t for t, _ in decisions(engine, "partial_disruption")] == [1145.0]
    assert [(t, d["inputs"]["node"]) for t, d in decisions(engine, "evicted")] == [(1245.0, "node-1"),
                                                                                  (1345.0, "node-2")]
    assert cluster.nodes["node-3"].no_execute_since_ms is None
    assert all(not p.deleting for p in cluster.nodes["node-3"].pods.values())


def test_a_large_zone_in_partial_disruption_taints_one_node_per_100_seconds(make_cluster):
    # 60 nodes, 40 NotReady at 945 s: 40 / 60 >= 55% → PartialDisruption; 60 > --large-cluster-size-threshold 50,
    # so --secondary-node-eviction-rate 0.01: one node per 100 s (945, 1045, 1145 s ...).
    engine, cluster = make_cluster(nodes=60, replicas=0)
    for i in range(40):
        engine.at(900_000, PRIO_EXTERNAL, cluster.fail_node, cluster.nodes[f"node-{i + 1}"])
    engine.run(1_200_000)
    tainted = sorted(n.no_execute_since_ms for n in cluster.nodes.values() if n.no_execute_since_ms is not None)
    assert tainted == [945_000, 1_045_000, 1_145_000]


def test_zone_states_follow_compute_zone_state():
    from app.sim.nodelifecycle import compute_zone_state

    # ComputeZoneState(ready, notReady): no Ready → Full; notReady > 2 and notReady / all >= 0.55 → Partial.
    assert compute_zone_state(0, 1) == "FullDisruption"
    assert compute_zone_state(1, 3) == "PartialDisruption"  # 3 / 4 = 0.75
    assert compute_zone_state(2, 2) == "Normal"  # 2 is not more than 2
    assert compute_zone_state(3, 3) == "Normal"  # 0.5 < 0.55
    assert compute_zone_state(9, 11) == "PartialDisruption"  # 11 / 20 = 0.55


def test_the_narration_names_a_toleration_that_is_not_the_default(make_cluster):
    engine, cluster = make_cluster(nodes=3, replicas=3, toleration_seconds=30)
    engine.at(900_000, PRIO_EXTERNAL, cluster.fail_node, cluster.nodes["node-1"])
    engine.run(1_000_000)
    not_ready = decisions(engine, "node_not_ready")[0][1]["explanation"]
    assert "its 1 pod leaves Ready" in not_ready
    planned = next(d for s in engine.steps for d in s.decisions if d["type"] == "eviction_planned")["explanation"]
    assert "default tolerationSeconds" not in planned
    assert "tolerationSeconds as set on the pods; the default is 300 s" in planned
    engine2, cluster2 = make_cluster(nodes=3, replicas=6)
    engine2.at(900_000, PRIO_EXTERNAL, cluster2.fail_node, cluster2.nodes["node-1"])
    engine2.run(1_000_000)
    assert "its 2 pods leave Ready" in decisions(engine2, "node_not_ready")[0][1]["explanation"]
    planned2 = next(d for s in engine2.steps for d in s.decisions if d["type"] == "eviction_planned")
    assert "(the default tolerationSeconds)" in planned2["explanation"]
