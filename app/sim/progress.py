"""Deployment status: the Progressing condition, completion, and the progress deadline (progress.go)."""

from __future__ import annotations

from app.sim import sources
from app.sim.engine import PRIO_CONTROL
from app.sim.model import Deployment
from app.sim.state import ClusterState
from app.sim.text import Text, secs, tr

# Mirrors https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/deployment/progress.go and the
# condition helpers of util/deployment_util.go (DeploymentComplete, DeploymentProgressing, DeploymentTimedOut).
Stats = dict[str, list[int]]  # ReplicaSet name → [active pods, available pods]


def update_status(c: ClusterState, d: Deployment, stats: Stats) -> None:
    """Track progress: the Progressing condition, completion and the progress deadline."""
    mine = [rs for rs in c.replicasets.values() if rs.deployment == d.name]
    total = sum(stats.get(rs.name, [0, 0])[0] for rs in mine)
    ready = sum(stats.get(rs.name, [0, 0])[1] for rs in mine)
    updated = sum(stats.get(rs.name, [0, 0])[0] for rs in mine if rs.version == d.version and rs.broken == d.broken)
    status = (total, updated, ready, ready)
    before = d.last_status
    d.last_status = status
    if d.complete:
        return
    # DeploymentComplete (deployment_util.go): updatedReplicas, replicas and availableReplicas all equal
    # spec.replicas, so no old pod is left and every new one is available; maxUnavailable plays no part. It is
    # also when `kubectl rollout status` stops waiting (DeploymentStatusViewer.Status in kubectl's rollout_status.go).
    if updated == d.replicas and total == d.replicas and ready == d.replicas:
        d.complete, d.progressing, d.progress_reason = True, "True", "NewReplicaSetAvailable"
        c.engine.decide(c.key, "deployment-controller", "rollout_complete",
                        {"replicas": d.replicas, "updated": updated, "available": ready}, "NewReplicaSetAvailable",
                        _complete_text(d.replicas, d.version),
                        tr("롤아웃 완료", "Rollout complete"), source=sources.DEPLOYMENT_UTIL)
        return
    # DeploymentProgressing: more updated, fewer old, more ready or more available pods is progress.
    progressed = updated > before[1] or total - updated < before[0] - before[1] or ready > before[2]
    if progressed:
        d.progressing, d.progress_reason, d.progress_updated_ms = "True", "ReplicaSetUpdated", c.now
        plan_deadline_check(c, d)


def _complete_text(replicas: int, version: str) -> Text:
    if replicas == 0:
        return tr("디플로이먼트: 원하는 파드가 0개이고 남은 파드도 없습니다. 롤아웃 완료(Progressing=True, NewReplicaSetAvailable).",
                  "Deployment: it asks for no pods and has none left. Rollout complete (Progressing=True, "
                  "NewReplicaSetAvailable).")
    return tr(f"디플로이먼트: 파드 {replicas}개가 모두 {version}이고 모두 사용 가능합니다. 롤아웃 완료"
              "(Progressing=True, NewReplicaSetAvailable).",
              f"Deployment: all {replicas} pods run {version} and all are available. Rollout complete "
              "(Progressing=True, NewReplicaSetAvailable).")


def plan_deadline_check(c: ClusterState, d: Deployment) -> None:
    # requeueStuckDeployment: look again one second after lastUpdateTime + progressDeadlineSeconds.
    when = d.progress_updated_ms + d.progress_deadline_ms + 1000
    c.engine.at(when, PRIO_CONTROL, _deadline_check, c, d, d.progress_updated_ms)


def _deadline_check(c: ClusterState, d: Deployment, since: int) -> None:
    if d.complete or d.progress_updated_ms != since or d.progressing == "False":
        return
    d.progressing, d.progress_reason = "False", "ProgressDeadlineExceeded"
    deadline = d.progress_deadline_ms // 1000
    c.engine.decide(c.key, "deployment-controller", "progress_deadline_exceeded",
                    {"progress_deadline_seconds": deadline, "last_progress_s": since / 1000, "now_s": c.now / 1000},
                    "Progressing=False (ProgressDeadlineExceeded)",
                    tr(f"디플로이먼트: {secs(since)}초 이후 {deadline}초(progressDeadlineSeconds) 동안 진전이 없습니다. "
                       "Progressing=False, 이유 ProgressDeadlineExceeded. 컨트롤러는 보고만 하고 스스로 되돌리지는 않습니다.",
                       f"Deployment: no progress for {deadline} s (progressDeadlineSeconds) since {secs(since)} s. "
                       "Progressing=False, reason ProgressDeadlineExceeded. The controller reports it; it does not "
                       "roll back by itself."),
                    tr("롤아웃 정체", "Rollout stalled"), source=sources.PROGRESS_DEADLINE)
