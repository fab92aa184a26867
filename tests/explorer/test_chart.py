"""The scenario chart: every line is steps (horizontal and vertical segments), and the cause is drawn beside."""

import re

import pytest

from app import sim
from app.explorer.chart import chart
from app.sim.scenarios import KINDS

PATH = re.compile(r"^M(?P<x>[\d.]+),(?P<y>[\d.]+)(?P<rest>(?: [HV][\d.]+)*)$")


def corners(d: str) -> list[tuple[float, float]]:
    """The points a path of M, H and V commands passes through; fails on any other command."""
    match = PATH.match(d)
    assert match, d
    x, y = float(match["x"]), float(match["y"])
    points = [(x, y)]
    for command in match["rest"].split():
        if command[0] == "H":
            x = float(command[1:])
        else:
            y = float(command[1:])
        points.append((x, y))
    return points


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_line_is_made_of_horizontal_and_vertical_segments(kind):
    trace = sim.run(kind, lang="en")
    drawn = chart(trace, 0)
    paths = [line["d"] for line in drawn["lines"]] + ([drawn["cpu"]["d"]] if drawn["cpu"] else [])
    assert paths
    for d in paths:
        points = corners(d)
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            assert x1 == x2 or y1 == y2
            assert x2 >= x1  # time never runs backwards


def test_autoscaling_pods_stay_flat_until_the_hpa_acts_and_drop_at_once():
    trace = sim.run("autoscaling", lang="en")
    drawn = chart(trace, 0)
    desired = next(line for line in drawn["lines"] if line["name"] == "desired")
    points = corners(desired["d"])
    x_of = {step.time_s: None for step in trace.steps}
    scale = (drawn["right"] - drawn["left"]) / drawn["end"]
    for t in x_of:
        x_of[t] = round(drawn["left"] + scale * t, 1)
    start_y = points[0][1]
    # Before the first scale-up at 315 s the count is 2 all along: no point above the start before that moment.
    assert all(y == start_y for x, y in points if x < x_of[315.0])
    # The scale-down 10 → 2 at 1215 s is one vertical drop at that moment.
    drops = [(a, b) for a, b in zip(points, points[1:], strict=False) if a[0] == b[0] and b[1] > a[1]]
    assert (x_of[1215.0], start_y) in [b for _, b in drops]


@pytest.mark.parametrize("kind, traffic", [("autoscaling", True), ("self-healing", True), ("rolling-update", True),
                                           ("docker-vs-kubernetes", False), ("vendor-portability", False)])
def test_traffic_is_drawn_on_its_own_axis_where_the_run_has_it(kind, traffic):
    drawn = chart(sim.run(kind, lang="en"), 0)
    names = [line["name"] for line in drawn["lines"]]
    assert ("traffic_rps" in names) is traffic
    assert (drawn["rps_top"] > 0) is traffic
    if traffic:
        assert drawn["rps_top"] >= max(s.metrics["traffic_rps"] for s in sim.run(kind, lang="en").steps)


def test_cpu_is_drawn_against_its_target_only_where_an_hpa_acts():
    drawn = chart(sim.run("autoscaling", {"target_cpu_utilization": 70}, lang="en"), 3)
    assert drawn["cpu"]["target"] == 70 and drawn["cpu"]["top"] >= 200
    assert drawn["cpu"]["top_y"] < drawn["cpu"]["target_y"] < drawn["cpu"]["base_y"]
    assert chart(sim.run("self-healing", lang="en"), 0)["cpu"] is None


def test_the_table_behind_the_chart_holds_every_steps_numbers():
    trace = sim.run("autoscaling", lang="en")
    rows = chart(trace, 0)["rows"]
    assert len(rows) == len(trace.steps)
    assert [row["values"]["desired"] for row in rows] == [s.metrics["desired"] for s in trace.steps]
    assert [row["values"]["traffic_rps"] for row in rows] == [s.metrics["traffic_rps"] for s in trace.steps]
