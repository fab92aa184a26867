"""The content as documents: one validated shape for what the files hold and what the database holds."""

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_serializer
from pydantic_core import PydanticCustomError

from app.content import prediction_specs
from app.content.post import SECTIONS
from app.i18n.languages import LANGUAGES

LANGS = LANGUAGES  # every text is written in each, as the Texts documents below require
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# NUL and the other C0 controls but tab, newline and carriage return: PostgreSQL cannot store a NUL (a save
# answered 400 and lost the form) and SQLite stored it silently; no text of ours needs any of them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_controls(value: str) -> str:
    if CONTROL.search(value):
        raise ValueError("must not contain a NUL or another control character")
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
# Names an item may not take: its admin address would be another page's (/admin/concepts/new is the create form,
# so a concept named "new" could never be edited), and the others name the site's own areas.
RESERVED_SLUGS = frozenset({"new", "admin", "api", "static"})


def _not_reserved(value: str) -> str:
    if value in RESERVED_SLUGS:
        raise PydanticCustomError("reserved_slug", "{slug} is reserved for the site's own addresses", {"slug": value})
    return value


# The name an item is stored and addressed by (references to other items stay plain Slugs).
ItemSlug = Annotated[Slug, AfterValidator(_not_reserved)]
# Markdown: the longest text of ours has about 4,000 characters. Rendering some texts costs more than linear time
# ("[a" * 20000 took 1.6 s, on the worker and under the write lock), so every text has a bound.
MAX_TEXT = 12_000
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
                 AfterValidator(_no_controls)]
# Within that cap, the cost is in the brackets: markdown-it looks for the end of each "[" that might open a link
# or an image until the end of its paragraph, so n unclosed ones in a paragraph cost n times its length:
# "[a" * 6000 took 1.5 s, "![a" * 4000 3.6 s. Our texts have at most 14; 200 cost at most ~0.3 s.
MAX_BRACKETS = 200


def _few_brackets(value: str) -> str:
    count = value.count("[")
    if count > MAX_BRACKETS:
        raise PydanticCustomError("too_many_brackets", "has {count} [ (links, images); at most {limit} are taken",
                                  {"count": count, "limit": MAX_BRACKETS})
    return value


MarkdownText = Annotated[Text, AfterValidator(_few_brackets)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
                      AfterValidator(_no_controls)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
                  AfterValidator(_no_controls)]
# Positions are stored in a 32-bit column: a larger number was a 400 (or 500) instead of a message by the field.
Order = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value) or CONTROL.search(value):
        raise ValueError("must be an http or https URL")
    return value


Url = Annotated[str, AfterValidator(_check_url)]
# The anchor of a section of the source post (app.content.post), as its headings make them.
PostSection = Literal[tuple(SECTIONS)]


class Document(BaseModel):
    """A strict document: unknown keys are errors."""

    # defer_build: each validator is made when first used (an import, an admin save), not when a worker starts.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Texts(Document):
    """A text in both languages."""

    ko: Text
    en: Text


class MarkdownTexts(Texts):
    """A Markdown text in both languages, stored with its HTML."""

    ko: MarkdownText
    en: MarkdownText


class InlineMarkdownTexts(MarkdownTexts):
    """One line of Markdown in both languages (emphasis, code, links; no paragraphs), stored with its HTML."""


def markdown_texts(doc: Document, prefix: str = "") -> list[tuple[str, str, bool]]:
    """Every Markdown text of a document that is stored rendered: (its dotted path, its text, whether inline)."""
    found: list[tuple[str, str, bool]] = []
    for name in type(doc).model_fields:
        value, path = getattr(doc, name), f"{prefix}{name}"
        if isinstance(value, MarkdownTexts):
            inline = isinstance(value, InlineMarkdownTexts)
            found.extend((f"{path}.{lang}", getattr(value, lang), inline) for lang in LANGS)
        elif isinstance(value, Document):
            found.extend(markdown_texts(value, f"{path}."))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, Document):
                    found.extend(markdown_texts(item, f"{path}.{i}."))
    return found


class ShortTexts(Document):
    ko: ShortText
    en: ShortText


class TitleTexts(Document):
    ko: Title
    en: Title


class Reference(Document):
    title: TitleTexts
    url: Url


class Source(Document):
    """The credited post and the reference it cites."""

    title: TitleTexts
    date: dt.date
    url: Url | None = None
    reference: Reference


class TagDoc(Document):
    slug: ItemSlug
    order: Order = 0
    ko: Title
    en: Title


class TermDoc(Document):
    """A glossary entry: the word in both languages, a one-line definition, and the concept it links to."""

    slug: Slug
    order: Order = 0
    concept: Slug
    term: TitleTexts
    definition: ShortTexts


class NoteDoc(Document):
    """A "more precisely" note, merged from both languages."""

    id: Slug
    claim: Texts
    text: MarkdownTexts
    source_title: TitleTexts
    source_url: Url


class ConceptDoc(Document):
    slug: ItemSlug
    order: Order = 0
    tags: tuple[Slug, ...] = ()
    related: tuple[Slug, ...] = ()
    title: TitleTexts
    summary: ShortTexts
    body: MarkdownTexts
    notes: tuple[NoteDoc, ...] = ()


