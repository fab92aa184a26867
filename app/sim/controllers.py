"""The Deployment and ReplicaSet controllers and the scheduling pass, reconciled until nothing changes."""

from __future__ import annotations

from app.sim import sources
from app.sim.kubelet import bind, terminate
from app.sim.model import Deployment, Pod, ReplicaSet
from app.sim.progress import Stats, plan_deadline_check, update_status
from app.sim.rollout import RSCount, ScaleAction, max_unavailable, resolve_fenceposts, rolling_sync
from app.sim.scheduler import schedule
from app.sim.state import ClusterState
from app.sim.text import Text, names, tr

# Mirrors https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/deployment/rolling.go (via
# app.sim.rollout; conditions and the deadline are in app.sim.progress), and .../replicaset/replica_set.go
# with controller_utils.go for creating and ranking pods.
_PHASE_RANK = {"Pending": 0, "Unknown": 1, "Running": 2}


def reconcile(c: ClusterState) -> None:
    """Run the controllers and the scheduler until they all agree with the cluster (one instant)."""
    stats = _stats(c)  # kept current by sync_replicaset; readiness cannot change within an instant
    for _ in range(200):
        changed = False
        for d in c.deployments.values():
            changed = sync_deployment(c, d, stats) or changed
        for rs in list(c.replicasets.values()):
            changed = sync_replicaset(c, rs, stats) or changed
        changed = schedule_pending(c) or changed
        if not changed:
            break
    for d in c.deployments.values():
        update_status(c, d, stats)


def _stats(c: ClusterState) -> Stats:
    """What each ReplicaSet's status would say: its active pods, and how many are available."""
    stats: Stats = {name: [0, 0] for name in c.replicasets}
    for p in c.pods.values():
        counts = stats.get(p.rs or "")
        if counts is None or p.deleting or p.phase in ("Succeeded", "Failed"):
            continue
        counts[0] += 1
        if p.ready:  # minReadySeconds is 0: a pod is available as soon as it is Ready
            counts[1] += 1
    return stats


def _available(stats: Stats, rs: ReplicaSet) -> int:
    return stats.get(rs.name, [0, 0])[1]


def sync_deployment(c: ClusterState, d: Deployment, stats: Stats) -> bool:
    """One syncDeployment: find or create the new ReplicaSet, then one rolling (or Recreate) step."""
    mine = sorted((rs for rs in c.replicasets.values() if rs.deployment == d.name), key=lambda r: r.created_seq)
    new = next((rs for rs in mine if rs.version == d.version and rs.broken == d.broken), None)
    top = max((rs.revision for rs in mine), default=0)
    if new is None:
        new = c.new_replicaset(d, top + 1)
        _started_rollout(c, d, new, created=True)
        return True
    if new.revision != top:
        new.revision = top + 1  # a rollback re-uses the old ReplicaSet under a new revision
        _started_rollout(c, d, new, created=False)
    olds = [rs for rs in mine if rs is not new]
    if d.strategy == "Recreate":
        return _recreate(c, d, new, olds)
    surge, _ = resolve_fenceposts(d.max_surge, d.max_unavailable, d.replicas)
    unavailable = max_unavailable(d.max_surge, d.max_unavailable, d.replicas)
    counts = [RSCount(rs.name, rs.replicas, _available(stats, rs)) for rs in olds]
    new_count = RSCount(new.name, new.replicas, _available(stats, new))
    actions = rolling_sync(d.replicas, surge, unavailable, new_count, counts)
    if not actions:
        return False
    total = new.replicas + sum(rs.replicas for rs in olds)
    available = new_count.available + sum(rc.available for rc in counts)
    for a in actions:
        c.replicasets[a.rs].replicas = a.after
        c.engine.decide(c.key, "deployment-controller", a.reason,
                        {"replicas": d.replicas, "max_surge": surge, "max_unavailable": unavailable,
                         "total": total, "available": available, "replicaset": a.rs, "from": a.before, "to": a.after},
                        a.after, _explain(a, d.replicas, surge, unavailable, total, available),
                        tr("롤링 업데이트 단계", "Rolling update step"), source=sources.ROLLING_GO)
    return True


def _explain(a: ScaleAction, desired: int, surge: int, unavailable: int, total: int, available: int) -> Text:
    move = f"{a.rs} {a.before} → {a.after}"
    if a.reason == "scale_up_new":
        room = desired + surge
        return tr(f"디플로이먼트: 파드 합계 {total} < 원하는 수 {desired} + maxSurge {surge} = {room}이므로 새 레플리카셋을 "
                  f"늘립니다: {move}.",
                  f"Deployment: {total} pods in total < {desired} desired + {surge} maxSurge = {room}, so the new "
                  f"ReplicaSet grows: {move}.")
    if a.reason == "scale_down_new":
        return tr(f"디플로이먼트: 새 레플리카셋이 원하는 수 {desired}보다 많아 줄입니다: {move}.",
                  f"Deployment: the new ReplicaSet has more than {desired} desired, so it shrinks: {move}.")
    floor = desired - unavailable
    if a.reason == "cleanup_unhealthy":
        return tr(f"디플로이먼트: 이전 레플리카셋에서 사용 가능하지 않은 파드부터 정리합니다(가용성에 영향 없음): {move}.",
                  f"Deployment: old pods that are not available go first (this costs no availability): {move}.")
    return tr(f"디플로이먼트: 사용 가능한 파드 {available} > 최소 {desired} − maxUnavailable {unavailable} = {floor}이므로 "
              f"이전 레플리카셋을 줄입니다: {move}.",
              f"Deployment: {available} available > {desired} − {unavailable} maxUnavailable = {floor} minimum, so "
              f"the old ReplicaSet shrinks: {move}.")


