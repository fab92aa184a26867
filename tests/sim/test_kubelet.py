"""The kubelet in the cluster: restarts with CrashLoopBackOff, probes, restart policies, termination."""

from app.sim.engine import PRIO_EXTERNAL
from app.sim.kubelet import PROBE_PERIOD_MS


def restart_times(engine):
    return [s.time_s for s in engine.steps if any(e["type"] == "container_restarted" for e in s.events)]


def test_a_crash_loop_restarts_after_0_10_20_40_seconds(make_cluster):
    engine, cluster = make_cluster()
    pod = cluster.pods_of("web")[0]
    engine.at(20_000, PRIO_EXTERNAL, cluster.crash, pod, 4)
    engine.run(300_000)
    # Crashes 2 s after each start: at 20, 22, 34, 56; restarts at 20 (+0), 32 (+10), 54 (+20), 96 (+40).
    assert restart_times(engine) == [20.0, 32.0, 54.0, 96.0]
    assert pod.restarts == 4 and pod.ready


def test_crashloopbackoff_is_the_status_while_waiting(make_cluster):
    engine, cluster = make_cluster()
    pod = cluster.pods_of("web")[0]
    engine.at(20_000, PRIO_EXTERNAL, cluster.crash, pod, 3)
    engine.run(25_000)
    assert pod.status == "CrashLoopBackOff" and not pod.ready and pod.phase == "Running"


def test_a_pod_is_ready_at_the_first_probe_tick_after_the_app_answers(make_cluster):
    engine, cluster = make_cluster()
    engine.at(5_000, PRIO_EXTERNAL, cluster.scale, "web", 4)
    engine.run(60_000)
    fresh = max(cluster.pods_of("web"), key=lambda p: p.created_ms)
    # The probe worker ticks every periodSeconds (10 s) from when the kubelet got the pod.
    assert fresh.ready and fresh.ready_since_ms == fresh.probe_origin_ms + PROBE_PERIOD_MS


def test_a_hung_app_is_killed_after_three_failed_liveness_probes(make_cluster):
    engine, cluster = make_cluster()
    pod = cluster.pods_of("web")[0]
    engine.at(15_000, PRIO_EXTERNAL, cluster.hang, pod)
    engine.run(100_000)
    kill = next(s for s in engine.steps if any(d["type"] == "liveness_failed" for d in s.decisions))
    # Ticks at 20, 30, 40 s fail; failureThreshold 3 → killed at 40 s and restarted.
    assert kill.time_s == 40.0
    assert pod.restarts == 1 and pod.ready


def test_restart_policy_never_leaves_a_failed_pod_that_nothing_replaces(make_cluster):
    engine, cluster = make_cluster(replicas=0)
    pod = cluster.run_pod("job", restart_policy="Never")
    engine.run(30_000)
    engine.at(30_000, PRIO_EXTERNAL, cluster.crash, pod, 1)
    engine.run(120_000)
    assert pod.phase == "Failed" and pod.restarts == 0
    assert [p.name for p in cluster.pods.values()] == ["job"]


def test_restart_policy_on_failure_restarts_after_an_error(make_cluster):
    engine, cluster = make_cluster(replicas=0)
    pod = cluster.run_pod("job", restart_policy="OnFailure")
    engine.run(30_000)
    engine.at(30_000, PRIO_EXTERNAL, cluster.crash, pod, 1)
    engine.run(60_000)
    assert pod.phase == "Running" and pod.restarts == 1


def test_a_deleted_pod_leaves_ready_at_once_and_is_gone_shortly(make_cluster):
    engine, cluster = make_cluster()
    pod = cluster.pods_of("web")[0]
    engine.at(10_000, PRIO_EXTERNAL, cluster.delete_pod, pod)
    engine.run(10_000)
    assert pod.status == "Terminating" and not pod.ready
    engine.run(20_000)
    assert pod.name not in cluster.pods
