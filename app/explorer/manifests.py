"""The Kubernetes manifests a scenario's parameters describe: Deployment, Service, HPA, CronJob and the rest."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

APP = "web"
PORT = 8080
LABELS = {"app": APP}


def manifests(kind: str, params: dict[str, Any]) -> list[dict[str, str]]:
    """Each object as {kind, name, yaml}; a scenario run by Docker alone has none."""
    try:
        key = json.dumps(params, sort_keys=True)
    except TypeError:  # a value JSON cannot hold: written afresh
        return [dict(item) for item in _write(kind, params)]
    return [dict(item) for item in _written(kind, key)]


@lru_cache(maxsize=256)
def _written(kind: str, params: str) -> tuple[dict[str, str], ...]:
    # Kept per kind and parameters (as JSON, so that the key is hashable): the YAML of a run's objects is the same
    # for every step of it, and every learner who plays it.
    return _write(kind, json.loads(params))


def _write(kind: str, params: dict[str, Any]) -> tuple[dict[str, str], ...]:
    objects = BUILDERS.get(kind, lambda p: [])(params)
    return tuple({"kind": obj["kind"], "name": obj["metadata"]["name"], "yaml": _dump(obj)} for obj in objects)


def _dump(obj: dict[str, Any]) -> str:
    import yaml  # on first use: a worker serving other pages never needs it

    # libyaml's emitter when PyYAML was built with it (the wheels are): the same text as the pure-Python SafeDumper
    # for these plain mappings (tests/explorer/test_manifests.py compares them), about five times faster.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(obj, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False)


def _meta(name: str = APP) -> dict[str, Any]:
    return {"name": name, "labels": dict(LABELS)}


def _quantity_cpu(millicores: float) -> str:
    return f"{round(millicores)}m"


def _deployment(p: dict[str, Any], replicas: int, version: str = "v1", cpu_m: int = 250, mem_mib: int = 256,
                cpu_limit_m: int | None = None, strategy: dict[str, Any] | None = None,
                tolerations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A Deployment of one container, its CPU and memory requests, and a readiness probe the Service relies on."""
    resources: dict[str, Any] = {"requests": {"cpu": _quantity_cpu(cpu_m), "memory": f"{mem_mib}Mi"}}
    if cpu_limit_m is not None:
        resources["limits"] = {"cpu": _quantity_cpu(cpu_limit_m)}
    container = {
        "name": APP, "image": f"{APP}:{version}", "ports": [{"containerPort": PORT}], "resources": resources,
        "readinessProbe": {"httpGet": {"path": "/healthz", "port": PORT}, "periodSeconds": 5},
    }
    pod_spec: dict[str, Any] = {"containers": [container]}
    if tolerations:
        pod_spec["tolerations"] = tolerations
    spec: dict[str, Any] = {"replicas": replicas, "selector": {"matchLabels": dict(LABELS)}}
    if strategy:
        spec["strategy"] = strategy
    # progressDeadlineSeconds defaults to 600; written out because the rolling update's story turns on it.
    spec["progressDeadlineSeconds"] = 600
    spec["template"] = {"metadata": {"labels": dict(LABELS)}, "spec": pod_spec}
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": _meta(), "spec": spec}


def _service() -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Service", "metadata": _meta(),
            "spec": {"selector": dict(LABELS), "ports": [{"port": 80, "targetPort": PORT}]}}


def _intstr(value: Any) -> int | str:
    """maxSurge and maxUnavailable: a number of pods or a percentage, as the API's IntOrString."""
    text = str(value)
    return text if text.endswith("%") else int(text)


def _rolling(p: dict[str, Any]) -> list[dict[str, Any]]:
    from app.sim.scenarios import rolling  # the simulator, loaded with the first scenario

    strategy = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": _intstr(p["max_surge"]),
                                                           "maxUnavailable": _intstr(p["max_unavailable"])}}
    return [_deployment(p, p["replicas"], p["from_version"], cpu_m=rolling.POD_CPU_M, strategy=strategy), _service()]


