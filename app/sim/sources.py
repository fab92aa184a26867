"""The documents and source files each simulated rule comes from, in one place."""

from __future__ import annotations

_K8S = "https://kubernetes.io/docs"
_KK = "https://github.com/kubernetes/kubernetes/blob/master"

# Docker
DOCKER_RESTART_POLICIES = "https://docs.docker.com/engine/containers/start-containers-automatically/"
DOCKER_API_RESTART_POLICY = "https://docs.docker.com/reference/api/engine/version/v1.57/schemas/RestartPolicy/"
MOBY_RESTART_MANAGER = "https://github.com/moby/moby/blob/master/restartmanager/restartmanager.go"

# kubelet
POD_RESTART_POLICY = f"{_K8S}/concepts/workloads/pods/pod-lifecycle/#restart-policy"
POD_TERMINATION = f"{_K8S}/concepts/workloads/pods/pod-lifecycle/#pod-termination"
PROBES = f"{_K8S}/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes"
KUBELET_BACKOFF = f"{_KK}/staging/src/k8s.io/client-go/util/flowcontrol/backoff.go"
KUBELET_DO_BACKOFF = f"{_KK}/pkg/kubelet/kuberuntime/kuberuntime_manager.go"
PROBE_WORKER = f"{_KK}/pkg/kubelet/prober/worker.go"
KUBELET_MAX_PODS = f"{_K8S}/reference/config-api/kubelet-config.v1beta1/"

# Workloads
REPLICASET = f"{_K8S}/concepts/workloads/controllers/replicaset/"
ACTIVE_PODS_RANKING = f"{_KK}/pkg/controller/controller_utils.go"
DEPLOYMENT = f"{_K8S}/concepts/workloads/controllers/deployment/"
ROLLING_UPDATE = f"{_K8S}/concepts/workloads/controllers/deployment/#rolling-update-deployment"
RECREATE = f"{_K8S}/concepts/workloads/controllers/deployment/#recreate-deployment"
PROGRESS_DEADLINE = f"{_K8S}/concepts/workloads/controllers/deployment/#failed-deployment"
ROLLBACK = f"{_K8S}/concepts/workloads/controllers/deployment/#rolling-back-a-deployment"
ROLLING_GO = f"{_KK}/pkg/controller/deployment/rolling.go"
DEPLOYMENT_UTIL = f"{_KK}/pkg/controller/deployment/util/deployment_util.go"
ROLLOUT_STATUS = "https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/rollout_status.go"
APPS_VALIDATION = f"{_KK}/pkg/apis/apps/validation/validation.go"
INTSTR = f"{_KK}/staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go"
CRONJOB = f"{_K8S}/concepts/workloads/controllers/cron-jobs/"

# Scheduler
SCHEDULER = f"{_K8S}/concepts/scheduling-eviction/kube-scheduler/"
LEAST_ALLOCATED = f"{_KK}/pkg/scheduler/framework/plugins/noderesources/least_allocated.go"
BALANCED_ALLOCATION = f"{_KK}/pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go"
SPREAD_DEFAULTS = f"{_K8S}/concepts/scheduling-eviction/topology-spread-constraints/#internal-default-constraints"
SPREAD_SCORING = f"{_KK}/pkg/scheduler/framework/plugins/podtopologyspread/scoring.go"
SCORE_WEIGHTS = f"{_KK}/pkg/scheduler/apis/config/v1/default_plugins.go"

# Nodes
NODE_STATUS = f"{_K8S}/reference/node/node-status/"
NODE_HEARTBEATS = f"{_K8S}/concepts/architecture/nodes/#node-heartbeats"
NODE_GRACE_50S = "https://github.com/kubernetes/kubernetes/pull/126287"
KCM_FLAGS = f"{_K8S}/reference/command-line-tools-reference/kube-controller-manager/"
TAINT_EVICTION = f"{_K8S}/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions"
DEFAULT_TOLERATION = f"{_K8S}/reference/access-authn-authz/admission-controllers/#defaulttolerationseconds"
EVICTION_RATE_LIMITS = f"{_K8S}/concepts/architecture/nodes/#rate-limits-on-eviction"
NODE_LIFECYCLE_CONTROLLER = f"{_KK}/pkg/controller/nodelifecycle/node_lifecycle_controller.go"

# Service and autoscaling
SERVICE = f"{_K8S}/concepts/services-networking/service/"
ENDPOINT_CONDITIONS = f"{_K8S}/concepts/services-networking/endpoint-slices/#conditions"
HPA_ALGORITHM = f"{_K8S}/tasks/run-application/horizontal-pod-autoscale/#algorithm-details"
HPA_DEFAULT_BEHAVIOR = f"{_K8S}/tasks/run-application/horizontal-pod-autoscale/#default-behavior"
HPA_CONTROLLER = f"{_KK}/pkg/controller/podautoscaler/horizontal.go"
HPA_REPLICA_CALCULATOR = f"{_KK}/pkg/controller/podautoscaler/replica_calculator.go"
HPA_READINESS = f"{_K8S}/tasks/run-application/horizontal-pod-autoscale/#support-for-resource-metrics"
HPA_TOLERANCE = "https://kubernetes.io/blog/2025/04/28/kubernetes-v1-33-hpa-configurable-tolerance/"
METRICS_SERVER = "https://github.com/kubernetes-sigs/metrics-server"
METRICS_SERVER_STORAGE = "https://github.com/kubernetes-sigs/metrics-server/blob/master/pkg/storage/pod.go"
