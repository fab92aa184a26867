"""Learning paths: stops on the pages of other items (any kind with a page), each saying why it comes now."""

from collections.abc import Callable

from sqlmodel import Session, select

from app.content import markdown
from app.content.documents import LANGS, PathDoc
from app.content.files.layouts import YamlFolder
from app.content.kinds.base import N_, PAIR, Form, Kind, Links, by_lang, clear
from app.content.references import UNKNOWN, Problem, used_twice
from app.models import LearningPath, LearningPathText, PathStop, PathStopText


def dump(path: LearningPath, links: Links) -> PathDoc:
    """The stored path as its document."""
    texts = by_lang(path.texts, "title", "intro_markdown")
    return PathDoc(
        slug=path.slug, order=path.position, title=texts["title"], intro=texts["intro_markdown"],
        stops=tuple({"kind": stop.kind, "slug": stop.target, **by_lang(stop.texts, "title", "why")}
                    for stop in path.stops),
    )


def write(session: Session, path: LearningPath, doc: PathDoc, links: Links) -> None:
    """Store the path's texts (rendered once, here) and its stops in order."""
    if path.id is not None:
        clear(session, path, "texts", "stops")
    path.position = doc.order
    path.texts = [
        LearningPathText(lang=lang, title=getattr(doc.title, lang), intro_markdown=getattr(doc.intro, lang),
                         intro_html=markdown.render(getattr(doc.intro, lang)))
        for lang in LANGS
    ]
    path.stops = [
        PathStop(position=i, kind=stop.kind, target=stop.slug, texts=[
            PathStopText(lang=lang, title=getattr(stop.title, lang), why=getattr(stop.why, lang)) for lang in LANGS
        ])
        for i, stop in enumerate(doc.stops)
    ]


def stop_kinds(kinds: tuple[Kind, ...]) -> tuple[Kind, ...]:
    """The kinds a stop may name: every kind whose items have a page of their own."""
    return tuple(kind for kind in kinds if kind.page and not kind.single)


def _references(names: tuple[str, ...]) -> Callable:
    def references(doc: PathDoc, known) -> list[Problem]:
        """Each stop names a kind with pages and an item of it that exists; no item is a stop twice."""
        problems: list[Problem] = []
        seen: set[tuple[str, str]] = set()
        for index, stop in enumerate(doc.stops):
            if stop.kind not in names:
                problems.append(Problem(("stops", index, "kind"), None, "kind", stop.kind,
                                        f"unknown kind {stop.kind!r}: a stop names one of {', '.join(names)}"))
            elif stop.slug not in known[stop.kind]:
                problems.append(Problem(("stops", index, "slug"), None, UNKNOWN, f"{stop.kind} {stop.slug}",
                                        f"unknown {stop.kind} {stop.slug!r}"))
            elif (stop.kind, stop.slug) in seen:
                problems.append(used_twice(("stops", index, "slug"), stop.slug))
            seen.add((stop.kind, stop.slug))
        return problems

    return references


def _naming(kind: Kind) -> Callable:
    """The query of the paths with a stop on the item of this kind with the given row id."""
    key = getattr(kind.model, kind.key)

    def query(row_id: int):
        named = select(key).where(kind.model.id == row_id).scalar_subquery()
        return (select(LearningPath.slug).join(PathStop)
                .where(PathStop.kind == kind.name, PathStop.target == named).distinct())

    return query


def build(kinds: tuple[Kind, ...]) -> Kind:
    """The path kind, whose stops may name the items of these kinds that have pages (a new kind with a page, once
    in the registry, can be a stop too)."""
    targets = stop_kinds(kinds)
    return Kind(
        label=N_("Learning paths"), name="path", plural="paths", model=LearningPath, key="slug", doc=PathDoc,
        dump=dump, write=write, files=YamlFolder(), references=_references(tuple(kind.name for kind in targets)),
        page="/path", api="/api/v1/path",
        form=Form(groups={"stops": {"kind": "", "slug": "", "title": PAIR, "why": PAIR}}, required=("stops",)),
        refers={kind.name: _naming(kind) for kind in targets},
    )
