"""kube-scheduler scoring and filtering as this model does it."""

import random

from app.sim.model import Node, Pod
from app.sim.scheduler import balanced_allocation, least_allocated, schedule, spread_scores, unfit_reasons


def pod(cpu=500, mem=1024, rs="web-1"):
    return Pod("p", "web", rs, "v1", cpu, mem, 0)


def test_least_allocated_is_free_share_times_100_averaged():
    # least_allocated.go: ((capacity - requested) * MaxNodeScore) / capacity, per resource, then averaged.
    node = Node("n", 4000, 8192, req_cpu=1500, req_mem=1024)
    assert least_allocated(node, pod()) == ((4000 - 2000) * 100 // 4000 + (8192 - 2048) * 100 // 8192) // 2


def test_balanced_allocation_prefers_even_cpu_and_memory_use():
    # balanced_allocation.go: score = (1 - std) * MaxNodeScore, std = |f_cpu - f_mem| / 2 for two resources.
    even = Node("even", 4000, 8000)
    assert balanced_allocation(even, pod(2000, 4000)) == 100
    assert balanced_allocation(even, pod(4000, 0)) == 50


def test_spread_scores_favour_nodes_with_fewer_pods_of_the_same_owner():
    scores = spread_scores({"a": 0, "b": 2, "c": 2})
    assert scores["a"] > scores["b"] == scores["c"]
    assert spread_scores({"a": 0, "b": 0}) == {"a": 100, "b": 100}


def test_a_not_ready_node_is_filtered_out():
    node = Node("n", 4000, 8192, ready=False, taints=["node.kubernetes.io/unreachable:NoSchedule"])
    assert unfit_reasons(node, pod()) == ["node(s) had untolerated taint {node.kubernetes.io/unreachable: }"]


def test_requests_that_do_not_fit_leave_the_pod_pending_with_the_kubernetes_message():
    nodes = [Node(f"n{i}", 1000, 8192, req_cpu=800) for i in range(3)]
    placement = schedule(pod(500), nodes, random.Random(0))
    assert placement.node is None
    assert placement.reason == "0/3 nodes are available: 3 Insufficient cpu."


def test_max_pods_per_node_is_110():
    node = Node("n", 100_000, 100_000)
    node.pods = {f"p{i}": pod(1, 1) for i in range(110)}
    assert "Too many pods" in unfit_reasons(node, pod(1, 1))


def test_the_emptier_node_wins():
    nodes = [Node("busy", 4000, 8192, req_cpu=3000, req_mem=4096), Node("idle", 4000, 8192)]
    assert schedule(pod(), nodes, random.Random(0)).node == "idle"


def test_ties_are_broken_by_the_seeded_random_choice():
    picks = {schedule(pod(), [Node(f"n{i}", 4000, 8192) for i in range(4)], random.Random(s)).node for s in range(20)}
    assert len(picks) > 1
