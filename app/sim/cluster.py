"""One Kubernetes cluster: what a user or a failure can do to it, the controllers it runs, and how it is drawn."""

from __future__ import annotations

from typing import Any

from app.sim import autoscaler, controllers, kubelet, nodelifecycle
from app.sim.engine import Engine
from app.sim.hpa_scaling import Behavior
from app.sim.intstr import IntOrPercent
from app.sim.metrics import METRIC_RESOLUTION_MS, MetricsServer
from app.sim.model import DEFAULT_CAPACITY_RPS, Deployment, Node, Pod, Timing
from app.sim.rollout import DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, max_unavailable, resolve_fenceposts
from app.sim.service import traffic
from app.sim.state import ClusterState
from app.sim.text import Text, tr


class KubeCluster(ClusterState):
    """A cluster the engine drives: its state, each thing a person or the world does to it, and its drawing."""

    def __init__(self, engine: Engine, key: str = "kubernetes", title: Text | None = None,
                 toleration_seconds: int = 300, timing: Timing | None = None) -> None:
        super().__init__(engine, key, toleration_seconds, timing)
        self.title = title or tr("쿠버네티스 클러스터", "Kubernetes cluster")
        self.hpa: autoscaler.Autoscaler | None = None
        self._views: dict[str, tuple[tuple, dict[str, Any]]] = {}  # pod name → (what is drawn, its drawing)

    # --- what people and failures do -------------------------------------------------------------
    def run_pod(self, name: str, version: str = "v1", restart_policy: str = "Always", cpu_m: int = 250,
                mem_mib: int = 256) -> Pod:
        """`kubectl run`: a bare pod that no controller owns (nothing recreates it if it goes)."""
        pod = Pod(name, name, None, version, cpu_m, mem_mib, self.now, restart_policy=restart_policy)
        self.pods[name] = pod
        self.pending.append(pod)
        self.dirty = True
        return pod

    def deploy(self, name: str, replicas: int, version: str, *, cpu_m: int = 250, mem_mib: int = 256,
               strategy: str = "RollingUpdate", max_surge: IntOrPercent = DEFAULT_MAX_SURGE,
               max_unavailable: IntOrPercent = DEFAULT_MAX_UNAVAILABLE, running: bool = False,
               rps: float = 0.0, capacity_rps: float = DEFAULT_CAPACITY_RPS) -> Deployment:
        """`kubectl apply` a Deployment and its Service; with running=True its pods are already up."""
        d = Deployment(name, replicas, version, cpu_m=cpu_m, mem_mib=mem_mib, strategy=strategy,
                       max_surge=max_surge, max_unavailable=max_unavailable, capacity_rps=capacity_rps)
        d.progress_updated_ms = self.now
        self.deployments[name] = d
        self.traffic[name] = rps
        self.dirty = True
        if running:
            self.instant = True
            controllers.reconcile(self)
            self.instant = False
            d.complete, d.progress_reason = True, "NewReplicaSetAvailable"
        return d

    def set_image(self, name: str, version: str, broken: bool = False) -> None:
        """`kubectl set image`: a new pod template, hence a new ReplicaSet and a rollout."""
        d = self.deployments[name]
        d.version, d.broken = version, broken
        self.dirty = True

    def rollback(self, name: str) -> str:
        """`kubectl rollout undo`: go back to the template of the previous revision."""
        d = self.deployments[name]
        mine = sorted((rs for rs in self.replicasets.values() if rs.deployment == name), key=lambda r: -r.revision)
        previous = mine[1] if len(mine) > 1 else mine[0]
        d.version, d.broken = previous.version, previous.broken
        self.dirty = True
        return previous.version

    def scale(self, name: str, replicas: int) -> None:
        """`kubectl scale` (or anything that writes spec.replicas)."""
        self.deployments[name].replicas = replicas
        self.dirty = True

    def delete_deployment(self, name: str) -> int:
        """`kubectl delete deployment`: the garbage collector deletes its ReplicaSets and their pods."""
        self.deployments.pop(name)
        self.traffic.pop(name, None)
        doomed = [p for p in self.pods.values() if p.app == name and not p.deleting]
        for pod in doomed:
            kubelet.terminate(self, pod)
        for rs in [rs for rs in self.replicasets.values() if rs.deployment == name]:
            rs.replicas = 0
            del self.replicasets[rs.name]
        self.dirty = True
        return len(doomed)

    def delete_pod(self, pod: Pod) -> None:
        """`kubectl delete pod`."""
        kubelet.terminate(self, pod)

    def crash(self, pod: Pod, crashes: int = 1) -> None:
        """The pod's container exits with an error now, and `crashes - 1` more times after restarts."""
        pod.crashes_left = crashes
        kubelet.exited(self, pod, pod.epoch, 1, "Error")

    def hang(self, pod: Pod) -> None:
        """The pod's app stops answering (its liveness probe will fail)."""
        kubelet.hang(self, pod)

    def fail_node(self, node: Node) -> None:
        """The node loses power."""
        nodelifecycle.fail(self, node)

    def set_traffic(self, app: str, rps: float) -> None:
        """Requests per second arriving at the app's Service."""
        self.traffic[app] = rps

    def autoscale(self, name: str, low: int, high: int, target: int, rps_at_100pct: float, behavior: str = "none",
                  metric_resolution_ms: int = METRIC_RESOLUTION_MS) -> None:
        """An HPA on CPU utilization: `kubectl autoscale` makes one without spec.behavior ("none"); "default" is
        one whose spec.behavior spells out the default rules."""
        self.hpa = autoscaler.Autoscaler(name, low, high, target, rps_at_100pct, Behavior(behavior),
                                         MetricsServer(metric_resolution_ms))
        autoscaler.start(self, self.hpa)

    # --- engine protocol -------------------------------------------------------------------------
    def reconcile(self) -> None:
        """Run the controllers and the scheduler until they settle."""
        self.dirty = False
        controllers.reconcile(self)
        self.dirty = False

    def snapshot(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Every node with its pods, and the pods no node has taken yet."""
        nodes = []
        for n in self.nodes.values():
            nodes.append({
                "name": n.name, "kind": "node", "status": "Ready" if n.ready else "NotReady", "ready": n.ready,
                "powered": n.alive, "zone": n.zone, "taints": list(n.taints),
                "capacity": {"cpu_millicores": n.cpu_m, "memory_mib": n.mem_mib, "pods": n.max_pods},
                "allocated": {"cpu_millicores": n.req_cpu, "memory_mib": n.req_mem},
                "pods": [self._view(p) for p in n.pods.values()],
            })
        return nodes, [self._view(p) for p in self.pending]

    def _view(self, p: Pod) -> dict[str, Any]:
        # Steps share the drawing of a pod that has not changed; a trace is read, never edited.
        key = (p.phase, p.status, p.ready, p.restarts, p.node)
        cached = self._views.get(p.name)
        if cached is None or cached[0] != key:
            cached = (key, _pod(p))
            self._views[p.name] = cached
        return cached[1]

    def metrics(self) -> dict[str, Any]:
        """The numbers a chart plots: replicas desired, total, ready, available; traffic; utilization."""
        out: dict[str, Any] = {"nodes_ready": sum(1 for n in self.nodes.values() if n.ready),
                               "nodes_total": len(self.nodes), "pending": len(self.pending)}
        for d in list(self.deployments.values())[:1]:
            total = ready = updated = 0
            versions: dict[str, int] = {}
            for p in self.pods.values():
                if p.app != d.name or not p.active:
                    continue
                total += 1
                ready += p.ready
                updated += p.version == d.version and p.broken == d.broken
                versions[p.version] = versions.get(p.version, 0) + 1
            surge, _ = resolve_fenceposts(d.max_surge, d.max_unavailable, d.replicas)
            unavailable = max_unavailable(d.max_surge, d.max_unavailable, d.replicas)
            out |= {"desired": d.replicas, "total": total, "ready": ready, "available": ready, "updated": updated,
                    "versions": versions, "version": d.version, "progressing": d.progressing,
                    "progress_reason": d.progress_reason, "max_total": d.replicas + surge,
                    "min_available": d.replicas - unavailable}
            out |= traffic(self, d.name)
        if self.hpa is not None:
            out["utilization"] = self.hpa.utilization
            out["target_utilization"] = self.hpa.target
        return out


def _pod(p: Pod) -> dict[str, Any]:
    return {"name": p.name, "version": p.version, "phase": p.phase, "status": p.status, "ready": p.ready,
            "restarts": p.restarts, "node": p.node, "replicaset": p.rs}
