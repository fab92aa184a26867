"""Tags: labels in both languages that group concepts."""

from sqlmodel import Session

from app.content.documents import LANGS, TagDoc
from app.content.files.layouts import ListFile
from app.content.kinds.base import N_, Form, Kind, Links, by_lang
from app.models import Tag, TagText


def dump(tag: Tag, links: Links) -> TagDoc:
    """The stored tag as its document."""
    labels = by_lang(tag.texts, "label")["label"]
    return TagDoc(slug=tag.slug, order=tag.position, **labels)


def write(session: Session, tag: Tag, doc: TagDoc, links: Links) -> None:
    """Store the tag's order and labels."""
    tag.position = doc.order
    tag.texts = [TagText(lang=lang, label=getattr(doc, lang)) for lang in LANGS]


KIND = Kind(label=N_("Tags"), name="tag", plural="tags", model=Tag, key="slug", doc=TagDoc, dump=dump, write=write,
            files=ListFile(), page="/concepts?tag={}", form=Form())
