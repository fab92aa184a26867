"""One plain sentence per step: what happened and what it means for the service, from the step's own numbers."""

from __future__ import annotations

from typing import Any

from app.sim.text import Text, tr

# The first kind of happening found, in this order, leads the sentence: the rarer and weightier first.
_EVENT_ORDER = ("summary", "host_failed", "node_failed")
_DECISION_ORDER = ("node_not_ready", "evicted", "progress_deadline_exceeded", "scale", "hold", "job_created")
_LATER_EVENTS = ("probe_failed", "container_exited", "container_restarted", "pod_ready")


def summarize(title: Text, events: list[tuple[str, Text]], decisions: list[dict[str, Any]],
              columns: list[dict[str, Any]], before: dict[str, Any] | None) -> Text:
    """The step in one or two plain sentences: its lead (what happened) and the state it leaves (what it means)."""
    lead = _lead(title, [kind for kind, _ in events], decisions, columns, before)
    state = _state(columns)
    return {lang: f"{lead[lang]} {state[lang]}".strip() for lang in lead}


def _lead(title: Text, events: list[str], decisions: list[dict[str, Any]], columns: list[dict[str, Any]],
          before: dict[str, Any] | None) -> Text:
    by_type = {d["type"]: d for d in reversed(decisions)}
    if "summary" in events:
        return tr("실행이 끝났습니다.", "The run is over.")
    if "host_failed" in events and "node_failed" in events:
        return tr("두 쪽 모두 서버가 멈췄습니다. 도커 쪽에는 컨테이너를 다른 곳에서 다시 띄울 주체가 없습니다.",
                  "A server stops on both sides; on the Docker side nothing will start its container anywhere else.")
    if "host_failed" in events:
        return tr("도커 호스트가 멈췄고, 그 컨테이너를 다른 곳에서 다시 띄울 주체는 없습니다.",
                  "The Docker host went down, and nothing will start its containers anywhere else.")
    if "node_failed" in events:
        return tr("노드 하나가 멈췄지만, 쿠버네티스는 하트비트가 끊긴 것을 알아챌 때까지 아직 모릅니다.",
                  "A node went down, but Kubernetes does not know until it misses the node's heartbeats.")
    for kind in _DECISION_ORDER:
        if kind in by_type:
            return _decision_lead(kind, by_type[kind])
    for kind in _LATER_EVENTS:
        if kind in events:
            return _event_lead(kind, decisions, columns, before)
    change = _change(decisions, columns, before)
    return tr(f"{title['ko']}: {change['ko']}" if change["ko"] else f"{title['ko']}.",
              f"{title['en']}: {change['en']}" if change["en"] else f"{title['en']}.")


def _change(decisions: list[dict[str, Any]], columns: list[dict[str, Any]], before: dict[str, Any] | None) -> Text:
    """What a person's action changed: the traffic, the desired count, the version being rolled out."""
    if before is None or len(columns) != 1:
        return tr("", "")
    now, was = columns[0]["metrics"], before.get(columns[0]["key"]) or {}
    parts = []
    if was.get("traffic_rps") != now.get("traffic_rps") and now.get("traffic_rps") is not None:
        parts.append(tr(f"트래픽이 초당 {was.get('traffic_rps') or 0:g}건에서 {now['traffic_rps']:g}건이 됩니다.",
                        f"traffic goes from {was.get('traffic_rps') or 0:g} to {now['traffic_rps']:g} requests/s."))
    if was.get("desired") != now.get("desired"):
        parts.append(tr(f"원하는 파드 수가 {was.get('desired')}개에서 {now.get('desired')}개가 됩니다.",
                        f"the desired count goes from {was.get('desired')} to {now.get('desired')}."))
    versions = [d["inputs"]["version"] for d in decisions if d["type"] == "new_replicaset"]
    if versions:
        parts.append(tr(f"디플로이먼트가 파드를 {versions[-1]} 버전으로 바꾸기 시작합니다.",
                        f"the Deployment starts replacing its pods with version {versions[-1]}."))
    elif was.get("ready", 0) > now.get("ready", 0) and not parts:
        lost = was["ready"] - now.get("ready", 0)
        parts.append(tr(f"Ready 파드가 {lost}개 줄었습니다.", f"{lost} fewer {'pod is' if lost == 1 else 'pods are'} "
                        "Ready."))
    return tr(" ".join(p["ko"] for p in parts), " ".join(p["en"] for p in parts))


