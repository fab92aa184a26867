"""The question types: each reads the step a question is about and works out its answer and the likely wrong ones."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app import sim
from app.sim import sources


@dataclass
class Option:
    """One answer: its label, why it is right or wrong, and where it sorts among the others."""

    order: float
    label: str
    why: str
    right: bool = False


@dataclass
class Built:
    """A question worked out from a trace: its text, its options, the working and its source."""

    question: str
    options: list[Option] = field(default_factory=list)
    explanation: str = ""
    source: str = ""


def _t(lang: str, ko: str, en: str) -> str:
    return ko if lang == "ko" else en


def _s(seconds: float) -> str:
    """Seconds as the steps write them: 465 s, 0.1 s."""
    return f"{seconds:g}"


def _decisions(step: sim.Step, controller: str, type_: str | None = None) -> list[dict]:
    return [d for d in step.decisions if d["controller"] == controller and (type_ is None or d["type"] == type_)]


def _nodes(step: sim.Step) -> list[dict]:
    if step.columns:
        return [node for column in step.columns for node in column["nodes"]]
    return step.nodes


def hpa_replicas(trace: sim.Trace, index: int, d: dict, lang: str) -> Built | None:
    """How many replicas the HPA sets: the formula, then the limit per sync and maxReplicas."""
    i = d["inputs"]
    current, util, target, result = i["current_replicas"], i["utilization"], i["target_utilization"], d["result"]
    if result <= current:
        return None
    formula = math.ceil(current * util / target)
    built = Built(_t(lang, f"HPA가 다음 측정값을 읽습니다: 파드 {current}개, CPU 사용률 {util}%, 목표 {target}%. HPA는 레플리카를 몇 개로 늘릴까요?",
                     f"The HPA reads its next sample: {current} pods at {util}% CPU, target {target}%. How many replicas will it ask for?"),
                  explanation=d["explanation"], source=sources.HPA_ALGORITHM)
    built.options.append(Option(result, str(result), _t(lang, "계산식, 동기화 한 번의 확장 한도, maxReplicas를 차례로 적용한 값입니다.",
                                                      "The formula, then the limit of one sync and maxReplicas, in that order."), True))
    built.options.append(Option(formula, str(formula), _t(
        lang, f"ceil({current} × {util} / {target}) = {formula}은 계산식만의 값입니다. 한 번의 동기화는 한도(behavior 없이 max(2 × 현재, 4))를 넘지 못하고, 아직 준비 중인 파드는 0%로 칩니다.",
        f"ceil({current} × {util} / {target}) = {formula} is the formula alone: one sync may not go past its limit "
        f"(without behavior max(2 × current, 4)), and pods still starting count as 0%.")))
    built.options.append(Option(i["max_replicas"], str(i["max_replicas"]), _t(
        lang, "HPA는 곧바로 최대치로 가지 않습니다. 계산식이 요구하는 만큼만, 그것도 한도 안에서 늘립니다.",
        "The HPA does not jump to maxReplicas: it asks for what the formula gives, within the limit per sync.")))
    built.options.append(Option(current, str(current), _t(
        lang, "사용률이 목표의 1.1배를 넘으므로(허용 오차 0.1) HPA는 기다리지 않고 이번 동기화에서 늘립니다.",
        "The utilization is more than 1.1 × the target (tolerance 0.1), so the HPA scales at this sync.")))
    return built


def hpa_scale_down(trace: sim.Trace, index: int, d: dict, lang: str) -> Built | None:
    """When the HPA shrinks after the load falls: not at once, after the scale-down stabilization window."""
    i = d["inputs"]
    if d["result"] >= i["current_replicas"]:
        return None
    at = trace.steps[index].time_s
    first = next((step.time_s for step in trace.steps[:index] for h in _decisions(step, "horizontal-pod-autoscaler")
                  if h["inputs"]["proposed"] < h["inputs"]["current_replicas"]), at)
    fell = next((trace.steps[k].time_s for k in range(index - 1, 0, -1)
                 if (trace.steps[k].metrics.get("traffic_rps") or 0) < (trace.steps[k - 1].metrics.get("traffic_rps") or 0)), None)
    window = round(at - first)
    built = Built(_t(lang, f"요청이 줄었습니다. HPA는 언제 파드를 {d['result']}개로 줄일까요?",
                     f"The load has fallen. When does the HPA scale back to {d['result']} pods?"),
                  explanation=d["explanation"] + " " + _t(
                      lang, f"{_s(first)}초부터 권장값은 {i['proposed']}개였지만, HPA는 지난 300초 동안의 가장 높은 권장값을 따릅니다(축소 안정화 기간). {_s(first)} + {window} = {_s(at)}초에야 그 창에 높은 값이 남지 않습니다.",
                      f"From {_s(first)} s the recommendation was {i['proposed']}, but the HPA follows the highest "
                      f"recommendation of the last 300 s (the scale-down stabilization window): only at "
                      f"{_s(first)} + {window} = {_s(at)} s does no higher one remain in it."),
                  source=sources.HPA_DEFAULT_BEHAVIOR)
    built.options.append(Option(at, _t(lang, f"{_s(at)}초", f"At {_s(at)} s"), _t(
        lang, "낮은 권장값만 300초 동안 이어진 뒤입니다.", "After 300 s of low recommendations only."), True))
    if fell is not None:
        built.options.append(Option(fell, _t(lang, f"{_s(fell)}초", f"At {_s(fell)} s"), _t(
            lang, "요청이 준 순간에는 HPA가 아직 모릅니다. 측정값과 15초 동기화를 기다립니다.",
            "When the load falls the HPA does not know yet: it waits for a sample and its 15 s sync.")))
    built.options.append(Option(first, _t(lang, f"{_s(first)}초", f"At {_s(first)} s"), _t(
        lang, "그 동기화에서 계산식은 줄이자고 하지만, 확장과 달리 축소는 300초 안정화 기간을 기다립니다.",
        "At that sync the formula says shrink, but unlike scaling up, scaling down waits out the 300 s stabilization window.")))
    built.options.append(Option(math.inf, _t(lang, "줄이지 않는다", "Never"), _t(
        lang, "HPA는 양방향으로 조정합니다. 부하가 낮게 유지되면 minReplicas까지 줄입니다.",
        "The HPA scales both ways: while the load stays low it shrinks down to minReplicas.")))
    return built


def _rollout_window(trace: sim.Trace, index: int) -> list[sim.Step]:
    steps = [trace.steps[index]]
    for step in trace.steps[index + 1:]:
        if _decisions(step, "deployment-controller", "new_replicaset"):
            break
        steps.append(step)
        if _decisions(step, "deployment-controller", "rollout_complete"):
            break
    return steps


def rollout_peak(trace: sim.Trace, index: int, d: dict, lang: str) -> Built | None:
    """The most pods at once during a rolling update: the real peak, which the maxSurge bound only caps."""
    if d["inputs"].get("revision", 1) < 2 or d["inputs"].get("strategy") != "RollingUpdate":
        return None
    step = trace.steps[index]
    scale = next((x for x in step.decisions if "max_surge" in x["inputs"]), None)
    if scale is None:
        return None
    replicas, surge, unavailable = (scale["inputs"][k] for k in ("replicas", "max_surge", "max_unavailable"))
    peak = max(s.metrics.get("total", 0) for s in _rollout_window(trace, index))
    bound = replicas + surge
    raw_surge, raw_unavailable = trace.params.get("max_surge", surge), trace.params.get("max_unavailable", unavailable)
    built = Built(_t(lang, f"{d['inputs']['version']} 버전을 배포합니다. 레플리카 {replicas}개, maxSurge {raw_surge}, maxUnavailable {raw_unavailable}. 이 롤아웃 동안 파드는 한꺼번에 최대 몇 개까지 떠 있을까요?",
                     f"Rolling out {d['inputs']['version']}: {replicas} replicas, maxSurge {raw_surge}, maxUnavailable "
                     f"{raw_unavailable}. How many pods run at most at once during this rollout?"),
                  explanation=_t(lang, f"maxSurge {raw_surge} → {surge}(올림), 그래서 상한은 {replicas} + {surge} = {bound}개입니다. 이 실행에서 실제로 가장 많을 때는 {peak}개였습니다.",
                                 f"maxSurge {raw_surge} → {surge} (rounded up), so the bound is {replicas} + {surge} = "
                                 f"{bound} pods. In this run the most at once was {peak}."),
                  source=sources.ROLLING_UPDATE)
    built.options.append(Option(peak, str(peak), _t(lang, "단계마다 센 파드 수의 최댓값입니다.", "The largest pod count of the rollout's steps."), True))
    built.options.append(Option(bound, str(bound), _t(
        lang, f"{bound}개는 maxSurge가 허용하는 상한일 뿐, 이 실행에서 실제로 닿은 값이 아닙니다.",
        f"{bound} is the ceiling maxSurge allows; this run never needed all of it.")))
    built.options.append(Option(replicas, str(replicas), _t(
        lang, "RollingUpdate는 새 파드를 먼저 더 띄울 수 있습니다(maxSurge). 파드 수가 레플리카 수에 고정되지 않습니다.",
        "A RollingUpdate may start new pods before removing old ones (maxSurge): the count is not held at replicas.")))
    built.options.append(Option(2 * replicas, str(2 * replicas), _t(
        lang, "새 파드를 전부 띄운 뒤 옛 파드를 지우는 것은 블루-그린 배포입니다. 롤링 업데이트는 maxSurge만큼만 더 띄웁니다.",
        "Starting all new pods before removing the old ones is blue-green; a rolling update adds at most maxSurge.")))
    return built


def serving_pods(trace: sim.Trace, index: int, e: dict, lang: str) -> Built | None:
    """How many pods get traffic while new ones fail readiness: the old ones maxUnavailable keeps."""
    step = trace.steps[index]
    served, desired, total = step.metrics.get("endpoints"), step.metrics.get("desired"), step.metrics.get("total")
    last = next((x for s in reversed(trace.steps[:index + 1]) for x in reversed(s.decisions) if "max_unavailable" in x["inputs"]), None)
    if served is None or last is None:
        return None
    unavailable = last["inputs"]["max_unavailable"]
    built = Built(_t(lang, "새 버전의 파드가 준비성 검사(readiness probe)에 실패합니다. Service는 파드 몇 개에 요청을 보낼까요?",
                     "The new version's pods fail their readiness probe. To how many pods does the Service send requests?"),
                  explanation=_t(lang, f"maxUnavailable {unavailable} → 최소 {desired} − {unavailable} = {desired - unavailable}개는 사용 가능해야 하므로, 새 파드가 Ready가 되기 전에는 옛 ReplicaSet을 그 아래로 줄이지 않습니다. Ready가 아닌 파드는 엔드포인트에서 빠집니다: {served}개.",
                                 f"maxUnavailable {unavailable} → at least {desired} − {unavailable} = {desired - unavailable} "
                                 f"must stay available, so the old ReplicaSet does not shrink below that while the new "
                                 f"pods are not Ready; pods that are not Ready leave the endpoints: {served}."),
                  source=sources.ROLLING_UPDATE)
    built.options.append(Option(served, str(served), _t(lang, "Ready인 옛 파드만 엔드포인트에 남습니다.", "Only the Ready old pods stay endpoints."), True))
    built.options.append(Option(0, "0", _t(
        lang, "롤링 업데이트는 옛 파드를 한꺼번에 지우지 않습니다(그건 Recreate 전략입니다).",
        "A rolling update never removes all old pods at once (that is the Recreate strategy).")))
    built.options.append(Option(desired, str(desired), _t(
        lang, f"옛 파드 {unavailable}개는 이미 새 파드에 자리를 내주었습니다(maxUnavailable).",
        f"{unavailable} old pod(s) already made way for new ones (maxUnavailable).")))
    if total is not None:
        built.options.append(Option(total, str(total), _t(
            lang, "Service는 Ready가 아닌 파드에는 요청을 보내지 않습니다.", "The Service sends nothing to pods that are not Ready.")))
    return built


def eviction_time(trace: sim.Trace, index: int, d: dict, lang: str) -> Built | None:
    """When a lost node's pods are evicted: NotReady after the grace period, then tolerationSeconds."""
    node, toleration = d["inputs"]["node"], d["inputs"]["toleration_seconds"]
    at = trace.steps[index].time_s
    marked = next(((s, x) for s in trace.steps[:index] for x in _decisions(s, "node-lifecycle-controller", "node_not_ready")
                   if x["inputs"]["node"] == node), None)
    failed = next((s.time_s for s in trace.steps[:index] for e in s.events
                   if e["type"] in ("node_failed", "host_failed") and node in e["text"]), None)
    if marked is None or failed is None:
        return None
    not_ready, grace, heartbeat = marked[0].time_s, marked[1]["inputs"]["grace_period_s"], marked[1]["inputs"]["last_heartbeat_s"]
    built = Built(_t(lang, f"{node}가 {_s(failed)}초에 전원이 나갔습니다. 그 노드의 파드는 언제 축출(evict)될까요?",
                     f"{node} lost power at {_s(failed)} s. When are its pods evicted?"),
                  explanation=_t(lang, f"마지막 하트비트 {_s(heartbeat)}초 + 유예 {grace}초를 넘긴 첫 확인 → {_s(not_ready)}초에 NotReady(taint unreachable:NoExecute). 여기에 tolerationSeconds {toleration}초를 더해 {_s(not_ready)} + {toleration} = {_s(at)}초.",
                                 f"Last heartbeat {_s(heartbeat)} s + {grace} s grace, first check past it → NotReady "
                                 f"at {_s(not_ready)} s (taint unreachable:NoExecute). Plus tolerationSeconds "
                                 f"{toleration}: {_s(not_ready)} + {toleration} = {_s(at)} s."),
                  source=sources.TAINT_EVICTION)
    built.options.append(Option(at, _t(lang, f"{_s(at)}초", f"At {_s(at)} s"), _t(lang, "NotReady가 된 뒤 toleration만큼 기다립니다.", "NotReady, then the toleration."), True))
    built.options.append(Option(failed, _t(lang, f"{_s(failed)}초", f"At {_s(failed)} s"), _t(
        lang, "컨트롤 플레인은 전원이 나간 것을 바로 알지 못합니다. 하트비트가 끊긴 것만 볼 수 있습니다.",
        "The control plane cannot see the power go: it only notices the heartbeats stop.")))
    built.options.append(Option(not_ready, _t(lang, f"{_s(not_ready)}초", f"At {_s(not_ready)} s"), _t(
        lang, f"NotReady가 되면 taint가 붙지만, 파드는 그 taint를 {toleration}초 동안 견딥니다(기본 tolerationSeconds).",
        f"NotReady adds the taint, but the pods tolerate it for {toleration} s (the default tolerationSeconds).")))
    built.options.append(Option(failed + toleration, _t(lang, f"{_s(failed + toleration)}초", f"At {_s(failed + toleration)} s"), _t(
        lang, "toleration은 전원이 나간 때가 아니라 taint가 붙은 때부터 셉니다.",
        "The toleration counts from when the taint is added, not from when the power went.")))
    return built