def _started_rollout(c: ClusterState, d: Deployment, rs: ReplicaSet, created: bool) -> None:
    d.complete = False
    reason = "NewReplicaSetCreated" if created else "FoundNewReplicaSet"  # deployment_util.go reasons
    d.progressing, d.progress_reason, d.progress_updated_ms = "True", reason, c.now
    plan_deadline_check(c, d)
    if rs.revision == 1:
        text = tr(f"디플로이먼트: {rs.version} 버전 파드 템플릿으로 {rs.name} 레플리카셋을 만들었습니다(리비전 1).",
                  f"Deployment: created ReplicaSet {rs.name} for the {rs.version} pod template (revision 1).")
    elif created:
        text = tr(f"디플로이먼트: 파드 템플릿이 {rs.version} 버전으로 바뀌어 새 {rs.name} 레플리카셋을 만들었습니다"
                  f"(리비전 {rs.revision}).",
                  f"Deployment: the pod template is now {rs.version}, so it created ReplicaSet {rs.name} "
                  f"(revision {rs.revision}).")
    else:
        text = tr(f"디플로이먼트: 파드 템플릿이 다시 {rs.version} 버전이라 예전 {rs.name} 레플리카셋을 되살려 씁니다"
                  f"(리비전 {rs.revision}).",
                  f"Deployment: the pod template is {rs.version} again, so it re-uses the earlier ReplicaSet "
                  f"{rs.name} (revision {rs.revision}).")
    c.engine.decide(c.key, "deployment-controller", "new_replicaset",
                    {"deployment": d.name, "version": rs.version, "revision": rs.revision, "strategy": d.strategy},
                    rs.name, text,
                    tr("롤아웃 시작", "Rollout begins"), source=sources.DEPLOYMENT, loud=False)


def _recreate(c: ClusterState, d: Deployment, new: ReplicaSet, olds: list[ReplicaSet]) -> bool:
    """Recreate: scale every old ReplicaSet to 0, wait until their pods are gone, then scale up the new."""
    shrinking = [rs for rs in olds if rs.replicas > 0]
    if shrinking:
        for rs in shrinking:
            c.engine.decide(c.key, "deployment-controller", "recreate_scale_down", {"replicaset": rs.name,
                            "from": rs.replicas, "to": 0}, 0,
                            tr(f"디플로이먼트(Recreate): 새 파드를 만들기 전에 {rs.name} 레플리카셋을 0개로 줄입니다.",
                               f"Deployment (Recreate): {rs.name} goes to 0 before any new pod is created."),
                            source=sources.RECREATE)
            rs.replicas = 0
        return True
    if any(rs.pods for rs in olds) or new.replicas == d.replicas:
        return False  # old pods still terminating, or nothing to do
    c.engine.decide(c.key, "deployment-controller", "recreate_scale_up", {"replicaset": new.name,
                    "from": new.replicas, "to": d.replicas}, d.replicas,
                    tr(f"디플로이먼트(Recreate): 이전 파드가 모두 사라졌으니 {new.name} 레플리카셋을 {d.replicas}개로 늘립니다.",
                       f"Deployment (Recreate): every old pod is gone, so {new.name} scales to {d.replicas}."),
                    source=sources.RECREATE)
    new.replicas = d.replicas
    return True


def _delete_rank(pod: Pod, doubled: dict[str | None, int]) -> tuple:
    """controller.ActivePodsWithRanks: which pods a ReplicaSet deletes first when it scales down."""
    return (pod.node is not None, _PHASE_RANK.get(pod.phase, 2), pod.ready, -doubled[pod.node],
            -(pod.ready_since_ms or 0), -pod.restarts, -pod.created_ms, pod.name)


