"""Every scenario kind: runs in both languages, serialises, is deterministic, and keeps its invariants."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.sim import KINDS, SimulationError, default_params, run, validate_params

STEP_KEYS = {"index", "time_s", "clock", "title", "narration", "nodes", "metrics", "decisions", "events",
             "unscheduled", "columns", "summary"}
POD_KEYS = {"name", "version", "phase", "status", "ready", "restarts", "node", "replicaset"}
DECISION_KEYS = {"controller", "inputs", "result", "explanation", "explanation_i18n", "source"}


def columns(step):
    """Each system's nodes and metrics in a step, whether it has one column or several."""
    return step["columns"] or [{"key": "", "nodes": step["nodes"], "metrics": step["metrics"]}]


def decision_times(trace, type_):
    return [s.time_s for s in trace.steps for d in s.decisions if d["type"] == type_]


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_kind_runs_with_its_defaults_and_serialises(kind, lang):
    data = json.loads(json.dumps(run(kind, lang=lang).to_dict()))
    assert data["kind"] == kind and data["lang"] == lang and data["params"] == default_params(kind)
    steps = data["steps"]
    assert len(steps) >= 3
    assert [s["index"] for s in steps] == list(range(len(steps)))
    assert all(a["time_s"] <= b["time_s"] for a, b in zip(steps, steps[1:], strict=False))
    for step in steps:
        assert set(step) == STEP_KEYS and step["title"] and step["narration"] and step["summary"]
        assert all(set(d) >= DECISION_KEYS and d["explanation_i18n"]["ko"] and d["explanation_i18n"]["en"]
                   for d in step["decisions"])
        for col in columns(step):
            for node in col["nodes"]:
                assert {"name", "status", "ready", "capacity", "pods"} <= set(node)
                assert all(set(p) >= POD_KEYS for p in node["pods"])


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_two_languages_tell_the_same_story(kind):
    ko, en = run(kind, lang="ko"), run(kind, lang="en")
    assert [s.time_s for s in ko.steps] == [s.time_s for s in en.steps]
    assert [s.metrics for s in ko.steps] == [s.metrics for s in en.steps]
    assert ko.steps[1].narration != en.steps[1].narration


@pytest.mark.parametrize("kind", list(KINDS))
def test_same_parameters_and_seed_give_the_identical_trace(kind):
    assert run(kind, seed=7).to_dict() == run(kind, seed=7).to_dict()


@settings(max_examples=15, deadline=None)
@given(kind=st.sampled_from(list(KINDS)), seed=st.integers(0, 10_000))
def test_determinism_holds_for_any_seed(kind, seed):
    assert run(kind, lang="en", seed=seed).to_dict() == run(kind, lang="en", seed=seed).to_dict()


@pytest.mark.parametrize("kind", list(KINDS))
def test_nothing_is_ever_scheduled_on_a_not_ready_node(kind):
    for seed in range(3):
        frozen = {}
        for step in run(kind, seed=seed).to_dict()["steps"]:
            for col in columns(step):
                for node in col["nodes"]:
                    names = {p["name"] for p in node["pods"]}
                    key = (col["key"], node["name"])
                    if not node["ready"]:
                        frozen.setdefault(key, names)
                        assert names <= frozen[key]


def test_docker_alone_policy_no_stays_down_after_the_crash():
    trace = run("docker-alone", {"restart_policy": "no"}, lang="en")
    after = [s for s in trace.steps if s.time_s >= 30]
    assert all(s.metrics["ready"] == 0 for s in after)


def test_docker_alone_always_restarts_then_the_host_loss_is_final():
    trace = run("docker-alone", lang="en")
    ready = {s.time_s: s.metrics["ready"] for s in trace.steps}
    assert ready[30.1] == 1 and ready[120.0] == 0 and ready[300.0] == 0
    assert all(len(s.nodes) == 1 and s.nodes[0]["name"] == "host-1" for s in trace.steps)


def test_scheduled_scale_out_fires_at_midnight_and_spreads_evenly():
    trace = run("scheduled-scale-out", lang="en")
    fire = next(s for s in trace.steps if any(d["controller"] == "cronjob-controller" for d in s.decisions))
    assert fire.clock == "00:00:00" and trace.steps[0].clock == "23:59:00"
    last = trace.steps[-1]
    assert last.metrics["ready"] == 100 and [len(n["pods"]) for n in last.nodes] == [20] * 5