def restart_delay(trace: sim.Trace, index: int, d: dict, lang: str) -> Built | None:
    """How long the runtime waits before restarting a crashed container: Docker's 100 ms doubling, or CrashLoopBackOff."""
    docker = d["controller"] == "dockerd"
    wait = d["inputs"]["delay_ms"] / 1000 if docker else d["inputs"]["backoff_s"]
    built = Built(_t(lang, "컨테이너가 종료 코드 1로 끝납니다. " + ("Docker 데몬은" if docker else "kubelet은") + " 얼마나 기다렸다가 다시 시작할까요?",
                     "The container exits with code 1. How long does " + ("the Docker daemon" if docker else "the kubelet")
                     + " wait before restarting it?"),
                  explanation=d["explanation"], source=d["source"] or (sources.DOCKER_RESTART_POLICIES if docker else sources.POD_RESTART_POLICY))
    label = _t(lang, "{}초", "{} s")
    built.options.append(Option(wait, label.format(_s(wait)), _t(lang, "이 결정의 입력으로 계산한 대기 시간입니다.", "The wait this decision's inputs give."), True))
    ideas = [(0.1, _t(lang, "0.1초는 Docker 데몬의 첫 대기입니다. kubelet은 CrashLoopBackOff(10초에서 두 배씩, 최대 300초)를 씁니다.",
                      "0.1 s is the Docker daemon's first wait; the kubelet uses CrashLoopBackOff (10 s doubling, at most 300 s)."))]
    if docker:
        ideas = [(10, _t(lang, "10초에서 시작해 두 배씩 늘리는 것은 kubelet의 CrashLoopBackOff입니다. Docker는 100ms에서 시작합니다.",
                         "Starting at 10 s and doubling is the kubelet's CrashLoopBackOff; Docker starts at 100 ms."))]
    ideas.append((0, _t(lang, "재시작 사이에는 늘 대기가 있습니다(0이 아닌 지연에서 시작해 두 배씩).",
                        "There is always a wait between restarts (it starts above zero and doubles).") if docker else _t(
        lang, "첫 재시작만 바로 일어납니다. 그다음부터는 10초, 20초, 40초… 로 늘어납니다.",
        "Only the first restart is immediate; after it the kubelet waits 10 s, 20 s, 40 s…")))
    ideas.append((300 if not docker else 2 * max(wait, 0.1), _t(
        lang, "300초는 CrashLoopBackOff의 상한입니다. 그만큼 쌓이려면 재시작이 더 많아야 합니다.",
        "300 s is CrashLoopBackOff's cap; it takes more restarts to get there.") if not docker else _t(
        lang, "대기는 재시작할 때마다 두 배가 되지만, 10초 이상 실행되면 다시 처음(100ms)부터 시작합니다.",
        "The wait doubles with each restart, but a run of 10 s or more resets it to 100 ms.")))
    if not docker and wait:
        ideas.append((wait * 2, _t(lang, "하나 앞서 센 값입니다. n번째 재시작은 10 × 2^(n−2)초를 기다립니다.",
                                   "One doubling too many: restart n waits 10 × 2^(n−2) s.")))
    for value, why in ideas:
        if value != wait:
            built.options.append(Option(value, label.format(_s(value)), why))
    return built