class Side(Document):
    concept: Slug | None = None
    ko: Title
    en: Title


# A comparison has two sides (left, right) and up to this many more, each row a text for every side.
MAX_MORE_SIDES = 4


def _without_empty_more(data: dict) -> dict:
    """A two-sided document is written as it always was: no `more` key when there is nothing more."""
    if not data.get("more"):
        data.pop("more", None)
    return data


class RowDoc(Document):
    aspect: ShortTexts
    left: InlineMarkdownTexts
    right: InlineMarkdownTexts
    more: tuple[InlineMarkdownTexts, ...] = Field((), max_length=MAX_MORE_SIDES)  # the texts of the `more` sides

    @model_serializer(mode="wrap")
    def _serialize(self, handler):
        return _without_empty_more(handler(self))


class ComparisonDoc(Document):
    """Two sides (left, right), perhaps more (a three-way comparison), compared row by row."""

    slug: ItemSlug
    order: Order = 0
    title: TitleTexts
    intro: MarkdownTexts
    left: Side
    right: Side
    more: tuple[Side, ...] = Field((), max_length=MAX_MORE_SIDES)  # a third side and after, in order
    rows: tuple[RowDoc, ...] = Field(min_length=1)

    @property
    def sides(self) -> tuple[Side, ...]:
        """Every side in order: left, right, then the rest."""
        return (self.left, self.right, *self.more)

    @model_serializer(mode="wrap")
    def _serialize(self, handler):
        return _without_empty_more(handler(self))


class LayerDoc(Document):
    key: Slug
    concept: Slug | None = None
    per_workload: bool = False
    name: TitleTexts
    description: Texts


class PointDoc(Document):
    key: Slug
    layers: tuple[Slug, ...] = Field(min_length=1)
    text: Texts


class StackDoc(Document):
    view: Annotated[str, StringConstraints(pattern=r"^(vm|container)$")]
    order: Order = 0
    title: TitleTexts
    description: MarkdownTexts
    layers: tuple[LayerDoc, ...] = Field(min_length=1)
    pros: tuple[PointDoc, ...] = ()
    cons: tuple[PointDoc, ...] = ()


def _askable(doc: "PredictionDoc") -> "PredictionDoc":
    wrong = prediction_specs.problem(doc.question, doc.at)
    if wrong is not None:
        field, message = wrong
        raise PydanticCustomError("prediction_" + field, "{message}", {"message": message})
    return doc


class PredictionDoc(Document):
    """A question the player asks before the step the selector finds: `question` names its type, `at` the step."""

    question: Annotated[str, StringConstraints(max_length=40)]
    at: Annotated[str, StringConstraints(max_length=80)]


class ScenarioDoc(Document):
    slug: ItemSlug
    order: Order = 0
    kind: Slug
    title: TitleTexts
    description: MarkdownTexts
    concepts: tuple[Slug, ...] = ()
    params: dict[str, Any] = Field(default_factory=dict)
    predictions: tuple[Annotated[PredictionDoc, AfterValidator(_askable)], ...] = Field(default=(), max_length=20)

    @model_serializer(mode="wrap")
    def _without_no_predictions(self, handler):
        # A scenario that asks nothing is written as it was before scenarios could ask: without the key.
        data = handler(self)
        if not data.get("predictions"):
            data.pop("predictions", None)
        return data


class StopDoc(Document):
    """A stop on a learning path: an item of another kind, named by its kind and key, and why it comes now."""

    kind: Slug
    slug: Slug
    title: TitleTexts
    why: ShortTexts


class PathDoc(Document):
    """A learning path: an introduction and its stops, in the order a reader takes them."""

    slug: ItemSlug
    order: Order = 0
    title: TitleTexts
    intro: MarkdownTexts
    stops: tuple[StopDoc, ...] = Field(min_length=1)


class ChoiceDoc(Document):
    """One answer a question offers, and why it is right or wrong (Markdown, in both languages)."""

    key: Slug
    text: ShortTexts
    why: MarkdownTexts


class QuestionSourceDoc(Document):
    """Where a question's claim comes from: the post's section, and the document that says more precisely."""

    anchor: PostSection
    title: TitleTexts
    url: Url


class QuestionDoc(Document):
    """An authored question about one or more concepts: a prompt, its choices, the right one and why."""

    slug: ItemSlug
    order: Order = 0
    concepts: tuple[Slug, ...] = Field(min_length=1)
    prompt: ShortTexts
    choices: tuple[ChoiceDoc, ...] = Field(min_length=2, max_length=6)
    answer: Slug
    explanation: MarkdownTexts
    source: QuestionSourceDoc


class ContentTree(Document):
    """All of the content, as one validated whole."""

    source: Source
    tags: tuple[TagDoc, ...] = ()
    concepts: tuple[ConceptDoc, ...] = ()
    comparisons: tuple[ComparisonDoc, ...] = ()
    stacks: tuple[StackDoc, ...] = ()
    scenarios: tuple[ScenarioDoc, ...] = ()
    terms: tuple[TermDoc, ...] = ()
    paths: tuple[PathDoc, ...] = ()
    questions: tuple[QuestionDoc, ...] = ()
