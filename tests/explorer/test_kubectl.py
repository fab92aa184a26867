"""What kubectl and docker would print at each step: rows that match the step's pods, in the printers' layouts."""

import re

import pytest

from app import sim
from app.explorer import kubectl

KINDS = list(sim.KINDS)
POD_COLUMNS = ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
DOCKER_COLUMNS = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]
AGE = re.compile(r"^(\d+s|\d+m(\d+s)?|\d+h(\d+m)?|\d+d(\d+h)?)$")


def table(output: str, columns: list[str]) -> list[dict[str, str]]:
    """Read a printed table back by where each header starts, checking the layout on the way."""
    lines = output.splitlines()
    header = lines[0]
    starts = []
    for name in columns:
        start = header.index(name, starts[-1] + 1 if starts else 0)
        starts.append(start)
    assert header.startswith(columns[0]) and header.endswith(columns[-1])
    rows = []
    for line in lines[1:]:
        cells = {}
        for i, name in enumerate(columns):
            end = starts[i + 1] if i + 1 < len(columns) else None
            cell = line[starts[i]:end]
            if end is not None:
                # Left-aligned cells padded with spaces: at least three before the next column starts.
                assert cell.endswith("   ") or (cell.strip() == "" and len(cell) >= 3), (name, line)
                assert line[starts[i] - 1:starts[i]] in ("", " "), line
            cells[name] = cell.strip()
        rows.append(cells)
    return rows


def groups(step: sim.Step) -> list[dict]:
    if step.columns:
        return step.columns
    return [{"key": "", "nodes": step.nodes, "unscheduled": step.unscheduled, "metrics": step.metrics}]


def pods_of(group: dict) -> dict[str, tuple]:
    pods = {p["name"]: (n["name"], p) for n in group["nodes"] for p in n["pods"]}
    pods.update({p["name"]: ("<none>", p) for p in group.get("unscheduled") or []})
    return pods


def output_of(commands: list[dict], line: str) -> str:
    found = [c["output"] for c in commands if c["command"] == line]
    assert len(found) == 1, (line, [c["command"] for c in commands])
    return found[0]


# Defaults, and runs that leave pods Pending without a node or restart a container until it stays down.
RUNS = [(kind, {}) for kind in KINDS] + [
    ("scheduled-scale-out", {"nodes": 1, "pod_cpu_millicores": 1000}),
    ("self-healing", {"replicas": 7, "nodes": 2, "crashes": 8}),
    ("rolling-update", {"replicas": 9, "max_surge": 0, "max_unavailable": 3}),
]


@pytest.mark.parametrize(("kind", "params"), RUNS)
def test_get_pods_wide_lists_exactly_the_pods_of_every_step(kind, params):
    trace = sim.run(kind, params, lang="en")
    printed = kubectl.commands(trace)
    assert len(printed) == len(trace.steps)
    for step, commands in zip(trace.steps, printed, strict=True):
        kube = [g for g in groups(step) if not all(n["kind"] == "docker-host" for n in g["nodes"]) or not g["nodes"]]
        for group in kube:
            context = f"--context {group['key']} " if len(kube) > 1 else ""
            output = output_of(commands, f"kubectl {context}get pods -o wide")
            expected = pods_of(group)
            if not expected:
                assert output == "No resources found in default namespace."
                continue
            rows = table(output, POD_COLUMNS)
            assert [row["NAME"] for row in rows] == sorted(expected)  # each pod once, by name, nothing else
            for row in rows:
                node, pod = expected[row["NAME"]]
                assert row["NODE"] == node
                assert row["READY"] == ("1/1" if pod["ready"] else "0/1")
                assert row["STATUS"] == pod["status"]
                restarts = re.fullmatch(r"(\d+)( \((\S+) ago\))?", row["RESTARTS"])
                assert restarts and int(restarts[1]) == pod["restarts"]
                assert bool(restarts[2]) == (pod["restarts"] > 0)
                assert AGE.match(row["AGE"]) and row["NOMINATED NODE"] == row["READINESS GATES"] == "<none>"
                has_ip = pod["status"] not in ("Pending", "ContainerCreating") and node != "<none>"
                assert re.fullmatch(r"10\.244\.\d+\.\d+", row["IP"]) if has_ip else row["IP"] == "<none>"
            ips = [row["IP"] for row in rows if row["IP"] != "<none>"]
            assert len(ips) == len(set(ips))
            pending = [row for row in rows if row["NODE"] == "<none>"]
            assert all(row["STATUS"] == "Pending" for row in pending)


