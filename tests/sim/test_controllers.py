"""Deployment and ReplicaSet controllers in a running cluster: rollouts, Recreate, deadline, rollback."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.sim.cluster import KubeCluster
from app.sim.engine import PRIO_EXTERNAL, Engine
from app.sim.errors import SimulationError
from app.sim.intstr import parse, validate_rolling_update
from app.sim.rollout import max_unavailable, resolve_fenceposts


def test_a_deleted_pod_is_replaced_by_its_replicaset(make_cluster):
    engine, cluster = make_cluster()
    victim = cluster.pods_of("web")[0]
    engine.at(10_000, PRIO_EXTERNAL, cluster.delete_pod, victim)
    engine.run(60_000)
    pods = cluster.pods_of("web")
    assert len(pods) == 3 and all(p.ready for p in pods) and victim not in pods


def test_scaling_down_removes_unready_pods_first(make_cluster):
    engine, cluster = make_cluster(replicas=3)
    engine.at(10_000, PRIO_EXTERNAL, cluster.scale, "web", 4)
    engine.at(12_000, PRIO_EXTERNAL, cluster.scale, "web", 3)  # the new pod is not Ready yet
    engine.run(12_000)
    newest = max(cluster.pods.values(), key=lambda p: p.created_ms)
    assert newest.deleting and all(p.ready for p in cluster.pods_of("web"))


def test_rollout_completes_and_reports_it(make_cluster):
    engine, cluster = make_cluster(replicas=4)
    engine.at(10_000, PRIO_EXTERNAL, cluster.set_image, "web", "v2")
    engine.run(300_000)
    d = cluster.deployments["web"]
    assert d.complete and d.progress_reason == "NewReplicaSetAvailable"
    assert {p.version for p in cluster.pods_of("web")} == {"v2"}


def test_broken_version_stalls_after_the_progress_deadline_and_keeps_serving(make_cluster):
    engine, cluster = make_cluster(replicas=4)
    engine.at(10_000, PRIO_EXTERNAL, cluster.set_image, "web", "v2", True)
    engine.run(2_000_000)
    d = cluster.deployments["web"]
    stalled = next(s for s in engine.steps if any(x["type"] == "progress_deadline_exceeded" for x in s.decisions))
    # progressDeadlineSeconds defaults to 600; the controller checks one second after the deadline.
    assert stalled.time_s == 10 + 600 + 1
    assert (d.progressing, d.progress_reason) == ("False", "ProgressDeadlineExceeded")
    m = cluster.metrics()
    assert m["serving_versions"] == {"v1": 3} and m["failed_rps"] == 0 and m["total"] == 5


def test_rollback_ends_the_stalled_rollout(make_cluster):
    engine, cluster = make_cluster(replicas=4)
    engine.at(10_000, PRIO_EXTERNAL, cluster.set_image, "web", "v2", True)
    engine.run(700_000)
    assert cluster.rollback("web") == "v1"
    engine.run(800_000)
    d = cluster.deployments["web"]
    assert d.complete and {p.version for p in cluster.pods_of("web")} == {"v1"}
    assert len(cluster.pods_of("web")) == 4


def test_recreate_deletes_every_old_pod_before_creating_new_ones(make_cluster):
    engine, cluster = make_cluster(replicas=3, strategy="Recreate")
    engine.at(10_000, PRIO_EXTERNAL, cluster.set_image, "web", "v2")
    versions_seen = []
    while engine.run(200_000, stop=lambda: True):
        versions_seen.append({p.version for p in cluster.pods.values()})
    assert all(len(v) <= 1 for v in versions_seen)  # never v1 and v2 pods at once
    assert {p.version for p in cluster.pods_of("web")} == {"v2"} and cluster.deployments["web"].complete


values = st.one_of(st.integers(0, 5).map(str), st.sampled_from(["0%", "10%", "25%", "50%", "75%", "100%"]))


@settings(max_examples=40, deadline=None)
@given(replicas=st.integers(1, 24), surge=values, unavailable=values, seed=st.integers(0, 3))
def test_a_real_rollout_respects_the_bounds_at_every_step(replicas, surge, unavailable, seed):
    s, u = parse(surge, "max_surge"), parse(unavailable, "max_unavailable")
    try:
        validate_rolling_update(s, u)
    except SimulationError:
        return
    engine = Engine("en", seed)
    cluster = engine.add(KubeCluster(engine))
    for i in range(4):
        cluster.add_node(f"node-{i + 1}", cpu_m=8000)
    cluster.deploy("web", replicas, "v1", cpu_m=100, max_surge=s, max_unavailable=u, running=True)
    engine.flush()
    engine.at(10_000, PRIO_EXTERNAL, cluster.set_image, "web", "v2")
    engine.run(3_600_000, stop=lambda: cluster.deployments["web"].complete and engine.now > 10_000)
    most = replicas + resolve_fenceposts(s, u, replicas)[0]
    least = replicas - max_unavailable(s, u, replicas)
    assert all(st.metrics["total"] <= most and st.metrics["available"] >= least for st in engine.steps)
    assert {p.version for p in cluster.pods_of("web")} == {"v2"}


def test_a_rollout_is_complete_only_when_every_pod_is_updated_and_available(make_cluster):
    # deployment_util.go DeploymentComplete: updatedReplicas == replicas == availableReplicas == spec.replicas.
    # With 4 replicas and 25%/25%, 3 available v1 pods and a 4th still starting do not make the rollout
    # complete, although 3 >= 4 - maxUnavailable 1.
    engine, cluster = make_cluster(replicas=4)
    engine.at(10_000, PRIO_EXTERNAL, cluster.set_image, "web", "v2")
    engine.run(300_000)
    done = [s for s in engine.steps for d in s.decisions if d["type"] == "rollout_complete"]
    assert len(done) == 1
    inputs = next(d["inputs"] for d in done[0].decisions if d["type"] == "rollout_complete")
    assert inputs == {"replicas": 4, "updated": 4, "available": 4}
    assert all(s.metrics["available"] == 4 for s in done)
