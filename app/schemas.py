"""The public shapes of content, as the pages and the JSON API show it, in one language."""

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.content.kind_names import SEARCHED as SEARCHED_KINDS
from app.i18n.languages import LANGUAGES as LANGUAGE_CODES

Lang = Literal[LANGUAGE_CODES]
LANGUAGES: list[Lang] = list(LANGUAGE_CODES)


class Shape(BaseModel):
    """What every shape below is made from. Its validator and serializer are built when first used, not when the
    module is imported: a worker serving pages uses a few of them, the JSON API (loaded on first use) the rest."""

    model_config = ConfigDict(defer_build=True)


class SourcePublic(Shape):
    """The post this explorer is built from, and the reference it cites."""

    title: str
    original_title: str = Field(description="The post's own title, in Korean")
    date: dt.date
    url: str | None
    reference_title: str
    reference_url: str


class PageLinks(Shape):
    """Links to other pages of a list, relative to this site; null where there is no such page."""

    first: str | None = Field(default=None, examples=["/api/v1/concepts?limit=5&offset=0&lang=en"])
    prev: str | None = Field(default=None, examples=[None])
    next: str | None = Field(default=None, examples=["/api/v1/concepts?limit=5&offset=5&lang=en"])


class ListPublic(Shape):
    """What every list shares: count is the number of items that match, on all pages."""

    count: int = Field(examples=[16])
    limit: int = Field(default=100, description="The most items on one page", examples=[5])
    offset: int = Field(default=0, description="How many items come before this page", examples=[0])
    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    links: PageLinks = Field(default_factory=PageLinks)


class TagPublic(Shape):
    slug: str = Field(examples=["kubernetes"])
    label: str = Field(examples=["Kubernetes"])


class TagsPublic(ListPublic):
    data: list[TagPublic]


class ConceptRef(Shape):
    """A link to a concept: enough to show its title and what it is about."""

    slug: str
    title: str
    summary: str


class TermPublic(Shape):
    """A glossary entry: the word, one line saying what it is, and the concept page that explains it."""

    slug: str = Field(examples=["kubelet"])
    term: str = Field(examples=["kubelet"])
    definition: str
    concept: ConceptRef


class GlossaryPublic(ListPublic):
    data: list[TermPublic]


class ChoicePublic(Shape):
    """One answer a question offers: whether it is the right one, and why (Markdown and safe HTML)."""

    key: str = Field(examples=["b"])
    text: str
    correct: bool
    why_markdown: str
    why_html: str


class QuestionSourcePublic(Shape):
    """Where the question's claim comes from: the post's section (its anchor and heading) and a primary source."""

    anchor: str = Field(examples=["쿠버네티스란"])
    section: str = Field(description="The heading of the post's section, in the requested language")
    title: str
    url: str


class QuestionPublic(Shape):
    """An authored question about concepts: the prompt, its choices, the right one and the explanation."""

    slug: str = Field(examples=["self-healing-restarts"])
    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    prompt: str
    choices: list[ChoicePublic]
    answer: str = Field(description="The key of the right choice")
    explanation_markdown: str
    explanation_html: str
    source: QuestionSourcePublic
    concepts: list[ConceptRef]


class QuestionsPublic(ListPublic):
    """One page of questions; count is the number that match, on all pages."""

    data: list[QuestionPublic]
    concept: str | None = None


class NoteSource(Shape):
    title: str
    url: str


class NotePublic(Shape):
    """A "more precisely" note: the post's claim, what is more precise, and the primary source."""

    id: str
    claim: str
    text_markdown: str
    text_html: str
    source: NoteSource


class ConceptSummary(Shape):
    slug: str
    title: str
    summary: str
    tags: list[TagPublic]


class ConceptPublic(Shape):
    slug: str
    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    title: str
    summary: str
    body_markdown: str
    body_html: str
    tags: list[TagPublic]
    related: list[ConceptRef]
    notes: list[NotePublic]
    source: SourcePublic


class ConceptsPublic(ListPublic):
    """One page of concepts; count is the number of concepts that match, on all pages."""

    data: list[ConceptSummary]
    tag: str | None = None


class ComparisonSide(Shape):
    label: str
    concept: ConceptRef | None


class ComparisonCellPublic(Shape):
    """One side's text in a row, as Markdown and as safe HTML."""

    text: str
    html: str


class ComparisonRowPublic(Shape):
    """One row: the aspect compared, and each side as Markdown and as safe HTML."""

    aspect: str
    left: str
    right: str
    left_html: str
    right_html: str
    cells: list[ComparisonCellPublic] = Field(
        description="Every side's text, in the order of the comparison's sides: left and right first")


class ComparisonSummary(Shape):
    slug: str
    title: str
    left: ComparisonSide
    right: ComparisonSide
    sides: list[ComparisonSide] = Field(
        description="Every side in order, two or more: the first two are left and right")


class ComparisonPublic(Shape):
    slug: str
    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    title: str
    intro_markdown: str
    intro_html: str
    left: ComparisonSide
    right: ComparisonSide
    sides: list[ComparisonSide] = Field(
        description="Every side in order, two or more: the first two are left and right")
    rows: list[ComparisonRowPublic]
    source: SourcePublic


