"""Every read of content, in one language, shared by the pages, the JSON API and the admin."""

from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, func, or_
from sqlalchemy import select as core_select
from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from app.content.markdown import localize_links
from app.content.placeholders import fill, values_for
from app.content.post import section_title
from app.models import (
    Comparison,
    ComparisonExtraSide,
    ComparisonRow,
    Concept,
    ConceptNote,
    ConceptNoteText,
    ConceptRelated,
    ConceptTag,
    ConceptText,
    ContentState,
    Question,
    QuestionChoice,
    QuestionChoiceText,
    QuestionConcept,
    QuestionText,
    Scenario,
    ScenarioConcept,
    ScenarioText,
    SourceCredit,
    SourceCreditText,
    Stack,
    StackLayer,
    StackPoint,
    Tag,
    TagText,
    Term,
    TermText,
)
from app.schemas import (
    ChoicePublic,
    ComparisonCellPublic,
    ComparisonPublic,
    ComparisonRowPublic,
    ComparisonSide,
    ComparisonsPublic,
    ComparisonSummary,
    ConceptPublic,
    ConceptRef,
    ConceptsPublic,
    ConceptSummary,
    GlossaryPublic,
    NotePublic,
    NoteSource,
    QuestionPublic,
    QuestionSourcePublic,
    QuestionsPublic,
    ScenariosPublic,
    ScenarioSummary,
    SourcePublic,
    StackLayerPublic,
    StackPointPublic,
    StackPublic,
    StacksPublic,
    TagPublic,
    TagsPublic,
    TermPublic,
)


def text_in(rows, lang: str):
    """The row of a per-language text table that is in this language."""
    for row in rows:
        if row.lang == lang:
            return row
    raise LookupError(f"no {lang} text")


# The pages' hot reads select plain columns of the tables (one language's text joined in) rather than ORM objects
# with every language's text loaded: the first render after an edit reads them all afresh, and building ORM
# instances (with both languages' long Markdown and HTML) was most of its time. Each of those statements is built
# once (a @cache function of no arguments, its values as bound parameters: LANG, and the like), since building a
# statement cost twice as much as running it.
LANG = bindparam("lang")


def _table(model):
    return model.__table__.c


def _rows(session: Session, statement, **params) -> list:
    """A Core statement's rows, on the session's connection (its transaction, its view of the database)."""
    return session.connection().execute(statement, params).all()


def content_revision(session: Session) -> int:
    """The number that goes up with every change of content."""
    state = session.get(ContentState, 1)
    return state.revision if state else 0


def source(session: Session, lang: str) -> SourcePublic | None:
    """The credited post, or None before any content is imported."""
    rows = _rows(session, _source_query(), lang=lang)
    if not rows:
        return None
    by_lang = {row.lang: row for row in rows}
    if lang not in by_lang or "ko" not in by_lang:
        raise LookupError(f"no {lang} text")
    row = by_lang[lang]
    return SourcePublic(title=row.title, original_title=by_lang["ko"].title, date=row.published, url=row.url,
                        reference_title=row.reference_title, reference_url=row.reference_url)


@cache
def _source_query():
    credit, text = _table(SourceCredit), _table(SourceCreditText)
    return (core_select(credit.published, credit.url, credit.reference_url, text.lang, text.title, text.reference_title)
            .join_from(SourceCredit.__table__, SourceCreditText.__table__, text.credit_id == credit.id)
            .where(credit.id == 1, text.lang.in_([LANG, "ko"])))


def _tag(tag: Tag, lang: str) -> TagPublic:
    return TagPublic(slug=tag.slug, label=text_in(tag.texts, lang).label)


def list_tags(session: Session, lang: str) -> TagsPublic:
    """Every tag, in its order, with how it reads in this language."""
    tags = session.exec(select(Tag).options(selectinload(Tag.texts)).order_by(Tag.position, Tag.slug)).all()
    return TagsPublic(data=[_tag(tag, lang) for tag in tags], count=len(tags), lang=lang)


def list_terms(session: Session, lang: str) -> GlossaryPublic:
    """The glossary: every term in its order, with its one-line definition and the concept it links to."""
    data = [TermPublic(slug=row.slug, term=row.name, definition=row.definition,
                       concept=ConceptRef(slug=row.concept_slug, title=row.title, summary=row.summary))
            for row in _rows(session, _terms_query(), lang=lang)]
    return GlossaryPublic(data=data, count=len(data), lang=lang)


