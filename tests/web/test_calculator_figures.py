"""The calculators' figures agree with their own tables and with the scenarios the simulator plays."""

import re

import pytest

from app.sim import run

HPA_RUSH = "current_replicas=2&current_metric=450&target_metric=50&max_replicas=20"
ROLLING_WIDE = "replicas=10&max_surge=150%25&max_unavailable=25%25"


def rows(html: str, caption_id: str) -> list[tuple[str, str]]:
    """The (row header, last cell) pairs of the table with this caption."""
    table = html.split(f'id="{caption_id}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr[^>]*>(?:<td>\d+</td>)?<th scope="row">([^<]*)</th>.*?<td>(\d+)</td></tr>', table)


def big_numbers(html: str) -> dict[str, str]:
    """The headline figures of the result, by their labels."""
    return dict(re.findall(r'<span class="label">([^<]+)</span> <strong>(\d+)</strong>', html))


@pytest.mark.parametrize(("behavior", "next_sync", "syncs"), [
    ("default", "6", [("Now", "2"), ("The next sync", "6"), ("15 s after the next sync", "12"),
                      ("30 s after the next sync", "18")]),
    ("none", "4", [("Now", "2"), ("The next sync", "4"), ("15 s after the next sync", "8"),
                   ("30 s after the next sync", "16"), ("45 s after the next sync", "18")]),
])
def test_hpa_page_labels_the_next_sync_and_the_eventual_count_as_its_table_shows(client, behavior, next_sync, syncs):
    # 2 pods at 450% of 50%: ceil(2 × 9) = 18 eventually; one sync goes to max(2 × 2, 2 + 4) = 6 with the default
    # behavior, max(2 × 2, 4) = 4 without.
    response = client.get(f"/en/calculators/hpa?{HPA_RUSH}&behavior={behavior}")
    figures = big_numbers(response.text)
    assert figures == {"The next sync sets": next_sync, "The HPA wants, if the load stays": "18"}
    table = rows(response.text, "hpa-caption")
    assert table == syncs
    assert table[1][1] == figures["The next sync sets"] and table[-1][1] == figures["The HPA wants, if the load stays"]
    assert "Ceiling of one scale-up sync (a total, not pods added)</dt><dd>" + next_sync in response.text


def test_hpa_page_in_korean_labels_both_figures(client):
    figures = big_numbers(client.get(f"/ko/calculators/hpa?{HPA_RUSH}&behavior=default").text)
    assert figures == {"다음 동기화가 정하는 수": "6", "부하가 그대로일 때 HPA가 원하는 수": "18"}


def _hpa_decisions(behavior: str) -> list[tuple[float, dict]]:
    trace = run("autoscaling", {"behavior": behavior}, lang="en")
    return [(step.time_s, d) for step in trace.steps for d in step.decisions
            if d["controller"] == "horizontal-pod-autoscaler"]


@pytest.mark.parametrize("behavior", ["none", "default"])
def test_hpa_scale_up_agrees_with_the_autoscaling_scenarios_first_sync(client, behavior):
    _, first = _hpa_decisions(behavior)[0]
    seen = first["inputs"]
    query = (f"current_replicas={seen['current_replicas']}&current_metric={seen['utilization']}"
             f"&target_metric={seen['target_utilization']}&min_replicas={seen['min_replicas']}"
             f"&max_replicas={seen['max_replicas']}&behavior={behavior}&lang=en")
    body = client.get(f"/api/v1/calculators/hpa?{query}").json()
    assert body["desired_replicas"] == seen["proposed"] == 8
    assert body["next_replicas"] == first["result"] == {"none": 4, "default": 6}[behavior]


@pytest.mark.parametrize("behavior", ["none", "default"])
def test_hpa_scale_down_waits_as_long_as_in_the_autoscaling_scenario(client, behavior):
    # The scenario: traffic falls at 900 s; the first sync that sees the low metric proposes 2 but holds 10, and
    # the HPA scales down once the stabilization window lets it. The calculator says the same delay.
    decisions = _hpa_decisions(behavior)
    low_seen, first = next((t, d) for t, d in decisions if d["inputs"]["proposed"] < d["inputs"]["current_replicas"])
    acted, done = next((t, d) for t, d in decisions if d["result"] < d["inputs"]["current_replicas"])
    seen = first["inputs"]
    query = (f"current_replicas={seen['current_replicas']}&current_metric={seen['utilization']}"
             f"&target_metric={seen['target_utilization']}&min_replicas={seen['min_replicas']}"
             f"&max_replicas={seen['max_replicas']}&behavior={behavior}")
    body = client.get(f"/api/v1/calculators/hpa?{query}&lang=en").json()
    assert body["desired_replicas"] == seen["proposed"] == 2
    assert body["next_replicas"] == first["result"] == 10  # the next sync holds the count
    assert body["timeline"] == [{"time_s": acted - low_seen, "replicas": done["result"]}]
    assert acted - low_seen == {"none": 300, "default": 285}[behavior]
    page = client.get(f"/en/calculators/hpa?{query}")
    assert big_numbers(page.text) == {"The next sync sets": "10", "The HPA wants, if the load stays": "2"}
    assert rows(page.text, "hpa-caption") == [("Now", "10"), (f"{acted - low_seen:g} s after the next sync", "2")]
    assert f"The HPA scales down after (stabilization window)</dt><dd>{acted - low_seen:g} s" in page.text


def test_rolling_update_page_shows_the_bound_and_the_peak_and_why_they_differ(client):
    response = client.get(f"/en/calculators/rolling-update?{ROLLING_WIDE}")
    totals = [int(cells.split("</td><td>")[2]) for cells in
              re.findall(r'<th scope="row">[^<]*</th><td>([\d<>/td]+)</td></tr>', response.text)]
    assert max(totals) == 20
    assert "Most pods allowed at once (replicas + maxSurge)</dt><dd>25" in response.text
    assert "Most pods at once in this rollout (the table&#39;s peak)</dt><dd>20" in response.text
    assert "the new ReplicaSet never grows past the 10 replicas" in response.text
    assert "the total cannot pass 10 + 10 = 20" in response.text


@pytest.mark.parametrize("params", [
    {"replicas": 10, "max_surge": "150%", "max_unavailable": "25%"},
    {"replicas": 4, "max_surge": "25%", "max_unavailable": "25%"},
])
def test_rolling_update_figures_agree_with_the_rolling_update_scenario(client, params):
    trace = run("rolling-update", params, lang="en")
    rollout = [d["inputs"] for step in trace.steps for d in step.decisions
               if d["controller"] == "deployment-controller" and "total" in d["inputs"]]
    body = client.get("/api/v1/calculators/rolling-update", params=params).json()
    assert body["max_total_pods"] == trace.steps[1].metrics["max_total"]
    assert body["min_available_pods"] == trace.steps[1].metrics["min_available"]
    assert body["max_surge"] == rollout[0]["max_surge"] and body["max_unavailable"] == rollout[0]["max_unavailable"]
    # The most pods the Deployment controller ever counted (v1 → v2, the broken v3, the rollback) is the peak of
    # the calculator's own table: the bound replicas + maxSurge is reached only where the surge fits.
    assert body["peak_total_pods"] == max(d["total"] for d in rollout) == max(row["total"] for row in body["steps"])