def _self_healing(p: dict[str, Any]) -> list[dict[str, Any]]:
    # The DefaultTolerationSeconds admission plugin adds these two with 300 s; a pod may ask for another time.
    seconds = p["toleration_seconds"]
    tolerations = [{"key": f"node.kubernetes.io/{taint}", "operator": "Exists", "effect": "NoExecute",
                    "tolerationSeconds": seconds} for taint in ("not-ready", "unreachable")]
    return [_deployment(p, p["replicas"], tolerations=tolerations), _service()]


def _autoscaling(p: dict[str, Any]) -> list[dict[str, Any]]:
    from app.sim.scenarios import autoscaling  # the simulator, loaded with the first scenario

    request = autoscaling.POD_CPU_M
    limit = round(request * p["pod_capacity_rps"] / p["rps_per_pod_at_100pct"])
    hpa_spec: dict[str, Any] = {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": APP},
        "minReplicas": p["min_replicas"], "maxReplicas": p["max_replicas"],
        "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
            "type": "Utilization", "averageUtilization": p["target_cpu_utilization"]}}}],
    }
    if p["behavior"] == "default":
        # The defaults written out (HorizontalPodAutoscalerBehavior in the autoscaling/v2 API reference).
        hpa_spec["behavior"] = {
            "scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max", "policies": [
                {"type": "Percent", "value": 100, "periodSeconds": 15},
                {"type": "Pods", "value": 4, "periodSeconds": 15}]},
            "scaleDown": {"stabilizationWindowSeconds": 300, "selectPolicy": "Max", "policies": [
                {"type": "Percent", "value": 100, "periodSeconds": 15}]},
        }
    hpa = {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": _meta(), "spec": hpa_spec}
    return [_deployment(p, p["min_replicas"], cpu_m=request, cpu_limit_m=limit), _service(), hpa]


def _scheduled(p: dict[str, Any]) -> list[dict[str, Any]]:
    from app.sim.scenarios import scheduled  # the simulator, loaded with the first scenario

    hour, minute = (int(part) for part in str(p["at"]).split(":"))
    name = "scale-web"
    account = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name}}
    # The CronJob's pod may only read and scale Deployments: the scale subresource is what `kubectl scale` writes.
    role = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": name}, "rules": [
        {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get"]},
        {"apiGroups": ["apps"], "resources": ["deployments/scale"], "verbs": ["get", "patch", "update"]}]}
    binding = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": name},
               "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": name},
               "subjects": [{"kind": "ServiceAccount", "name": name}]}
    cronjob = {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": name}, "spec": {
        "schedule": f"{minute} {hour} * * *", "concurrencyPolicy": "Forbid",
        "jobTemplate": {"spec": {"template": {"spec": {
            "serviceAccountName": name, "restartPolicy": "OnFailure",
            "containers": [{"name": "kubectl", "image": "registry.k8s.io/kubectl:v1.34.0",
                            "args": ["scale", f"deployment/{APP}", f"--replicas={p['replicas_after']}"]}]}}}}}}
    deployment = _deployment(p, p["replicas_before"], cpu_m=p["pod_cpu_millicores"], mem_mib=scheduled.POD_MEMORY_MIB)
    return [deployment, _service(), account, role, binding, cronjob]


def _portability(p: dict[str, Any]) -> list[dict[str, Any]]:
    from app.sim.scenarios import portability  # the simulator, loaded with the first scenario

    return [_deployment(p, p["replicas"], cpu_m=portability.POD_CPU_M), _service()]


def _side_by_side(p: dict[str, Any]) -> list[dict[str, Any]]:
    return [_deployment(p, p["replicas"]), _service()]


BUILDERS = {
    "scheduled-scale-out": _scheduled,
    "self-healing": _self_healing,
    "autoscaling": _autoscaling,
    "rolling-update": _rolling,
    "vendor-portability": _portability,
    "docker-vs-kubernetes": _side_by_side,
}
