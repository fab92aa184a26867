"""What a concept page offers to try: the calculators that work its rules out and the scenarios that show it."""

from dataclasses import dataclass

from sqlmodel import Session

from app.content import catalog
from app.explorer.calculators import TEXTS
from app.i18n.catalogs import translations

# The calculators each concept's text is about: autoscaling is what the post calls load balancing, a Deployment
# rolls out through ReplicaSets and is what an HPA scales, self-healing is restarts (back-off) and rescheduling
# (eviction), Docker's restart policy is the Docker back-off.
CALCULATORS = {
    "load-balancing": ("hpa",),
    "rolling-update": ("rolling-update",),
    "deployment": ("rolling-update", "hpa"),
    "replicaset": ("rolling-update",),
    "image": ("rolling-update",),
    "kubectl": ("rolling-update",),
    "service": ("rolling-update", "hpa"),
    "self-healing": ("backoff", "node-eviction"),
    "pod": ("backoff", "node-eviction"),
    "container": ("backoff",),
    "container-runtime": ("backoff",),
    "docker": ("backoff",),
    "docker-engine": ("backoff",),
    "docker-compose": ("backoff",),
    "control-plane": ("node-eviction",),
    "orchestration": ("hpa", "node-eviction"),
    "kubernetes": ("hpa", "rolling-update", "backoff", "node-eviction"),
    "when-to-use-kubernetes": ("hpa",),
    "how-this-site-runs": ("hpa", "rolling-update"),
}
# The scenario kinds that play each calculator's rule in a whole cluster.
SCENARIO_KINDS = {
    "hpa": ("autoscaling",),
    "rolling-update": ("rolling-update",),
    "backoff": ("self-healing", "docker-alone"),
    "node-eviction": ("self-healing",),
}

# Scenarios for concepts no scenario names and no calculator covers: Swarm is set against Kubernetes, a registry
# is what lets the same images run at another provider.
SCENARIOS = {"docker-swarm": ("docker-vs-kubernetes",), "registry": ("vendor-portability",),
             "container-runtime": ("docker-alone",)}
# Concepts about the layers under an application, which the stack explorer lays side by side.
STACKS = frozenset({"virtual-machine", "hypervisor", "guest-os", "host-os", "container", "container-runtime",
                    "docker-engine"})


@dataclass(frozen=True)
class Link:
    """A page to try: its address and title in the reader's language."""

    url: str
    title: str


@dataclass(frozen=True)
class TryIt:
    """The calculators and scenarios for one concept."""

    calculators: list[Link]
    scenarios: list[Link]
    stacks: str | None = None  # the stack explorer's address, where it shows this concept


def try_it(session: Session, slug: str, lang: str) -> TryIt:
    """The concept's calculators, and the scenarios that name the concept or play one of its calculators' rules."""
    gettext = translations(lang).gettext
    names = CALCULATORS.get(slug, ())
    kinds = {kind for name in names for kind in SCENARIO_KINDS[name]} | set(SCENARIOS.get(slug, ()))
    # Only the scenarios' slugs, kinds, titles and concepts: their descriptions are not shown here.
    scenarios = [(scenario, title) for scenario, kind, title, concepts in catalog.scenario_links(session, lang)
                 if kind in kinds or slug in concepts]
    return TryIt(calculators=[Link(f"/{lang}/calculators/{name}", gettext(TEXTS[name][0])) for name in names],
                 scenarios=[Link(f"/{lang}/scenarios/{scenario}", title) for scenario, title in scenarios],
                 stacks=f"/{lang}/stacks?view=both" if slug in STACKS else None)
