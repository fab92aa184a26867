"""kube-scheduler for this model: filter nodes that fit the pod's requests, score them, pick the best."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from app.sim.model import Node, Pod

MAX_NODE_SCORE = 100
# Default score plugin weights (pkg/scheduler/apis/config/v1/default_plugins.go): NodeResourcesFit 1,
# PodTopologySpread 2, NodeResourcesBalancedAllocation 1. The other scorers (taints, affinity, image
# locality) give every node of this model the same score, so they cannot change the choice.
WEIGHT_FIT, WEIGHT_SPREAD, WEIGHT_BALANCED = 1, 2, 1
# Built-in default spreading constraint: maxSkew 3 on kubernetes.io/hostname, ScheduleAnyway
# (https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#internal-default-constraints).
# Nodes here carry no zone label, so the zone constraint scores nothing (podtopologyspread/scoring.go).
HOSTNAME_MAX_SKEW = 3


@dataclass(slots=True)
class Placement:
    """The scheduler's answer for one pod: the chosen node (or None), every score, and why not."""

    node: str | None
    scores: dict[str, dict[str, int]]
    reason: str = ""


def unfit_reasons(node: Node, pod: Pod) -> list[str]:
    """The Filter plugins' reasons why the pod cannot run on this node (empty if it fits)."""
    reasons = []
    # TaintToleration: NotReady/unreachable nodes carry NoSchedule taints the pod does not tolerate.
    for taint in node.taints:
        if taint.endswith(":NoSchedule"):
            reasons.append(f"node(s) had untolerated taint {{{taint.split(':')[0]}: }}")
            break
    # NodeResourcesFit: requests, not usage, must fit into what is left of allocatable.
    if len(node.pods) + 1 > node.max_pods:
        reasons.append("Too many pods")
    if node.req_cpu + pod.cpu_m > node.cpu_m:
        reasons.append("Insufficient cpu")
    if node.req_mem + pod.mem_mib > node.mem_mib:
        reasons.append("Insufficient memory")
    return reasons


def least_allocated(node: Node, pod: Pod) -> int:
    """leastRequestedScore per resource, (capacity - requested) * 100 / capacity, averaged (weights 1)."""
    cpu = (node.cpu_m - node.req_cpu - pod.cpu_m) * MAX_NODE_SCORE // node.cpu_m
    mem = (node.mem_mib - node.req_mem - pod.mem_mib) * MAX_NODE_SCORE // node.mem_mib
    return (cpu + mem) // 2


def balanced_allocation(node: Node, pod: Pod) -> int:
    """balancedResourceScorer: (1 - std) * 100, where std of two fractions is |f_cpu - f_mem| / 2."""
    cpu = min((node.req_cpu + pod.cpu_m) / node.cpu_m, 1.0)
    mem = min((node.req_mem + pod.mem_mib) / node.mem_mib, 1.0)
    return int((1 - abs(cpu - mem) / 2) * MAX_NODE_SCORE)


def spread_scores(counts: dict[str, int]) -> dict[str, int]:
    """PodTopologySpread Score + NormalizeScore on hostname: fewer pods of the same owner score higher."""
    weight = math.log(len(counts) + 2)  # topologyNormalizingWeight(size) = log(size + 2)
    # int64(math.Round(score)): Go rounds halves away from zero, unlike Python's round().
    raw = {name: math.floor(c * weight + (HOSTNAME_MAX_SKEW - 1) + 0.5) for name, c in counts.items()}
    high, low = max(raw.values()), min(raw.values())
    if high == 0:
        return dict.fromkeys(raw, MAX_NODE_SCORE)
    return {name: MAX_NODE_SCORE * (high + low - s) // high for name, s in raw.items()}


def schedule(pod: Pod, nodes: list[Node], rng: random.Random,
             same_owner: dict[tuple[str, str | None], int] | None = None) -> Placement:
    """Filter, score and select a node the way kube-scheduler's default profile does.

    `same_owner` may carry the count of active pods per (node, ReplicaSet), to save recounting them.
    """
    feasible, failures = [], {}
    for node in nodes:
        reasons = unfit_reasons(node, pod)
        if reasons:
            for r in reasons:
                failures[r] = failures.get(r, 0) + 1
        else:
            feasible.append(node)
    if not feasible:
        # FitError.Error(): "0/N nodes are available: " + sorted "count reason" strings.
        parts = sorted(f"{count} {reason}" for reason, count in failures.items())
        return Placement(None, {}, f"0/{len(nodes)} nodes are available: {', '.join(parts)}.")
    # The system default constraints count the pods their owner's selector matches: same ReplicaSet.
    if same_owner is None:
        same_owner = {(n.name, pod.rs): _same_owner(n, pod) for n in feasible}
    spread = spread_scores({n.name: same_owner.get((n.name, pod.rs), 0) for n in feasible})
    scores = {}
    for node in feasible:
        fit, bal = least_allocated(node, pod), balanced_allocation(node, pod)
        total = WEIGHT_FIT * fit + WEIGHT_BALANCED * bal + WEIGHT_SPREAD * spread[node.name]
        scores[node.name] = {"total": total, "least_allocated": fit, "balanced": bal, "spread": spread[node.name]}
    best = max(s["total"] for s in scores.values())
    # selectHost picks at random among the nodes that share the highest score.
    tied = [name for name, s in scores.items() if s["total"] == best]
    return Placement(tied[0] if len(tied) == 1 else rng.choice(tied), scores)


def _same_owner(node: Node, pod: Pod) -> int:
    return sum(1 for p in node.pods.values() if p.rs == pod.rs and p.active) if pod.rs else 0
