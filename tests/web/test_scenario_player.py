"""The player page: the chart's SVG is steps with its legend in the page's language, the step opens with its
summary linked to the glossary, and a what-if run names its values and where it parts from the default run."""

import re

import pytest

CHART = re.compile(r'<figure class="chart" id="chart">(.*?)</figure>', re.S)
STEP_PATH = re.compile(r"^M[\d.]+,[\d.]+(?: [HV][\d.]+)*$")


def _chart(html: str) -> str:
    match = CHART.search(html)
    assert match
    return match.group(1)


def _legend(html: str) -> str:
    legend = re.search(r'<ul class="legend">(.*?)</ul>', html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", legend))


@pytest.mark.parametrize("slug", ["autoscaling", "self-healing", "docker-vs-kubernetes", "no-vendor-lock-in"])
def test_chart_svg_lines_are_horizontal_and_vertical_segments(full_client, slug):
    svg = _chart(full_client.get(f"/en/scenarios/{slug}?step=2").text)
    assert "<polyline" not in svg
    paths = re.findall(r'<path d="([^"]*)"', svg)
    assert len(paths) >= 3
    for d in paths:
        assert STEP_PATH.match(d), d
    assert "<title" in svg and "<desc" in svg and 'class="now-band"' in svg


@pytest.mark.parametrize("lang, words, raw", [
    ("en", ["desired: 3", "Docker: running containers: 3", "Kubernetes: Ready pods: 3"], []),
    ("ko", ["원하는 수: 3", "도커: 실행 중인 컨테이너: 3", "쿠버네티스: Ready 파드: 3"], ["desired", "running"]),
])
def test_chart_legend_speaks_the_pages_language(full_client, lang, words, raw):
    legend = _legend(full_client.get(f"/{lang}/scenarios/docker-vs-kubernetes").text)
    for word in words:
        assert word in legend
    for word in raw + ["docker_running", "kubernetes_ready"]:
        assert word not in legend


@pytest.mark.parametrize("lang, traffic, cpu", [("en", "traffic (requests/s, right axis): 900", "target 50"),
                                                ("ko", "트래픽(초당 요청, 오른쪽 축): 900", "목표 50")])
def test_chart_shows_the_traffic_and_the_cpu_target_that_drove_the_hpa(full_client, lang, traffic, cpu):
    html = full_client.get(f"/{lang}/scenarios/autoscaling?step=2").text
    assert traffic in _legend(html) and cpu in _legend(html)
    assert "series-traffic" in _chart(html) and 'class="target"' in _chart(html)


def test_chart_numbers_are_in_a_table_too(full_client):
    response = full_client.get("/en/scenarios/autoscaling")
    table = re.search(r"<table>(.*?)</table>", _chart(response.text), re.S).group(1)
    assert table.count("<tr>") == response.context["last"] + 2  # a header row and one row a step
    assert "<td>900</td>" in table


def test_no_traffic_on_runs_without_it(full_client):
    assert "series-traffic" not in _chart(full_client.get("/en/scenarios/docker-vs-kubernetes").text)


@pytest.mark.parametrize("lang, link", [("en", '<a href="/en/glossary#hpa"'), ("ko", '<a href="/ko/glossary#hpa"')])
def test_summary_opens_the_step_with_glossary_links(full_client, lang, link):
    response = full_client.get(f"/{lang}/scenarios/autoscaling?step=2&guess=p1-skip")  # past the question asked here
    summary = re.search(r'<p class="summary" id="step-summary">(.*?)</p>', response.text, re.S).group(1)
    assert link in summary
    assert response.text.index('id="step-summary"') < response.text.index('id="cluster"')
    assert response.text.index('id="cluster"') < response.text.index('class="decisions"')


def test_step_json_carries_the_summary(full_client):
    step = full_client.get("/api/v1/scenarios/autoscaling/steps/2?lang=ko").json()
    assert "HPA" in step["summary"] and "200%" in step["summary"]
    trace = full_client.get("/api/v1/scenarios/self-healing?lang=en").json()["trace"]
    assert all(s["summary"] for s in trace["steps"])


@pytest.mark.parametrize("lang, before, after", [
    ("en", ["At 300 s traffic jumps", "at most 10 Pods"], ["At 30 s traffic jumps", "at most 20 Pods"]),
    ("ko", ["300초: 요청이", "최대 10개"], ["30초: 요청이", "최대 20개"]),
])
def test_description_follows_the_values_in_force(full_client, lang, before, after):
    default = full_client.get(f"/{lang}/scenarios/autoscaling")
    assert "{{" not in default.text
    changed = full_client.get(f"/{lang}/scenarios/autoscaling?peak_at_s=30&max_replicas=20")
    prose = re.search(r'<div class="prose">(.*?)</div>', changed.text, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", prose)
    assert after[0] in text and after[1] in text and before[0] not in text and before[1] not in text
    assert before[0] in re.sub(r"<[^>]+>", "", default.text) and before[1] in re.sub(r"<[^>]+>", "", default.text)
    assert "{{" not in changed.text


def test_whatif_offers_the_first_step_that_differs_from_the_default_run(full_client):
    response = full_client.get("/en/scenarios/self-healing?toleration_seconds=30")
    diff = response.context["diff"]
    default = full_client.get("/en/scenarios/self-healing").context
    assert default["diff"] is None
    evicted_at = diff["index"]
    assert response.context["played"].trace.steps[evicted_at].title == "Pods evicted"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.text))
    assert f"The run parts from the default run at step {evicted_at + 1}." in text
    assert "“Pods evicted” happens at +16:15 instead of +20:45." in text
    assert "toleration (30 s) has passed" in text
    assert f'href="/en/scenarios/self-healing?toleration_seconds=30&amp;step={evicted_at}"' in response.text
    assert 'class="step-differs"' in response.text


def test_whatif_with_the_default_values_says_nothing_changed(full_client):
    text = full_client.get("/ko/scenarios/autoscaling?peak_at_s=300").text
    assert "모든 단계가 기본값으로 돌렸을 때와 같습니다." in text
