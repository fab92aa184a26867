"""Each scenario parameter's label (with its unit) and one-line help, in Korean and English."""

from __future__ import annotations

from app.sim.text import Text, tr

_ILLUSTRATIVE = tr("시뮬레이터가 정한 값(예시)", "a modelling choice, illustrative")


def _timing(ko: str, en: str) -> Text:
    return tr(f"{ko}. {_ILLUSTRATIVE['ko']}.", f"{en}; {_ILLUSTRATIVE['en']}.")


LABELS: dict[str, tuple[Text, Text]] = {
    "restart_policy": (tr("재시작 정책(docker run --restart)", "Restart policy (docker run --restart)"),
                       tr("no, on-failure[:N], always, unless-stopped 중 하나.",
                          "One of no, on-failure[:N], always, unless-stopped.")),
    "crash_at_s": (tr("컨테이너가 죽는 시각(초)", "Container crash at (s)"),
                   tr("시작부터 몇 초 뒤에 컨테이너가 오류로 끝나는지.", "Seconds from the start until a container exits "
                      "with an error.")),
    "host_failure_at_s": (tr("호스트 장애 시각(초)", "Host failure at (s)"),
                          tr("도커 호스트의 전원이 나가는 시각.", "When the Docker host loses power.")),
    "duration_s": (tr("전체 길이(초)", "Length of the run (s)"), tr("이야기가 끝나는 시각.", "When the story ends.")),
    "nodes": (tr("노드 수(대)", "Nodes (count)"), tr("파드가 돌 수 있는 워커 노드.", "Worker nodes the pods can run on.")),
    "node_cpu_millicores": (tr("노드당 할당 가능 CPU(밀리코어)", "Allocatable CPU per node (millicores)"),
                            tr("스케줄러가 노드마다 나눠 줄 수 있는 CPU. kubelet 기본 설정은 예약분이 없어 노드의 CPU와 같습니다"
                               "(1000m = 코어 1개).", "What the scheduler can hand out on each node; kubelet defaults "
                               "reserve none, so it equals the node's CPU (1000m = 1 core).")),
    "pod_cpu_millicores": (tr("파드당 CPU 요청량(밀리코어)", "CPU request per pod (millicores)"),
                           tr("스케줄러는 이만큼의 할당 가능 CPU가 남은 노드에만 파드를 놓습니다.",
                              "The scheduler places a pod only where this much allocatable CPU is still free.")),
    "replicas_before": (tr("예약 작업 전 레플리카(파드 수)", "Replicas before (pods)"),
                        tr("예약 작업이 돌기 전 디플로이먼트의 spec.replicas.",
                           "The Deployment's spec.replicas before the scheduled job runs.")),
    "replicas_after": (tr("예약 작업 후 레플리카(파드 수)", "Replicas after (pods)"),
                       tr("CronJob이 `kubectl scale`로 정하는 값.", "What the CronJob sets with `kubectl scale`.")),
    "at": (tr("예약 시각(HH:MM)", "Scheduled time (HH:MM)"),
           tr("CronJob이 `kubectl scale`을 실행하는 시각.", "When the CronJob runs `kubectl scale`.")),
    "replicas": (tr("레플리카(파드 수)", "Replicas (pods)"), tr("디플로이먼트의 spec.replicas.",
                                                          "The Deployment's spec.replicas.")),
    "crashes": (tr("연속 충돌 횟수(번)", "Crashes in a row (count)"),
                tr("컨테이너가 시작할 때마다 곧 다시 죽는 횟수.", "How many times the container dies soon after each "
                   "start.")),
    "delete_pod_at_s": (tr("파드 삭제 시각(초)", "Pod deleted at (s)"),
                        tr("누군가 `kubectl delete pod`를 실행하는 시각.", "When someone runs `kubectl delete pod`.")),
    "node_failure_at_s": (tr("노드 장애 시각(초)", "Node failure at (s)"),
                          tr("노드 하나의 전원이 나가는 시각.", "When one node loses power.")),
    "toleration_seconds": (tr("tolerationSeconds(초)", "tolerationSeconds (s)"),
                           tr("연결이 끊긴 노드에 파드가 축출 전까지 머무는 시간. 쿠버네티스 기본값은 300.",
                              "How long pods stay on an unreachable node before eviction; Kubernetes adds 300 by "
                              "default.")),
    "pod_capacity_rps": (tr("파드 처리 용량(초당 요청, 예시)", "Pod capacity (requests/s, illustrative)"),
                         tr("파드 하나가 CPU 제한에서 처리하는 초당 요청 수. 넘치는 요청은 기다리다 실패합니다.",
                            "Requests per second one pod serves at its CPU limit; what is beyond it waits and fails.")),
    "min_replicas": (tr("minReplicas(파드 수)", "minReplicas (pods)"),
                     tr("HPA가 이보다 적게 줄이지 않습니다.", "The HPA never goes below it.")),
    "max_replicas": (tr("maxReplicas(파드 수)", "maxReplicas (pods)"),
                     tr("HPA가 이보다 많이 늘리지 않습니다.", "The HPA never goes above it.")),
    "target_cpu_utilization": (tr("목표 CPU 사용률(요청량의 %)", "Target CPU utilization (% of request)"),
                               tr("HPA가 맞추려는 파드 평균 CPU 사용률.", "The average CPU use the HPA aims for.")),
    "behavior": (tr("spec.behavior(none 또는 default)", "spec.behavior (none or default)"),
                 tr("none: `kubectl autoscale`처럼 behavior 없음, 동기화마다 최대 max(2 × 현재, 4). default: 기본 규칙을 명시, "
                    "15초마다 +100% 또는 +4개.", "none: no behavior, as `kubectl autoscale` makes it, at most "
                    "max(2 × current, 4) per sync; default: the default rules spelled out, +100% or +4 pods per 15 s.")),
    "base_rps": (tr("평소 트래픽(초당 요청)", "Normal traffic (requests/s)"),
                 tr("서비스에 들어오는 평소 요청 수.", "Requests arriving at the Service normally.")),
    "peak_rps": (tr("최대 트래픽(초당 요청)", "Peak traffic (requests/s)"),
                 tr("급증했을 때의 요청 수.", "Requests arriving during the spike.")),
    "rps_per_pod_at_100pct": (tr("CPU 요청량 100%에서 파드당 요청(초당, 예시)",
                                 "Requests/s per pod at 100% of its CPU request (illustrative)"),
                              tr("트래픽에 따라 CPU 사용이 얼마나 느는지를 정합니다.", "Sets how CPU use follows "
                                 "traffic.")),
    "metric_resolution_s": (tr("metrics-server 측정 간격(초)", "metrics-server resolution (s)"),
                            tr("metrics-server가 CPU를 재는 간격(--metric-resolution, 배포 매니페스트 값 15).",
                               "How often metrics-server samples CPU (--metric-resolution; its manifests set 15).")),
    "peak_at_s": (tr("급증 시작 시각(초)", "Peak starts at (s)"), tr("트래픽이 치솟는 시각.", "When traffic jumps.")),
    "peak_until_s": (tr("급증 끝 시각(초)", "Peak ends at (s)"),
                     tr("트래픽이 평소로 돌아오는 시각.", "When traffic falls back.")),
    "max_surge": (tr("maxSurge(파드 수 또는 %)", "maxSurge (pods or %)"),
                  tr("원하는 수보다 더 띄울 수 있는 파드. 퍼센트는 올림, 기본 25%.",
                     "Pods allowed above the desired count; a percentage rounds up; default 25%.")),
    "max_unavailable": (tr("maxUnavailable(파드 수 또는 %)", "maxUnavailable (pods or %)"),
                        tr("사용할 수 없어도 되는 파드. 퍼센트는 내림, 기본 25%.",
                           "Pods allowed to be unavailable; a percentage rounds down; default 25%.")),
    "from_version": (tr("현재 버전", "Current version"), tr("처음 돌고 있는 이미지 태그.", "The image tag running at "
                                                                                 "first.")),
    "to_version": (tr("새 버전", "New version"), tr("배포할 이미지 태그.", "The image tag rolled out.")),
    "broken_version": (tr("고장 난 버전", "Broken version"),
                       tr("준비성 프로브에 실패하는 이미지 태그.", "An image tag whose readiness probe fails.")),
    "from_provider": (tr("옮기기 전 공급자", "From provider"), tr("처음 클러스터의 공급자 이름.", "The first "
                                                                                      "cluster's provider.")),
    "to_provider": (tr("옮겨 갈 공급자", "To provider"), tr("새 클러스터의 공급자 이름.", "The new cluster's provider.")),
    "image_pull_s": (tr("이미지 받기(초, 예시)", "Image pull (s, illustrative)"),
                     _timing("이미지가 없는 노드가 이미지를 받는 시간", "Time to pull the image onto a node that lacks it")),
    "container_start_s": (tr("컨테이너 시작(초, 예시)", "Container start (s, illustrative)"),
                          _timing("이미지가 있을 때 컨테이너 프로세스가 뜨기까지", "From the image on disk to the process "
                                  "running")),
    "app_warmup_s": (tr("앱 준비(초, 예시)", "App warm-up (s, illustrative)"),
                     _timing("프로세스가 뜬 뒤 앱이 준비성 프로브에 답하기까지. 프로브는 쿠버네티스 기본값(periodSeconds 10, "
                             "failureThreshold 3, initialDelaySeconds 0)",
                             "From the process running to the app answering its readiness probe, which uses the "
                             "Kubernetes defaults (periodSeconds 10, failureThreshold 3, initialDelaySeconds 0)")),
}


def label(name: str) -> tuple[Text, Text]:
    """A parameter's label and help; a parameter without words of its own shows its name."""
    return LABELS.get(name, (tr(name, name), tr("", "")))