def test_every_step_of_every_kind_prints_commands():
    for kind in KINDS:
        trace = sim.run(kind, lang="ko")
        for commands in kubectl.commands(trace):
            assert commands and all(c["command"] and c["output"] for c in commands)


def test_ages_and_restarts_count_from_when_the_trace_shows_them():
    trace = sim.run("self-healing", lang="en")
    rows = table(output_of(kubectl.commands(trace)[2], "kubectl get pods -o wide"), POD_COLUMNS)
    crashed = next(row for row in rows if row["STATUS"] == "CrashLoopBackOff")
    assert crashed["RESTARTS"] == "1 (2s ago)" and crashed["AGE"] == "22s"


def test_deployment_line_follows_the_rolling_update_step_by_step():
    for params in ({}, {"replicas": 6, "max_surge": 2, "max_unavailable": 0}):
        trace = sim.run("rolling-update", params, lang="en")
        seen = set()
        for step, commands in zip(trace.steps, kubectl.commands(trace), strict=True):
            m = step.metrics
            header, line = output_of(commands, "kubectl get deployment").splitlines()
            assert re.split(r" {3,}", header) == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
            name, ready, updated, available, age = line.split()
            assert (name, ready, updated, available) == ("web", f"{m['ready']}/{m['desired']}", str(m["updated"]),
                                                         str(m["available"]))
            assert AGE.match(age)
            seen.add((ready, updated, available))
            status = output_of(commands, "kubectl rollout status deployment/web")
            if m["progress_reason"] == "ProgressDeadlineExceeded":
                assert status == 'error: deployment "web" exceeded its progress deadline'
            elif m["updated"] < m["desired"]:
                assert status.endswith(f"{m['updated']} out of {m['desired']} new replicas have been updated...")
            elif m["updated"] == m["total"] == m["available"]:
                assert status == 'deployment "web" successfully rolled out'
        assert len(seen) > 1  # the numbers move during the rollout


def test_hpa_line_shows_targets_min_max_and_replicas():
    trace = sim.run("autoscaling", {"max_replicas": 8}, lang="en")
    outputs = [output_of(c, "kubectl get hpa") for c in kubectl.commands(trace)]
    assert re.split(r" {3,}", outputs[0].splitlines()[0]) == ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS",
                                                             "REPLICAS", "AGE"]
    assert "cpu: <unknown>/50%" in outputs[0]
    for step, output in zip(trace.steps, outputs, strict=True):
        cells = re.split(r" {3,}", output.splitlines()[1])
        assert cells[:2] == ["web", "Deployment/web"] and cells[3:6] == ["2", "8", str(step.metrics["desired"])]
        if step.metrics.get("utilization") is not None:
            assert cells[2] == f"cpu: {step.metrics['utilization']}%/50%"


def test_describe_node_shows_the_unreachable_taints_and_unknown_conditions():
    trace = sim.run("self-healing", lang="en")
    printed = kubectl.commands(trace)
    tainted = [(step, c) for step, commands in zip(trace.steps, printed, strict=True) for c in commands
               if c["command"].startswith("kubectl describe node")]
    assert tainted
    step, described = next((s, c) for s, c in tainted if any(n["taints"] for n in s.nodes))
    assert "Taints:             node.kubernetes.io/unreachable:NoSchedule" in described["output"]
    assert re.search(r"^  Ready +Unknown +.+ +NodeStatusUnknown +Kubelet stopped posting node status\.$",
                     described["output"], re.M)