@cache
def _terms_query():
    term, text, concept, concept_text = _table(Term), _table(TermText), _table(Concept), _table(ConceptText)
    return (core_select(term.slug, text.name, text.definition, concept.slug.label("concept_slug"), concept_text.title,
                        concept_text.summary)
            .join_from(Term.__table__, TermText.__table__, and_(text.term_id == term.id, text.lang == LANG))
            .join(Concept.__table__, concept.id == term.concept_id)
            .join(ConceptText.__table__, and_(concept_text.concept_id == concept.id, concept_text.lang == LANG))
            .order_by(term.position, term.slug))


class TermWord(NamedTuple):
    """A glossary term as text linking needs it: its entry's anchor, the term and its one-line definition."""

    slug: str
    term: str
    definition: str


def term_words(session: Session, lang: str) -> list[TermWord]:
    """The glossary's terms in its order, as list_terms lists them, without their concepts."""
    return [TermWord(*row) for row in _rows(session, _term_words_query(), lang=lang)]


@cache
def _term_words_query():
    term, text, concept_text = _table(Term), _table(TermText), _table(ConceptText)
    return (core_select(term.slug, text.name, text.definition)
            .join_from(Term.__table__, TermText.__table__, and_(text.term_id == term.id, text.lang == LANG))
            .join(ConceptText.__table__, and_(concept_text.concept_id == term.concept_id, concept_text.lang == LANG))
            .order_by(term.position, term.slug))


def has_tag(session: Session, slug: str) -> bool:
    return session.exec(select(Tag.id).where(Tag.slug == slug)).first() is not None


def _ref(concept: Concept, lang: str) -> ConceptRef:
    text = text_in(concept.texts, lang)
    return ConceptRef(slug=concept.slug, title=text.title, summary=text.summary)


