"""The HPA's sync adds its pods up without per-pod objects: it must group and count them as group_pods does."""

import random

from app.sim.hpa import (
    CPU_INITIALIZATION_PERIOD_MS,
    PodStatus,
    PodView,
    calculate,
    calculate_tally,
    group_pods,
    tally_pods,
)
from app.sim.metrics import Sample


def _pods(rng: random.Random, now: int) -> tuple[list[PodStatus], dict[str, Sample]]:
    statuses, samples = [], {}
    for i in range(rng.randint(0, 12)):
        name = f"web-{i}"
        start = rng.choice([None, now - rng.randint(0, 2 * CPU_INITIALIZATION_PERIOD_MS)])
        statuses.append(PodStatus(name, rng.choice([100, 200, 250]), rng.random() < 0.1,
                                  rng.choice(["Running"] * 6 + ["Pending", "Failed"]), rng.random() < 0.8, start,
                                  now - rng.randint(0, 400_000)))
        if rng.random() < 0.8:
            samples[name] = Sample(rng.randint(0, 400), now - rng.choice([0, 5_000, 15_000]),
                                   rng.choice([10_000, 15_000, 60_000]))
    return statuses, samples


def test_tally_pods_agrees_with_group_pods_and_calculate():
    rng = random.Random(42)
    for _ in range(3000):
        now = rng.randint(0, 3_600_000)
        statuses, samples = _pods(rng, now)
        views = [PodView(*s) if (x := samples.get(s.name)) is None else PodView(*s, x.usage_m, x.time_ms, x.window_ms)
                 for s in statuses]
        grouped, ignored = group_pods(views, now)
        counts = tally_pods(statuses, samples, now)
        assert counts.ignored == ignored
        current, target = rng.randint(1, 20), rng.choice([30, 50, 80, 150])
        assert calculate_tally(current, counts, target) == calculate(current, grouped, target)


def test_a_pod_set_aside_in_its_initialization_period_is_not_counted():
    # Started 100 s ago and Ready for 5 s: a 15 s sample taken now covers the last 15 s, partly before Ready.
    now = 1_000_000
    statuses = [PodStatus("a", 200, False, "Running", True, now - 100_000, now - 5_000),
                PodStatus("b", 200, False, "Running", True, now - 900_000, now - 800_000)]
    samples = {"a": Sample(300, now, 15_000), "b": Sample(100, now, 15_000)}
    counts = tally_pods(statuses, samples, now)
    assert (counts.ready, counts.usage_m, counts.unready) == (1, 100, [200])
