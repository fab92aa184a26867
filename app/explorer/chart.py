"""The scenario chart: pod counts as steps over time, with the traffic (and CPU against its target) that drove them."""

from __future__ import annotations

import math
from typing import Any

from app import sim

# The pod counts the chart may draw, in this order; a line that repeats another one all along is left out.
COUNTS = ("desired", "total", "ready", "docker_running", "kubernetes_ready", "from_ready", "to_ready")
DASHES = ("", "7 4", "2 3", "10 3 2 3")
WIDTH, PAD_LEFT, PAD_RIGHT, PAD_TOP = 420, 44, 46, 24
BAND, GAP, CPU_BAND, FOOT = 150, 26, 70, 24


def chart(trace: sim.Trace, current: int) -> dict[str, Any]:
    """Step lines of the pod counts (left axis), the traffic (right axis) and the CPU band, with this step's x."""
    steps = trace.steps
    end = max([trace.duration_s] + [s.time_s for s in steps]) or 1
    counts = _count_names(steps)
    top = _nice(max([1] + [s.metrics.get(n) or 0 for s in steps for n in counts]))
    has_traffic = any((s.metrics.get("traffic_rps") or 0) > 0 for s in steps)
    rps_top = _nice(max(s.metrics.get("traffic_rps") or 0 for s in steps)) if has_traffic else 0
    has_cpu = any(s.metrics.get("utilization") is not None for s in steps)
    base = PAD_TOP + BAND
    cpu_top_y = base + GAP
    cpu_base = cpu_top_y + CPU_BAND
    cpu_max = _nice(max([100] + [s.metrics.get("utilization") or 0 for s in steps] +
                        [s.metrics.get("target_utilization") or 0 for s in steps])) if has_cpu else 0

    def x(t: float) -> float:
        return round(PAD_LEFT + (WIDTH - PAD_LEFT - PAD_RIGHT) * t / end, 1)

    def scale(top_value: float, low: float, high: float):  # noqa: ANN202
        return lambda v: round(low - (low - high) * v / top_value, 1)

    y = scale(top, base, PAD_TOP)
    lines = [{"name": n, "kind": "count", "d": _steps(steps, n, x, y, end), "dash": DASHES[i % len(DASHES)],
              "css": f"series-{i + 1}", "value": steps[current].metrics.get(n)} for i, n in enumerate(counts)]
    if has_traffic:
        lines.append({"name": "traffic_rps", "kind": "traffic", "css": "series-traffic", "dash": "",
                      "d": _steps(steps, "traffic_rps", x, scale(rps_top, base, PAD_TOP), end),
                      "value": steps[current].metrics.get("traffic_rps")})
    cpu: dict[str, Any] | None = None
    if has_cpu:
        cy = scale(cpu_max, cpu_base, cpu_top_y)
        target = next((s.metrics["target_utilization"] for s in steps if s.metrics.get("target_utilization")), None)
        cpu = {"d": _steps(steps, "utilization", x, cy, end), "top": cpu_max, "top_y": cpu_top_y, "base_y": cpu_base,
               "target": target, "target_y": cy(target) if target is not None else None,
               "value": steps[current].metrics.get("utilization")}
    height = (cpu_base if has_cpu else base) + FOOT
    return {
        "width": WIDTH, "height": height, "left": PAD_LEFT, "right": WIDTH - PAD_RIGHT, "top_y": PAD_TOP,
        "base_y": base, "top": top, "mid": top // 2 if top % 2 == 0 else None, "mid_y": y(top / 2),
        "rps_top": rps_top, "end": end, "lines": lines, "cpu": cpu, "current_x": x(steps[current].time_s),
        "ticks": [{"x": x(t), "label": _clock(t)} for t in _time_ticks(end)], "foot_y": height - 6,
        "rows": [_row(s, counts, has_traffic, has_cpu) for s in steps], "counts": counts,
        "has_traffic": has_traffic, "has_cpu": has_cpu,
    }


def _count_names(steps: list[sim.Step]) -> list[str]:
    """The counts worth a line: present in the run, and not the same as a line already drawn at every step."""
    names: list[str] = []
    for name in COUNTS:
        series = [s.metrics.get(name) for s in steps]
        if all(v is None for v in series):
            continue
        if any(series == [s.metrics.get(other) for s in steps] for other in names):
            continue
        names.append(name)
    return names[:4]


def _steps(steps: list[sim.Step], name: str, x, y, end: float) -> str:  # noqa: ANN001
    """An SVG path of horizontal and vertical segments: a value holds until the step that changes it."""
    parts: list[str] = []
    last = None
    for s in steps:
        value = s.metrics.get(name)
        if not isinstance(value, int | float):
            continue
        if not parts:
            parts.append(f"M{x(s.time_s)},{y(value)}")
        else:
            parts.append(f"H{x(s.time_s)}")
            if value != last:
                parts.append(f"V{y(value)}")
        last = value
    if parts:
        parts.append(f"H{x(end)}")
    return " ".join(parts)


def _row(s: sim.Step, counts: list[str], traffic: bool, cpu: bool) -> dict[str, Any]:
    values = {n: s.metrics.get(n) for n in counts}
    if traffic:
        values["traffic_rps"] = s.metrics.get("traffic_rps")
    if cpu:
        values["utilization"] = s.metrics.get("utilization")
    return {"index": s.index, "clock": s.clock, "values": values}


def _nice(value: float) -> int:
    """A round top for an axis at or above value: 1, 2, 5 or 10 times a power of ten."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return int(next(k * power for k in (1, 2, 2.5, 5, 10) if k * power >= value))


def _time_ticks(end: float) -> list[float]:
    """Three or four round times along the run, in seconds."""
    step = next((s for s in (10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200) if end / s <= 4), 14_400)
    return [t * step for t in range(int(end // step) + 1)]


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