def test_docker_ps_for_a_docker_host_alone():
    trace = sim.run("docker-alone", lang="en")
    printed = kubectl.commands(trace)
    for step, commands in zip(trace.steps, printed, strict=True):
        assert [c["command"] for c in commands] == ["ssh host-1 docker ps -a"]  # no kubectl without Kubernetes
        host = step.nodes[0]
        if not host["powered"]:
            assert commands[0]["output"] == "ssh: connect to host host-1 port 22: No route to host"
            continue
        rows = table(commands[0]["output"], DOCKER_COLUMNS)
        assert [row["NAMES"] for row in rows] == ["web"]
        row, container = rows[0], host["pods"][0]
        assert re.fullmatch(r"[0-9a-f]{12}", row["CONTAINER ID"]) and row["IMAGE"] == "web:v1"
        if container["status"] == "Up":
            assert re.fullmatch(r"Up (Less than a second|\d+ seconds|About a minute|\d+ minutes)", row["STATUS"])
        else:
            assert re.fullmatch(re.escape(container["status"]) + r" (Less than a second|\d+ seconds?) ago",
                                row["STATUS"])
    statuses = [table(c[0]["output"], DOCKER_COLUMNS)[0]["STATUS"] for c in printed if "ssh:" not in c[0]["output"]]
    assert statuses[1].startswith("Restarting (1) ")


def test_docker_ps_shows_an_exited_container_with_no_restart_policy():
    trace = sim.run("docker-alone", {"restart_policy": "no"}, lang="en")
    outputs = [c[0]["output"] for c in kubectl.commands(trace)]
    assert any(re.search(r"Exited \(1\) (Less than a second|\d+ seconds) ago", out) for out in outputs)


def test_docker_side_of_the_comparison_gets_docker_ps_and_kubernetes_side_kubectl():
    trace = sim.run("docker-vs-kubernetes", lang="en")
    for step, commands in zip(trace.steps, kubectl.commands(trace), strict=True):
        lines = [c["command"] for c in commands]
        assert lines[0] == "ssh host-1 docker ps -a" and "kubectl get pods -o wide" in lines
        docker = step.columns[0]["nodes"][0]
        if docker["powered"]:
            names = [row["NAMES"] for row in table(commands[0]["output"], DOCKER_COLUMNS)]
            assert sorted(names) == sorted(p["name"] for p in docker["pods"])


def test_the_same_run_prints_the_same_and_ids_come_from_names():
    first = kubectl.commands(sim.run("scheduled-scale-out", lang="en"))
    again = kubectl.commands(sim.run("scheduled-scale-out", lang="en"))
    assert first == again


@pytest.mark.parametrize(("seconds", "printed"), [
    (0, "0s"), (45, "45s"), (119, "119s"), (120, "2m"), (190, "3m10s"), (600, "10m"), (179 * 60, "179m"),
    (3 * 3600, "3h"), (3 * 3600 + 5 * 60, "3h5m"), (8 * 3600, "8h"), (47 * 3600, "47h"), (2 * 86400, "2d"),
    (2 * 86400 + 3 * 3600, "2d3h"), (8 * 86400, "8d"), (3 * 365 * 86400, "3y"), (-1, "0s"), (-5, "<invalid>"),
])
def test_human_duration_matches_apimachinery(seconds, printed):
    assert kubectl.human_duration(seconds) == printed


@pytest.mark.parametrize(("seconds", "printed"), [
    (0.5, "Less than a second"), (1, "1 second"), (5, "5 seconds"), (60, "About a minute"), (300, "5 minutes"),
    (3600, "About an hour"), (5 * 3600, "5 hours"), (3 * 86400, "3 days"),
])
def test_docker_duration_matches_go_units(seconds, printed):
    assert kubectl.docker_duration(seconds) == printed


