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