def replacement_node(trace: sim.Trace, index: int, item: dict, lang: str) -> Built | None:
    """Which node the scheduler picks for a replacement pod: a Ready node with room, spreading the pods."""
    step = trace.steps[index]
    bind = next((x for x in _decisions(step, "kube-scheduler", "bind") if x["inputs"]["pods"] == 1), None)
    if bind is None:
        return None
    chosen = next(iter(bind["result"]))
    new_pods = set(item["result"]) if isinstance(item.get("result"), list) else set()
    new_pods |= {p for x in _decisions(step, "replicaset-controller", "create_pods") for p in x["result"]}
    built = Built(_t(lang, "ReplicaSet이 빠진 파드를 대신할 새 파드를 만듭니다. 스케줄러는 어느 노드에 둘까요?",
                     "The ReplicaSet creates a pod to replace the missing one. Which node does the scheduler pick?"),
                  explanation=bind["explanation"], source=sources.SCHEDULER)
    for node in _nodes(step)[:5]:
        others = len([p for p in node["pods"] if p["name"] not in new_pods and p.get("status") != "Terminating"])
        if node["name"] == chosen:
            why = _t(lang, f"Ready이고 자리가 있으며, 같은 앱의 파드가 가장 적습니다({others}개).",
                     f"Ready, with room, and with the fewest pods of this app ({others}).")
        elif not node["ready"]:
            why = _t(lang, "이 노드는 NotReady이고 taint가 붙어 있어 스케줄러가 걸러 냅니다.",
                     "This node is NotReady and tainted: the scheduler filters it out.")
        else:
            why = _t(lang, f"이미 같은 앱의 파드가 {others}개 있어, 분산(spread)과 least-allocated 점수가 더 낮습니다.",
                     f"It already runs {others} pod(s) of this app, so its spread and least-allocated scores are lower.")
        built.options.append(Option(len(built.options), node["name"], why, node["name"] == chosen))
    return built if any(o.right for o in built.options) else None