def test_scheduled_scale_out_leaves_what_does_not_fit_pending():
    trace = run("scheduled-scale-out", {"pod_cpu_millicores": 500}, lang="en")
    last = trace.steps[-1]
    assert last.metrics["ready"] == 40 and len(last.unscheduled) == 60
    reasons = [d["inputs"]["reason"] for s in trace.steps for d in s.decisions if d["type"] == "unschedulable"]
    assert reasons == ["0/5 nodes are available: 5 Insufficient cpu."]


def test_self_healing_backs_off_evicts_on_time_and_heals():
    trace = run("self-healing", lang="en")
    waits = [d["inputs"]["backoff_s"] for s in trace.steps for d in s.decisions if d["type"] == "restart"]
    assert waits == [0, 10, 20, 40]
    not_ready = decision_times(trace, "node_not_ready")
    assert not_ready == [945.0]  # failure at 900, last heartbeat 890, 50 s grace, checked every 5 s
    assert decision_times(trace, "evicted") == [945.0 + 300]
    assert trace.steps[-1].metrics["ready"] == 3


def test_autoscaling_follows_the_formula_and_waits_before_scaling_down():
    trace = run("autoscaling", lang="en")
    first = next(d for s in trace.steps for d in s.decisions if d["type"] == "scale")
    # The first sample that covers the spike is taken at 315 s: 2 pods at their 400m limit = 200% of 200m;
    # ceil(2 × 200 / 50) = 8, but without spec.behavior one sync goes to max(2 × 2, 4) = 4.
    assert "ceil(2 × 200 / 50) = 8" in first["explanation"] and first["result"] == 4
    sizes = [s.metrics["desired"] for s in trace.steps]
    assert min(sizes) >= 2 and max(sizes) == 10
    down = [s.time_s for s in trace.steps for d in s.decisions
            if d["type"] == "scale" and d["result"] < d["inputs"]["current_replicas"]]
    # The last high recommendation comes from the sample of 900 s (the 885..900 s average, still at the peak);
    # stabilizeRecommendation counts it until 900 + 300 = 1200 s inclusive, so the next sync, 1215 s, scales down.
    assert down == [1215.0] and down[0] >= 900 + 285


@pytest.mark.parametrize("params", [{}, {"replicas": 10, "max_surge": "0", "max_unavailable": "30%"},
                                    {"replicas": 7, "max_surge": "3", "max_unavailable": "0"}])
def test_rolling_update_keeps_its_bounds_stalls_on_the_broken_version_and_rolls_back(params):
    trace = run("rolling-update", params, lang="en")
    for s in trace.steps:
        assert s.metrics["total"] <= s.metrics["max_total"]
        assert s.metrics["available"] >= s.metrics["min_available"]
        assert "v3" not in s.metrics["serving_versions"] and s.metrics["failed_rps"] == 0
    assert decision_times(trace, "progress_deadline_exceeded")
    assert trace.steps[-1].metrics["versions"] == {"v2": trace.params["replicas"]}


def test_vendor_portability_moves_the_same_objects():
    trace = run("vendor-portability", lang="en")
    last = trace.steps[-1]
    src, dst = last.columns
    assert src["nodes"] and not any(n["pods"] for n in src["nodes"])
    assert last.metrics["to_ready"] == 3 and last.metrics["served_rps"] == 100
    first = trace.steps[-1].columns[1]["nodes"][0]["pods"][0]["replicaset"]
    origin = trace.steps[0].columns[0]["nodes"][0]["pods"][0]["replicaset"]
    assert first == origin  # the same pod template gives the same pod-template-hash


def test_docker_vs_kubernetes_steps_both_columns_together():
    trace = run("docker-vs-kubernetes", lang="en")
    assert all([c["key"] for c in s.columns] == ["docker", "kubernetes"] for s in trace.steps)
    assert all(len(s.columns[0]["nodes"]) == 1 for s in trace.steps)  # Docker never gains another host
    last = trace.steps[-1].metrics
    assert last["docker_running"] == 0 and last["kubernetes_ready"] == 3


