"""The manifests a scenario's parameters describe: valid for the Kubernetes API, and following a what-if."""

import kubernetes_validate
import pytest
import yaml
from kubernetes_validate.utils import latest_version

from app import sim
from app.explorer.manifests import manifests

# The oldest Kubernetes still in wide use that has everything here (autoscaling/v2, batch/v1 CronJob), and the newest.
VERSIONS = sorted({"1.30.0", latest_version()})
WHAT_IFS = {
    "scheduled-scale-out": {"replicas_after": 40, "at": "09:30", "pod_cpu_millicores": 500},
    "self-healing": {"replicas": 5, "toleration_seconds": 30},
    "autoscaling": {"min_replicas": 3, "max_replicas": 12, "target_cpu_utilization": 70, "behavior": "default"},
    "rolling-update": {"replicas": 6, "max_surge": 2, "max_unavailable": "0%", "from_version": "v7"},
    "vendor-portability": {"replicas": 4},
    "docker-vs-kubernetes": {"replicas": 2},
}


def objects(kind: str, overrides: dict) -> dict[str, dict]:
    return {item["kind"]: yaml.safe_load(item["yaml"])
            for item in manifests(kind, sim.validate_params(kind, overrides))}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("kind", list(sim.KINDS))
def test_manifests_validate_strictly(kind, version):
    for overrides in ({}, WHAT_IFS.get(kind, {})):
        for item in manifests(kind, sim.validate_params(kind, overrides)):
            document = yaml.safe_load(item["yaml"])
            assert (document["kind"], document["metadata"]["name"]) == (item["kind"], item["name"])
            kubernetes_validate.validate(document, version, strict=True)


def test_docker_alone_has_no_kubernetes_objects():
    assert manifests("docker-alone", sim.validate_params("docker-alone", {})) == []


@pytest.mark.parametrize("kind", list(WHAT_IFS))
def test_a_what_if_changes_the_yaml(kind):
    defaults = manifests(kind, sim.validate_params(kind, {}))
    changed = manifests(kind, sim.validate_params(kind, WHAT_IFS[kind]))
    assert [m["yaml"] for m in defaults] != [m["yaml"] for m in changed]


def test_the_parameters_land_where_kubernetes_reads_them():
    rolling = objects("rolling-update", WHAT_IFS["rolling-update"])["Deployment"]["spec"]
    assert rolling["replicas"] == 6 and rolling["strategy"]["rollingUpdate"] == {"maxSurge": 2, "maxUnavailable": "0%"}
    assert rolling["template"]["spec"]["containers"][0]["image"] == "web:v7"
    hpa = objects("autoscaling", WHAT_IFS["autoscaling"])["HorizontalPodAutoscaler"]["spec"]
    assert (hpa["minReplicas"], hpa["maxReplicas"]) == (3, 12)
    assert hpa["metrics"][0]["resource"]["target"]["averageUtilization"] == 70 and "behavior" in hpa
    assert "behavior" not in objects("autoscaling", {})["HorizontalPodAutoscaler"]["spec"]
    cron = objects("scheduled-scale-out", WHAT_IFS["scheduled-scale-out"])["CronJob"]["spec"]
    assert cron["schedule"] == "30 9 * * *"
    assert "--replicas=40" in cron["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["args"]
    pod = objects("self-healing", WHAT_IFS["self-healing"])["Deployment"]["spec"]["template"]["spec"]
    assert {t["key"]: t["tolerationSeconds"] for t in pod["tolerations"]} == {
        "node.kubernetes.io/not-ready": 30, "node.kubernetes.io/unreachable": 30}


@pytest.mark.parametrize("kind", list(WHAT_IFS))
def test_the_yaml_is_what_the_pure_python_dumper_writes(kind):
    # The fast dumper (libyaml) must write the very text the reference SafeDumper writes, character for character.
    from app.explorer.manifests import BUILDERS

    for overrides in ({}, WHAT_IFS[kind]):
        params = sim.validate_params(kind, overrides)
        expected = [yaml.safe_dump(obj, sort_keys=False, allow_unicode=True, default_flow_style=False)
                    for obj in BUILDERS[kind](params)]
        assert [item["yaml"] for item in manifests(kind, params)] == expected


def test_kept_manifests_follow_their_parameters_and_cannot_be_changed_by_a_caller():
    first = manifests("autoscaling", sim.validate_params("autoscaling", {"max_replicas": 7}))
    first[0]["yaml"] = "changed by a caller"
    again = manifests("autoscaling", sim.validate_params("autoscaling", {"max_replicas": 7}))
    other = manifests("autoscaling", sim.validate_params("autoscaling", {"max_replicas": 8}))
    assert again[0]["yaml"] != "changed by a caller" and "maxReplicas: 7" in again[2]["yaml"]
    assert "maxReplicas: 8" in other[2]["yaml"]
