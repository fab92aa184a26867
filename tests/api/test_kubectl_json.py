"""kubectl output in the JSON: on every step of a scenario, of one step and of a custom run; manifests on a scenario."""

import pytest

SLUGS = ["one-container-docker", "hundred-at-midnight", "self-healing", "autoscaling", "rolling-update",
         "no-vendor-lock-in", "docker-vs-kubernetes"]


@pytest.mark.parametrize("slug", SLUGS)
def test_scenario_steps_carry_kubectl_and_the_scenario_its_manifests(full_client, slug):
    document = full_client.get(f"/api/v1/scenarios/{slug}?lang=en").json()
    for step in document["trace"]["steps"]:
        assert step["kubectl"] and all(set(item) == {"command", "output"} for item in step["kubectl"])
    if slug == "one-container-docker":
        assert document["manifests"] == []
        assert all(item["command"].endswith("docker ps -a") for s in document["trace"]["steps"] for item in s["kubectl"])
    else:
        kinds = [item["kind"] for item in document["manifests"]]
        assert kinds[:2] == ["Deployment", "Service"]
        assert all(item["yaml"].startswith("apiVersion: ") and item["name"] for item in document["manifests"])
    one = full_client.get(f"/api/v1/scenarios/{slug}/steps/1?lang=en").json()
    assert one["kubectl"] == document["trace"]["steps"][1]["kubectl"]


def test_a_custom_run_prints_for_its_own_parameters(full_client):
    body = {"kind": "rolling-update", "params": {"replicas": 7}}
    trace = full_client.post("/api/v1/simulations?lang=en", json=body).json()
    first = {item["command"]: item["output"] for item in trace["steps"][0]["kubectl"]}
    assert first["kubectl get deployment"].splitlines()[1].split()[:4] == ["web", "7/7", "7", "7"]
    assert first["kubectl get pods -o wide"].count("\nweb-") == 7


def test_openapi_documents_the_new_fields(full_client):
    schemas = full_client.get("/openapi.json").json()["components"]["schemas"]
    assert "kubectl" in schemas["StepPublic"]["properties"]
    assert "manifests" in schemas["ScenarioPublic"]["properties"]
    assert set(schemas["KubectlCommand"]["required"]) == {"command", "output"}
    assert set(schemas["ManifestPublic"]["required"]) == {"kind", "name", "yaml"}