def _decision_lead(kind: str, d: dict[str, Any]) -> Text:
    i, result = d["inputs"], d["result"]
    if kind == "node_not_ready":
        return tr(f"{i['node']}에서 {i['silent_s']:g}초 동안 하트비트가 없어 NotReady로 표시되고, 그 파드는 트래픽을 더 받지 "
                  "않습니다.", f"{i['node']} is marked NotReady after {i['silent_s']:g} s without a heartbeat, so its "
                  "pods get no more traffic.")
    if kind == "evicted":
        return tr(f"{i['toleration_seconds']}초가 지나 {i['node']}의 파드가 축출되고, ReplicaSet이 건강한 노드에 대신할 파드를 "
                  "만듭니다.", f"After {i['toleration_seconds']} s the pods on {i['node']} are evicted, and the "
                  "ReplicaSet creates replacements on healthy nodes.")
    if kind == "progress_deadline_exceeded":
        return tr(f"롤아웃이 {i['progress_deadline_seconds']}초 동안 진전이 없어 멈춘 것으로 표시됩니다. 쿠버네티스는 스스로 "
                  "되돌리지 않습니다.", f"The rollout made no progress for {i['progress_deadline_seconds']} s and is "
                  "marked stalled; Kubernetes does not roll it back by itself.")
    if kind == "job_created":
        return tr(f"{i['schedule']}에 예약된 작업이 실행되어 디플로이먼트의 원하는 수를 늘립니다.",
                  f"At {i['schedule']} the scheduled job runs and raises the Deployment's desired count.")
    util, target, current = i["utilization"], i["target_utilization"], i["current_replicas"]
    if kind == "scale":
        return tr(f"HPA가 CPU {util}%(목표 {target}%)를 보고 파드를 {current}개에서 {result}개로 바꿉니다.",
                  f"The HPA measured CPU at {util}% against a {target}% target and changes the pods from {current} "
                  f"to {result}.")
    if i["proposed"] > result:
        why = tr(f"더 원하지만({i['proposed']}개) 최대가 {i['max_replicas']}개입니다",
                 f"it would want {i['proposed']}, but the maximum is {i['max_replicas']}")
    elif i["proposed"] < result:
        why = tr("줄이기 전에 축소 안정화 기간을 기다립니다", "it waits out the scale-down stabilization window before shrinking")
    else:
        why = tr("목표에 충분히 가깝습니다", "that is close enough to the target")
    return tr(f"HPA는 파드 {result}개를 유지합니다. CPU {util}%(목표 {target}%)이고 {why['ko']}.",
              f"The HPA keeps {result} pods: CPU is at {util}% against a {target}% target and {why['en']}.")


