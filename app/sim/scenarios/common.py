"""Helpers the scenario scripts share: narrating what a person does, picking pods, closing summaries."""

from __future__ import annotations

import math
from typing import Any

from app.sim.cluster import KubeCluster
from app.sim.engine import PRIO_EXTERNAL, Engine
from app.sim.model import DEFAULT_CAPACITY_RPS, Node, Pod, Timing
from app.sim.params import Spec
from app.sim.text import tr

RPS = 100.0  # the steady load on the Service in scenarios that do not vary it (illustrative)
# How long things take on a node: modelling choices (illustrative), offered as what-if parameters in seconds.
TIMING = Timing()
TIMING_SPECS = {
    "image_pull_s": Spec("float", TIMING.image_pull_ms / 1000, 0, 600),
    "container_start_s": Spec("float", TIMING.container_start_ms / 1000, 0, 600),
    "app_warmup_s": Spec("float", TIMING.app_warmup_ms / 1000, 0, 600),
}
CAPACITY_SPEC = Spec("float", DEFAULT_CAPACITY_RPS, 1, 100_000)


def timing(p: dict[str, Any]) -> Timing:
    """The node timings a run's parameters ask for."""
    return Timing(*(int(round(p[name] * 1000)) for name in TIMING_SPECS))


def act(engine: Engine, system: str, ko: str, en: str, title_ko: str, title_en: str, type_: str = "action") -> None:
    """Journal something a person or the world does, as an event with a title."""
    engine.event(system, type_, tr(ko, en), tr(title_ko, title_en))


def at(engine: Engine, seconds: float, fn, *args) -> None:  # noqa: ANN001
    """Schedule a scenario action at a time in seconds."""
    engine.at(int(round(seconds * 1000)), PRIO_EXTERNAL, fn, *args)


def add_nodes(cluster: KubeCluster, count: int, prefix: str = "node", cpu_m: int = 4000, mem_mib: int = 16_384,
              zone: str = "") -> list[Node]:
    """Add count Ready nodes named prefix-1..prefix-count."""
    return [cluster.add_node(f"{prefix}-{i + 1}", cpu_m, mem_mib, zone) for i in range(count)]


def nodes_for(pods: int, cpu_m: int, node_cpu_m: int = 4000, minimum: int = 3) -> int:
    """Enough nodes for the pods' CPU requests with some headroom."""
    return max(minimum, math.ceil(pods * cpu_m / (node_cpu_m * 0.8)))


def pick(engine: Engine, pods: list[Pod]) -> Pod:
    """A seeded choice among pods, by name so that the order of creation does not matter."""
    return engine.rng.choice(sorted(pods, key=lambda p: p.name))


def spread(cluster: KubeCluster, app: str) -> str:
    """Where the app's Ready pods run, as "node-1 2, node-2 1"."""
    per_node: dict[str, int] = {}
    for p in cluster.pods_of(app):
        if p.ready and p.node:
            per_node[p.node] = per_node.get(p.node, 0) + 1
    return ", ".join(f"{n} {k}" for n, k in per_node.items()) or "-"
