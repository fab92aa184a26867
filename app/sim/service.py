"""A Service: traffic is spread evenly over the Ready endpoints; each pod serves up to its capacity, the rest fails."""

from __future__ import annotations

from typing import Any

from app.sim.model import DEFAULT_CAPACITY_RPS, Pod
from app.sim.state import ClusterState

# Modelling choices (illustrative, not Kubernetes): a pod at its CPU limit serves `capacity_rps` requests per
# second (a what-if parameter); below it, the mean response time of one queue served at that rate is
# 1 / (capacity - arrivals) (M/M/1); a request that finds the pod saturated waits until the client gives up.
REQUEST_TIMEOUT_MS = 10_000


def endpoints(c: ClusterState, app: str) -> list[Pod]:
    """The serving endpoints: the EndpointSlice `ready` condition mirrors the pod's Ready condition,
    and a terminating pod is not ready (kubernetes.io/docs/concepts/services-networking/endpoint-slices/)."""
    return [p for p in c.pods.values() if p.app == app and p.ready and not p.deleting]


def capacity(c: ClusterState, app: str) -> float:
    """Requests per second one of the app's pods serves at its CPU limit."""
    d = c.deployments.get(app)
    return d.capacity_rps if d is not None else DEFAULT_CAPACITY_RPS


def share(c: ClusterState, app: str) -> tuple[list[Pod], float, float]:
    """The Ready endpoints, the requests per second each is sent, and how many of them it serves."""
    ready = endpoints(c, app)
    if not ready:
        return ready, 0.0, 0.0
    # kube-proxy picks endpoints with equal probability, so each Ready pod is sent rps / n.
    per_pod = c.traffic.get(app, 0.0) / len(ready)
    return ready, per_pod, min(per_pod, capacity(c, app))


def latency_ms(per_pod: float, cap: float) -> float:
    """Mean response time of a pod sent per_pod requests/s that serves at most cap: 1 / (cap - per_pod), M/M/1."""
    if per_pod >= cap:
        return float(REQUEST_TIMEOUT_MS)
    return round(min(1000.0 / (cap - per_pod), REQUEST_TIMEOUT_MS), 1)


def traffic(c: ClusterState, app: str) -> dict[str, Any]:
    """Where the app's requests go: requests sent to a pod whose node died but is not yet marked are lost, and
    what a pod cannot serve beyond its capacity fails."""
    rps = c.traffic.get(app, 0.0)
    ready, per_pod, served_each = share(c, app)
    cap = capacity(c, app)
    if not ready:
        return {"traffic_rps": rps, "endpoints": 0, "per_pod_rps": 0.0, "capacity_rps": cap, "served_rps": 0.0,
                "failed_rps": rps, "latency_ms": None, "serving_versions": {}}
    healthy = [p for p in ready if p.running and c.nodes[p.node or ""].alive]
    versions: dict[str, int] = {}
    for p in healthy:
        versions[p.version] = versions.get(p.version, 0) + 1
    served = min(served_each * len(healthy), rps)
    return {"traffic_rps": rps, "endpoints": len(ready), "per_pod_rps": round(per_pod, 2), "capacity_rps": cap,
            "served_rps": round(served, 2), "failed_rps": max(0.0, round(rps - served, 2)),
            "latency_ms": latency_ms(per_pod, cap) if healthy else None, "serving_versions": versions}