def test_tabulate_pads_like_tabwriter():
    assert kubectl.tabulate([["NAME", "READY", "AGE"], ["web-1", "1/1", "5s"]]) == \
        "NAME    READY   AGE\nweb-1   1/1     5s"
    assert kubectl.tabulate([["A", "B"], ["x", "y"]]) == "A     B\nx     y"  # minwidth 6


EVENT_COLUMNS = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]


def events_of(kind: str, params: dict | None = None) -> list[list[dict[str, str]]]:
    trace = sim.run(kind, params or {}, lang="en")
    outputs = [output_of(commands, "kubectl get events --sort-by=.lastTimestamp") for commands in kubectl.commands(trace)]
    return [[] if out == "No resources found in default namespace." else table(out, EVENT_COLUMNS) for out in outputs]


def test_events_tell_what_the_controllers_did():
    healing = events_of("self-healing")[-1]
    reasons = {(row["TYPE"], row["REASON"]) for row in healing}
    assert {("Warning", "BackOff"), ("Normal", "NodeNotReady"), ("Normal", "TaintManagerEviction"),
            ("Normal", "ScalingReplicaSet"), ("Normal", "Scheduled"), ("Normal", "Killing")} <= reasons
    backoff = next(row for row in healing if row["REASON"] == "BackOff")
    assert re.fullmatch(r"\S+ \(x\d+ over \S+\)", backoff["LAST SEEN"])  # repeated events are counted, not listed
    rolling = events_of("rolling-update")[-1]
    assert any(row["REASON"] == "Unhealthy" and row["MESSAGE"].startswith("Readiness probe failed") for row in rolling)
    assert any(re.fullmatch(r"Scaled up replica set web-\w+ from \d+ to \d+", row["MESSAGE"]) for row in rolling)
    scaling = events_of("autoscaling")
    assert any(row["OBJECT"] == "horizontalpodautoscaler/web" and row["MESSAGE"].startswith("New size: 4; reason: cpu")
               for row in scaling[-1])
    full = events_of("scheduled-scale-out", {"nodes": 1, "pod_cpu_millicores": 1000})[1]
    failed = [row for row in full if row["REASON"] == "FailedScheduling"]
    assert failed and all("Insufficient cpu" in row["MESSAGE"] and row["TYPE"] == "Warning" for row in failed)


def test_every_pod_has_its_creation_and_scheduling_in_the_events():
    trace = sim.run("rolling-update", lang="en")
    for step, commands in zip(trace.steps, kubectl.commands(trace), strict=True):
        rows = table(output_of(commands, "kubectl get events --sort-by=.lastTimestamp"), EVENT_COLUMNS)
        created = {row["MESSAGE"].removeprefix("Created pod: ") for row in rows if row["REASON"] == "SuccessfulCreate"}
        scheduled = [row["OBJECT"].removeprefix("pod/") for row in rows if row["REASON"] == "Scheduled"]
        assert len(scheduled) == len(set(scheduled))  # written once per pod
        for node in step.nodes:
            for pod in node["pods"]:
                assert pod["name"] in created and pod["name"] in scheduled


@pytest.mark.parametrize(("kind", "params"), RUNS)
def test_one_step_prints_what_the_whole_walk_prints_for_it(kind, params):
    # A step page walks its trace only as far as its step, in any order of visits; it prints the same.
    trace = sim.run(kind, params, lang="en")
    whole = kubectl.commands(trace)
    last = len(trace.steps) - 1
    for index in (min(2, last), 0, last, *range(len(trace.steps))):
        assert kubectl.commands_at(trace, index) == whole[index]
    fresh = sim.run(kind, params, lang="en")  # another run of the same parameters: a walk of its own
    assert kubectl.commands_at(fresh, last) == whole[last]