def test_docker_vs_kubernetes_with_more_replicas_than_the_nodes_hold():
    # Pods that fit nowhere stay Pending; the crash and the lost node still strike pods that run.
    last = run("docker-vs-kubernetes", {"nodes": 1, "replicas": 200}, lang="en").steps[-1].metrics
    assert last["kubernetes_total"] == 200 and last["kubernetes_ready"] < 200


@pytest.mark.parametrize("kind, params, param", [
    ("self-healing", {"replicas": 0}, "replicas"),
    ("self-healing", {"nodes": 21}, "nodes"),
    ("self-healing", {"replica": 3}, "replica"),
    ("docker-alone", {"restart_policy": "sometimes"}, "restart_policy"),
    ("docker-alone", {"crash_at_s": 200}, "crash_at_s"),
    ("scheduled-scale-out", {"at": "24:00"}, "at"),
    ("autoscaling", {"min_replicas": 5, "max_replicas": 2}, "max_replicas"),
    ("autoscaling", {"peak_until_s": 100}, "peak_until_s"),
    ("rolling-update", {"max_surge": "0", "max_unavailable": "0%"}, "max_unavailable"),
    ("rolling-update", {"max_unavailable": "120%"}, "max_unavailable"),
    ("rolling-update", {"to_version": "v1"}, "to_version"),
    ("vendor-portability", {"to_provider": "provider-a"}, "to_provider"),
    ("vendor-portability", {"from_provider": "Provider A"}, "from_provider"),
    ("docker-vs-kubernetes", {"crash_at_s": 500}, "crash_at_s"),
    ("nope", {}, "kind"),
])
def test_invalid_parameters_name_the_parameter(kind, params, param):
    with pytest.raises(SimulationError) as err:
        run(kind, params)
    assert err.value.param == param and err.value.message and err.value.message_ko


def test_lang_and_seed_are_checked():
    with pytest.raises(SimulationError) as err:
        run("self-healing", lang="de")
    assert err.value.param == "lang"
    with pytest.raises(SimulationError) as err:
        run("self-healing", seed="1")
    assert err.value.param == "seed"


def test_query_string_values_are_accepted():
    assert validate_params("self-healing", {"replicas": "5"})["replicas"] == 5


@settings(max_examples=25, deadline=None)
@given(nodes=st.integers(2, 5), replicas=st.integers(1, 10), at_s=st.integers(1, 600),
       how=st.sampled_from(["delete", "crash", "node"]), seed=st.integers(0, 100))
def test_a_killed_pod_under_a_replicaset_always_comes_back(nodes, replicas, at_s, how, seed):
    from app.sim.cluster import KubeCluster
    from app.sim.engine import PRIO_EXTERNAL, Engine

    engine = Engine("en", seed)
    cluster = engine.add(KubeCluster(engine))
    for i in range(nodes):
        cluster.add_node(f"node-{i + 1}")
    cluster.deploy("web", replicas, "v1", running=True)
    engine.flush()
    victim = engine.rng.choice(cluster.pods_of("web"))
    action = {"delete": (cluster.delete_pod, victim), "crash": (cluster.crash, victim),
              "node": (cluster.fail_node, cluster.nodes[victim.node])}[how]
    engine.at(at_s * 1000, PRIO_EXTERNAL, *action)
    engine.run(at_s * 1000 + 600_000)
    ready = [p for p in cluster.pods_of("web") if p.ready]
    assert len(ready) == replicas
    assert all(cluster.nodes[p.node].ready for p in ready)


def test_traces_do_not_depend_on_string_hashing_between_processes():
    import os
    import subprocess
    import sys

    code = ("import json, hashlib; from app.sim import run, KINDS; "
            "print(hashlib.sha256(json.dumps([run(k, seed=3).to_dict() for k in KINDS]).encode()).hexdigest())")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1


