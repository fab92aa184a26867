"""The database tables: content items, their per-language texts, the content revision counter, and admin."""

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel


class Table(SQLModel):
    """What every table below is made from. Their pydantic validators are built when first used, not when the module
    is imported: rows are made and read through SQLAlchemy, so most tables never need one in a worker serving pages
    (defer_build: a seventh of importing the tables)."""

    model_config = {**SQLModel.model_config, "defer_build": True}


def lang_field():
    """The language column of a per-language text row: part of its key."""
    return Field(primary_key=True, max_length=2)


class ContentState(Table, table=True):
    """One row whose revision goes up with every change of content, so caches know when to refresh."""

    id: int = Field(default=1, primary_key=True)
    revision: int = 0
    # app.content.markdown.fingerprint() of the renderer that made every stored HTML text ("" before any).
    renderer: str = Field(default="", max_length=40)


class SourceCredit(Table, table=True):
    """The credited post and the reference it cites."""

    id: int = Field(default=1, primary_key=True)
    published: date
    url: str | None = None
    reference_url: str
    texts: list["SourceCreditText"] = Relationship(cascade_delete=True)


class SourceCreditText(Table, table=True):
    credit_id: int = Field(foreign_key="sourcecredit.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    title: str
    reference_title: str


class Tag(Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=60)
    position: int = 0
    texts: list["TagText"] = Relationship(cascade_delete=True)


class TagText(Table, table=True):
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    label: str


class Term(Table, table=True):
    """A glossary entry: a word the pages use, defined in one line, pointing to the concept that explains it."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=80)
    position: int = 0
    # SET NULL, not CASCADE: an import that drops a concept and its terms deletes (and counts) each term itself.
    concept_id: int | None = Field(default=None, foreign_key="concept.id", index=True, ondelete="SET NULL")
    texts: list["TermText"] = Relationship(cascade_delete=True)


class TermText(Table, table=True):
    term_id: int = Field(foreign_key="term.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    name: str
    definition: str


class ConceptTag(Table, table=True):
    concept_id: int = Field(foreign_key="concept.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")
    position: int = 0


class Concept(Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=80)
    position: int = 0
    version: int = 1
    texts: list["ConceptText"] = Relationship(cascade_delete=True)
    tags: list[Tag] = Relationship(
        link_model=ConceptTag, sa_relationship_kwargs={"order_by": "ConceptTag.position", "viewonly": True}
    )
    tag_links: list[ConceptTag] = Relationship(cascade_delete=True)
    notes: list["ConceptNote"] = Relationship(
        cascade_delete=True, sa_relationship_kwargs={"order_by": "ConceptNote.position"}
    )
    related_links: list["ConceptRelated"] = Relationship(
        cascade_delete=True,
        sa_relationship_kwargs={
            "foreign_keys": "ConceptRelated.concept_id",
            "order_by": "ConceptRelated.position",
        },
    )


class ConceptText(Table, table=True):
    concept_id: int = Field(foreign_key="concept.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    title: str
    summary: str
    body_markdown: str
    body_html: str


class ConceptRelated(Table, table=True):
    concept_id: int = Field(foreign_key="concept.id", primary_key=True, ondelete="CASCADE")
    related_id: int = Field(foreign_key="concept.id", primary_key=True, ondelete="CASCADE")
    position: int = 0


class ConceptNote(Table, table=True):
    """A "more precisely" note: where the post simplifies or has aged, with a primary source."""

    __table_args__ = (UniqueConstraint("concept_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    concept_id: int = Field(foreign_key="concept.id", index=True, ondelete="CASCADE")
    key: str = Field(max_length=80)
    position: int = 0
    source_url: str
    texts: list["ConceptNoteText"] = Relationship(cascade_delete=True)


class ConceptNoteText(Table, table=True):
    note_id: int = Field(foreign_key="conceptnote.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    claim: str
    text_markdown: str
    text_html: str
    source_title: str


class Comparison(Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=80)
    position: int = 0
    version: int = 1
    left_concept_id: int | None = Field(default=None, foreign_key="concept.id", ondelete="SET NULL")
    right_concept_id: int | None = Field(default=None, foreign_key="concept.id", ondelete="SET NULL")
    texts: list["ComparisonText"] = Relationship(cascade_delete=True)
    rows: list["ComparisonRow"] = Relationship(
        cascade_delete=True, sa_relationship_kwargs={"order_by": "ComparisonRow.position"}
    )
    extra_sides: list["ComparisonExtraSide"] = Relationship(
        cascade_delete=True, sa_relationship_kwargs={"order_by": "ComparisonExtraSide.position"}
    )


class ComparisonExtraSide(Table, table=True):
    """A comparison's third side and after: the first two are its left and right."""

    id: int | None = Field(default=None, primary_key=True)
    comparison_id: int = Field(foreign_key="comparison.id", index=True, ondelete="CASCADE")
    position: int = 0
    concept_id: int | None = Field(default=None, foreign_key="concept.id", ondelete="SET NULL")
    texts: list["ComparisonExtraSideText"] = Relationship(cascade_delete=True)


class ComparisonExtraSideText(Table, table=True):
    side_id: int = Field(foreign_key="comparisonextraside.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    label: str


class ComparisonText(Table, table=True):
    comparison_id: int = Field(foreign_key="comparison.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    title: str
    intro_markdown: str
    intro_html: str
    left_label: str
    right_label: str


class ComparisonRow(Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    comparison_id: int = Field(foreign_key="comparison.id", index=True, ondelete="CASCADE")
    position: int = 0
    texts: list["ComparisonRowText"] = Relationship(cascade_delete=True)
    cells: list["ComparisonCell"] = Relationship(
        cascade_delete=True, sa_relationship_kwargs={"order_by": "ComparisonCell.side"}
    )


class ComparisonRowText(Table, table=True):
    row_id: int = Field(foreign_key="comparisonrow.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    aspect: str
    left: str
    right: str
    left_html: str
    right_html: str


class ComparisonCell(Table, table=True):
    """A row's text for one of the sides after the first two, in one language."""

    row_id: int = Field(foreign_key="comparisonrow.id", primary_key=True, ondelete="CASCADE")
    side: int = Field(primary_key=True)  # the position of the extra side it belongs to
    lang: str = lang_field()
    text: str
    html: str


class Stack(Table, table=True):
    id: int | None = Field(default=None, primary_key=True)
    view: str = Field(unique=True, index=True, max_length=20)
    position: int = 0
    version: int = 1
    texts: list["StackText"] = Relationship(cascade_delete=True)
    layers: list["StackLayer"] = Relationship(
        cascade_delete=True, sa_relationship_kwargs={"order_by": "StackLayer.position"}
    )
    points: list["StackPoint"] = Relationship(
        cascade_delete=True, sa_relationship_kwargs={"order_by": "StackPoint.position"}
    )


class StackText(Table, table=True):
    stack_id: int = Field(foreign_key="stack.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    title: str
    description_markdown: str
    description_html: str


class StackLayer(Table, table=True):
    """One layer of a stack; position 0 is the hardware at the bottom."""

    __table_args__ = (UniqueConstraint("stack_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    stack_id: int = Field(foreign_key="stack.id", index=True, ondelete="CASCADE")
    key: str = Field(max_length=60)
    position: int = 0
    per_workload: bool = False
    concept_id: int | None = Field(default=None, foreign_key="concept.id", ondelete="SET NULL")
    texts: list["StackLayerText"] = Relationship(cascade_delete=True)


class StackLayerText(Table, table=True):
    layer_id: int = Field(foreign_key="stacklayer.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    name: str
    description: str


class StackPointLayer(Table, table=True):
    point_id: int = Field(foreign_key="stackpoint.id", primary_key=True, ondelete="CASCADE")
    layer_id: int = Field(foreign_key="stacklayer.id", primary_key=True, ondelete="CASCADE")
    position: int = 0


class StackPoint(Table, table=True):
    """A pro or a con of a stack, tied to the layers that cause it."""

    __table_args__ = (UniqueConstraint("stack_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    stack_id: int = Field(foreign_key="stack.id", index=True, ondelete="CASCADE")
    key: str = Field(max_length=60)
    kind: str = Field(max_length=3)  # "pro" or "con"
    position: int = 0
    texts: list["StackPointText"] = Relationship(cascade_delete=True)
    layer_links: list[StackPointLayer] = Relationship(cascade_delete=True)
    layers: list[StackLayer] = Relationship(
        link_model=StackPointLayer, sa_relationship_kwargs={"order_by": "StackPointLayer.position", "viewonly": True}
    )


class StackPointText(Table, table=True):
    point_id: int = Field(foreign_key="stackpoint.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    text: str


class ScenarioConcept(Table, table=True):
    scenario_id: int = Field(foreign_key="scenario.id", primary_key=True, ondelete="CASCADE")
    concept_id: int = Field(foreign_key="concept.id", primary_key=True, ondelete="CASCADE")
    position: int = 0


class Scenario(Table, table=True):
    """A scenario definition; its steps are computed by the simulator, never stored."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=80)
    kind: str = Field(max_length=40)
    position: int = 0
    version: int = 1
    params: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The questions the player asks, each {"question": type, "at": selector}; their answers come from the trace.
    predictions: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))
    texts: list["ScenarioText"] = Relationship(cascade_delete=True)
    concept_links: list[ScenarioConcept] = Relationship(
        cascade_delete=True, sa_relationship_kwargs={"order_by": "ScenarioConcept.position"}
    )


class ScenarioText(Table, table=True):
    scenario_id: int = Field(foreign_key="scenario.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    title: str
    description_markdown: str
    description_html: str


class QuestionConcept(Table, table=True):
    question_id: int = Field(foreign_key="question.id", primary_key=True, ondelete="CASCADE")
    concept_id: int = Field(foreign_key="concept.id", primary_key=True, ondelete="CASCADE")
    position: int = 0


class Question(Table, table=True):
    """An authored question: its choices, the key of the right one, and the post's section its claim is from."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=80)
    position: int = 0
    answer: str = Field(max_length=80)
    source_anchor: str = Field(max_length=120)
    source_url: str
    texts: list["QuestionText"] = Relationship(cascade_delete=True)
    choices: list["QuestionChoice"] = Relationship(
        cascade_delete=True, sa_relationship_kwargs={"order_by": "QuestionChoice.position"}
    )
    concept_links: list[QuestionConcept] = Relationship(
        cascade_delete=True, sa_relationship_kwargs={"order_by": "QuestionConcept.position"}
    )


class QuestionText(Table, table=True):
    question_id: int = Field(foreign_key="question.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    prompt: str
    explanation_markdown: str
    explanation_html: str
    source_title: str


class QuestionChoice(Table, table=True):
    __table_args__ = (UniqueConstraint("question_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="question.id", index=True, ondelete="CASCADE")
    key: str = Field(max_length=80)
    position: int = 0
    texts: list["QuestionChoiceText"] = Relationship(cascade_delete=True)


class QuestionChoiceText(Table, table=True):
    choice_id: int = Field(foreign_key="questionchoice.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    text: str
    why_markdown: str
    why_html: str


class LearningPath(Table, table=True):
    """A learning path: stops on other items' pages, in the order a reader takes them."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=80)
    position: int = 0
    version: int = 1
    texts: list["LearningPathText"] = Relationship(cascade_delete=True)
    stops: list["PathStop"] = Relationship(cascade_delete=True, sa_relationship_kwargs={"order_by": "PathStop.position"})


class LearningPathText(Table, table=True):
    path_id: int = Field(foreign_key="learningpath.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    title: str
    intro_markdown: str
    intro_html: str


class PathStop(Table, table=True):
    """One stop: an item named by its kind and key (any kind with a page, so no foreign key), and why it comes now."""

    id: int | None = Field(default=None, primary_key=True)
    path_id: int = Field(foreign_key="learningpath.id", index=True, ondelete="CASCADE")
    position: int = 0
    kind: str = Field(max_length=20)
    target: str = Field(max_length=80)
    texts: list["PathStopText"] = Relationship(cascade_delete=True)


class PathStopText(Table, table=True):
    stop_id: int = Field(foreign_key="pathstop.id", primary_key=True, ondelete="CASCADE")
    lang: str = lang_field()
    title: str
    why: str


# Admin: accounts, server-side sessions, failed logins and content revisions.


def utcnow() -> datetime:
    """The current time, in UTC."""
    return datetime.now(UTC)


class AdminUser(Table, table=True):
    """Someone who may edit the content: a username and an argon2 password hash."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True, max_length=60)
    password_hash: str
    created_at: datetime = Field(default_factory=utcnow)


class AdminSession(Table, table=True):
    """A logged-in session kept on the server, so that logging out ends it even for a copied cookie."""

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="adminuser.id", index=True, ondelete="CASCADE")
    csrf_token: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime


class LoginAttempt(Table, table=True):
    """A failed login, kept for a while to slow down password guessing."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, max_length=200)
    client: str = Field(index=True, max_length=64)
    at: datetime = Field(default_factory=utcnow, index=True)


class Revision(Table, table=True):
    """One saved change of a content item: who, when, which fields, and the item as it was afterwards."""

    __table_args__ = (Index("ix_revision_item", "kind", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    key: str = Field(max_length=80)
    action: str = Field(max_length=10)  # create, update, delete or restore
    version: int = 0
    user_id: int | None = Field(default=None, foreign_key="adminuser.id", ondelete="SET NULL")
    username: str = Field(max_length=60)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    changed: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The item after the change; for a deletion, the item as it was before.
    snapshot: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
