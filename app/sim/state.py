"""The objects of one Kubernetes cluster, as its API server holds them, that every controller reads and writes."""

from __future__ import annotations

import zlib
from typing import Any

from app.sim.engine import Engine
from app.sim.model import Deployment, Node, Pod, ReplicaSet, Timing

# k8s.io/apimachinery utilrand: generated names use consonants and digits that spell no words.
_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"


class ClusterState:
    """The cluster's nodes, pods, ReplicaSets, Deployments and Service traffic, on the engine's clock."""

    def __init__(self, engine: Engine, key: str = "kubernetes", toleration_seconds: int = 300,
                 timing: Timing | None = None) -> None:
        self.engine = engine
        self.key = key
        self.nodes: dict[str, Node] = {}
        self.pods: dict[str, Pod] = {}
        self.replicasets: dict[str, ReplicaSet] = {}
        self.deployments: dict[str, Deployment] = {}
        self.traffic: dict[str, float] = {}  # requests per second arriving at each app's Service
        self.pending: list[Pod] = []  # pods no node has taken yet, in creation order
        self.reported_unschedulable: set[tuple[str, int]] = set()  # (reason, pods) said once, not every pass
        self.toleration_ms = toleration_seconds * 1000
        self.timing = timing or Timing()
        self.node_controller: Any = None  # the node lifecycle controller's memory, made by app.sim.nodelifecycle
        self.instant = False  # pods start Running and Ready at once (a cluster already up when a scenario begins)
        self.dirty = False  # something changed that the controllers have not reconciled yet
        self._seq = 0  # stands in for creationTimestamp, which orders a Deployment's ReplicaSets

    @property
    def now(self) -> int:
        """The engine's clock, in milliseconds."""
        return self.engine.now

    def add_node(self, name: str, cpu_m: int = 4000, mem_mib: int = 16_384, zone: str = "") -> Node:
        """Register a Ready worker node."""
        node = Node(name, cpu_m, mem_mib, zone=zone)
        self.nodes[name] = node
        return node

    def new_replicaset(self, d: Deployment, revision: int) -> ReplicaSet:
        """Create the ReplicaSet for the Deployment's current template (named by its pod-template-hash)."""
        h = zlib.crc32(f"{d.version}|{d.broken}|{d.cpu_m}".encode())
        digest = []
        for _ in range(10):
            digest.append(_ALPHANUMS[h % len(_ALPHANUMS)])
            h = (h * 1_103_515_245 + 12_345) & 0xFFFFFFFF
        self._seq += 1
        rs = ReplicaSet(f"{d.name}-{''.join(digest)}", d.name, d.version, d.broken, revision, self._seq)
        self.replicasets[rs.name] = rs
        return rs

    def new_pod(self, rs: ReplicaSet) -> Pod:
        """Create a pod from the ReplicaSet's template, queued for the scheduler."""
        d = self.deployments[rs.deployment]
        while True:
            name = f"{rs.name}-{''.join(self.engine.rng.choice(_ALPHANUMS) for _ in range(5))}"
            if name not in self.pods:
                break
        pod = Pod(name, d.name, rs.name, rs.version, d.cpu_m, d.mem_mib, self.now, rs.broken)
        self.pods[name] = pod
        rs.pods[name] = pod
        self.pending.append(pod)
        return pod

    def pods_of(self, app: str) -> list[Pod]:
        """The app's pods that count (not being deleted), oldest first."""
        return [p for p in self.pods.values() if p.app == app and p.active]