def test_rolling_update_rollback_completes_when_the_fourth_pod_is_available():
    # DeploymentComplete (deployment_util.go) needs availableReplicas == replicas. The rollback (`kubectl rollout
    # undo`) comes 30 s after the stall at 681 s: 711 s. The v2 ReplicaSet goes 3 → 4 and one pod is created at
    # 711 s; its node already has the v2 image, so the container starts 1 s later (712 s), the app answers its
    # readiness probe 3 s after that (715 s), and the probe worker, ticking every periodSeconds 10 from 711 s,
    # first sees it at 721 s: Ready, hence available (minReadySeconds 0). Complete at 721 s, not at 711 s with 3.
    trace = run("rolling-update", lang="en")
    assert decision_times(trace, "progress_deadline_exceeded") == [681.0]
    rollback = next(s for s in trace.steps if s.title == "Rollback")
    assert rollback.time_s == 711.0 and rollback.metrics["available"] == 3
    complete = [s for s in trace.steps for d in s.decisions if d["type"] == "rollout_complete"]
    assert [s.time_s for s in complete] == [50.0, 721.0]
    assert complete[-1].metrics["available"] == 4


def test_self_healing_on_one_node_evicts_nothing():
    # One node: when it fails (900 s; heartbeat 890 s; NotReady 945 s) no node of the cluster is Ready, so the node
    # lifecycle controller enters master disruption mode (handleDisruption) and evicts nothing; before, the
    # simulator evicted at 1245 s.
    trace = run("self-healing", {"nodes": 1}, lang="en")
    assert decision_times(trace, "node_not_ready") == [945.0]
    assert decision_times(trace, "full_disruption") == [945.0]
    assert decision_times(trace, "evicted") == []
    last = trace.steps[-1]
    assert last.metrics["ready"] == 0 and last.metrics["pending"] == 0 and last.title == "End: no node left"


def test_the_midnight_scale_out_says_how_many_pods_a_node_fits():
    # NodeResourcesFit on requests: 4000m allocatable ÷ 150m = 26.67 → 26 per node, 130 on 5 nodes, so all 100 fit;
    # with 500m pods, 4000 ÷ 500 = 8 per node, 40 in all: 60 stay Pending.
    trace = run("scheduled-scale-out", lang="en")
    fire = next(s for s in trace.steps if s.clock == "00:00:00")
    assert "One node fits at most 26 such pods (4000 ÷ 150, rounded down), 5 nodes 130." in fire.narration
    tight = run("scheduled-scale-out", {"pod_cpu_millicores": 500}, lang="en")
    assert "One node fits at most 8 such pods (4000 ÷ 500, rounded down), 5 nodes 40." in tight.steps[1].narration
    assert tight.steps[-1].metrics["pending"] == 60 and "60 fit on no node" in tight.steps[-1].narration


def test_node_timings_are_what_if_parameters():
    # Rolling update, v2 at 30 s: the new pod is bound at 30 s on a node without the v2 image; pull 3 s + start 1 s
    # → 34 s, warm-up 3 s → 37 s, probe ticks every 10 s from 30 s → Ready at 40 s. With a 12 s warm-up: 46 s →
    # Ready at 50 s; with a 20 s image pull: 30 + 20 + 1 + 3 = 54 s → Ready at 60 s.
    def first_ready(params):
        trace = run("rolling-update", params, lang="en")
        return next(s.time_s for s in trace.steps if s.time_s > 30 and any(e["type"] == "pod_ready" for e in s.events))

    assert first_ready({}) == 40.0
    assert first_ready({"app_warmup_s": 12}) == 50.0
    assert first_ready({"image_pull_s": 20}) == 60.0


def test_every_parameter_has_a_label_with_its_unit_and_a_help_line_in_both_languages():
    from app.sim import param_bounds

    for kind in KINDS:
        bounds = param_bounds(kind)
        labels = [b["label"]["en"] for b in bounds.values()]
        assert len(set(labels)) == len(labels), kind
        for name, b in bounds.items():
            for lang in ("ko", "en"):
                assert b["label"][lang] and b["label"][lang] != name and b["help"][lang], (kind, name, lang)
            if name.endswith("_s"):
                assert "(s" in b["label"]["en"] and "초" in b["label"]["ko"], (kind, name)
            if name in ("image_pull_s", "container_start_s", "app_warmup_s"):
                assert "illustrative" in b["label"]["en"] and "예시" in b["label"]["ko"]
    assert "periodSeconds 10" in param_bounds("rolling-update")["app_warmup_s"]["help"]["en"]
