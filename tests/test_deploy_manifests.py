"""The Kubernetes manifests in deploy/k8s: strict schema validation and the settings a safe rollout needs."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from kubernetes_validate.utils import latest_version

from app.settings import PROJECT_ROOT

K8S = PROJECT_ROOT / "deploy" / "k8s"
MANIFESTS = sorted(path for path in K8S.glob("*.yaml") if path.name != "kustomization.yaml")
VALIDATOR = Path(sys.executable).with_name("kubernetes-validate")
# 1.34 made the preStop `sleep` action generally available; the newest bundled schemas are "current".
VERSIONS = sorted({"1.34.0", latest_version()})


def _load(name: str) -> dict:
    return yaml.safe_load((K8S / name).read_text())


def _by_kind() -> dict[str, dict]:
    documents = [doc for path in MANIFESTS for doc in yaml.safe_load_all(path.read_text()) if doc]
    return {doc["kind"]: doc for doc in documents}


@pytest.mark.parametrize("version", VERSIONS)
def test_manifests_validate_strictly(version):
    result = subprocess.run([str(VALIDATOR), "--strict", "--quiet", "-k", version, *map(str, MANIFESTS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in result.stdout + result.stderr


def test_kustomization_lists_every_manifest_but_the_secret_example():
    listed = _load("kustomization.yaml")["resources"]
    assert sorted(listed) == sorted(path.name for path in MANIFESTS if path.name != "secret.example.yaml")
    assert all((K8S / name).is_file() for name in listed)


def test_deployment_runs_three_replicas_with_a_rolling_update():
    spec = _by_kind()["Deployment"]["spec"]
    assert spec["replicas"] == 3
    assert spec["strategy"]["type"] == "RollingUpdate"
    assert spec["strategy"]["rollingUpdate"] == {"maxSurge": 1, "maxUnavailable": 0}


def test_deployment_probes_readiness_and_liveness():
    container = _by_kind()["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["port"] == container["ports"][0]["name"]
    assert set(container["resources"]) == {"requests", "limits"}
    assert {"cpu", "memory"} <= set(container["resources"]["requests"]) & set(container["resources"]["limits"])


@pytest.mark.parametrize("kind", ["Deployment", "Job"])
def test_pods_run_locked_down(kind):
    pod = _by_kind()[kind]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001  # the image's user
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    for container in pod["containers"]:
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False
        assert context["readOnlyRootFilesystem"] is True
        assert context["capabilities"]["drop"] == ["ALL"]
        mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
        volumes = {volume["name"]: volume for volume in pod["volumes"]}
        assert "emptyDir" in volumes[mounts["/tmp"]]


def test_settings_come_from_the_configmap_and_the_secret():
    kinds = _by_kind()
    config = kinds["ConfigMap"]
    secret_example = kinds["Secret"]
    for kind in ("Deployment", "Job"):
        container = kinds[kind]["spec"]["template"]["spec"]["containers"][0]
        assert container["envFrom"] == [{"configMapRef": {"name": config["metadata"]["name"]}}]
        refs = {item["name"]: item["valueFrom"]["secretKeyRef"] for item in container["env"]}
        assert {"EXPLORER_DATABASE_URL", "EXPLORER_SECRET_KEY"} <= set(refs)
        assert all(ref["name"] == secret_example["metadata"]["name"] for ref in refs.values())
        assert set(refs) <= set(secret_example["stringData"])
    assert all(key.startswith(("EXPLORER_", "WEB_CONCURRENCY")) for key in config["data"])
    assert not any("SECRET" in key or "PASSWORD" in key for key in config["data"])


def test_secret_example_holds_only_placeholders():
    values = _by_kind()["Secret"]["stringData"].values()
    assert all("REPLACE-ME" in value for value in values)


def test_service_hpa_and_budget_select_the_deployment():
    kinds = _by_kind()
    deployment = kinds["Deployment"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert kinds["Service"]["spec"]["selector"].items() <= labels.items()
    assert kinds["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert kinds["Service"]["spec"]["ports"][0]["targetPort"] == "http"
    hpa = kinds["HorizontalPodAutoscaler"]
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                             "name": deployment["metadata"]["name"]}
    assert hpa["spec"]["minReplicas"] == deployment["spec"]["replicas"]
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"


def test_migration_job_prepares_the_database_once():
    job = _by_kind()["Job"]
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert container["command"][-2:] == ["migrate", "--import-if-empty"]
    assert job["spec"]["template"]["spec"]["restartPolicy"] in {"OnFailure", "Never"}
    config = _by_kind()["ConfigMap"]["data"]
    assert config["EXPLORER_MIGRATE_ON_START"] == "false"  # replicas leave the schema to the Job


def _concept_markdown(lang: str) -> str:
    return (PROJECT_ROOT / "content" / "concepts" / f"how-this-site-runs.{lang}.md").read_text()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_concept_page_quotes_the_manifests_as_they_are(lang):
    kinds = _by_kind()
    deployment = kinds["Deployment"]["spec"]
    container = deployment["template"]["spec"]["containers"][0]
    hpa = kinds["HorizontalPodAutoscaler"]["spec"]
    text = _concept_markdown(lang)
    requests, limits = container["resources"]["requests"], container["resources"]["limits"]
    facts = [
        f"replicas: {deployment['replicas']}",
        f"maxSurge: {deployment['strategy']['rollingUpdate']['maxSurge']}",
        f"maxUnavailable: {deployment['strategy']['rollingUpdate']['maxUnavailable']}",
        f"path: {container['readinessProbe']['httpGet']['path']}",
        f"path: {container['livenessProbe']['httpGet']['path']}",
        f"cpu: {requests['cpu']}, memory: {requests['memory']}",
        f'cpu: "{limits["cpu"]}", memory: {limits["memory"]}',
        f"{hpa['metrics'][0]['resource']['target']['averageUtilization']}%",
        f"maxUnavailable: {kinds['PodDisruptionBudget']['spec']['maxUnavailable']}",
        " ".join(kinds["Job"]["spec"]["template"]["spec"]["containers"][0]["command"]),
    ]
    missing = [fact for fact in facts if fact not in text.replace(" %", "%")]
    assert not missing, f"how-this-site-runs.{lang}.md no longer matches deploy/k8s: {missing}"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_concept_page_links_each_field_to_a_live_page(full_client, lang):
    page = full_client.get(f"/{lang}/concepts/how-this-site-runs")
    assert page.status_code == 200
    assert page.template.name == "concepts/detail.html"
    links = sorted(set(re.findall(r'href="(/(?:ko|en)/(?:concepts|scenarios|calculators)/[a-z0-9-]+)"', page.text)))
    expected = {f"/{lang}/concepts/self-healing", f"/{lang}/concepts/rolling-update", f"/{lang}/concepts/load-balancing",
                f"/{lang}/concepts/orchestration", f"/{lang}/concepts/image", f"/{lang}/concepts/container",
                f"/{lang}/calculators/hpa"}
    assert expected <= set(links)
    for link in links:
        # Links in a text lead to pages in the text's language (the language switch leads to this page in the other).
        assert link.startswith(f"/{lang}/") or link.endswith("/how-this-site-runs"), link
        assert full_client.get(link, follow_redirects=False).status_code == 200, link
    api = full_client.get(f"/api/v1/concepts/how-this-site-runs?lang={lang}").json()
    assert {"self-healing", "rolling-update", "load-balancing"} <= {item["slug"] for item in api["related"]}


def test_pods_stop_within_their_grace_period():
    pod = _by_kind()["Deployment"]["spec"]["template"]["spec"]
    pre_stop = pod["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]
    drain = int(_by_kind()["ConfigMap"]["data"]["EXPLORER_GRACEFUL_SHUTDOWN_SECONDS"])
    assert pre_stop + drain < pod["terminationGracePeriodSeconds"]


def test_the_jobs_command_prepares_an_empty_database_once(fresh_database, monkeypatch, capsys):
    from sqlmodel import Session, func, select

    from app.cli import main
    from app.db import make_engine
    from app.models import AdminUser, Concept

    url = fresh_database(None)
    for name, value in {"EXPLORER_ENV": "dev", "EXPLORER_DATABASE_URL": url, "EXPLORER_ADMIN_USER": "first",
                        "EXPLORER_ADMIN_PASSWORD": "a long first password"}.items():
        monkeypatch.setenv(name, value)
    command = _by_kind()["Job"]["spec"]["template"]["spec"]["containers"][0]["command"]
    assert command[:3] == ["python", "-m", "app.cli"]
    assert main(command[3:]) == 0
    assert "imported content" in capsys.readouterr().out
    assert main(command[3:]) == 0  # a second run (a retried Job) changes nothing
    assert "imported content" not in capsys.readouterr().out
    engine = make_engine(url)
    with Session(engine) as db:
        assert db.exec(select(func.count()).select_from(Concept)).one() > 0
        assert [user.username for user in db.exec(select(AdminUser))] == ["first"]
    engine.dispose()
