"""Time and memory of the simulator: one hour of a 10-node, 100-pod cluster, and every scenario kind.

Run from the repository root:  python bench/sim_bench.py [--repeat 20] [--write]
With --write the figures and the machine they were taken on go to bench/SIM_RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.sim import KINDS, run  # noqa: E402
from app.sim.cluster import KubeCluster  # noqa: E402
from app.sim.engine import PRIO_EXTERNAL, Engine  # noqa: E402

HOUR_MS = 3_600_000
# The heaviest what-if runs the parameter bounds allow, measured too so that nobody is surprised.
LARGEST = [
    ("rolling-update", {"replicas": 200, "max_surge": "1", "max_unavailable": "0"}),
    ("autoscaling", {"nodes": 20, "min_replicas": 1, "max_replicas": 200, "peak_rps": 100_000,
                     "duration_s": 7200, "peak_until_s": 7000}),
    ("self-healing", {"nodes": 20, "replicas": 200, "crashes": 20}),
    ("scheduled-scale-out", {"nodes": 20, "replicas_after": 200, "pod_cpu_millicores": 10}),
]


def hour_of_cluster(seed: int = 0) -> Engine:
    """10 nodes, a 100-pod Deployment under 1000 requests/s, crashes, deletions, two node losses, rollouts."""
    engine = Engine("en", seed)
    cluster = engine.add(KubeCluster(engine))
    for i in range(10):
        cluster.add_node(f"node-{i + 1}", cpu_m=8000, mem_mib=32_768)
    cluster.deploy("web", 100, "v1", cpu_m=250, running=True, rps=1000.0)
    engine.flush()
    pods = sorted(cluster.pods_of("web"), key=lambda p: p.name)

    def at(seconds: int, fn, *args) -> None:  # noqa: ANN001
        engine.at(seconds * 1000, PRIO_EXTERNAL, fn, *args)

    for pod in pods[:3]:
        at(300, cluster.crash, pod, 3)  # three pods crash-loop three times
    for pod in pods[10:15]:
        at(600, cluster.delete_pod, pod)  # five pods deleted
    at(900, cluster.fail_node, cluster.nodes["node-3"])  # a node dies: NotReady, eviction, rescheduling
    at(1500, cluster.set_image, "web", "v2")  # a rollout of all 100 pods
    at(2400, cluster.set_image, "web", "v3", True)  # a broken rollout that stalls
    at(2400 + 700, cluster.rollback, "web")  # ... and its rollback
    at(3300, cluster.fail_node, cluster.nodes["node-7"])  # a second node dies near the end
    engine.run(HOUR_MS)
    return engine


def timed(fn, repeat: int) -> list[float]:  # noqa: ANN001
    """Wall times in milliseconds of `repeat` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def peak_kib(fn) -> float:  # noqa: ANN001
    """Peak traced Python memory of one call, in KiB."""
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def reference_loop() -> None:
    """A fixed amount of plain Python work, to read the other figures as ratios on any machine."""
    total = 0
    for i in range(1_000_000):
        total += i
    assert total


def shell(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unavailable"


def main() -> None:
    """Measure, print a table, and write it to bench/SIM_RESULTS.md with --write."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    n = args.repeat

    ref = statistics.median(timed(reference_loop, n))
    rows = []
    hour = hour_of_cluster()
    hour_dict = hour_dict_json = None
    hour_steps = len(hour.steps)
    hour_times = timed(hour_of_cluster, n)
    hour_dict = [s.to_dict() for s in hour.steps]
    hour_dict_json = statistics.median(timed(lambda: json.dumps(hour_dict), n))
    rows.append(("one hour, 10 nodes, 100 pods, failures + rollouts", hour_steps, hour_times,
                 peak_kib(hour_of_cluster)))
    for kind in KINDS:
        steps = len(run(kind).steps)
        rows.append((f"scenario `{kind}` (defaults)", steps, timed(lambda k=kind: run(k), n),
                     peak_kib(lambda k=kind: run(k))))
    for kind, params in LARGEST:
        steps = len(run(kind, params).steps)
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        rows.append((f"largest what-if: `{kind}` {shown}", steps,
                     timed(lambda k=kind, p=params: run(k, p), max(3, n // 4)),
                     peak_kib(lambda k=kind, p=params: run(k, p))))

    lines = [
        "| run | steps | median ms | min ms | max ms | × reference | peak memory KiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, steps, times, peak in rows:
        med = statistics.median(times)
        lines.append(f"| {name} | {steps} | {med:.1f} | {min(times):.1f} | {max(times):.1f} | "
                     f"{med / ref:.2f} | {peak:.0f} |")
    lines.append(f"| reference: a 1,000,000-step `for` loop adding integers | | {ref:.1f} | | | 1.00 | |")
    lines.append(f"| reference: `json.dumps` of the one-hour trace | | {hour_dict_json:.1f} | | | "
                 f"{hour_dict_json / ref:.2f} | |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        machine = (f"- `uname -a`: {shell(['uname', '-a'])}\n- `nproc`: {shell(['nproc'])}\n"
                   f"- Python {platform.python_version()} ({platform.python_implementation()}), "
                   f"{os.cpu_count()} CPUs visible\n- load average when measured (1, 5, 15 min): {load}\n")
        text = (
            "# Simulator benchmark\n\n"
            "Produced by `python bench/sim_bench.py --write` from the repository root. Each figure is over "
            f"{n} runs in one process; peak memory is traced Python allocation (`tracemalloc`) of one run. "
            "The reference rows are measured in the same run, so the ratios (× reference) carry over to other "
            "machines better than the milliseconds do.\n\n"
            "The one-hour run: 10 nodes, a Deployment of 100 pods under 1000 requests/s; at 5 min three pods "
            "crash-loop, at 10 min five pods are deleted, at 15 min a node dies (NotReady, eviction after 300 s, "
            "rescheduling), at 25 min a rollout of all 100 pods, at 40 min a broken rollout that stalls past its "
            "600 s progress deadline and is rolled back, at 55 min a second node dies. The \"largest what-if\" "
            "rows use the heaviest parameters the bounds allow (200 pods replaced one at a time, a 2-hour autoscaling "
            "run up to 200 pods, 200 pods crash-looping 20 times); they are the runs worth caching. The autoscaling "
            "runs add up every container's CPU at each instant and have metrics-server scrape and the HPA read every "
            "pod every 15 s, which makes the largest of them the dearest.\n\n"
            f"## Machine\n\n{machine}\n## Figures\n\n{table}\n"
        )
        Path(__file__).with_name("SIM_RESULTS.md").write_text(text, encoding="utf-8")
        print("written to bench/SIM_RESULTS.md")


if __name__ == "__main__":
    main()