def sync_replicaset(c: ClusterState, rs: ReplicaSet, stats: Stats) -> bool:
    """manageReplicas: create or delete pods until the active ones match spec.replicas."""
    if stats.get(rs.name, [0, 0])[0] == rs.replicas:
        return False
    active = [p for p in rs.pods.values() if p.active]
    diff = len(active) - rs.replicas
    counts = stats.setdefault(rs.name, [0, 0])
    if diff < 0:
        made = [c.new_pod(rs) for _ in range(-diff)]
        counts[0] += len(made)
        listed = names([p.name for p in made])
        c.engine.decide(c.key, "replicaset-controller", "create_pods",
                        {"replicaset": rs.name, "desired": rs.replicas, "active": len(active)}, [p.name for p in made],
                        tr(f"레플리카셋 {rs.name}: 활성 파드 {len(active)}개 < 원하는 수 {rs.replicas}개 → 파드 {len(made)}개 생성"
                           f"({listed['ko']}).",
                           f"ReplicaSet {rs.name}: {len(active)} active pods < {rs.replicas} desired → creates "
                           f"{len(made)} ({listed['en']})."),
                        tr("파드 생성", "Pods created"), source=sources.REPLICASET)
        return True
    doubled: dict[str | None, int] = {}
    for p in active:  # pods sharing a node with more of their siblings go first
        doubled[p.node] = doubled.get(p.node, 0) + 1
    doomed = sorted(active, key=lambda p: _delete_rank(p, doubled))[:diff]
    for pod in doomed:
        counts[0] -= 1
        counts[1] -= pod.ready
        terminate(c, pod)
    listed = names([p.name for p in doomed])
    c.engine.decide(c.key, "replicaset-controller", "delete_pods",
                    {"replicaset": rs.name, "desired": rs.replicas, "active": len(active)}, [p.name for p in doomed],
                    tr(f"레플리카셋 {rs.name}: 활성 파드 {len(active)}개 > 원하는 수 {rs.replicas}개 → {diff}개 삭제"
                       f"(준비 안 된 파드, 한 노드에 몰린 파드, 최근에 Ready가 된 파드 순): {listed['ko']}.",
                       f"ReplicaSet {rs.name}: {len(active)} active pods > {rs.replicas} desired → deletes {diff} "
                       f"(unready first, then those doubled up on a node, then the most recently Ready): {listed['en']}."),
                    tr("파드 삭제", "Pods deleted"), source=sources.ACTIVE_PODS_RANKING)
    return True


def schedule_pending(c: ClusterState) -> bool:
    """Place every pending pod, in creation order, on the best node; report the ones that do not fit."""
    placed: list[tuple[Pod, str, dict]] = []
    stuck: dict[str, list[str]] = {}
    if not c.pending:
        return False
    nodes = list(c.nodes.values())
    same_owner: dict[tuple[str, str | None], int] = {}
    for node in nodes:
        for p in node.pods.values():
            if p.rs and p.active:
                same_owner[(node.name, p.rs)] = same_owner.get((node.name, p.rs), 0) + 1
    for pod in list(c.pending):
        if pod.deleting or c.pods.get(pod.name) is not pod:
            c.pending.remove(pod)
            continue
        result = schedule(pod, nodes, c.engine.rng, same_owner)
        if result.node is None:
            stuck.setdefault(result.reason, []).append(pod.name)
            continue
        c.pending.remove(pod)
        bind(c, pod, c.nodes[result.node])
        same_owner[(result.node, pod.rs)] = same_owner.get((result.node, pod.rs), 0) + 1
        placed.append((pod, result.node, result.scores[result.node]))
    if placed:
        _report_placements(c, placed)
    for reason, pods in stuck.items():
        key = (reason, len(pods))
        if key not in c.reported_unschedulable:
            c.reported_unschedulable.add(key)
            listed = names(pods)
            c.engine.decide(c.key, "kube-scheduler", "unschedulable", {"pods": pods, "reason": reason}, "Pending",
                            tr(f"스케줄러: 파드 {len(pods)}개를 놓을 노드가 없어 Pending으로 남습니다({listed['ko']}): {reason}",
                               f"Scheduler: {len(pods)} pods fit nowhere and stay Pending ({listed['en']}): {reason}"),
                            tr("배치 불가", "Unschedulable"), source=sources.SCHEDULER)
    return bool(placed)


def _report_placements(c: ClusterState, placed: list[tuple[Pod, str, dict]]) -> None:
    per_node: dict[str, int] = {}
    for _, node, _ in placed:
        per_node[node] = per_node.get(node, 0) + 1
    pod, node, s = placed[0]
    score = (f"{s['total']} = {s['least_allocated']} + {s['balanced']} + 2 × {s['spread']}")
    detail = tr(f"{pod.name} → {node}(점수 {score}: 남은 자원 + 균형 + 2 × 분산)",
                f"{pod.name} → {node} (score {score}: least-allocated + balanced + 2 × spread)")
    if len(placed) == 1:
        text = tr(f"스케줄러: {detail['ko']}.", f"Scheduler: {detail['en']}.")
    else:
        spread = ", ".join(f"{n} {k}" for n, k in per_node.items())
        text = tr(f"스케줄러: 파드 {len(placed)}개를 요청한 CPU·메모리가 들어가는 노드 중 가장 덜 찬 곳, 같은 레플리카셋 파드가 "
                  f"적은 곳에 나눠 놓았습니다({spread}). 첫 번째: {detail['ko']}.",
                  f"Scheduler: placed {len(placed)} pods on nodes where their CPU and memory requests fit, preferring "
                  f"the least allocated and those with fewer pods of the same ReplicaSet ({spread}). First: "
                  f"{detail['en']}.")
    c.engine.decide(c.key, "kube-scheduler", "bind", {"pods": len(placed), "per_node": per_node,
                    "first_pod_scores": s}, per_node, text, tr("파드 배치", "Pods scheduled"),
                    source=sources.LEAST_ALLOCATED)