class ComparisonsPublic(ListPublic):
    data: list[ComparisonSummary]


class StackLayerPublic(Shape):
    """A layer of a stack; position 0 is the hardware at the bottom."""

    key: str
    position: int
    name: str
    description: str
    per_workload: bool = Field(description="Carried by each VM or container rather than shared")
    concept: ConceptRef | None
    points: list[str] = Field(description="Keys of the pros and cons this layer causes")


class StackPointPublic(Shape):
    key: str
    kind: Literal["pro", "con"]
    text: str
    layers: list[str] = Field(description="Keys of the layers that cause it")


class StackPublic(Shape):
    view: str
    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    title: str
    description_markdown: str
    description_html: str
    layers: list[StackLayerPublic] = Field(description="Ordered bottom (hardware) to top (applications)")
    pros: list[StackPointPublic]
    cons: list[StackPointPublic]
    source: SourcePublic


class StacksPublic(ListPublic):
    data: list[StackPublic]


class ScenarioSummary(Shape):
    slug: str
    kind: str
    title: str
    description_markdown: str
    description_html: str
    concepts: list[ConceptRef]
    params: dict
    prediction_specs: list[dict[str, str]] = Field(
        default=[], description="The questions the player asks, as authored: each a question type and the selector "
                                "(an event or a decision, e.g. decision:kubelet/restart#last) of the step it is about")


class ScenariosPublic(ListPublic):
    data: list[ScenarioSummary]


class CalculationBase(Shape):
    """A controller calculation: the inputs it used, the explanation in one language, and its sources."""

    name: str
    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    inputs: dict[str, str | int | float]
    explanation: str
    sources: list[str]


class HpaSync(Shape):
    time_s: int
    replicas: int


class HpaCalculation(CalculationBase):
    usage_ratio: float
    within_tolerance: bool = Field(description="0.9 ≤ ratio ≤ 1.1, both ends included (Kubernetes ≥ 1.33)")
    tolerance: float
    raw_desired_replicas: int
    desired_replicas: int = Field(description="After the tolerance and the min/max clamp")
    behavior: Literal["none", "default"] = Field(description="none: no spec.behavior; default: the default rules")
    next_replicas: int = Field(description="What the next 15 s sync sets: a scale-up is limited per sync "
                                           "(none: max(2 × current, 4); default: max(2 × current, current + 4))")
    scale_up_limit_per_15s: int = Field(description="The most replicas the next sync may set on a scale-up")
    path: list[int] = Field(description="The replica count after each change while the desired count stays the "
                                        "same (a scale-down's change comes after the stabilization window: see "
                                        "timeline)")
    timeline: list[HpaSync] = Field(default_factory=list, description=(
        "The syncs that change the count if the load stays, in seconds after the next sync: a scale-up at once, "
        "a scale-down only after the 300 s stabilization window"))
    first_change_after_s: int | None = Field(default=None, description="When the HPA first changes the count")
    settled_after_s: int = Field(default=0, description="When the count stops changing")


class RolloutRow(Shape):
    old: int
    new: int
    total: int
    available: int
    event: str
    label: str


class RollingUpdateCalculation(CalculationBase):
    replicas: int
    max_surge: int = Field(description="Resolved: a percentage rounds up")
    max_unavailable: int = Field(description="Resolved: a percentage rounds down")
    max_total_pods: int = Field(description="The bound: replicas + maxSurge")
    min_available_pods: int
    peak_total_pods: int = Field(default=0, description="The most pods at once in the steps; below the bound when "
                                                         "maxSurge exceeds the replicas (neither ReplicaSet grows "
                                                         "past them)")
    steps: list[RolloutRow]


class BackoffCalculation(CalculationBase):
    runtime: Literal["kubernetes", "docker"]
    restarts: int
    delays_s: list[float] = Field(description="The wait before each of restarts 1..N, in seconds")
    total_wait_s: float
    cap_s: float
    reset_after_s: float


class NodeEvictionCalculation(CalculationBase):
    toleration_seconds: int
    node_monitor_grace_period_s: int
    node_monitor_period_s: int
    lease_renew_interval_s: int
    not_ready_after_s: int = Field(description="Seconds after the last heartbeat")
    evicted_after_s: int = Field(description="Seconds after the last heartbeat")


# What a search hit may be: an item of a searched content kind, or one of the calculators.
HitKind = Literal[(*SEARCHED_KINDS, "calculator")]


class SearchHitPublic(Shape):
    """A found item: its title and a snippet around the first match, also as HTML with the matches in <mark>."""

    kind: HitKind = Field(examples=["concept"])
    key: str = Field(description="The item's slug (a stack's view)", examples=["orchestration"])
    title: str = Field(examples=["Container orchestration"])
    title_html: str = Field(examples=["Container <mark>orchestration</mark>"])
    snippet: str
    snippet_html: str = Field(description="Escaped text with <mark> around each match")
    url: str = Field(description="The page", examples=["/en/concepts/orchestration"])
    api_url: str = Field(description="The JSON twin", examples=["/api/v1/concepts/orchestration?lang=en"])


