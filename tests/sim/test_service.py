"""The Service: traffic goes only to Ready endpoints, spread evenly."""

from app.sim.engine import PRIO_EXTERNAL
from app.sim.service import endpoints, traffic


def test_traffic_is_split_evenly_over_ready_pods(make_cluster):
    _, cluster = make_cluster(replicas=4, rps=100.0)
    t = traffic(cluster, "web")
    assert (t["endpoints"], t["per_pod_rps"], t["served_rps"], t["failed_rps"]) == (4, 25.0, 100.0, 0.0)


def test_a_pod_that_is_not_ready_gets_no_traffic(make_cluster):
    # EndpointSlice conditions: `ready` mirrors the pod's Ready condition; kube-proxy only uses ready endpoints.
    engine, cluster = make_cluster(replicas=4, rps=90.0)
    pod = cluster.pods_of("web")[0]
    engine.at(10_000, PRIO_EXTERNAL, cluster.crash, pod, 3)
    engine.run(11_000)
    assert pod not in endpoints(cluster, "web")
    assert traffic(cluster, "web")["per_pod_rps"] == 30.0


def test_a_terminating_pod_leaves_the_endpoints(make_cluster):
    engine, cluster = make_cluster(replicas=2)
    pod = cluster.pods_of("web")[0]
    engine.at(10_000, PRIO_EXTERNAL, cluster.delete_pod, pod)
    engine.run(10_000)
    assert pod.status == "Terminating" and pod not in endpoints(cluster, "web")


def test_with_no_ready_endpoint_every_request_fails(make_cluster):
    engine, cluster = make_cluster(replicas=1, rps=50.0)
    engine.at(10_000, PRIO_EXTERNAL, cluster.crash, cluster.pods_of("web")[0], 3)
    engine.run(11_000)
    assert traffic(cluster, "web")["failed_rps"] == 50.0


def test_what_ready_pods_cannot_serve_fails(make_cluster):
    # Capacity 200 requests/s per pod at its CPU limit. 500 requests/s over 2 pods: 250 each, 200 served each:
    # 400 served, 100 fail; a saturated pod makes requests wait until the 10 s timeout.
    _, cluster = make_cluster(replicas=2, rps=500.0, capacity_rps=200.0)
    t = traffic(cluster, "web")
    assert (t["per_pod_rps"], t["served_rps"], t["failed_rps"], t["latency_ms"]) == (250.0, 400.0, 100.0, 10_000.0)


def test_latency_below_capacity_is_one_over_the_spare_rate(make_cluster):
    # M/M/1 mean response time 1 / (capacity - arrivals): 100 requests/s over 2 pods of 200: 1000 / (200 - 50)
    # = 6.67 ms; over 4 pods of 40: 1000 / (40 - 25) = 66.67 ms.
    _, cluster = make_cluster(replicas=2, rps=100.0)
    assert traffic(cluster, "web")["latency_ms"] == 6.7
    _, small = make_cluster(replicas=4, rps=100.0, capacity_rps=40.0)
    assert traffic(small, "web")["latency_ms"] == 66.7 and traffic(small, "web")["failed_rps"] == 0.0
