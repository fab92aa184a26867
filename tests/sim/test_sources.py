"""Every rule names where it comes from: decisions carry a source, modules name the function they follow."""

from pathlib import Path

import pytest

from app.sim import KINDS, run, sources

SIM = Path(__file__).resolve().parents[2] / "app" / "sim"
KNOWN = {value for name, value in vars(sources).items() if name.isupper() and isinstance(value, str)}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_decision_cites_a_known_source(kind):
    for step in run(kind, lang="en").steps:
        for decision in step.decisions:
            assert decision["source"] in KNOWN, (kind, decision["type"], decision["source"])


def test_decisions_cite_the_code_they_follow():
    cited = {}
    for kind in ("autoscaling", "rolling-update", "self-healing"):
        for step in run(kind, lang="en").steps:
            for d in step.decisions:
                cited.setdefault(d["type"], set()).add(d["source"])
    assert cited["scale"] == {sources.HPA_CONTROLLER}
    assert cited["rollout_complete"] == {sources.DEPLOYMENT_UTIL}
    assert cited["node_not_ready"] == {sources.NODE_STATUS}
    assert cited["evicted"] == {sources.TAINT_EVICTION}
    one_node = run("self-healing", {"nodes": 1}, lang="en")
    full = [d for s in one_node.steps for d in s.decisions if d["type"] == "full_disruption"]
    assert [d["source"] for d in full] == [sources.NODE_LIFECYCLE_CONTROLLER]


@pytest.mark.parametrize(("module", "functions"), [
    ("hpa.py", ["GetResourceReplicas", "groupPods", "Tolerances.isWithin", "GetResourceUtilizationRatio"]),
    ("hpa_scaling.py", ["normalizeDesiredReplicas", "convertDesiredReplicasWithRules", "calculateScaleUpLimit",
                        "stabilizeRecommendation", "stabilizeRecommendationWithBehaviors",
                        "calculateScaleUpLimitWithScalingRules", "recordInitialRecommendation", "storeScaleEvent"]),
    ("metrics.py", ["pkg/storage/pod.go", "freshContainerMinMetricsResolution", "--metric-resolution"]),
    ("progress.py", ["DeploymentComplete", "DeploymentProgressing", "requeueStuckDeployment"]),
    ("nodelifecycle.py", ["tryUpdateNodeHealth", "monitorNodeHealth", "ComputeZoneState", "handleDisruption",
                          "setLimiterInZone", "ReducedQPSFunc", "MarkPodsNotReady"]),
    ("taints.py", ["markNodeForTainting", "SwapLimiter", "doNoExecuteTaintingPass", "markNodeAsReachable",
                   "processPodOnNode"]),
    ("rollout.py", ["ResolveFenceposts", "NewRSNewReplicas", "reconcileOldReplicaSets", "cleanupUnhealthyReplicas"]),
    ("backoff.py", ["Backoff.Next", "hasExpired", "restartmanager.go"]),
])
def test_each_rule_module_names_the_function_it_follows(module, functions):
    text = (SIM / module).read_text(encoding="utf-8")
    for function in functions:
        assert function in text, (module, function)
