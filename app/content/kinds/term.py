"""Glossary terms: one line each in both languages, each linked to the concept that explains it."""

from sqlmodel import Session, select

from app.content.documents import LANGS, TermDoc
from app.content.files.layouts import ListFile
from app.content.kinds.base import N_, Form, Kind, Links, by_lang
from app.content.references import Problem, unknown_one
from app.models import Concept, Term, TermText


def dump(term: Term, links: Links) -> TermDoc:
    """The stored term as its document."""
    texts = by_lang(term.texts, "name", "definition")
    return TermDoc(slug=term.slug, order=term.position, concept=links.keys(Concept).get(term.concept_id, ""),
                   term=texts["name"], definition=texts["definition"])


def write(session: Session, term: Term, doc: TermDoc, links: Links) -> None:
    """Store the term's order, concept and texts."""
    term.position = doc.order
    term.concept_id = links.ids(Concept)[doc.concept]
    term.texts = [TermText(lang=lang, name=getattr(doc.term, lang), definition=getattr(doc.definition, lang))
                  for lang in LANGS]


def references(doc: TermDoc, known) -> list[Problem]:
    """The concept a term links to must exist."""
    return unknown_one(("concept",), doc.concept, known["concept"], "unknown concept {name!r}")


KIND = Kind(label=N_("Glossary terms"),
    name="term", plural="terms", model=Term, key="slug", doc=TermDoc, dump=dump, write=write, files=ListFile(),
    references=references, page="/glossary#{}", api="/api/v1/glossary",
    form=Form(),
    refers={"concept": lambda concept_id: select(Term.slug).where(Term.concept_id == concept_id)},
)
