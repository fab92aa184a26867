"""The questions a scenario may ask a learner, and the selectors that place each one before the step it is about."""

import re

# Each question type and the steps it can be asked before: a selector names what the step shows, an event
# ("event:host_failed") or a controller's decision ("decision:kubelet/restart"), and may pick its n-th or last
# occurrence ("#2", "#last"), so that a question stays on its step when a what-if changes how many steps there are.
QUESTION_SELECTORS: dict[str, tuple[str, ...]] = {
    "hpa-replicas": ("decision:horizontal-pod-autoscaler/scale",),
    "hpa-scale-down": ("decision:horizontal-pod-autoscaler/scale",),
    "rollout-peak": ("decision:deployment-controller/new_replicaset",),
    "serving-pods": ("event:probe_failed",),
    "eviction-time": ("decision:taint-eviction-controller/evicted",),
    "restart-delay": ("decision:dockerd/restart", "decision:kubelet/restart"),
    "replacement-node": ("decision:replicaset-controller/create_pods", "decision:taint-eviction-controller/evicted"),
    "pods-per-node": ("decision:kube-scheduler/bind",),
    "all-ready-time": ("event:pod_ready",),
    "host-failure": ("event:host_failed",),
}
SELECTOR = re.compile(r"^(?P<base>(?:event:[a-z_]+)|(?:decision:[a-z-]+/[a-z_]+))(?:#(?P<nth>[1-9][0-9]?|last))?$")


def parse(selector: str) -> tuple[str, str] | None:
    """A selector's base ("event:host_failed") and occurrence ("1", "2", …, "last"), or None if it is malformed."""
    match = SELECTOR.match(selector)
    if match is None:
        return None
    return match["base"], match["nth"] or "1"


def problem(question: str, selector: str) -> tuple[str, str] | None:
    """What is wrong with asking this question at this selector, as (field, message), or None."""
    if question not in QUESTION_SELECTORS:
        return "question", f"unknown question type {question!r}; expected one of {', '.join(QUESTION_SELECTORS)}"
    parsed = parse(selector)
    allowed = QUESTION_SELECTORS[question]
    if parsed is None or parsed[0] not in allowed:
        return "at", (f"unknown selector {selector!r} for {question}; expected "
                      + " or ".join(f"{base}[#n|#last]" for base in allowed))
    return None
