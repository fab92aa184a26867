"""Every read of content, in one language, shared by the pages, the JSON API and the admin."""

from sqlalchemy import func, or_
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
    ConceptTag,
    ConceptText,
    ContentState,
    Question,
    QuestionChoice,
    QuestionConcept,
    Scenario,
    SourceCredit,
    Stack,
    StackLayer,
    StackPoint,
    Tag,
    Term,
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


def content_revision(session: Session) -> int:
    """The number that goes up with every change of content."""
    state = session.get(ContentState, 1)
    return state.revision if state else 0


def source(session: Session, lang: str) -> SourcePublic | None:
    """The credited post, or None before any content is imported."""
    credit = session.get(SourceCredit, 1)
    if credit is None:
        return None
    text = text_in(credit.texts, lang)
    original = text_in(credit.texts, "ko").title
    return SourcePublic(title=text.title, original_title=original, date=credit.published, url=credit.url,
                        reference_title=text.reference_title, reference_url=credit.reference_url)


def _tag(tag: Tag, lang: str) -> TagPublic:
    return TagPublic(slug=tag.slug, label=text_in(tag.texts, lang).label)


def list_tags(session: Session, lang: str) -> TagsPublic:
    """Every tag, in its order, with how it reads in this language."""
    tags = session.exec(select(Tag).options(selectinload(Tag.texts)).order_by(Tag.position, Tag.slug)).all()
    return TagsPublic(data=[_tag(tag, lang) for tag in tags], count=len(tags), lang=lang)


def list_terms(session: Session, lang: str) -> GlossaryPublic:
    """The glossary: every term in its order, with its one-line definition and the concept it links to."""
    terms = session.exec(select(Term).options(selectinload(Term.texts)).order_by(Term.position, Term.slug)).all()
    refs = _concept_refs(session, [term.concept_id for term in terms], lang)
    data = [TermPublic(slug=term.slug, term=text_in(term.texts, lang).name,
                       definition=text_in(term.texts, lang).definition, concept=refs[term.concept_id])
            for term in terms if term.concept_id in refs]
    return GlossaryPublic(data=data, count=len(data), lang=lang)


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
    concept = session.exec(
        select(Concept).where(Concept.slug == slug).options(
            selectinload(Concept.texts),
            selectinload(Concept.tags).selectinload(Tag.texts),
            selectinload(Concept.notes).selectinload(ConceptNote.texts),
            selectinload(Concept.related_links),
        )
    ).first()
    if concept is None:
        return None
    related_ids = [link.related_id for link in concept.related_links]
    related = {c.id: c for c in session.exec(
        select(Concept).where(Concept.id.in_(related_ids)).options(selectinload(Concept.texts)))}
    text = text_in(concept.texts, lang)
    notes = []
    for note in concept.notes:
        note_text = text_in(note.texts, lang)
        notes.append(NotePublic(id=note.key, claim=note_text.claim, text_markdown=note_text.text_markdown,
                                text_html=localize_links(note_text.text_html, lang),
                                source=NoteSource(title=note_text.source_title, url=note.source_url)))
    return ConceptPublic(
        slug=concept.slug, lang=lang, title=text.title, summary=text.summary, body_markdown=text.body_markdown,
        body_html=localize_links(text.body_html, lang), tags=[_tag(t, lang) for t in concept.tags],
        related=[_ref(related[rid], lang) for rid in related_ids], notes=notes, source=source(session, lang),
    )


def _concept_refs(session: Session, ids, lang: str) -> dict[int, ConceptRef]:
    ids = [i for i in ids if i is not None]
    concepts = session.exec(select(Concept).where(Concept.id.in_(ids)).options(selectinload(Concept.texts)))
    return {c.id: _ref(c, lang) for c in concepts}


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


def get_scenario(session: Session, slug: str, lang: str, values: dict | None = None) -> ScenarioSummary | None:
    """One scenario definition (texts, concepts, default parameters), or None; its text names the values in force."""
    scenario = session.exec(select(Scenario).where(Scenario.slug == slug).options(
        selectinload(Scenario.texts), selectinload(Scenario.concept_links))).first()
    if scenario is None:
        return None
    refs = _concept_refs(session, [link.concept_id for link in scenario.concept_links], lang)
    text = text_in(scenario.texts, lang)
    return _scenario(scenario, text, lang, [refs[link.concept_id] for link in scenario.concept_links], values)


