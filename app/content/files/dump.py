"""Read the content stored in the database back into documents (for export and change detection)."""

from sqlmodel import Session, select

from app.content.documents import (
    ComparisonDoc,
    ConceptDoc,
    ContentTree,
    NoteDoc,
    ScenarioDoc,
    Source,
    StackDoc,
    TagDoc,
)
from app.models import Comparison, Concept, Scenario, SourceCredit, Stack, Tag


def by_lang(rows, *fields: str) -> dict:
    """Turn per-language rows into {field: {"ko": ..., "en": ...}} for the named fields."""
    return {field: {row.lang: getattr(row, field) for row in rows} for field in fields}


def dump_tree(session: Session) -> ContentTree | None:
    """The whole stored content as a ContentTree, or None when nothing has been imported."""
    credit = session.get(SourceCredit, 1)
    if credit is None:
        return None
    slugs = {c.id: c.slug for c in session.exec(select(Concept))}

    def rows(model, *order):
        return session.exec(select(model).order_by(*order)).all()

    return ContentTree(
        source=dump_source(credit),
        tags=tuple(dump_tag(tag) for tag in rows(Tag, Tag.position, Tag.slug)),
        concepts=tuple(dump_concept(c, slugs) for c in rows(Concept, Concept.position, Concept.slug)),
        comparisons=tuple(dump_comparison(c, slugs) for c in rows(Comparison, Comparison.position, Comparison.slug)),
        stacks=tuple(dump_stack(s, slugs) for s in rows(Stack, Stack.position, Stack.view)),
        scenarios=tuple(dump_scenario(s, slugs) for s in rows(Scenario, Scenario.position, Scenario.slug)),
    )


def dump_source(credit: SourceCredit) -> Source:
    texts = by_lang(credit.texts, "title", "reference_title")
    return Source(
        title=texts["title"], date=credit.published, url=credit.url,
        reference={"title": texts["reference_title"], "url": credit.reference_url},
    )


def dump_tag(tag: Tag) -> TagDoc:
    labels = by_lang(tag.texts, "label")["label"]
    return TagDoc(slug=tag.slug, order=tag.position, **labels)


def dump_concept(concept: Concept, slugs: dict[int, str]) -> ConceptDoc:
    texts = by_lang(concept.texts, "title", "summary", "body_markdown")
    return ConceptDoc(
        slug=concept.slug, order=concept.position, tags=tuple(tag.slug for tag in concept.tags),
        related=tuple(slugs[link.related_id] for link in concept.related_links),
        title=texts["title"], summary=texts["summary"], body=texts["body_markdown"],
        notes=tuple(dump_note(note) for note in concept.notes),
    )


def dump_note(note) -> NoteDoc:
    texts = by_lang(note.texts, "claim", "text_markdown", "source_title")
    return NoteDoc(
        id=note.key, claim=texts["claim"], text=texts["text_markdown"], source_title=texts["source_title"],
        source_url=note.source_url,
    )


def dump_comparison(comparison: Comparison, slugs: dict[int, str]) -> ComparisonDoc:
    texts = by_lang(comparison.texts, "title", "intro_markdown", "left_label", "right_label")
    return ComparisonDoc(
        slug=comparison.slug, order=comparison.position, title=texts["title"], intro=texts["intro_markdown"],
        left={"concept": slugs.get(comparison.left_concept_id), **texts["left_label"]},
        right={"concept": slugs.get(comparison.right_concept_id), **texts["right_label"]},
        rows=tuple(by_lang(row.texts, "aspect", "left", "right") for row in comparison.rows),
    )


def dump_stack(stack: Stack, slugs: dict[int, str]) -> StackDoc:
    texts = by_lang(stack.texts, "title", "description_markdown")
    layers = tuple(
        {"key": layer.key, "concept": slugs.get(layer.concept_id), "per_workload": layer.per_workload,
         **by_lang(layer.texts, "name", "description")}
        for layer in stack.layers
    )

    def points(kind: str) -> tuple:
        return tuple(
            {"key": point.key, "layers": tuple(layer.key for layer in point.layers),
             "text": by_lang(point.texts, "text")["text"]}
            for point in stack.points if point.kind == kind
        )

    return StackDoc(
        view=stack.view, order=stack.position, title=texts["title"], description=texts["description_markdown"],
        layers=layers, pros=points("pro"), cons=points("con"),
    )


def dump_scenario(scenario: Scenario, slugs: dict[int, str]) -> ScenarioDoc:
    texts = by_lang(scenario.texts, "title", "description_markdown")
    return ScenarioDoc(
        slug=scenario.slug, order=scenario.position, kind=scenario.kind, title=texts["title"],
        description=texts["description_markdown"], concepts=tuple(slugs[link.concept_id] for link in scenario.concept_links),
        params=scenario.params,
    )
