"""The search index's upkeep: every item as plain text in each language, rebuilt whole or one item at a time."""

import html
from dataclasses import dataclass

import nh3
from sqlalchemy import delete, func, insert, select, text, update
from sqlmodel import Session

from app.content import catalog
from app.content.search import KINDS, LANGS, dialect, doc, search_document
from app.models import ContentState, SourceCredit


@dataclass(frozen=True)
class Document:
    """One item in one language, as the index holds it: plain text, no markup."""

    kind: str
    key: str
    lang: str
    position: int
    title: str
    body: str


def plain(markup: str) -> str:
    """The text of a piece of HTML, without tags and entities, on one line."""
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())


def _concept(session: Session, item, lang: str, position: int) -> Document:
    concept = catalog.get_concept(session, item.slug, lang)
    notes = [f"{note.claim} {plain(note.text_html)}" for note in concept.notes]
    return Document("concept", concept.slug, lang, position, concept.title,
                    " ".join([concept.summary, plain(concept.body_html), *notes]))


def _comparison(session: Session, item, lang: str, position: int) -> Document:
    comparison = catalog.get_comparison(session, item.slug, lang)
    rows = [f"{row.aspect}: {plain(row.left_html)} / {plain(row.right_html)}" for row in comparison.rows]
    return Document("comparison", comparison.slug, lang, position, comparison.title,
                    " ".join([plain(comparison.intro_html), *rows]))


def _stack(session: Session, stack, lang: str, position: int) -> Document:
    layers = [f"{layer.name}: {layer.description}" for layer in stack.layers]
    points = [point.text for point in stack.pros + stack.cons]
    return Document("stack", stack.view, lang, position, stack.title,
                    " ".join([plain(stack.description_html), *layers, *points]))


def _scenario(session: Session, scenario, lang: str, position: int) -> Document:
    return Document("scenario", scenario.slug, lang, position, scenario.title, plain(scenario.description_html))


# Per kind: its list in the catalog (the order is each item's position), the key of a listed item, and the
# document built from a listed item (concepts and comparisons are read in full; stacks and scenarios are listed so).
LISTS = {
    "concept": lambda session, lang: catalog.list_concepts(session, lang, limit=10_000).data,
    "comparison": lambda session, lang: catalog.list_comparisons(session, lang).data,
    "stack": lambda session, lang: catalog.list_stacks(session, lang).data,
    "scenario": lambda session, lang: catalog.list_scenarios(session, lang).data,
}
KEYS = {"concept": "slug", "comparison": "slug", "stack": "view", "scenario": "slug"}
BUILDERS = {"concept": _concept, "comparison": _comparison, "stack": _stack, "scenario": _scenario}


def _listed(session: Session, kind: str, lang: str) -> list[tuple[str, object]]:
    """The items of one kind in one language, in list order, each with its key."""
    return [(getattr(item, KEYS[kind]), item) for item in LISTS[kind](session, lang)]


def documents(session: Session, lang: str) -> list[Document]:
    """Every searchable item in one language, read through the same catalog as the pages."""
    return [BUILDERS[kind](session, item, lang, position)
            for kind in KINDS for position, (_, item) in enumerate(_listed(session, kind, lang))]


def reindex(session: Session) -> int:
    """Rebuild the index from the stored content, inside the caller's transaction (the caller commits)."""
    session.flush()
    session.expire_all()
    rows = [doc.__dict__ for lang in LANGS for doc in documents(session, lang)]
    session.execute(delete(search_document))
    if rows:
        session.execute(insert(search_document), rows)
    if dialect(session) == "sqlite":
        # An external-content FTS5 table is rebuilt from its content table in one statement.
        session.execute(text("INSERT INTO searchindex(searchindex) VALUES ('rebuild')"))
    return len(rows)


def reindex_item(session: Session, kind: str, key: str) -> int:
    """Bring the index up to date after one item was saved or deleted, inside the caller's transaction.

    Only that item's documents are rebuilt (a full rebuild reads every item: hundreds of queries per save);
    the positions of the other items of its kind follow, since a new item or a new position moves them.
    Kinds that are not searched (tags) change nothing."""
    if kind not in KINDS:
        return 0
    session.flush()
    session.expire_all()
    sqlite = dialect(session) == "sqlite"
    old = session.execute(select(doc.id, doc.title, doc.body).where(doc.kind == kind, doc.key == key)).all()
    if sqlite:
        # An external-content FTS5 table forgets a row only when told its old values.
        # https://sqlite.org/fts5.html#external_content_tables
        for row in old:
            session.execute(text("INSERT INTO searchindex(searchindex, rowid, title, body) "
                                 "VALUES ('delete', :id, :title, :body)"),
                            {"id": row.id, "title": row.title, "body": row.body})
    session.execute(delete(search_document).where(doc.kind == kind, doc.key == key))
    written = 0
    for lang in LANGS:
        listed = _listed(session, kind, lang)
        positions = {item_key: position for position, (item_key, _) in enumerate(listed)}
        if key in positions:
            item = listed[positions[key]][1]
            document = BUILDERS[kind](session, item, lang, positions[key])
            row_id = session.execute(insert(search_document).values(**document.__dict__)
                                     .returning(doc.id)).scalar_one()
            if sqlite:
                session.execute(text("INSERT INTO searchindex(rowid, title, body) VALUES (:id, :title, :body)"),
                                {"id": row_id, "title": document.title, "body": document.body})
            written += 1
        stored = session.execute(select(doc.id, doc.key, doc.position)
                                 .where(doc.kind == kind, doc.lang == lang)).all()
        for row in stored:
            if row.key in positions and positions[row.key] != row.position:
                session.execute(update(search_document).where(doc.id == row.id)
                                .values(position=positions[row.key]))
    return written


def ensure_index(session: Session) -> bool:
    """Build the index if content exists but the index is empty (a database that predates search); commit."""
    if session.get(SourceCredit, 1) is None:
        return False
    # Take the content lock first, so that replicas starting together build the index once.
    session.execute(update(ContentState).where(ContentState.id == 1).values(revision=ContentState.revision))
    if session.execute(select(func.count()).select_from(search_document)).scalar_one():
        session.rollback()
        return False
    reindex(session)
    session.commit()
    return True