def like_pattern(term: str) -> str:
    """A LIKE pattern that finds the term as it is, anywhere (%, _ and \\ taken literally, with escape="\\")."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def list_concepts(session: Session, lang: str, tag: str | None = None, q: str | None = None,
                  limit: int = 100, offset: int = 0) -> ConceptsPublic:
    """Concepts in reading order, optionally those with a tag or containing words, one page of them."""
    query = select(Concept)
    if tag:
        query = query.join(ConceptTag).join(Tag).where(Tag.slug == tag)
    if q:
        # Escaped: a visitor's "%" or "_" is a character to find, not a wildcard matching every concept.
        pattern = like_pattern(q.strip())
        matching = select(ConceptText.concept_id).where(ConceptText.lang == lang).where(or_(
            ConceptText.title.ilike(pattern, escape="\\"), ConceptText.summary.ilike(pattern, escape="\\"),
            ConceptText.body_markdown.ilike(pattern, escape="\\")))
        query = query.where(Concept.id.in_(matching))
    count = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.options(selectinload(Concept.texts), selectinload(Concept.tags).selectinload(Tag.texts))
        .order_by(Concept.position, Concept.slug).limit(limit).offset(offset)
    ).all()
    data = [
        ConceptSummary(slug=c.slug, title=text_in(c.texts, lang).title, summary=text_in(c.texts, lang).summary,
                       tags=[_tag(t, lang) for t in c.tags])
        for c in rows
    ]
    return ConceptsPublic(data=data, count=count, limit=limit, offset=offset, lang=lang, tag=tag)


def get_concept(session: Session, slug: str, lang: str) -> ConceptPublic | None:
    """One concept with its notes, tags and related concepts, or None."""
    found = _rows(session, _concept_query(), slug=slug, lang=lang)
    if not found:
        if has_concept(session, slug):
            raise LookupError(f"no {lang} text")
        return None
    row = found[0]
    tags = [TagPublic(slug=t.slug, label=t.label) for t in _rows(session, _concept_tags_query(), id=row.id, lang=lang)]
    notes = [NotePublic(id=n.key, claim=n.claim, text_markdown=n.text_markdown,
                        text_html=localize_links(n.text_html, lang),
                        source=NoteSource(title=n.source_title, url=n.source_url))
             for n in _rows(session, _concept_notes_query(), id=row.id, lang=lang)]
    refs = [ConceptRef(slug=r.slug, title=r.title, summary=r.summary)
            for r in _rows(session, _related_query(), id=row.id, lang=lang)]
    return ConceptPublic(
        slug=row.slug, lang=lang, title=row.title, summary=row.summary, body_markdown=row.body_markdown,
        body_html=localize_links(row.body_html, lang), tags=tags, related=refs, notes=notes,
        source=source(session, lang),
    )


@cache
def _concept_query():
    concept, text = _table(Concept), _table(ConceptText)
    return (core_select(concept.id, concept.slug, text.title, text.summary, text.body_markdown, text.body_html)
            .join_from(Concept.__table__, ConceptText.__table__, and_(text.concept_id == concept.id, text.lang == LANG))
            .where(concept.slug == bindparam("slug")))


@cache
def _concept_tags_query():
    link, tag, tag_text = _table(ConceptTag), _table(Tag), _table(TagText)
    return (core_select(tag.slug, tag_text.label)
            .join_from(ConceptTag.__table__, Tag.__table__, tag.id == link.tag_id)
            .join(TagText.__table__, and_(tag_text.tag_id == tag.id, tag_text.lang == LANG))
            .where(link.concept_id == bindparam("id")).order_by(link.position, link.tag_id))


@cache
def _concept_notes_query():
    note, text = _table(ConceptNote), _table(ConceptNoteText)
    return (core_select(note.key, note.source_url, text.claim, text.text_markdown, text.text_html, text.source_title)
            .join_from(ConceptNote.__table__, ConceptNoteText.__table__, and_(text.note_id == note.id, text.lang == LANG))
            .where(note.concept_id == bindparam("id")).order_by(note.position, note.id))


@cache
def _related_query():
    related, concept, text = _table(ConceptRelated), _table(Concept), _table(ConceptText)
    return (core_select(concept.slug, text.title, text.summary)
            .join_from(ConceptRelated.__table__, Concept.__table__, concept.id == related.related_id)
            .join(ConceptText.__table__, and_(text.concept_id == concept.id, text.lang == LANG))
            .where(related.concept_id == bindparam("id")).order_by(related.position, related.related_id))


def _concept_refs(session: Session, ids, lang: str) -> dict[int, ConceptRef]:
    ids = sorted({i for i in ids if i is not None})
    if not ids:
        return {}
    return {row.id: ConceptRef(slug=row.slug, title=row.title, summary=row.summary)
            for row in _rows(session, _refs_query(), ids=ids, lang=lang)}


@cache
def _refs_query():
    concept, text = _table(Concept), _table(ConceptText)
    return (core_select(concept.id, concept.slug, text.title, text.summary)
            .join_from(Concept.__table__, ConceptText.__table__, and_(text.concept_id == concept.id, text.lang == LANG))
            .where(concept.id.in_(bindparam("ids", expanding=True))))


def _sides(comparison: Comparison, text, refs: dict[int, ConceptRef], lang: str) -> list[ComparisonSide]:
    """Every side in order: left, right, then the comparison's further sides."""
    return [ComparisonSide(label=text.left_label, concept=refs.get(comparison.left_concept_id)),
            ComparisonSide(label=text.right_label, concept=refs.get(comparison.right_concept_id)),
            *(ComparisonSide(label=text_in(side.texts, lang).label, concept=refs.get(side.concept_id))
              for side in comparison.extra_sides)]


def _side_concepts(comparison: Comparison) -> list[int | None]:
    return [comparison.left_concept_id, comparison.right_concept_id, *(s.concept_id for s in comparison.extra_sides)]


def list_comparisons(session: Session, lang: str) -> ComparisonsPublic:
    """Every comparison, in order."""
    comparisons = session.exec(select(Comparison).options(
        selectinload(Comparison.texts), selectinload(Comparison.extra_sides).selectinload(ComparisonExtraSide.texts),
    ).order_by(Comparison.position, Comparison.slug)).all()
    refs = _concept_refs(session, [i for c in comparisons for i in _side_concepts(c)], lang)
    data = []
    for comparison in comparisons:
        sides = _sides(comparison, text_in(comparison.texts, lang), refs, lang)
        data.append(ComparisonSummary(slug=comparison.slug, title=text_in(comparison.texts, lang).title,
                                      left=sides[0], right=sides[1], sides=sides))
    return ComparisonsPublic(data=data, count=len(data), lang=lang)


