"""A Service: traffic is spread evenly over the Ready endpoints of the pods it selects, and only those."""

from __future__ import annotations

from typing import Any

from app.sim.model import Pod
from app.sim.state import ClusterState


def endpoints(c: ClusterState, app: str) -> list[Pod]:
    """The serving endpoints: the EndpointSlice `ready` condition mirrors the pod's Ready condition,
    and a terminating pod is not ready (kubernetes.io/docs/concepts/services-networking/endpoint-slices/)."""
    return [p for p in c.pods.values() if p.app == app and p.ready and not p.deleting]


def traffic(c: ClusterState, app: str) -> dict[str, Any]:
    """Where the app's requests go: kube-proxy picks endpoints with equal probability, so each Ready pod
    gets rps / n; requests sent to a pod whose node died but is not yet marked are lost."""
    rps = c.traffic.get(app, 0.0)
    ready = endpoints(c, app)
    if not ready:
        return {"traffic_rps": rps, "endpoints": 0, "per_pod_rps": 0.0, "served_rps": 0.0, "failed_rps": rps,
                "serving_versions": {}}
    per_pod = rps / len(ready)
    healthy = [p for p in ready if p.running and c.nodes[p.node or ""].alive]
    versions: dict[str, int] = {}
    for p in healthy:
        versions[p.version] = versions.get(p.version, 0) + 1
    served = per_pod * len(healthy)
    return {"traffic_rps": rps, "endpoints": len(ready), "per_pod_rps": round(per_pod, 2),
            "served_rps": round(min(served, rps), 2), "failed_rps": max(0.0, round(rps - served, 2)),
            "serving_versions": versions}
