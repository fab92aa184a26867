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
