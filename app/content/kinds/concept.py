"""Concepts: a page of Markdown in each language, with tags, related concepts and "more precisely" notes."""

from sqlmodel import Session, select

from app.content import markdown
from app.content.documents import LANGS, ConceptDoc, NoteDoc
from app.content.files.concept_files import ConceptFiles
from app.content.kinds.base import N_, PAIR, Form, Kind, Links, Search, by_lang, clear
from app.content.markdown import plain
from app.content.references import UNKNOWN, Problem, twice, unknown
from app.models import (
    Concept,
    ConceptNote,
    ConceptNoteText,
    ConceptRelated,
    ConceptTag,
    ConceptText,
    Tag,
)


def dump(concept: Concept, links: Links) -> ConceptDoc:
    """The stored concept as its document."""
    texts = by_lang(concept.texts, "title", "summary", "body_markdown")
    slugs = links.keys(Concept)
    return ConceptDoc(
        slug=concept.slug, order=concept.position, tags=tuple(tag.slug for tag in concept.tags),
        related=tuple(slugs[link.related_id] for link in concept.related_links),
        title=texts["title"], summary=texts["summary"], body=texts["body_markdown"],
        notes=tuple(_dump_note(note) for note in concept.notes),
    )


def _dump_note(note: ConceptNote) -> NoteDoc:
    texts = by_lang(note.texts, "claim", "text_markdown", "source_title")
    return NoteDoc(
        id=note.key, claim=texts["claim"], text=texts["text_markdown"], source_title=texts["source_title"],
        source_url=note.source_url,
    )


def write(session: Session, concept: Concept, doc: ConceptDoc, links: Links) -> None:
    """Store the concept's texts (rendered once, here), tags and notes; related concepts come with relink."""
    if concept.id is not None:
        clear(session, concept, "texts", "tag_links", "notes")
    concept.position = doc.order
    concept.texts = [
        ConceptText(lang=lang, title=getattr(doc.title, lang), summary=getattr(doc.summary, lang),
                    body_markdown=getattr(doc.body, lang), body_html=markdown.render(getattr(doc.body, lang)))
        for lang in LANGS
    ]
    session.flush()
    tags = links.ids(Tag)
    concept.tag_links = [ConceptTag(tag_id=tags[slug], position=i) for i, slug in enumerate(doc.tags)]
    concept.notes = [
        ConceptNote(key=note.id, position=i, source_url=note.source_url, texts=[
            ConceptNoteText(lang=lang, claim=getattr(note.claim, lang), text_markdown=getattr(note.text, lang),
                            text_html=markdown.render(getattr(note.text, lang)),
                            source_title=getattr(note.source_title, lang))
            for lang in LANGS
        ])
        for i, note in enumerate(doc.notes)
    ]


def relink(session: Session, doc: ConceptDoc, links: Links) -> None:
    """Store the concepts this one is related to, in order, once every concept has its row."""
    ids = links.ids(Concept)
    concept = session.get(Concept, ids[doc.slug])
    current = [(link.related_id, link.position) for link in concept.related_links]
    wanted = [(ids[slug], i) for i, slug in enumerate(doc.related)]
    if current != wanted:
        clear(session, concept, "related_links")
        concept.related_links = [ConceptRelated(related_id=rid, position=i) for rid, i in wanted]


def references(doc: ConceptDoc, known) -> list[Problem]:
    """Its tags and related concepts must exist, it cannot be related to itself, and its notes' ids are unique."""
    problems = unknown(("tags",), doc.tags, known["tag"], "unknown tag {name!r} (see tags.yml)")
    for index, slug in enumerate(doc.related):
        if slug == doc.slug:
            problems.append(Problem(("related",), index, "self", slug, "a concept cannot be related to itself"))
        elif slug not in known["concept"]:
            problems.append(Problem(("related",), index, UNKNOWN, slug, f"unknown concept {slug!r}"))
    return problems + twice("notes", [note.id for note in doc.notes], "id")


def _listed(session: Session, lang: str) -> list:
    from app.content import catalog  # here, not above: see the registry's note on the catalog

    return catalog.list_concepts(session, lang, limit=10_000).data


def _text(session: Session, item, lang: str) -> tuple[str, str]:
    from app.content import catalog  # here, not above: see the registry's note on the catalog

    concept = catalog.get_concept(session, item.slug, lang)
    notes = [f"{note.claim} {plain(note.text_html)}" for note in concept.notes]
    return concept.title, " ".join([concept.summary, plain(concept.body_html), *notes])


KIND = Kind(label=N_("Concepts"),
    name="concept", plural="concepts", model=Concept, key="slug", doc=ConceptDoc, dump=dump, write=write,
    files=ConceptFiles(), relink=relink, references=references, search=Search(_listed, _text),
    page="/concepts/{}", api="/api/v1/concepts/{}",
    form=Form(groups={"notes": {"id": "", "claim": PAIR, "text": PAIR, "source_title": PAIR, "source_url": ""}},
              choices=("tags", "related")),
    refers={
        "tag": lambda tag_id: select(Concept.slug).join(ConceptTag).where(ConceptTag.tag_id == tag_id),
        "concept": lambda concept_id: select(Concept.slug).join(
            ConceptRelated, ConceptRelated.concept_id == Concept.id).where(ConceptRelated.related_id == concept_id),
    },
)