def get_comparison(session: Session, slug: str, lang: str) -> ComparisonPublic | None:
    """One comparison with its sides and its rows in order, or None."""
    comparison = session.exec(select(Comparison).where(Comparison.slug == slug).options(
        selectinload(Comparison.texts), selectinload(Comparison.extra_sides).selectinload(ComparisonExtraSide.texts),
        selectinload(Comparison.rows).selectinload(ComparisonRow.texts),
        selectinload(Comparison.rows).selectinload(ComparisonRow.cells),
    )).first()
    if comparison is None:
        return None
    text = text_in(comparison.texts, lang)
    sides = _sides(comparison, text, _concept_refs(session, _side_concepts(comparison), lang), lang)
    rows = []
    for row in comparison.rows:
        row_text = text_in(row.texts, lang)
        left_html, right_html = localize_links(row_text.left_html, lang), localize_links(row_text.right_html, lang)
        cells = [ComparisonCellPublic(text=row_text.left, html=left_html),
                 ComparisonCellPublic(text=row_text.right, html=right_html),
                 *(ComparisonCellPublic(text=cell.text, html=localize_links(cell.html, lang))
                   for cell in row.cells if cell.lang == lang)]
        rows.append(ComparisonRowPublic(aspect=row_text.aspect, left=row_text.left, right=row_text.right,
                                        left_html=left_html, right_html=right_html, cells=cells))
    return ComparisonPublic(slug=comparison.slug, lang=lang, title=text.title, intro_markdown=text.intro_markdown,
                            intro_html=localize_links(text.intro_html, lang), left=sides[0], right=sides[1],
                            sides=sides, rows=rows, source=source(session, lang))


def _stack(session: Session, stack: Stack, lang: str, credit: SourcePublic) -> StackPublic:
    refs = _concept_refs(session, [layer.concept_id for layer in stack.layers], lang)
    points = [
        StackPointPublic(key=p.key, kind=p.kind, text=text_in(p.texts, lang).text,
                         layers=[layer.key for layer in p.layers])
        for p in stack.points
    ]
    layers = [
        StackLayerPublic(key=layer.key, position=layer.position, name=text_in(layer.texts, lang).name,
                         description=text_in(layer.texts, lang).description, per_workload=layer.per_workload,
                         concept=refs.get(layer.concept_id),
                         points=[p.key for p in points if layer.key in p.layers])
        for layer in stack.layers
    ]
    text = text_in(stack.texts, lang)
    return StackPublic(view=stack.view, lang=lang, title=text.title, description_markdown=text.description_markdown,
                       description_html=localize_links(text.description_html, lang), layers=layers,
                       pros=[p for p in points if p.kind == "pro"], cons=[p for p in points if p.kind == "con"],
                       source=credit)


def _stack_query():
    return select(Stack).options(
        selectinload(Stack.texts), selectinload(Stack.layers).selectinload(StackLayer.texts),
        selectinload(Stack.points).selectinload(StackPoint.texts),
        selectinload(Stack.points).selectinload(StackPoint.layers),
    )


def list_stacks(session: Session, lang: str) -> StacksPublic:
    """Both stacks, each with its layers bottom to top and its pros and cons."""
    credit = source(session, lang)
    stacks = session.exec(_stack_query().order_by(Stack.position, Stack.view)).all()
    data = [_stack(session, stack, lang, credit) for stack in stacks]
    return StacksPublic(data=data, count=len(data), lang=lang)


def get_stack(session: Session, view: str, lang: str) -> StackPublic | None:
    """One stack (vm or container), or None."""
    stack = session.exec(_stack_query().where(Stack.view == view)).first()
    return _stack(session, stack, lang, source(session, lang)) if stack else None


@cache
def _scenarios_query(by_slug: bool):
    """Scenarios in order with their text in this language (one row each: the scenario's and its text's columns)."""
    scenario, text = _table(Scenario), _table(ScenarioText)
    statement = (core_select(scenario.id, scenario.slug, scenario.kind, scenario.params, scenario.predictions,
                             text.title, text.description_markdown, text.description_html)
                 .join_from(Scenario.__table__, ScenarioText.__table__,
                            and_(text.scenario_id == scenario.id, text.lang == LANG))
                 .order_by(scenario.position, scenario.id))
    return statement.where(scenario.slug == bindparam("slug")) if by_slug else statement


