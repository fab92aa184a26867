"""The terminal panel of the scenario player and the manifests section: there without JavaScript, both languages."""

import re

import pytest
import yaml
from markupsafe import escape

SLUGS = ["one-container-docker", "hundred-at-midnight", "self-healing", "autoscaling", "rolling-update",
         "no-vendor-lock-in", "docker-vs-kubernetes"]


def _panel(text: str) -> str:
    match = re.search(r'<details class="kubectl" id="kubectl-panel".*?</details>', text, re.S)
    assert match, "no kubectl panel"
    return match.group(0)


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_step_shows_its_commands_in_a_folded_panel(full_client, slug, lang):
    document = full_client.get(f"/api/v1/scenarios/{slug}?lang={lang}").json()
    asked = {p["step"]: p["id"] for p in document["predictions"]}  # such a step shows once its question is skipped
    for index, step in enumerate(document["trace"]["steps"]):
        skip = f"&guess={asked[index]}-skip" if index in asked else ""
        panel = _panel(full_client.get(f"/{lang}/scenarios/{slug}?step={index}{skip}").text)
        assert "open" not in panel.split(">", 1)[0]  # folded until asked for, so the cluster stays in view
        assert step["kubectl"]
        for item in step["kubectl"]:
            # Each command is a prompt line at the top of its <pre>, the output below it, selectable as text.
            assert re.search(r'<span class="term-prompt">\$ <span class="term-cmd" id="kubectl-cmd-\d+">'
                             + re.escape(f'{escape(item["command"])}</span></span>\n{escape(item["output"])}</pre>'),
                             panel)
            assert f'data-copy="{escape(item["command"])}" hidden>' in panel


def test_the_panel_comes_with_the_htmx_swap_of_the_player(full_client):
    response = full_client.get("/en/scenarios/rolling-update?step=3", headers={"HX-Request": "true"})
    panel = _panel(response.text)
    assert "kubectl rollout status deployment/web" in panel and "kubectl get deployment" in panel
    assert 'role="status" aria-live="polite"' in panel


def test_korean_panel_is_translated(full_client):
    text = full_client.get("/ko/scenarios/self-healing?step=2").text
    assert "이 단계에서 kubectl이 출력할 내용" in text and ">복사<" in text and 'data-copied="복사했습니다"' in text


def test_docker_alone_page_shows_docker_ps_and_no_manifests(full_client):
    text = full_client.get("/en/scenarios/one-container-docker?step=1&guess=p1-skip").text  # step 1 is asked about
    panel = _panel(text)
    assert "ssh host-1 docker ps -a" in panel and "kubectl get" not in panel
    assert "CONTAINER ID   IMAGE" in panel and "Restarting (1)" in panel
    assert 'class="manifests"' not in text


def _manifest(text: str, kind: str) -> dict:
    block = re.search(rf'aria-label="{kind}/web">(.*?)</pre>', text, re.S)
    assert block, kind
    return yaml.safe_load(block.group(1).replace("&#34;", '"').replace("&#39;", "'"))


def test_manifests_follow_the_what_if_form(full_client):
    default = full_client.get("/en/scenarios/rolling-update").text
    assert 'id="manifests-title"' in default
    spec = _manifest(default, "Deployment")["spec"]
    assert spec["replicas"] == 4 and spec["strategy"]["rollingUpdate"]["maxSurge"] == "25%"
    changed = full_client.get("/en/scenarios/rolling-update?replicas=7&max_surge=2").text
    spec = _manifest(changed, "Deployment")["spec"]
    assert spec["replicas"] == 7 and spec["strategy"]["rollingUpdate"]["maxSurge"] == 2
    hpa = _manifest(full_client.get("/ko/scenarios/autoscaling?max_replicas=6").text, "HorizontalPodAutoscaler")
    assert hpa["spec"]["maxReplicas"] == 6


def test_bad_parameters_show_no_panel_and_no_manifests(full_client):
    text = full_client.get("/en/scenarios/rolling-update?replicas=0").text
    assert 'id="kubectl-panel"' not in text and 'class="manifests"' not in text