def _event_lead(kind: str, decisions: list[dict[str, Any]], columns: list[dict[str, Any]],
                before: dict[str, Any] | None) -> Text:
    if kind == "probe_failed":
        return tr("새 파드가 준비 상태 검사(readiness probe)를 통과하지 못해 트래픽을 받지 못하고, 롤아웃은 옛 파드를 더 바꾸지 "
                  "않습니다.", "The new pods fail their readiness probe, so they get no traffic and the rollout stops "
                  "replacing old ones.")
    if kind == "container_exited":
        restarts = {d["controller"]: d["inputs"] for d in decisions if d["type"] == "restart"}
        if "kubelet" in restarts and restarts["kubelet"].get("backoff_s"):
            wait = restarts["kubelet"]["backoff_s"]
            return tr(f"컨테이너가 죽었습니다. kubelet이 같은 노드에서 다시 띄우지만 {wait:g}초를 기다립니다(CrashLoopBackOff).",
                      f"A container crashed; the kubelet restarts it on the same node, but only after {wait:g} s "
                      "(CrashLoopBackOff).")
        who = tr("kubelet이", "the kubelet restarts") if "kubelet" in restarts else tr("도커 데몬이",
                                                                                          "the Docker daemon restarts")
        if "kubelet" in restarts and "dockerd" in restarts:
            who = tr("도커 데몬과 kubelet이", "the Docker daemon and the kubelet restart")
        return tr(f"컨테이너가 죽었고, {who['ko']} 같은 자리에서 곧바로 다시 띄웁니다.",
                  f"A container crashed, and {who['en']} it in place right away.")
    if kind == "container_restarted":
        return tr("죽었던 컨테이너가 같은 자리에서 다시 돌고 있습니다.", "The crashed container runs again in the same place.")
    gained = _ready(columns) - _ready_before(before, columns)
    if gained > 0:
        return tr(f"파드 {gained}개가 준비 상태 검사(readiness probe)를 통과해 이제 트래픽을 받습니다.",
                  f"{gained} {'pod' if gained == 1 else 'pods'} passed the readiness probe and now "
                  f"{'receives' if gained == 1 else 'receive'} traffic.")
    return tr("새 파드가 준비되어 이제 트래픽을 받습니다.", "New pods are Ready and now receive traffic.")


def _ready(columns: list[dict[str, Any]]) -> int:
    return sum(c["metrics"].get("ready", 0) or 0 for c in columns)


def _ready_before(before: dict[str, Any] | None, columns: list[dict[str, Any]]) -> int:
    if before is None:
        return 0
    return sum((before.get(c["key"]) or {}).get("ready", 0) or 0 for c in columns)


def _state(columns: list[dict[str, Any]]) -> Text:
    """What the step leaves: how many are Ready of how many wanted, and whether the traffic is served."""
    if len(columns) > 1:
        parts = [tr(f"{c['title']['ko']}: {c['metrics'].get('desired', 0)}개 중 {c['metrics'].get('ready', 0)}개 Ready",
                    f"{c['title']['en']}: {c['metrics'].get('ready', 0)} of {c['metrics'].get('desired', 0)} Ready")
                 for c in columns if "ready" in c["metrics"]]
        return tr("지금 " + ", ".join(p["ko"] for p in parts) + ".", "Now " + "; ".join(p["en"] for p in parts) + ".")
    m = columns[0]["metrics"] if columns else {}
    if "ready" not in m:
        return tr("", "")
    ready, desired = m.get("ready", 0), m.get("desired", 0)
    rps, failed = m.get("traffic_rps") or 0, m.get("failed_rps") or 0
    if rps and failed:
        served = m.get("served_rps", rps - failed)
        return tr(f"Ready 파드 {ready}개가 초당 {rps:g}건 중 {served:g}건만 처리하고 {failed:g}건은 실패합니다.",
                  f"{ready} Ready {'pod serves' if ready == 1 else 'pods serve'} only {served:g} of {rps:g} "
                  f"requests/s; {failed:g} fail.")
    if rps:
        return tr(f"원하는 {desired}개 중 {ready}개가 Ready이고 초당 {rps:g}건을 모두 처리합니다.",
                  f"{ready} of {desired} pods are Ready and serve all {rps:g} requests/s.")
    if desired == 0:
        return tr("아직 원하는 파드가 없습니다.", "No pods are wanted yet.")
    if ready < desired:
        return tr(f"원하는 {desired}개 중 {ready}개만 Ready입니다.", f"Only {ready} of {desired} are Ready.")
    return tr(f"원하는 {desired}개 중 {ready}개가 Ready입니다.", f"{ready} of {desired} are Ready.")