def _scenario(scenario: Scenario, text, lang: str, concepts: list, values: dict | None = None) -> ScenarioSummary:
    """A scenario as read, its {{parameter}} placeholders filled with the defaults or the values in force."""
    filled = values_for(scenario.kind, scenario.params, values)
    return ScenarioSummary(
        slug=scenario.slug, kind=scenario.kind, title=text.title,
        description_markdown=fill(text.description_markdown, filled),
        description_html=localize_links(fill(text.description_html, filled, html=True), lang), params=scenario.params,
        concepts=concepts, prediction_specs=list(scenario.predictions or ()))


def list_scenarios(session: Session, lang: str) -> ScenariosPublic:
    """Every scenario definition, in order (their steps come from the simulator)."""
    scenarios = session.exec(select(Scenario).options(
        selectinload(Scenario.texts), selectinload(Scenario.concept_links)).order_by(Scenario.position)).all()
    refs = _concept_refs(session, [link.concept_id for s in scenarios for link in s.concept_links], lang)
    data = []
    for scenario in scenarios:
        text = text_in(scenario.texts, lang)
        data.append(_scenario(scenario, text, lang, [refs[link.concept_id] for link in scenario.concept_links]))
    return ScenariosPublic(data=data, count=len(data), lang=lang)


def _question(question: Question, lang: str, refs: dict[int, ConceptRef]) -> QuestionPublic:
    text = text_in(question.texts, lang)
    choices = [ChoicePublic(key=choice.key, text=text_in(choice.texts, lang).text, correct=choice.key == question.answer,
                            why_markdown=text_in(choice.texts, lang).why_markdown,
                            why_html=localize_links(text_in(choice.texts, lang).why_html, lang))
               for choice in question.choices]
    source_ = QuestionSourcePublic(anchor=question.source_anchor, section=section_title(question.source_anchor, lang),
                                   title=text.source_title, url=question.source_url)
    return QuestionPublic(
        slug=question.slug, lang=lang, prompt=text.prompt, choices=choices, answer=question.answer,
        explanation_markdown=text.explanation_markdown, explanation_html=localize_links(text.explanation_html, lang),
        source=source_, concepts=[refs[link.concept_id] for link in question.concept_links if link.concept_id in refs])


def _question_query():
    return select(Question).options(
        selectinload(Question.texts), selectinload(Question.choices).selectinload(QuestionChoice.texts),
        selectinload(Question.concept_links))


def list_questions(session: Session, lang: str, concept: str | None = None,
                   limit: int | None = 100, offset: int = 0) -> QuestionsPublic:
    """Questions in their order, optionally those about one concept, one page of them (limit None: all)."""
    query = select(Question)
    if concept:
        query = query.join(QuestionConcept).join(Concept).where(Concept.slug == concept)
    count = session.exec(select(func.count()).select_from(query.subquery())).one()
    ids = select(query.subquery().c.id)
    rows = session.exec(_question_query().where(Question.id.in_(ids)).order_by(Question.position, Question.slug)
                        .limit(limit).offset(offset)).all()
    refs = _concept_refs(session, [link.concept_id for q in rows for link in q.concept_links], lang)
    return QuestionsPublic(data=[_question(q, lang, refs) for q in rows], count=count,
                           limit=limit if limit is not None else max(count, 1), offset=offset, lang=lang,
                           concept=concept)


def get_question(session: Session, slug: str, lang: str) -> QuestionPublic | None:
    """One question with its choices, explanation, source and concepts, or None."""
    question = session.exec(_question_query().where(Question.slug == slug)).first()
    if question is None:
        return None
    refs = _concept_refs(session, [link.concept_id for link in question.concept_links], lang)
    return _question(question, lang, refs)


def has_concept(session: Session, slug: str) -> bool:
    return session.exec(select(Concept.id).where(Concept.slug == slug)).first() is not None
