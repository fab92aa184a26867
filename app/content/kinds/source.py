"""The source credit: the post this explorer is built from and the reference it cites; one item, in row 1."""

from sqlalchemy import inspect
from sqlmodel import Session

from app.content.documents import LANGS, Source
from app.content.files.layouts import OneFile
from app.content.kinds.base import N_, Kind, Links, by_lang, clear
from app.models import SourceCredit, SourceCreditText


def dump(credit: SourceCredit, links: Links) -> Source:
    """The stored credit as its document."""
    texts = by_lang(credit.texts, "title", "reference_title")
    return Source(
        title=texts["title"], date=credit.published, url=credit.url,
        reference={"title": texts["reference_title"], "url": credit.reference_url},
    )


def write(session: Session, credit: SourceCredit, doc: Source, links: Links) -> None:
    """Store the credit; its texts are replaced."""
    if inspect(credit).persistent:  # a new credit has row id 1 already, but no texts to clear yet
        clear(session, credit, "texts")
    credit.published, credit.url = doc.date, doc.url
    credit.reference_url = doc.reference.url
    credit.texts = [
        SourceCreditText(lang=lang, title=getattr(doc.title, lang), reference_title=getattr(doc.reference.title, lang))
        for lang in LANGS
    ]


KIND = Kind(label=N_("Source"), name="source", plural="sources", model=SourceCredit, key=None, doc=Source, dump=dump, write=write,
            files=OneFile(missing="the credited post"))
