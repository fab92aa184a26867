"""Write a validated ContentTree into the database in one transaction, changing only what differs."""

from dataclasses import dataclass, field

from sqlalchemy import update
from sqlmodel import Session, select

from app.content import markdown, search_index
from app.content.documents import ComparisonDoc, ConceptDoc, ContentTree, ScenarioDoc, StackDoc, TagDoc
from app.content.files import dump
from app.models import (
    Comparison,
    ComparisonRow,
    ComparisonRowText,
    ComparisonText,
    Concept,
    ConceptNote,
    ConceptNoteText,
    ConceptRelated,
    ConceptTag,
    ConceptText,
    ContentState,
    Scenario,
    ScenarioConcept,
    ScenarioText,
    SourceCredit,
    SourceCreditText,
    Stack,
    StackLayer,
    StackLayerText,
    StackPoint,
    StackPointLayer,
    StackPointText,
    StackText,
    Tag,
    TagText,
)

LANGS = ("ko", "en")


@dataclass
class ImportSummary:
    """What an import changed: item keys per kind."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def load_tree(session: Session, tree: ContentTree) -> ImportSummary:
    """Make the stored content equal to the tree; commit once, or not at all on error."""
    summary = ImportSummary()
    try:
        _load_source(session, tree, summary)
        tags = _sync(session, summary, "tag", Tag, "slug", tree.tags, dump.dump_tag, _write_tag)
        concepts = {c.slug: c for c in session.exec(select(Concept))}
        slugs = {c.id: c.slug for c in concepts.values()}
        _sync(session, summary, "concept", Concept, "slug", tree.concepts,
              lambda c: dump.dump_concept(c, slugs), lambda c, d: _write_concept(session, c, d, tags))
        session.flush()
        ids = {c.slug: c.id for c in session.exec(select(Concept))}
        slugs = {id_: slug for slug, id_ in ids.items()}
        for doc in tree.concepts:
            _write_related(session, doc, ids)
        _sync(session, summary, "comparison", Comparison, "slug", tree.comparisons,
              lambda c: dump.dump_comparison(c, slugs), lambda c, d: _write_comparison(session, c, d, ids))
        _sync(session, summary, "stack", Stack, "view", tree.stacks,
              lambda s: dump.dump_stack(s, slugs), lambda s, d: _write_stack(session, s, d, ids))
        _sync(session, summary, "scenario", Scenario, "slug", tree.scenarios,
              lambda s: dump.dump_scenario(s, slugs), lambda s, d: _write_scenario(session, s, d, ids))
        if summary.changed:
            session.exec(update(ContentState).where(ContentState.id == 1).values(revision=ContentState.revision + 1))
            search_index.reindex(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return summary


def _sync(session, summary, kind, model, key, docs, dump_one, write) -> dict:
    """Create, update or delete rows of one kind so that they match the documents."""
    existing = {getattr(row, key): row for row in session.exec(select(model))}
    wanted = {getattr(doc, key) for doc in docs}
    for name, row in existing.items():
        if name not in wanted:
            session.delete(row)
            summary.deleted.append(f"{kind}:{name}")
    session.flush()
    # Deleting can cascade in the database to rows other objects hold in memory: read them afresh.
    session.expire_all()
    rows = {}
    for doc in docs:
        name = getattr(doc, key)
        row = existing.get(name)
        if row is None:
            row = model(**{key: name})
            session.add(row)
            summary.created.append(f"{kind}:{name}")
        elif dump_one(row) == doc:
            rows[name] = row
            continue
        else:
            summary.updated.append(f"{kind}:{name}")
            if hasattr(row, "version"):
                row.version += 1
        write(row, doc)
        session.flush()
        rows[name] = row
    return rows


def _clear(session: Session, row, *relations: str) -> None:
    """Delete the child rows of these relationships now, so that new ones with the same keys can follow."""
    for relation in relations:
        setattr(row, relation, [])
    session.flush()


def _load_source(session: Session, tree: ContentTree, summary: ImportSummary) -> None:
    credit = session.get(SourceCredit, 1)
    if credit is not None and dump.dump_source(credit) == tree.source:
        return
    if credit is None:
        credit = SourceCredit(id=1, published=tree.source.date, reference_url=tree.source.reference.url)
        session.add(credit)
        summary.created.append("source")
    else:
        _clear(session, credit, "texts")
        summary.updated.append("source")
    credit.published, credit.url = tree.source.date, tree.source.url
    credit.reference_url = tree.source.reference.url
    credit.texts = [
        SourceCreditText(lang=lang, title=getattr(tree.source.title, lang),
                         reference_title=getattr(tree.source.reference.title, lang))
        for lang in LANGS
    ]


def _write_tag(tag: Tag, doc: TagDoc) -> None:
    tag.position = doc.order
    tag.texts = [TagText(lang=lang, label=getattr(doc, lang)) for lang in LANGS]


def _write_concept(session: Session, concept: Concept, doc: ConceptDoc, tags: dict[str, Tag]) -> None:
    if concept.id is not None:
        _clear(session, concept, "texts", "tag_links", "notes")
    concept.position = doc.order
    concept.texts = [
        ConceptText(lang=lang, title=getattr(doc.title, lang), summary=getattr(doc.summary, lang),
                    body_markdown=getattr(doc.body, lang), body_html=markdown.render(getattr(doc.body, lang)))
        for lang in LANGS
    ]
    session.flush()
    concept.tag_links = [ConceptTag(tag_id=tags[slug].id, position=i) for i, slug in enumerate(doc.tags)]
    concept.notes = [
        ConceptNote(key=note.id, position=i, source_url=note.source_url, texts=[
            ConceptNoteText(lang=lang, claim=getattr(note.claim, lang), text_markdown=getattr(note.text, lang),
                            text_html=markdown.render(getattr(note.text, lang)),
                            source_title=getattr(note.source_title, lang))
            for lang in LANGS
        ])
        for i, note in enumerate(doc.notes)
    ]


def _write_related(session: Session, doc: ConceptDoc, ids: dict[str, int]) -> None:
    concept = session.get(Concept, ids[doc.slug])
    current = [(link.related_id, link.position) for link in concept.related_links]
    wanted = [(ids[slug], i) for i, slug in enumerate(doc.related)]
    if current != wanted:
        _clear(session, concept, "related_links")
        concept.related_links = [ConceptRelated(related_id=rid, position=i) for rid, i in wanted]


def _write_comparison(session: Session, comparison: Comparison, doc: ComparisonDoc, ids: dict[str, int]) -> None:
    if comparison.id is not None:
        _clear(session, comparison, "texts", "rows")
    comparison.position = doc.order
    comparison.left_concept_id = ids.get(doc.left.concept)
    comparison.right_concept_id = ids.get(doc.right.concept)
    comparison.texts = [
        ComparisonText(lang=lang, title=getattr(doc.title, lang), intro_markdown=getattr(doc.intro, lang),
                       intro_html=markdown.render(getattr(doc.intro, lang)),
                       left_label=getattr(doc.left, lang), right_label=getattr(doc.right, lang))
        for lang in LANGS
    ]
    comparison.rows = [
        ComparisonRow(position=i, texts=[
            ComparisonRowText(lang=lang, aspect=getattr(row.aspect, lang), left=getattr(row.left, lang),
                              right=getattr(row.right, lang),
                              left_html=markdown.render_inline(getattr(row.left, lang)),
                              right_html=markdown.render_inline(getattr(row.right, lang)))
            for lang in LANGS
        ])
        for i, row in enumerate(doc.rows)
    ]


def _write_stack(session: Session, stack: Stack, doc: StackDoc, ids: dict[str, int]) -> None:
    if stack.id is not None:
        _clear(session, stack, "texts", "points", "layers")
    stack.position = doc.order
    stack.texts = [
        StackText(lang=lang, title=getattr(doc.title, lang), description_markdown=getattr(doc.description, lang),
                  description_html=markdown.render(getattr(doc.description, lang)))
        for lang in LANGS
    ]
    layers = {
        layer.key: StackLayer(key=layer.key, position=i, per_workload=layer.per_workload,
                              concept_id=ids.get(layer.concept), texts=[
            StackLayerText(lang=lang, name=getattr(layer.name, lang), description=getattr(layer.description, lang))
            for lang in LANGS
        ])
        for i, layer in enumerate(doc.layers)
    }
    stack.layers = list(layers.values())
    session.flush()
    points = [("pro", point) for point in doc.pros] + [("con", point) for point in doc.cons]
    stack.points = [
        StackPoint(key=point.key, kind=kind, position=i,
                   texts=[StackPointText(lang=lang, text=getattr(point.text, lang)) for lang in LANGS],
                   layer_links=[StackPointLayer(layer_id=layers[key].id, position=p)
                                for p, key in enumerate(point.layers)])
        for i, (kind, point) in enumerate(points)
    ]


def _write_scenario(session: Session, scenario: Scenario, doc: ScenarioDoc, ids: dict[str, int]) -> None:
    if scenario.id is not None:
        _clear(session, scenario, "texts", "concept_links")
    scenario.position, scenario.kind, scenario.params = doc.order, doc.kind, dict(doc.params)
    scenario.texts = [
        ScenarioText(lang=lang, title=getattr(doc.title, lang), description_markdown=getattr(doc.description, lang),
                     description_html=markdown.render(getattr(doc.description, lang)))
        for lang in LANGS
    ]
    scenario.concept_links = [ScenarioConcept(concept_id=ids[slug], position=i) for i, slug in enumerate(doc.concepts)]
