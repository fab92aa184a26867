"""The scenario player and its JSON: every scenario plays in both languages, what-if runs, trace invariants."""

import re
from html import unescape

import pytest
from markupsafe import escape

SLUGS = ["one-container-docker", "hundred-at-midnight", "self-healing", "autoscaling", "rolling-update",
         "no-vendor-lock-in", "docker-vs-kubernetes"]


def _nodes(step: dict) -> list[dict]:
    return [n for column in step["columns"] for n in column["nodes"]] if step.get("columns") else step["nodes"]


def _paragraph(html: str, css: str) -> str:
    """The text of the page's paragraph with this class, as a reader sees it (links and all)."""
    match = re.search(rf'<p class="{css}"[^>]*>(.*?)</p>', html, re.S)
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))) if match else ""


def _trace(client, slug, lang="en") -> dict:
    return client.get(f"/api/v1/scenarios/{slug}?lang={lang}").json()["trace"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_scenario_list_shows_all_seven(full_client, lang):
    response = full_client.get(f"/{lang}/scenarios")
    assert [s.slug for s in response.context["scenarios"].data] == SLUGS
    for slug in SLUGS:
        assert f'href="/{lang}/scenarios/{slug}"' in response.text


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_scenario_plays_from_first_to_last_step(full_client, slug, lang):
    first = full_client.get(f"/{lang}/scenarios/{slug}")
    assert first.status_code == 200 and first.template.name == "scenarios/detail.html"
    last = first.context["last"]
    assert last >= 2
    for index in range(last + 1):
        response = full_client.get(f"/{lang}/scenarios/{slug}?step={index}")
        asked = response.context["asked"]
        if asked is not None:  # a question about this step keeps it hidden until it is answered or skipped
            assert response.context["step"].index == index - 1 and not asked.revealed
            response = full_client.get(f"/{lang}/scenarios/{slug}?step={index}&guess={asked.prediction.id}-skip")
        step = response.context["step"]
        assert response.status_code == 200 and step.index == index
        # The narration shows what happened; the controllers' explanations in it are the decision list below.
        shown = _paragraph(response.text, "narration")
        rest = " ".join(step.narration.split())
        for decision in step.decisions:
            rest = rest.replace(" ".join(decision["explanation"].split()), " ")
        assert shown == " ".join(rest.split()) and (shown or step.decisions)
        assert all(str(escape(d["explanation"])) in response.text for d in step.decisions)
        assert step.summary and _paragraph(response.text, "summary") == step.summary
        assert f'aria-current="step">{index + 1}</a>' in response.text
    assert 'data-key="next" rel="next" aria-disabled="true"' in response.text


def test_player_links_keep_the_parameters(full_client):
    text = full_client.get("/en/scenarios/rolling-update?replicas=6&step=1").text
    assert 'href="/en/scenarios/rolling-update?replicas=6&amp;step=2"' in text


def test_player_htmx_gets_only_the_player(full_client):
    response = full_client.get("/ko/scenarios/self-healing?step=2", headers={"HX-Request": "true"})
    assert response.template.name == "scenarios/_player.html"
    assert response.text.lstrip().startswith('<section id="player"') and "<html" not in response.text
    assert "HX-Request" in response.headers["vary"]


@pytest.mark.parametrize("header", ["HX-Boosted", "HX-History-Restore-Request"])
def test_player_boosted_or_history_restore_gets_the_page(full_client, header):
    response = full_client.get("/ko/scenarios/self-healing?step=2", headers={"HX-Request": "true", header: "true"})
    assert response.template.name == "scenarios/detail.html"


def test_step_beyond_the_last_is_404_and_negative_is_400(full_client):
    assert full_client.get("/ko/scenarios/self-healing?step=999").status_code == 404
    assert full_client.get("/ko/scenarios/self-healing?step=-1").status_code == 400
    assert full_client.get("/ko/scenarios/nope").status_code == 404


def test_whatif_changes_the_run_and_the_url_holds_it(full_client):
    response = full_client.get("/en/scenarios/rolling-update?replicas=10&max_surge=0&max_unavailable=1")
    steps = response.context["played"].trace.steps
    assert all(step.metrics["total"] <= 10 for step in steps)
    assert all(step.metrics["desired"] == 10 for step in steps[1:])
    assert 'value="10"' in response.text


@pytest.mark.parametrize(("query", "param"), [
    ("replicas=0", "replicas"), ("replicas=abc", "replicas"), ("max_surge=0&max_unavailable=0", "max_unavailable"),
])
def test_whatif_bad_value_shows_the_reason_beside_the_field(full_client, query, param):
    response = full_client.get(f"/en/scenarios/rolling-update?{query}")
    assert response.status_code == 200
    played = response.context["played"]
    assert played.trace is None and list(played.errors) == [param]
    assert f'<p id="err-{param}" class="field-error">Error:' in response.text
    assert 'aria-invalid="true"' in response.text


def test_api_scenario_has_definition_and_steps(full_client):
    body = full_client.get("/api/v1/scenarios/autoscaling?lang=en").json()
    assert body["kind"] == "autoscaling" and body["lang"] == "en"
    steps = body["trace"]["steps"]
    assert [s["index"] for s in steps] == list(range(len(steps)))
    decisions = [d for s in steps for d in s["decisions"] if d["controller"] == "horizontal-pod-autoscaler"]
    assert any("ceil(" in d["explanation"] for d in decisions)
    assert full_client.get("/api/v1/scenarios/autoscaling/steps/1?lang=en").json() == steps[1]
    assert full_client.get("/api/v1/scenarios/autoscaling/steps/999").status_code == 404


def test_api_simulation_runs_custom_parameters(full_client):
    response = full_client.post("/api/v1/simulations?lang=en", json={"kind": "rolling-update", "params": {"replicas": 8}})
    assert response.status_code == 200
    body = response.json()
    assert body["params"]["replicas"] == 8 and body["steps"]
    again = full_client.post("/api/v1/simulations?lang=en", json={"kind": "rolling-update", "params": {"replicas": 8}})
    assert again.json() == body  # deterministic


@pytest.mark.parametrize(("payload", "name"), [
    ({"kind": "rolling-update", "params": {"replicas": 0}}, "params.replicas"),
    ({"kind": "teleport"}, "kind"),
    ({"kind": "autoscaling", "extra": 1}, "extra"),
])
def test_api_simulation_invalid_is_a_problem(full_client, payload, name):
    response = full_client.post("/api/v1/simulations", json=payload)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert name in [p["name"] for p in response.json()["invalid_params"]]


def test_rolling_update_never_leaves_its_bounds(full_client):
    for step in _trace(full_client, "rolling-update")["steps"]:
        metrics = step["metrics"]
        assert metrics["total"] <= metrics["max_total"], step["title"]
        assert metrics["available"] >= metrics["min_available"] or metrics["desired"] == 0, step["title"]


@pytest.mark.parametrize("slug", ["self-healing", "docker-vs-kubernetes", "hundred-at-midnight"])
def test_no_new_pod_lands_on_a_dead_node(full_client, slug):
    steps = _trace(full_client, slug)["steps"]
    for before, after in zip(steps, steps[1:], strict=False):
        known = {p["name"] for n in _nodes(before) for p in n["pods"]}
        for node in _nodes(after):
            new = [p["name"] for p in node["pods"] if p["name"] not in known]
            assert node["ready"] or not new, (after["title"], node["name"], new)


@pytest.mark.parametrize("slug", ["one-container-docker", "docker-vs-kubernetes"])
def test_docker_never_moves_a_container_to_another_host(full_client, slug):
    hosts: dict[str, str] = {}
    for step in _trace(full_client, slug)["steps"]:
        for node in _nodes(step):
            if node["kind"] != "docker-host":
                continue
            for pod in node["pods"]:
                assert hosts.setdefault(pod["name"], node["name"]) == node["name"], pod["name"]
    assert hosts


def test_hundred_at_midnight_brings_up_a_hundred(full_client):
    last = _trace(full_client, "hundred-at-midnight")["steps"][-1]
    assert sum(len(n["pods"]) for n in _nodes(last)) == 100
    assert last["metrics"]["ready"] == 100


@pytest.mark.parametrize(("lang", "label", "help_text"), [
    ("en", "Node failure at (s)", "When one node loses power."),
    ("ko", "노드 장애 시각(초)", "노드 하나의 전원이 나가는 시각."),
])
def test_whatif_fields_carry_a_label_with_unit_and_help(full_client, lang, label, help_text):
    response = full_client.get(f"/scenarios/self-healing?lang={lang}")
    assert f'<label for="p-node_failure_at_s">{label}</label>' in response.text
    assert f'<small id="help-node_failure_at_s" class="muted">{help_text}' in response.text
    assert ">node_failure_at_s<" not in response.text and ">crash_at_s<" not in response.text


def test_whatif_behavior_is_a_choice_and_reruns_the_autoscaling(full_client):
    response = full_client.get("/scenarios/autoscaling?behavior=default&lang=en")
    assert '<select id="p-behavior" name="behavior"' in response.text
    assert '<option value="default" selected>' in response.text
    scales = [d["result"] for s in response.context["played"].trace.steps for d in s.decisions
              if d["type"] == "scale"]
    assert scales[:3] == [6, 8, 10]


def test_player_shows_failed_requests_and_latency(full_client):
    # At the spike (300 s): 900 requests/s, 2 pods serve 200 each, 500 fail, requests wait out the 10 s timeout.
    steps = full_client.get("/scenarios/autoscaling?lang=en").context["played"].trace.steps
    index = next(s.index for s in steps if s.time_s == 300.0)
    text = full_client.get(f"/scenarios/autoscaling?lang=en&step={index}").text
    assert "Traffic 900 requests/s: 400 served, 500 failed · mean response time 10000 ms" in text


def _decided(steps, type_):
    return [(s["time_s"], d) for s in steps for d in s["decisions"] if d["type"] == type_]


def test_api_scenarios_show_the_corrected_behaviour_with_their_defaults(full_client):
    # rolling-update: DeploymentComplete needs 4 of 4 available, so the rollback completes at 721 s, not 711 s.
    rolling = _trace(full_client, "rolling-update")["steps"]
    assert [(t, d["inputs"]["available"]) for t, d in _decided(rolling, "rollout_complete")] == [(50.0, 4), (721.0, 4)]
    # autoscaling: no reaction at the spike (300 s); the sample of 315 s gives 2 → 4 (max(2 × 2, 4) without
    # spec.behavior), then 4 → 8 at 330 s and 8 → 10 at 345 s; 500 requests/s fail meanwhile.
    auto = _trace(full_client, "autoscaling")["steps"]
    assert [(t, d["result"]) for t, d in _decided(auto, "scale")][:3] == [(315.0, 4), (330.0, 8), (345.0, 10)]
    assert next(s for s in auto if s["time_s"] == 300.0)["metrics"]["failed_rps"] == 500.0
    # self-healing: NotReady 55 s after the heartbeat of 890 s, evicted 300 s later; the narration counts its pod.
    healing = _trace(full_client, "self-healing")["steps"]
    assert [t for t, _ in _decided(healing, "node_not_ready")] == [945.0]
    assert [t for t, _ in _decided(healing, "evicted")] == [1245.0]
    assert "its 1 pod leaves Ready" in _decided(healing, "node_not_ready")[0][1]["explanation"]
