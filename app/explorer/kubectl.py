"""What kubectl and docker would print at each step of a trace, in their own column layouts."""

from __future__ import annotations

import hashlib
import math
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app import sim
from app.explorer.per_trace import PerTrace

NONE = "<none>"
NAMESPACE_EMPTY = "No resources found in default namespace."
# The wall clock that node timestamps are printed against: a fixed date, so that every run prints the same.
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
# Statuses whose pod has no IP yet: the sandbox is not up (kubectl prints <none> for an empty status.podIPs).
NO_IP = {"Pending", "ContainerCreating"}


def human_duration(seconds: float) -> str:
    """An age as kubectl prints it: apimachinery's duration.HumanDuration (pkg/util/duration/duration.go)."""
    s = int(seconds)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 120:
        return f"{s}s"
    minutes = s // 60
    if minutes < 10:
        rest = s % 60
        return f"{minutes}m{rest}s" if rest else f"{minutes}m"
    if minutes < 180:
        return f"{minutes}m"
    hours = s // 3600
    if hours < 8:
        rest = minutes % 60
        return f"{hours}h{rest}m" if rest else f"{hours}h"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        rest = hours % 24
        return f"{hours // 24}d{rest}h" if rest else f"{hours // 24}d"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        rest = (hours // 24) % 365
        return f"{hours // 24 // 365}y{rest}d" if rest else f"{hours // 24 // 365}y"
    return f"{hours // 24 // 365}y"


def docker_duration(seconds: float) -> str:
    """A duration as `docker ps` prints it: HumanDuration of github.com/docker/go-units (duration.go)."""
    s = int(seconds)
    if s < 1:
        return "Less than a second"
    if s == 1:
        return "1 second"
    if s < 60:
        return f"{s} seconds"
    minutes = s // 60
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = int(seconds / 3600 + 0.5)
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    if hours < 24 * 7 * 2:
        return f"{hours // 24} days"
    if hours < 24 * 30 * 2:
        return f"{hours // 24 // 7} weeks"
    if hours < 24 * 365 * 2:
        return f"{hours // 24 // 30} months"
    return f"{s // 3600 // 24 // 365} years"


def tabulate(rows: list[list[str]], min_width: int = 6, padding: int = 3) -> str:
    """Rows laid out as Go's text/tabwriter lays out tab-separated cells, the last cell of a line unpadded.

    kubectl's printer uses tabwriter.NewWriter(out, 6, 4, 3, ' ', 0) (cli-runtime/pkg/printers/tabwriter.go:
    minwidth 6, padding 3); docker's formatter uses minwidth 10 and padding 3 (cli/command/formatter).
    """
    columns = max(len(row) for row in rows)
    widths = [max(min_width, max(len(row[i]) for row in rows if i < len(row) - 1) + padding)
              if any(i < len(row) - 1 for row in rows) else 0 for i in range(columns)]
    lines = []
    for row in rows:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        lines.append("".join(cells))
    return "\n".join(lines)


def command(line: str, output: str) -> dict[str, str]:
    """One command and what it prints."""
    return {"command": line, "output": output}


@dataclass
class _Seen:
    """What the trace has shown of one pod or container so far."""

    created_s: float
    restarts: int = 0
    restarted_s: float | None = None
    state: str = ""
    state_s: float = 0.0
    ip: str = ""
    bound: bool = False  # has a node: its Scheduled event is written
    terminating: bool = False


@dataclass
class _History:
    """Everything remembered while walking a trace's steps in order."""

    pods: dict[tuple[str, str], _Seen] = field(default_factory=dict)
    ips: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (group, node) → addresses handed out
    deployments: dict[str, float] = field(default_factory=dict)  # group → when its Deployment was applied
    heartbeats: dict[tuple[str, str], float] = field(default_factory=dict)
    unknown_since: dict[tuple[str, str], float] = field(default_factory=dict)
    dark: set[tuple[str, str]] = field(default_factory=set)  # nodes seen without power
    events: dict[str, dict[tuple, dict[str, Any]]] = field(default_factory=dict)  # group → events, oldest first


def commands(trace: sim.Trace) -> list[list[dict[str, str]]]:
    """For each step of a trace, the commands a person would type and what each prints at that moment."""
    history = _History()
    return [_step(trace, step, history) for step in trace.steps]


@dataclass
class _Walk:
    """A trace walked up to some step: what each step so far printed, and the history to go on from."""

    history: _History = field(default_factory=_History)
    printed: list[list[dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


# The walks of the traces shown last: a step page walks its trace only as far as its step, once.
_walks: PerTrace[_Walk] = PerTrace(64, _Walk)


def commands_at(trace: sim.Trace, index: int) -> list[dict[str, str]]:
    """The commands of one step, as commands(trace)[index] gives them, walking the trace no further than that step."""
    walk = _walks.get(trace)
    with walk.lock:
        while len(walk.printed) <= index:
            walk.printed.append(_step(trace, trace.steps[len(walk.printed)], walk.history))
        return walk.printed[index]


def _groups(step: sim.Step) -> list[dict[str, Any]]:
    """The clusters or hosts of a step, each with its nodes, its pods not scheduled yet and its own numbers."""
    if step.columns:
        return step.columns
    return [{"key": "", "title": None, "nodes": step.nodes, "unscheduled": step.unscheduled, "metrics": step.metrics}]


def _step(trace: sim.Trace, step: sim.Step, history: _History) -> list[dict[str, str]]:
    groups = _groups(step)
    kube_groups = [g for g in groups if not _is_docker(g)]
    out: list[dict[str, str]] = []
    for group in groups:
        if _is_docker(group):
            out.extend(_docker_ps(group, step, history))
            continue
        key = group["key"]
        context = f"--context {key} " if len(kube_groups) > 1 else ""
        pods = _pods(group)
        _record_events(key, group, pods, step, history)
        _remember(key, group, pods, step, history)
        _remember_nodes(key, group, step, history)
        out.append(command(f"kubectl {context}get pods -o wide", _get_pods(key, group, pods, step, history)))
        metrics = group.get("metrics") or {}
        out.append(command(f"kubectl {context}get deployment", _get_deployment(key, metrics, step, history)))
        if _rollout_applies(trace, metrics):
            out.append(command(f"kubectl {context}rollout status deployment/web", _rollout_status(metrics)))
        if trace.kind == "autoscaling" and not context:
            out.append(command("kubectl get hpa", _get_hpa(trace, step)))
        out.append(command(f"kubectl {context}get events --sort-by=.lastTimestamp", _get_events(key, step, history)))
        for node in group["nodes"]:
            if node["taints"] or not node["ready"] or not node.get("powered", True):
                out.append(command(f"kubectl {context}describe node {node['name']}",
                                   _describe_node(key, node, step, history)))
    return out


def _is_docker(group: dict[str, Any]) -> bool:
    return bool(group["nodes"]) and all(node["kind"] == "docker-host" for node in group["nodes"])


def _pods(group: dict[str, Any]) -> list[dict[str, Any]]:
    """Every pod the API server holds for this group: those bound to nodes and those not scheduled yet."""
    pods = [{**pod, "node": node["name"]} for node in group["nodes"] for pod in node["pods"]]
    pods += [{**pod, "node": None} for pod in group.get("unscheduled") or []]
    return sorted(pods, key=lambda pod: pod["name"])  # the API server lists objects by name


def _remember(key: str, group: dict[str, Any], pods: list[dict[str, Any]], step: sim.Step, history: _History) -> None:
    now = step.time_s
    if (group.get("metrics") or {}).get("desired") is not None:
        history.deployments.setdefault(key, now)
    node_index = {node["name"]: i + 1 for i, node in enumerate(group["nodes"])}
    for pod in pods:
        seen = history.pods.setdefault((key, pod["name"]), _Seen(created_s=now))
        if pod["restarts"] > seen.restarts:
            seen.restarts, seen.restarted_s = pod["restarts"], now
        seen.bound = seen.bound or bool(pod["node"])
        seen.terminating = pod["status"] == "Terminating"
        if not seen.ip and pod["node"] and pod["status"] not in NO_IP:
            seen.ip = _pod_ip(key, pod["name"], node_index[pod["node"]], pod["node"], history)


def _pod_ip(key: str, name: str, index: int, node: str, history: _History) -> str:
    """A stable address in the node's pod range: 10.244.<node>.0/24 is kubeadm's usual podCIDR per node."""
    taken = history.ips.setdefault((key, node), set())
    slot = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 250
    for probe in range(250):
        ip = f"10.244.{index}.{2 + (slot + probe) % 250}"
        if ip not in taken:
            taken.add(ip)
            return ip
    return f"10.244.{index}.{2 + slot}"


def _get_pods(key: str, group: dict[str, Any], pods: list[dict[str, Any]], step: sim.Step, history: _History) -> str:
    """`kubectl get pods -o wide`: printPod in pkg/printers/internalversion/printers.go."""
    if not pods:
        return NAMESPACE_EMPTY
    rows = [["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]]
    for pod in pods:
        seen = history.pods[(key, pod["name"])]
        restarts = str(pod["restarts"])
        if pod["restarts"] and seen.restarted_s is not None:
            # Since 1.24 RESTARTS says how long ago the last one was: "%d (%s ago)".
            restarts = f"{pod['restarts']} ({human_duration(step.time_s - seen.restarted_s)} ago)"
        ip = seen.ip if seen.ip and pod["node"] and pod["status"] not in NO_IP else NONE
        rows.append([pod["name"], "1/1" if pod["ready"] else "0/1", pod["status"], restarts,
                     human_duration(step.time_s - seen.created_s), ip, pod["node"] or NONE, NONE, NONE])
    return tabulate(rows)


def _get_deployment(key: str, m: dict[str, Any], step: sim.Step, history: _History) -> str:
    """`kubectl get deployment`: printDeployment; READY is status.readyReplicas/spec.replicas."""
    if m.get("desired") is None:
        return NAMESPACE_EMPTY
    age = human_duration(step.time_s - history.deployments[key])
    return tabulate([["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
                     ["web", f"{m['ready']}/{m['desired']}", str(m["updated"]), str(m["available"]), age]])


def _rollout_applies(trace: sim.Trace, m: dict[str, Any]) -> bool:
    """Shown through a rolling update, and in any scenario while a rollout has not finished."""
    if m.get("desired") is None or m.get("updated") is None:
        return False
    return trace.kind == "rolling-update" or not _rollout_status(m).startswith("deployment ")


def _rollout_status(m: dict[str, Any]) -> str:
    """The line `kubectl rollout status` prints now: DeploymentStatusViewer in kubectl's rollout_status.go."""
    name = '"web"'
    if m.get("progress_reason") == "ProgressDeadlineExceeded":
        return f"error: deployment {name} exceeded its progress deadline"
    if m["updated"] < m["desired"]:
        return (f"Waiting for deployment {name} rollout to finish: {m['updated']} out of {m['desired']} new replicas "
                "have been updated...")
    if m["total"] > m["updated"]:
        return f"Waiting for deployment {name} rollout to finish: {m['total'] - m['updated']} old replicas are " \
               "pending termination..."
    if m["available"] < m["updated"]:
        return (f"Waiting for deployment {name} rollout to finish: {m['available']} of {m['updated']} updated "
                "replicas are available...")
    return f"deployment {name} successfully rolled out"


def _get_hpa(trace: sim.Trace, step: sim.Step) -> str:
    """`kubectl get hpa`: printHorizontalPodAutoscaler; TARGETS for a resource metric is "cpu: 35%/50%"."""
    m, p = step.metrics, trace.params
    current = f"{m['utilization']}%" if m.get("utilization") is not None else "<unknown>"
    target = m.get("target_utilization", p["target_cpu_utilization"])
    return tabulate([["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
                     ["web", "Deployment/web", f"cpu: {current}/{target}%", str(p["min_replicas"]),
                      str(p["max_replicas"]), str(m["desired"]), human_duration(step.time_s)]])


def _remember_nodes(key: str, group: dict[str, Any], step: sim.Step, history: _History) -> None:
    """The kubelet posts its node's status every 10 s (nodeStatusUpdateFrequency); a node without power stops."""
    for node in group["nodes"]:
        name = (key, node["name"])
        if node.get("powered", True):
            history.heartbeats[name] = step.time_s // 10 * 10
        elif name not in history.dark:
            # Power went off since the step before: the last status was posted at the last 10 s mark before now.
            history.dark.add(name)
            history.heartbeats[name] = max(0.0, math.ceil(step.time_s / 10) * 10 - 10)
    for decision in step.decisions:
        if decision["type"] == "node_not_ready" and decision.get("column", key) == key:
            inputs = decision["inputs"]
            history.heartbeats[(key, inputs["node"])] = inputs["last_heartbeat_s"]
            history.unknown_since[(key, inputs["node"])] = inputs["now_s"]


def _stamp(seconds: float) -> str:
    # kubectl describe prints times as time.RFC1123Z.
    return (EPOCH + timedelta(seconds=seconds)).strftime("%a, %d %b %Y %H:%M:%S +0000")


# The four node conditions the kubelet reports, with its reasons and messages while it is posting status.
CONDITIONS = (
    ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
)


def _describe_node(key: str, node: dict[str, Any], step: sim.Step, history: _History) -> str:
    """The top of `kubectl describe node` (describe.go): taints, then the conditions table."""
    name = node["name"]
    heartbeat = history.heartbeats.get((key, name), 0.0)
    unknown = history.unknown_since.get((key, name)) if not node["ready"] else None
    rows = [["Type", "Status", "LastHeartbeatTime", "LastTransitionTime", "Reason", "Message"],
            ["----", "------", "-----------------", "------------------", "------", "-------"]]
    for kind, status, reason, message in CONDITIONS:
        if unknown is not None:
            # The node lifecycle controller sets every condition to Unknown (nodeStatusUnknown).
            rows.append([kind, "Unknown", _stamp(heartbeat), _stamp(unknown), "NodeStatusUnknown",
                         "Kubelet stopped posting node status."])
        else:
            rows.append([kind, status, _stamp(heartbeat), _stamp(0), reason, message])
    taints = node["taints"] or [NONE]
    head = [f"Name:               {name}", "Roles:              <none>",
            f"Taints:             {taints[0]}"] + [f"                    {t}" for t in taints[1:]]
    head.append("Unschedulable:      false")  # nobody cordons a node in these scenarios
    table = tabulate(rows, min_width=0, padding=2)
    return "\n".join(head + ["Conditions:"] + ["  " + line for line in table.splitlines()])


def _docker_ps(group: dict[str, Any], step: sim.Step, history: _History) -> list[dict[str, str]]:
    """`docker ps -a` on each Docker host, run over ssh from a workstation."""
    out = []
    for node in group["nodes"]:
        line = f"ssh {node['name']} docker ps -a"
        if not node.get("powered", True):
            out.append(command(line, f"ssh: connect to host {node['name']} port 22: No route to host"))
            continue
        out.append(command(line, _docker_table(group["key"], node, step, history)))
    return out


def _docker_table(key: str, node: dict[str, Any], step: sim.Step, history: _History) -> str:
    """The table of `docker ps`: CONTAINER ID IMAGE COMMAND CREATED STATUS PORTS NAMES (cli/command/formatter)."""
    now = step.time_s
    rows = [["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]]
    # docker ps lists the newest container first; those of one host here start together, in name order.
    for container in sorted(node["pods"], key=lambda c: c["name"], reverse=True):
        seen = history.pods.setdefault((key, container["name"]), _Seen(created_s=now, state_s=now))
        state = container["status"].split(" ")[0]
        if state != seen.state or container["restarts"] != seen.restarts:
            seen.state, seen.state_s, seen.restarts = state, now, container["restarts"]
        ago = docker_duration(now - seen.state_s)
        status = {"Up": f"Up {ago}", "Restarting": f"{container['status']} {ago} ago",
                  "Exited": f"{container['status']} {ago} ago"}.get(state, container["status"])
        ident = hashlib.sha256(f"{node['name']}/{container['name']}".encode()).hexdigest()[:12]
        rows.append([ident, f"web:{container['version']}", '"/app/web"',
                     f"{docker_duration(now - seen.created_s)} ago", status, "", container["name"]])
    return tabulate(rows, min_width=10)


# An event lives an hour unless the API server is told otherwise (kube-apiserver --event-ttl, default 1h0m0s).
EVENT_TTL_S = 3600
SCALE_UP = "cpu resource utilization (percentage of request) above target"  # the HPA controller's rescale reason


def _event(history: _History, key: str, now: float, type_: str, reason: str, obj: str, message: str) -> None:
    """Record an event; the same one again only counts up, as the API server's event correlator does."""
    events = history.events.setdefault(key, {})
    event = events.get((type_, reason, obj, message))
    if event is not None:
        event["count"] += 1
        event["last_s"] = now
        return
    events[(type_, reason, obj, message)] = {"type": type_, "reason": reason, "object": obj, "message": message,
                                             "count": 1, "first_s": now, "last_s": now}


def _record_events(key: str, group: dict[str, Any], pods: list[dict[str, Any]], step: sim.Step,
                   history: _History) -> None:
    """The events the controllers and kubelets would have written since the step before, from what changed."""
    now = step.time_s
    failed_probe = " ".join(e["text"] for e in step.events if e["type"] == "probe_failed"
                            and e.get("column", key) == key)
    for decision in step.decisions:
        if decision.get("column", key) != key:
            continue
        _decision_events(key, decision, step, history)
    for pod in pods:
        seen = history.pods.get((key, pod["name"]))
        obj = f"pod/{pod['name']}"
        if seen is None and pod.get("replicaset"):
            _event(history, key, now, "Normal", "SuccessfulCreate", f"replicaset/{pod['replicaset']}",
                   f"Created pod: {pod['name']}")
        if pod["node"] and (seen is None or not seen.bound):
            _event(history, key, now, "Normal", "Scheduled", obj,
                   f"Successfully assigned default/{pod['name']} to {pod['node']}")
        if seen is not None and pod["restarts"] > seen.restarts:
            for reason, message in (("Pulled", f'Container image "web:{pod["version"]}" already present on machine'),
                                    ("Created", "Created container: web"), ("Started", "Started container web")):
                _event(history, key, now, "Normal", reason, obj, message)
        if pod["status"] == "CrashLoopBackOff":
            uid = hashlib.sha256(pod["name"].encode()).hexdigest()
            uid = f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:32]}"
            _event(history, key, now, "Warning", "BackOff", obj,
                   f"Back-off restarting failed container web in pod {pod['name']}_default({uid})")
        if pod["status"] == "Terminating" and (seen is None or not seen.terminating):
            _event(history, key, now, "Normal", "Killing", obj, "Stopping container web")
        if failed_probe and pod["name"] in failed_probe and not pod["ready"]:
            _event(history, key, now, "Warning", "Unhealthy", obj,
                   "Readiness probe failed: HTTP probe failed with statuscode: 500")


def _decision_events(key: str, decision: dict[str, Any], step: sim.Step, history: _History) -> None:
    now, kind, inputs = step.time_s, decision["type"], decision["inputs"]
    if kind in ("scale_up_new", "scale_down_old", "scale_down_new", "cleanup_unhealthy"):
        verb = "up" if inputs["to"] > inputs["from"] else "down"
        _event(history, key, now, "Normal", "ScalingReplicaSet", "deployment/web",
               f"Scaled {verb} replica set {inputs['replicaset']} from {inputs['from']} to {inputs['to']}")
    elif kind == "delete_pods":
        for name in decision["result"]:
            _event(history, key, now, "Normal", "SuccessfulDelete", f"replicaset/{inputs['replicaset']}",
                   f"Deleted pod: {name}")
    elif kind == "unschedulable":
        for name in inputs["pods"]:
            _event(history, key, now, "Warning", "FailedScheduling", f"pod/{name}", inputs["reason"])
    elif kind == "node_not_ready":
        node = inputs["node"]
        _event(history, key, now, "Normal", "NodeNotReady", f"node/{node}", f"Node {node} status is now: NodeNotReady")
    elif kind == "evicted":
        for name in inputs["pods"]:
            _event(history, key, now, "Normal", "TaintManagerEviction", f"pod/{name}",
                   f"Marking for deletion Pod default/{name}")
    elif kind == "scale" and decision["controller"] == "horizontal-pod-autoscaler":
        reason = SCALE_UP if decision["result"] > inputs["current_replicas"] else "All metrics below target"
        _event(history, key, now, "Normal", "SuccessfulRescale", "horizontalpodautoscaler/web",
               f"New size: {decision['result']}; reason: {reason}")
    elif kind == "job_created":
        # A CronJob names each Job after its scheduled time in minutes since the Unix epoch.
        minutes = int((EPOCH + timedelta(seconds=now)).timestamp() // 60)
        _event(history, key, now, "Normal", "SuccessfulCreate", f"cronjob/{inputs['job']}",
               f"Created job {inputs['job']}-{minutes}")


def _get_events(key: str, step: sim.Step, history: _History) -> str:
    """`kubectl get events` (printEvent): LAST SEEN, with "(xN over AGE)" for a repeated one, TYPE, REASON..."""
    now = step.time_s
    events = [e for e in history.events.get(key, {}).values() if now - e["last_s"] <= EVENT_TTL_S]
    if not events:
        return NAMESPACE_EMPTY
    rows = [["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]]
    for event in sorted(events, key=lambda e: e["last_s"]):
        seen = human_duration(now - event["last_s"])
        if event["count"] > 1:
            seen = f"{seen} (x{event['count']} over {human_duration(now - event['first_s'])})"
        rows.append([seen, event["type"], event["reason"], event["object"], event["message"]])
    return tabulate(rows)