class SearchResultsPublic(ListPublic):
    """One page of hits, best first, for items that contain every word of q (in the response's language)."""

    data: list[SearchHitPublic]
    q: str = Field(examples=["orchestration"])
    terms: list[str] = Field(description="The words searched for, as read from q", examples=[["orchestration"]])
    kind: HitKind | None = None
    counts: dict[str, int] = Field(description="Hits per kind, over all pages and kinds", examples=[{"concept": 4}])


class KubectlCommand(Shape):
    """A command a person would type at this step, and what it would print then (computed from the step)."""

    command: str = Field(examples=["kubectl get pods -o wide"])
    output: str


class ManifestPublic(Shape):
    """One Kubernetes object the scenario's parameters describe, as YAML for `kubectl apply -f`."""

    kind: str = Field(examples=["Deployment"])
    name: str = Field(examples=["web"])
    yaml: str


class StepPublic(Shape):
    """One step of a trace: what happened and why, the nodes with their pods, the numbers, the decisions."""

    model_config = ConfigDict(extra="allow")
    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    index: int
    time_s: float
    title: str
    narration: str
    summary: str = Field("", description="One plain sentence: what happened at this step and what it means")
    nodes: list[dict[str, Any]]
    metrics: dict[str, Any]
    decisions: list[dict[str, Any]]
    kubectl: list[KubectlCommand] = Field(
        default_factory=list, description="What kubectl (or docker ps, on a Docker host) would print at this step")


class TracePublic(Shape):
    kind: str
    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    params: dict[str, Any]
    seed: int
    duration_s: float
    sources: list[str]
    steps: list[StepPublic]


class ScenarioPublic(ScenarioSummary):
    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    trace: TracePublic
    manifests: list[ManifestPublic] = Field(
        default_factory=list, description="The Kubernetes objects its parameters describe; none for Docker alone")
    predictions: list["PredictionPublic"] = Field(default=[], description="Questions computed from this trace")


# Predictions: questions asked before a step, whose answers the trace computes.


class PredictionChoicePublic(Shape):
    """One answer a learner may pick, and why it is right or wrong."""

    key: str = Field(description="What the page's ?guess= sends, with the prediction's id: p1-b")
    label: str
    why: str


class PredictionPublic(Shape):
    """A question about a step, asked before it is shown: the choices, the right one, the working and its source."""

    id: str = Field(examples=["p1"])
    type: str = Field(examples=["hpa-replicas"])
    step: int = Field(description="The step the question is about; it is asked on the step before")
    question: str
    choices: list[PredictionChoicePublic]
    answer: str = Field(description="The key of the right choice")
    explanation: str = Field(description="How the right answer is computed, with this trace's numbers")
    source: str = Field(description="The Kubernetes or Docker document the rule comes from")


class SimulationPublic(TracePublic):
    """A custom run, with the questions of the stored scenario of its kind computed from this run."""

    predictions: list[PredictionPublic] = []


ScenarioPublic.model_rebuild()


# The learning path and the concept map.


class PathStopPublic(Shape):
    """One stop of the learning path: the item it names, why it comes now, and the page and JSON to read."""

    number: int = Field(description="Its place on the path, from 1", examples=[1])
    kind: str = Field(description="The kind of item it names", examples=["concept"])
    slug: str = Field(description="The item's key", examples=["container"])
    title: str = Field(examples=["What a container is"])
    why: str = Field(description="Why this stop comes now", examples=["Everything else builds on this."])
    url: str = Field(description="The item's page, in this language", examples=["/en/concepts/container"])
    api_url: str | None = Field(description="The item's JSON", examples=["/api/v1/concepts/container?lang=en"])


class PathPublic(Shape):
    """The learning path: its stops in the order a reader takes them."""

    slug: str = Field(examples=["docker-to-kubernetes"])
    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    title: str
    intro_markdown: str
    intro_html: str
    count: int = Field(description="The number of stops", examples=[21])
    stops: list[PathStopPublic]
    source: SourcePublic


class MapNodePublic(Shape):
    """A concept on the map: where its box's centre is, in the drawing's units."""

    slug: str = Field(examples=["docker"])
    title: str = Field(examples=["Docker"])
    url: str = Field(examples=["/en/concepts/docker"])
    x: float = Field(examples=[120.0])
    y: float = Field(examples=[40.0])


class MapEdgePublic(Shape):
    """A relation between two concepts, as the first one's page names it."""

    # "from" is a Python keyword: the field is from_, but it is read and written as "from".
    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)
    from_: str = Field(alias="from", examples=["docker"])
    to: str = Field(examples=["container"])
    relation: Literal["related"] = "related"


class ConceptMapPublic(Shape):
    """Every concept and its relations, laid out once per content revision."""

    lang: Lang
    available_languages: list[Lang] = LANGUAGES
    width: float = Field(description="The drawing's width, in its units", examples=[900.0])
    height: float = Field(description="The drawing's height, in its units", examples=[600.0])
    nodes: list[MapNodePublic]
    edges: list[MapEdgePublic]
    source: SourcePublic
