"""Read a content directory into one validated ContentTree, or every error found in it."""

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from app.content.documents import (
    ComparisonDoc,
    ConceptDoc,
    ContentTree,
    Document,
    NoteDoc,
    ScenarioDoc,
    ShortText,
    Slug,
    Source,
    StackDoc,
    TagDoc,
    Text,
    Title,
    Url,
)
from app.content.errors import ContentError, InvalidContent
from app.content.files import yamlfile
from app.content.files.yamlfile import Located
from app.content.kinds import ALL, STORED
from app.content.references import content_errors

LANGS = ("ko", "en")
CONCEPT_FILE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>ko|en)\.md$")
YAML_FILE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")
FOLDERS = {"concepts", "comparisons", "stacks", "scenarios"}
TOP_FILES = {"source.yml", "tags.yml", "README.md"}


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


def read_tree(root: Path) -> ContentTree:
    """Read and validate the whole tree; raise InvalidContent listing every error."""
    reader = _Reader(root)
    tree = reader.read()
    if reader.errors:
        raise InvalidContent(reader.errors)
    return tree


class _Reader:
    def __init__(self, root: Path):
        self.root = root
        self.errors: list[ContentError] = []
        self.origins: dict[tuple[str, str], Located] = {}

    def read(self) -> ContentTree | None:
        if not self.root.is_dir():
            self.errors.append(ContentError(str(self.root), 1, "", "is not a directory"))
            return None
        self._check_layout()
        source = self._read_source()
        tags = self._read_tags()
        concepts = self._read_concepts()
        comparisons = self._read_items("comparisons", "comparison", ComparisonDoc, "slug")
        stacks = self._read_items("stacks", "stack", StackDoc, "view")
        scenarios = self._read_items("scenarios", "scenario", ScenarioDoc, "slug")
        if source is None:
            return None
        tree = ContentTree(
            source=source, tags=tags, concepts=concepts, comparisons=comparisons, stacks=stacks,
            scenarios=scenarios,
        )
        self.errors.extend(_reference_errors(tree, self.origins))
        return tree

    def _check_layout(self) -> None:
        for entry in sorted(self.root.iterdir()):
            if entry.name.startswith("."):
                continue
            expected = entry.name in FOLDERS if entry.is_dir() else entry.name in TOP_FILES
            if not expected:
                self.errors.append(ContentError(self._rel(entry), 1, "", "unexpected file or folder"))

    def _rel(self, path: Path) -> str:
        return str(path.relative_to(self.root.parent)) if path.is_relative_to(self.root.parent) else str(path)

    def _text(self, path: Path) -> str | None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self.errors.append(ContentError(self._rel(path), 1, "", f"is not UTF-8 text ({exc.reason})"))
            return None
        if "\x00" in text:
            self.errors.append(ContentError(self._rel(path), 1, "", "contains a NUL character"))
            return None
        return text

    def _yaml(self, path: Path, text: str, offset: int = 0) -> Located | None:
        located, errors = yamlfile.load(text, self._rel(path), offset)
        self.errors.extend(errors)
        return None if errors else located

    def _validate(self, model: type[BaseModel], data: Any, located: Located, base: tuple = ()):
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                location = (*base, *error["loc"])
                self.errors.append(located.error(location, _message(error)))
            return None

    def _read_mapping(self, path: Path) -> Located | None:
        text = self._text(path)
        located = self._yaml(path, text) if text is not None else None
        if located is not None and not isinstance(located.data, dict):
            self.errors.append(ContentError(located.path, 1, "", "must be a mapping of keys to values"))
            return None
        return located

    def _read_source(self) -> Source | None:
        path = self.root / "source.yml"
        if not path.is_file():
            self.errors.append(ContentError(self._rel(path), 1, "", "is missing: the credited post"))
            return None
        located = self._read_mapping(path)
        return self._validate(Source, located.data, located) if located else None

    def _read_tags(self) -> tuple[TagDoc, ...]:
        path = self.root / "tags.yml"
        if not path.is_file():
            return ()
        text = self._text(path)
        located = self._yaml(path, text) if text is not None else None
        if located is None:
            return ()
        if not isinstance(located.data, list):
            self.errors.append(ContentError(located.path, 1, "", "must be a list of tags"))
            return ()
        tags = []
        for index, item in enumerate(located.data):
            tag = self._validate(TagDoc, item, located, (index,))
            if tag is None:
                continue
            if ("tag", tag.slug) in self.origins:
                self.errors.append(located.error((index, "slug"), f"tag {tag.slug!r} is listed twice"))
                continue
            self.origins[("tag", tag.slug)] = located
            tags.append(tag)
        return tuple(sorted(tags, key=lambda tag: (tag.order, tag.slug)))

    def _files(self, folder: str, pattern: re.Pattern) -> list[tuple[Path, re.Match]]:
        directory = self.root / folder
        if not directory.is_dir():
            return []
        found = []
        for path in sorted(directory.iterdir()):
            match = pattern.match(path.name)
            if match and path.is_file():
                found.append((path, match))
            elif not path.name.startswith("."):
                self.errors.append(ContentError(self._rel(path), 1, "", f"unexpected name in {folder}/"))
        return found

    def _read_items(self, folder: str, name: str, model: type[BaseModel], key: str) -> tuple:
        items = []
        for path, match in self._files(folder, YAML_FILE):
            located = self._read_mapping(path)
            if located is None:
                continue
            if key in located.data:
                self.errors.append(located.error((key,), f"the {key} comes from the file name"))
                continue
            item = self._validate(model, {key: match["slug"], **located.data}, located)
            if item is not None:
                self.origins[(name, match["slug"])] = located
                items.append(item)
        return tuple(sorted(items, key=lambda item: (item.order, getattr(item, key))))

    def _read_concepts(self) -> tuple[ConceptDoc, ...]:
        by_slug: dict[str, dict[str, tuple[ConceptFile, str, Located]]] = {}
        paths: dict[str, Path] = {}
        for path, match in self._files("concepts", CONCEPT_FILE):
            paths[match["slug"]] = path
            parsed = self._read_concept_file(path)
            by_slug.setdefault(match["slug"], {})
            if parsed is not None:
                by_slug[match["slug"]][match["lang"]] = parsed
        concepts = []
        for slug, files in sorted(by_slug.items()):
            for lang in LANGS:
                if lang not in files and not (paths[slug].parent / f"{slug}.{lang}.md").exists():
                    path = paths[slug].parent / f"{slug}.{lang}.md"
                    self.errors.append(ContentError(self._rel(path), 1, "", "missing translation: file not found"))
            if len(files) == len(LANGS):
                concept = self._merge_concept(slug, files)
                if concept is not None:
                    concepts.append(concept)
        return tuple(sorted(concepts, key=lambda c: (c.order, c.slug)))

    def _read_concept_file(self, path: Path) -> tuple[ConceptFile, str, Located] | None:
        text = self._text(path)
        if text is None:
            return None
        match = re.match(r"^---\n(.*?\n)---\n(.*)$", text, re.DOTALL)
        if match is None:
            self.errors.append(ContentError(self._rel(path), 1, "", "must start with YAML front matter between '---' lines"))
            return None
        located = self._yaml(path, match[1], offset=1)
        if located is None:
            return None
        if not isinstance(located.data, dict):
            self.errors.append(ContentError(located.path, 2, "", "front matter must be a mapping"))
            return None
        front = self._validate(ConceptFile, located.data, located)
        body = match[2].strip()
        if not body:
            body_line = match[1].count("\n") + 3
            self.errors.append(ContentError(located.path, body_line, "body", "the body is empty"))
            return None
        return (front, body, located) if front is not None else None

    def _merge_concept(self, slug: str, files: dict) -> ConceptDoc | None:
        (ko, ko_body, _), (en, en_body, en_located) = files["ko"], files["en"]
        before = len(self.errors)
        for name in ("order", "tags", "related"):
            if getattr(ko, name) != getattr(en, name):
                self.errors.append(en_located.error((name,), f"differs from the ko file ({getattr(ko, name)!r})"))
        if [n.id for n in ko.notes] != [n.id for n in en.notes]:
            self.errors.append(en_located.error(("notes",), "note ids differ from the ko file (same ids, same order)"))
        else:
            for index, (ko_note, en_note) in enumerate(zip(ko.notes, en.notes, strict=True)):
                if ko_note.source.url != en_note.source.url:
                    self.errors.append(en_located.error(("notes", index, "source", "url"), "differs from the ko file"))
        if len(self.errors) > before:
            return None
        self.origins[("concept", slug)] = files["ko"][2]
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


def _reference_errors(tree: ContentTree, origins: dict[tuple[str, str], Located]) -> list[ContentError]:
    """Every item's reference rules, checked against the keys of every kind in the tree."""
    known = {kind.name: {getattr(doc, kind.key) for doc in getattr(tree, kind.tree_field)}
             for kind in ALL if not kind.single}
    return [error for kind in STORED if kind.references for doc in getattr(tree, kind.tree_field)
            for error in content_errors(kind.references(doc, known), origins[(kind.name, getattr(doc, kind.key))])]


def _message(error: dict) -> str:
    location = error["loc"]
    if error["type"] == "missing" and location and location[-1] in LANGS:
        return f"missing translation ({location[-1]})"
    if error["type"] == "missing":
        return "is required"
    if error["type"] == "extra_forbidden":
        return "unknown field"
    return error["msg"]
