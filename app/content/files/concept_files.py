"""Concepts as files: one Markdown file per concept and language, with YAML front matter (concepts/docker.ko.md)."""

import re
from collections.abc import Iterator
from pathlib import Path

from app.content.documents import (
    LANGS,
    ConceptDoc,
    Document,
    NoteDoc,
    ShortText,
    Slug,
    Text,
    Title,
    Url,
)
from app.content.errors import ContentError
from app.content.files import yamlfile
from app.content.files.layouts import Layout, in_order
from app.content.files.reading import Reader
from app.content.files.yamlfile import Located

CONCEPT_FILE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>ko|en)\.md$")
FRONT_MATTER = re.compile(r"^---\n(.*?\n)---\n(.*)$", re.DOTALL)


class NoteSource(Document):
    title: Title
    url: Url


class NoteFile(Document):
    id: Slug
    claim: Text
    text: Text
    source: NoteSource


class ConceptFile(Document):
    """The front matter of one concept file, in one language."""

    title: Title
    summary: ShortText
    order: int = 0
    tags: tuple[Slug, ...] = ()
    related: tuple[Slug, ...] = ()
    notes: tuple[NoteFile, ...] = ()


Parsed = tuple[ConceptFile, str, Located]  # the front matter, the body and where the front matter is


class ConceptFiles(Layout):
    """A folder named after the kind; both languages' files of a concept must be there and agree."""

    folder = True

    def entry(self, kind) -> str:
        return kind.plural

    def read(self, reader: Reader, kind) -> tuple[ConceptDoc, ...]:
        by_slug: dict[str, dict[str, Parsed]] = {}
        paths: dict[str, Path] = {}
        for path, match in reader.files(self.entry(kind), CONCEPT_FILE):
            paths[match["slug"]] = path
            parsed = _read_file(reader, path)
            by_slug.setdefault(match["slug"], {})
            if parsed is not None:
                by_slug[match["slug"]][match["lang"]] = parsed
        concepts = []
        for slug, files in sorted(by_slug.items()):
            for lang in LANGS:
                if lang not in files and not (paths[slug].parent / f"{slug}.{lang}.md").exists():
                    reader.fail(paths[slug].parent / f"{slug}.{lang}.md", "missing translation: file not found")
            if len(files) == len(LANGS):
                concept = _merge(reader, slug, files)
                if concept is not None:
                    reader.origins[(kind.name, slug)] = files["ko"][2]
                    concepts.append(concept)
        return in_order(concepts, kind)

    def write(self, kind, part: tuple[ConceptDoc, ...]) -> Iterator[tuple[str, str]]:
        for concept in part:
            for lang in LANGS:
                yield f"{self.entry(kind)}/{concept.slug}.{lang}.md", concept_file(concept, lang)


def _read_file(reader: Reader, path: Path) -> Parsed | None:
    text = reader.text(path)
    if text is None:
        return None
    match = FRONT_MATTER.match(text)
    if match is None:
        reader.fail(path, "must start with YAML front matter between '---' lines")
        return None
    located = reader.yaml(path, match[1], offset=1)
    if located is None:
        return None
    if not isinstance(located.data, dict):
        reader.errors.append(ContentError(located.path, 2, "", "front matter must be a mapping"))
        return None
    front = reader.validate(ConceptFile, located.data, located)
    body = match[2].strip()
    if not body:
        body_line = match[1].count("\n") + 3
        reader.errors.append(ContentError(located.path, body_line, "body", "the body is empty"))
        return None
    return (front, body, located) if front is not None else None


def _merge(reader: Reader, slug: str, files: dict[str, Parsed]) -> ConceptDoc | None:
    """One concept from its two files, which must agree on everything that is not text."""
    (ko, ko_body, _), (en, en_body, en_located) = files["ko"], files["en"]
    before = len(reader.errors)
    for name in ("order", "tags", "related"):
        if getattr(ko, name) != getattr(en, name):
            reader.errors.append(en_located.error((name,), f"differs from the ko file ({getattr(ko, name)!r})"))
    if [n.id for n in ko.notes] != [n.id for n in en.notes]:
        reader.errors.append(en_located.error(("notes",), "note ids differ from the ko file (same ids, same order)"))
    else:
        for index, (ko_note, en_note) in enumerate(zip(ko.notes, en.notes, strict=True)):
            if ko_note.source.url != en_note.source.url:
                reader.errors.append(en_located.error(("notes", index, "source", "url"), "differs from the ko file"))
    if len(reader.errors) > before:
        return None
    notes = tuple(
        NoteDoc(
            id=k.id, claim={"ko": k.claim, "en": e.claim}, text={"ko": k.text, "en": e.text},
            source_title={"ko": k.source.title, "en": e.source.title}, source_url=k.source.url,
        )
        for k, e in zip(ko.notes, en.notes, strict=True)
    )
    return ConceptDoc(
        slug=slug, order=ko.order, tags=ko.tags, related=ko.related,
        title={"ko": ko.title, "en": en.title}, summary={"ko": ko.summary, "en": en.summary},
        body={"ko": ko_body, "en": en_body}, notes=notes,
    )


def concept_file(concept: ConceptDoc, lang: str) -> str:
    """One concept in one language: YAML front matter, then the Markdown body."""
    front = {
        "title": getattr(concept.title, lang),
        "summary": getattr(concept.summary, lang),
        "order": concept.order,
        "tags": list(concept.tags),
        "related": list(concept.related),
    }
    if concept.notes:
        front["notes"] = [
            {
                "id": note.id,
                "claim": getattr(note.claim, lang),
                "text": getattr(note.text, lang) + "\n",
                "source": {"title": getattr(note.source_title, lang), "url": note.source_url},
            }
            for note in concept.notes
        ]
    return f"---\n{yamlfile.dump(front)}---\n{getattr(concept.body, lang)}\n"