def pods_per_node(trace: sim.Trace, index: int, d: dict, lang: str) -> Built | None:
    """How the scheduler spreads many pods: the busiest node's count, against "all on one" and "fill one first"."""
    per_node, pods = d["inputs"]["per_node"], d["inputs"]["pods"]
    if not per_node:
        return None
    nodes = [n for n in _nodes(trace.steps[index]) if n["name"].startswith(tuple(k.rsplit("-", 1)[0] for k in per_node))]
    busiest, count = max(per_node.values()), max(len(nodes), len(per_node))
    built = Built(_t(lang, f"파드 {pods}개를 노드 {count}대에 배치합니다. 가장 많이 받는 노드에는 몇 개가 갈까요?",
                     f"{pods} pods go to {count} nodes. How many does the busiest node get?"),
                  explanation=d["explanation"], source=sources.SCHEDULER)
    built.options.append(Option(busiest, str(busiest), _t(lang, "점수가 같은 노드에 번갈아 놓으니 고르게 퍼집니다.",
                                                       "Equal scores take turns, so the pods spread evenly."), True))
    built.options.append(Option(pods, str(pods), _t(lang, "한 호스트에 전부 띄우는 건 Docker 혼자일 때입니다. 스케줄러는 노드마다 점수를 매겨 퍼뜨립니다.",
                                                 "All on one host is Docker alone; the scheduler scores every node and spreads them.")))
    built.options.append(Option(math.ceil(pods / count), str(math.ceil(pods / count)), _t(
        lang, "고르게 나눈 값이지만, 자리가 모자라면 일부 파드는 Pending으로 남아 어느 노드에도 가지 않습니다.",
        "The even share; but when room runs out some pods stay Pending and go to no node.")))
    built.options.append(Option(0, "0", _t(lang, "Ready이고 자리가 남은 노드가 있으니 파드는 Pending으로 남지 않습니다. 같은 매니페스트는 어느 클러스터에서든 이렇게 배치됩니다.",
                                           "Ready nodes with room are there, so no pod stays Pending; the same manifest schedules like this on any cluster.")))
    cpu, pod_cpu = trace.params.get("node_cpu_millicores"), trace.params.get("pod_cpu_millicores")
    if cpu and pod_cpu:
        fill = min(pods, cpu // pod_cpu)
        built.options.append(Option(fill, str(fill), _t(
            lang, f"{cpu}m ÷ {pod_cpu}m = {fill}: 한 노드를 꽉 채운 뒤 다음으로 가는 방식이 아닙니다. least-allocated 점수는 덜 찬 노드를 고릅니다.",
            f"{cpu}m ÷ {pod_cpu}m = {fill} fills one node first; the least-allocated score prefers the emptier node.")))
    return built


def all_ready_time(trace: sim.Trace, index: int, e: dict, lang: str) -> Built | None:
    """How long new pods take to become Ready: pull, start, warm up, then the readiness probe's next check."""
    created = next((s for s in reversed(trace.steps[:index]) if _decisions(s, "replicaset-controller", "create_pods")), None)
    if created is None:
        return None
    took = round(trace.steps[index].time_s - created.time_s, 1)
    pull, start, warm = (float(trace.params.get(k, 0)) for k in ("image_pull_s", "container_start_s", "app_warmup_s"))
    boot = pull + start + warm
    pods = len(next(iter(_decisions(created, "replicaset-controller", "create_pods")))["result"])
    label = _t(lang, "{}초 뒤", "{} s later")
    built = Built(_t(lang, f"{created.clock}에 파드 {pods}개가 만들어졌습니다. 몇 초 뒤에 Ready가 될까요?",
                     f"At {created.clock} {pods} pods were created. How long until they are Ready?"),
                  explanation=_t(lang, f"이미지 받기 {_s(pull)}초 + 컨테이너 시작 {_s(start)}초 + 앱 준비 {_s(warm)}초 = {_s(boot)}초, 그다음 준비성 검사의 다음 확인에서 Ready: {_s(took)}초. 노드마다 동시에 진행됩니다.",
                                 f"Image pull {_s(pull)} s + container start {_s(start)} s + warm-up {_s(warm)} s = "
                                 f"{_s(boot)} s, then Ready at the readiness probe's next check: {_s(took)} s. Every "
                                 f"node does this at the same time."),
                  source=sources.PROBES)
    built.options.append(Option(took, label.format(_s(took)), _t(lang, "시작 시간에 준비성 검사 주기를 더한 값입니다.",
                                                               "The start-up plus the readiness probe's period."), True))
    built.options.append(Option(0, label.format(0), _t(lang, "파드를 만든다고 바로 요청을 받지는 않습니다. 이미지를 받고, 시작하고, 준비성 검사를 통과해야 합니다.",
                                                    "A created pod serves nothing yet: it must pull, start and pass its readiness probe.")))
    if boot and boot != took:
        built.options.append(Option(boot, label.format(_s(boot)), _t(lang, "컨테이너가 준비된 것만으로는 Ready가 아닙니다. kubelet의 다음 준비성 검사가 확인해야 합니다.",
                                                                  "A warmed-up container is not Ready until the kubelet's next readiness check says so.")))
    if pods > 1 and boot:
        one_by_one = round(pods * boot, 1)
        built.options.append(Option(one_by_one, label.format(_s(one_by_one)), _t(lang, "파드는 하나씩 차례로 뜨지 않습니다. 모든 노드가 동시에 시작합니다.",
                                                                              "Pods do not start one after another: all nodes start theirs at once.")))
    return built


def host_failure(trace: sim.Trace, index: int, e: dict, lang: str) -> Built | None:
    """What happens to a dead host's containers: Docker alone restarts nothing; Kubernetes recreates elsewhere, later."""
    step = trace.steps[index]
    if not _decisions(step, "dockerd", "host_lost"):
        return None
    t0 = step.time_s
    evicted = next(((s, x) for s in trace.steps[index:] for x in _decisions(s, "taint-eviction-controller", "evicted")), None)
    nowhere = _t(lang, "Docker: 아무 데서도 다시 뜨지 않음", "Docker: they run nowhere")
    built = Built(_t(lang, f"{_s(t0)}초에 머신 한 대의 전원이 나갑니다. 그 위의 컨테이너는 어떻게 될까요?",
                     f"At {_s(t0)} s a machine loses power. What happens to its containers?"),
                  explanation=next(iter(_decisions(step, "dockerd", "host_lost")))["explanation"], source=sources.DOCKER_RESTART_POLICIES)
    same = _t(lang, "Docker: 같은 호스트에서 0.1초 뒤 재시작", "Docker: restarted on the same host after 0.1 s")
    moved = _t(lang, "Docker: 다른 호스트로 옮겨 재시작", "Docker: restarted on another host")
    dead = _t(lang, "재시작 정책을 따르는 Docker 데몬도 그 호스트와 함께 꺼졌습니다.", "The Docker daemon that applies the restart policy died with the host.")
    alone = _t(lang, "Docker 데몬은 자기 호스트만 알고, 다른 호스트에 컨테이너를 옮기지 않습니다.", "A Docker daemon knows only its own host and moves nothing to another one.")
    if evicted is None:
        built.options += [Option(1, nowhere, _t(lang, "데몬이 호스트와 함께 사라졌고, 다른 호스트를 아는 누구도 없습니다.", "The daemon died with the host, and nothing else knows of other hosts."), True),
                          Option(2, same, dead), Option(0, moved, alone)]
        return built
    later, x = evicted
    bind = next(iter(_decisions(later, "kube-scheduler", "bind")), None)
    node = next(iter(bind["result"])) if bind else "?"
    right = _t(lang, f"{nowhere} · Kubernetes: {_s(later.time_s)}초에 {node}에 새 파드", f"{nowhere} · Kubernetes: a new pod on {node} at {_s(later.time_s)} s")
    marked = next((m for s in trace.steps[index:] for m in _decisions(s, "node-lifecycle-controller", "node_not_ready")), None)
    if marked is not None:
        i, tol = marked["inputs"], x["inputs"]["toleration_seconds"]
        built.explanation += " " + _t(
            lang, f"Kubernetes: 마지막 하트비트 {_s(i['last_heartbeat_s'])}초, 유예 {i['grace_period_s']}초를 넘겨 {_s(i['now_s'])}초에 NotReady, 여기에 tolerationSeconds {tol}초 → {_s(i['now_s'])} + {tol} = {_s(later.time_s)}초에 축출, 새 파드는 {node}로.",
            f"Kubernetes: last heartbeat {_s(i['last_heartbeat_s'])} s, past the {i['grace_period_s']} s grace → "
            f"NotReady at {_s(i['now_s'])} s; plus tolerationSeconds {tol} → evicted at {_s(i['now_s'])} + {tol} = "
            f"{_s(later.time_s)} s, and the new pod goes to {node}.")
    built.source = sources.TAINT_EVICTION
    built.options += [
        Option(2, right, _t(lang, "Docker 쪽은 아무도 다시 띄우지 않고, Kubernetes는 NotReady와 toleration을 기다린 뒤 다른 노드에 새 파드를 만듭니다.",
                            "Nothing restarts the Docker side; Kubernetes waits for NotReady and the toleration, then makes a pod on another node."), True),
        Option(1, _t(lang, f"{nowhere} · Kubernetes: {_s(t0)}초에 곧바로 새 파드", f"{nowhere} · Kubernetes: a new pod at once, at {_s(t0)} s"), _t(
            lang, "컨트롤 플레인은 하트비트가 끊긴 뒤 유예 시간과 tolerationSeconds를 기다립니다.",
            "The control plane waits for the heartbeat grace period and tolerationSeconds first.")),
        Option(0, _t(lang, "둘 다 몇 초 안에 다른 머신에서 다시 시작", "Both restart them on another machine within seconds"), alone),
        Option(3, _t(lang, f"{same} · Kubernetes: 같은 노드에서 재시작", f"{same} · Kubernetes: restarted on the same node"), dead),
    ]
    return built