@cache
def _concepts_query(link_model, owner: str):
    """The concepts a link table ties to its owners (a scenario's, a question's), by owner ids, in their order."""
    link, concept, text = _table(link_model), _table(Concept), _table(ConceptText)
    owner_id = link[owner]
    return (core_select(owner_id.label("owner_id"), concept.slug, text.title, text.summary)
            .join_from(link_model.__table__, Concept.__table__, concept.id == link.concept_id)
            .join(ConceptText.__table__, and_(text.concept_id == concept.id, text.lang == LANG))
            .where(owner_id.in_(bindparam("ids", expanding=True)))
            .order_by(owner_id, link.position, link.concept_id))


def _linked_concepts(session: Session, link_model, owner: str, ids: list[int],
                     lang: str) -> dict[int, list[ConceptRef]]:
    """Each owner's concepts in their order, as references in this language."""
    found: dict[int, list[ConceptRef]] = {i: [] for i in ids}
    if not ids:
        return found
    for row in _rows(session, _concepts_query(link_model, owner), ids=ids, lang=lang):
        found[row.owner_id].append(ConceptRef(slug=row.slug, title=row.title, summary=row.summary))
    return found


def _scenario_concepts(session: Session, ids: list[int], lang: str) -> dict[int, list[ConceptRef]]:
    """Each scenario's concepts in their order, as references in this language."""
    return _linked_concepts(session, ScenarioConcept, "scenario_id", ids, lang)


def get_scenario(session: Session, slug: str, lang: str, values: dict | None = None) -> ScenarioSummary | None:
    """One scenario definition (texts, concepts, default parameters), or None; its text names the values in force."""
    stored = scenario_definition(session, slug, lang)
    return None if stored is None else stored.summary(values)


@dataclass(frozen=True)
class StoredScenario:
    """A scenario as stored, in one language: summary() fills its text with the defaults or the values in force."""

    row: Any
    concepts: list[ConceptRef]
    lang: str

    def summary(self, values: dict | None = None) -> ScenarioSummary:
        return _scenario(self.row, self.row, self.lang, self.concepts, values)


def scenario_definition(session: Session, slug: str, lang: str) -> StoredScenario | None:
    """One scenario as stored (read once, summarised with the defaults and again with a what-if's values), or None."""
    rows = _rows(session, _scenarios_query(True), slug=slug, lang=lang)
    if not rows:
        if session.exec(select(Scenario.id).where(Scenario.slug == slug)).first() is not None:
            raise LookupError(f"no {lang} text")
        return None
    return StoredScenario(rows[0], _scenario_concepts(session, [rows[0].id], lang)[rows[0].id], lang)


def _scenario(scenario, text, lang: str, concepts: list, values: dict | None = None) -> ScenarioSummary:
    """A scenario as read, its {{parameter}} placeholders filled with the defaults or the values in force."""
    filled = values_for(scenario.kind, scenario.params, values)
    return ScenarioSummary(
        slug=scenario.slug, kind=scenario.kind, title=text.title,
        description_markdown=fill(text.description_markdown, filled),
        description_html=localize_links(fill(text.description_html, filled, html=True), lang), params=scenario.params,
        concepts=concepts, prediction_specs=list(scenario.predictions or ()))


def list_scenarios(session: Session, lang: str) -> ScenariosPublic:
    """Every scenario definition, in order (their steps come from the simulator)."""
    rows = _rows(session, _scenarios_query(False), lang=lang)
    concepts = _scenario_concepts(session, [row.id for row in rows], lang)
    data = [_scenario(row, row, lang, concepts[row.id]) for row in rows]
    return ScenariosPublic(data=data, count=len(data), lang=lang)


def scenario_links(session: Session, lang: str) -> list[tuple[str, str, str, list[str]]]:
    """Every scenario in order as (slug, kind, title in this language, its concepts' slugs): what links need."""
    rows = _rows(session, _scenarios_query(False), lang=lang)
    concepts = _scenario_concepts(session, [row.id for row in rows], lang)
    return [(row.slug, row.kind, row.title, [ref.slug for ref in concepts[row.id]]) for row in rows]


def _questions(session: Session, lang: str, which: str, limit: int | None = None, offset: int = 0,
               **params) -> list[QuestionPublic]:
    """Questions in their order with their text, choices and concepts in this language (three small reads)."""
    statement = _questions_query(which)
    if limit is not None or offset:
        statement = statement.limit(limit).offset(offset)
    rows = _rows(session, statement, lang=lang, **params)
    if not rows:
        return []
    ids = [row.id for row in rows]
    choices: dict[int, list] = {i: [] for i in ids}
    for row in _rows(session, _choices_query(), ids=ids, lang=lang):
        choices[row.question_id].append(row)
    concepts = _linked_concepts(session, QuestionConcept, "question_id", ids, lang)
    return [_question(row, choices[row.id], concepts[row.id], lang) for row in rows]


def _question_filter(which: str):
    """Which questions: "all", those about one concept (:concept), or the one with a slug (:slug)."""
    question = _table(Question)
    if which == "slug":
        return question.slug == bindparam("slug")
    if which == "concept":
        link, concept = _table(QuestionConcept), _table(Concept)
        return question.id.in_(core_select(link.question_id)
                               .join_from(QuestionConcept.__table__, Concept.__table__, concept.id == link.concept_id)
                               .where(concept.slug == bindparam("concept")))
    return question.id.is_not(None)


@cache
def _questions_query(which: str):
    question, text = _table(Question), _table(QuestionText)
    return (core_select(question.id, question.slug, question.answer, question.source_anchor, question.source_url,
                        text.prompt, text.explanation_markdown, text.explanation_html, text.source_title)
            .join_from(Question.__table__, QuestionText.__table__, and_(text.question_id == question.id,
                                                                        text.lang == LANG))
            .where(_question_filter(which)).order_by(question.position, question.slug))


@cache
def _question_count_query(which: str):
    return core_select(func.count()).select_from(Question.__table__).where(_question_filter(which))


@cache
def _choices_query():
    choice, text = _table(QuestionChoice), _table(QuestionChoiceText)
    return (core_select(choice.question_id, choice.key, text.text, text.why_markdown, text.why_html)
            .join_from(QuestionChoice.__table__, QuestionChoiceText.__table__,
                       and_(text.choice_id == choice.id, text.lang == LANG))
            .where(choice.question_id.in_(bindparam("ids", expanding=True)))
            .order_by(choice.question_id, choice.position, choice.id))


def _question(row, choices: list, concepts: list[ConceptRef], lang: str) -> QuestionPublic:
    listed = [ChoicePublic(key=choice.key, text=choice.text, correct=choice.key == row.answer,
                           why_markdown=choice.why_markdown, why_html=localize_links(choice.why_html, lang))
              for choice in choices]
    source_ = QuestionSourcePublic(anchor=row.source_anchor, section=section_title(row.source_anchor, lang),
                                   title=row.source_title, url=row.source_url)
    return QuestionPublic(
        slug=row.slug, lang=lang, prompt=row.prompt, choices=listed, answer=row.answer,
        explanation_markdown=row.explanation_markdown, explanation_html=localize_links(row.explanation_html, lang),
        source=source_, concepts=concepts)


def list_questions(session: Session, lang: str, concept: str | None = None,
                   limit: int | None = 100, offset: int = 0) -> QuestionsPublic:
    """Questions in their order, optionally those about one concept, one page of them (limit None: all)."""
    which, params = ("concept", {"concept": concept}) if concept else ("all", {})
    data = _questions(session, lang, which, limit, offset, **params)
    if limit is None and offset == 0:
        count = len(data)  # every one of them was read
    else:
        count = session.connection().execute(_question_count_query(which), params).scalar_one()
    return QuestionsPublic(data=data, count=count, limit=limit if limit is not None else max(count, 1), offset=offset,
                           lang=lang, concept=concept)


def get_question(session: Session, slug: str, lang: str) -> QuestionPublic | None:
    """One question with its choices, explanation, source and concepts, or None."""
    found = _questions(session, lang, "slug", slug=slug)
    return found[0] if found else None


def has_concept(session: Session, slug: str) -> bool:
    return session.exec(select(Concept.id).where(Concept.slug == slug)).first() is not None
