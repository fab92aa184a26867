"""Full-text search over all content in both languages: the index, its upkeep, queries and highlighted snippets."""

import html
import re
import unicodedata
from dataclasses import dataclass

import nh3
from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    case,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlmodel import Session, SQLModel

from app import catalog
from app.models import ContentState, SourceCredit

KINDS = ("concept", "comparison", "stack", "scenario")
LANGS = ("ko", "en")
MAX_QUERY = 100
MAX_TERMS = 8
# The trigram tokenizer indexes three characters at a time: shorter words are found with LIKE instead.
TRIGRAM = 3
SNIPPET_CHARS = 160

# The indexed text; on SQLite the FTS5 table "searchindex" indexes it, on PostgreSQL a GIN index (0003_search).
search_document = Table(
    "searchdocument", SQLModel.metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("key", String(80), nullable=False),
    Column("lang", String(2), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Index("ix_searchdocument_lang_kind", "lang", "kind"),
)
doc = search_document.c
# PostgreSQL's full-text index (0003_search) on the expression _search_postgresql matches, written as PostgreSQL
# reports it, so that comparing the models with the migrated database finds it equal; SQLite has its FTS5 table.
search_document.append_constraint(Index(
    "ix_searchdocument_fts", text("to_tsvector('simple'::regconfig, (title || ' ') || body)"),
    postgresql_using="gin").ddl_if(dialect="postgresql"))


@dataclass(frozen=True)
class Document:
    """One item in one language, as the index holds it: plain text, no markup."""

    kind: str
    key: str
    lang: str
    position: int
    title: str
    body: str


@dataclass(frozen=True)
class Hit:
    """A found item with its title and a snippet, each also as HTML with the matches in <mark>."""

    kind: str
    key: str
    title: str
    title_html: str
    snippet: str
    snippet_html: str


@dataclass(frozen=True)
class Results:
    """One page of hits, best first; count and counts (per kind) are over all pages."""

    query: str
    terms: list[str]
    hits: list[Hit]
    count: int
    counts: dict[str, int]


def plain(markup: str) -> str:
    """The text of a piece of HTML, without tags and entities, on one line."""
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())


def _concept(session: Session, slug: str, lang: str, position: int) -> Document:
    concept = catalog.get_concept(session, slug, lang)
    notes = [f"{note.claim} {plain(note.text_html)}" for note in concept.notes]
    return Document("concept", concept.slug, lang, position, concept.title,
                    " ".join([concept.summary, plain(concept.body_html), *notes]))


def _comparison(session: Session, slug: str, lang: str, position: int) -> Document:
    comparison = catalog.get_comparison(session, slug, lang)
    rows = [f"{row.aspect}: {plain(row.left_html)} / {plain(row.right_html)}" for row in comparison.rows]
    return Document("comparison", comparison.slug, lang, position, comparison.title,
                    " ".join([plain(comparison.intro_html), *rows]))


def _stack(stack, lang: str, position: int) -> Document:
    layers = [f"{layer.name}: {layer.description}" for layer in stack.layers]
    points = [point.text for point in stack.pros + stack.cons]
    return Document("stack", stack.view, lang, position, stack.title,
                    " ".join([plain(stack.description_html), *layers, *points]))


def _scenario(scenario, lang: str, position: int) -> Document:
    return Document("scenario", scenario.slug, lang, position, scenario.title, plain(scenario.description_html))


def _kind_documents(session: Session, kind: str, lang: str, only: str | None = None) -> list[Document]:
    """The documents of one kind in one language, in list order (their positions); `only`: just that item."""
    wanted = (lambda key: True) if only is None else (lambda key: key == only)
    if kind == "concept":
        slugs = [item.slug for item in catalog.list_concepts(session, lang, limit=10_000).data]
        return [_concept(session, slug, lang, i) for i, slug in enumerate(slugs) if wanted(slug)]
    if kind == "comparison":
        slugs = [item.slug for item in catalog.list_comparisons(session, lang).data]
        return [_comparison(session, slug, lang, i) for i, slug in enumerate(slugs) if wanted(slug)]
    if kind == "stack":
        return [_stack(s, lang, i) for i, s in enumerate(catalog.list_stacks(session, lang).data) if wanted(s.view)]
    return [_scenario(s, lang, i) for i, s in enumerate(catalog.list_scenarios(session, lang).data) if wanted(s.slug)]


def _order(session: Session, kind: str, lang: str) -> list[str]:
    """The keys of one kind in list order, without building their documents."""
    if kind == "concept":
        return [item.slug for item in catalog.list_concepts(session, lang, limit=10_000).data]
    if kind == "comparison":
        return [item.slug for item in catalog.list_comparisons(session, lang).data]
    if kind == "stack":
        return [item.view for item in catalog.list_stacks(session, lang).data]
    return [item.slug for item in catalog.list_scenarios(session, lang).data]


def documents(session: Session, lang: str) -> list[Document]:
    """Every searchable item in one language, read through the same catalog as the pages."""
    return [document for kind in KINDS for document in _kind_documents(session, kind, lang)]


def reindex(session: Session) -> int:
    """Rebuild the index from the stored content, inside the caller's transaction (the caller commits)."""
    session.flush()
    session.expire_all()
    rows = [doc.__dict__ for lang in LANGS for doc in documents(session, lang)]
    session.execute(delete(search_document))
    if rows:
        session.execute(insert(search_document), rows)
    if _dialect(session) == "sqlite":
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
    sqlite = _dialect(session) == "sqlite"
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
        for document in _kind_documents(session, kind, lang, only=key):
            row_id = session.execute(insert(search_document).values(**document.__dict__)
                                     .returning(doc.id)).scalar_one()
            if sqlite:
                session.execute(text("INSERT INTO searchindex(rowid, title, body) VALUES (:id, :title, :body)"),
                                {"id": row_id, "title": document.title, "body": document.body})
            written += 1
        positions = {k: i for i, k in enumerate(_order(session, kind, lang))}
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


def terms_of(query: str) -> list[str]:
    """The words of a query: normalised (NFC), without control characters, each once, at most MAX_TERMS."""
    query = unicodedata.normalize("NFC", query or "")[:MAX_QUERY]
    query = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in query)
    words = [word.strip("\"'") for word in query.split()]
    return list(dict.fromkeys(word for word in words if word))[:MAX_TERMS]


def search(session: Session, query: str, lang: str, kind: str | None = None,
           limit: int = 20, offset: int = 0) -> Results:
    """Items in this language that contain every word of the query (anywhere in a word), best first."""
    terms = terms_of(query)
    if not terms:
        return Results(query=query, terms=[], hits=[], count=0, counts={})
    ranked = BACKENDS[_dialect(session)](session, terms, lang)
    ranked = _word_starts(session, ranked, terms)
    counts = {k: n for k in KINDS if (n := sum(1 for _, row_kind in ranked if row_kind == k))}
    chosen = [row_id for row_id, row_kind in ranked if kind in (None, row_kind)]
    page = chosen[offset:offset + limit]
    rows = {row.id: row for row in session.execute(select(search_document).where(doc.id.in_(page)))}
    pattern = _pattern(terms)
    hits = [_hit(rows[row_id], pattern) for row_id in page]
    return Results(query=query, terms=terms, hits=hits, count=len(chosen), counts=counts)


def _word_starts(session: Session, ranked: list[tuple[int, str]], terms: list[str]) -> list[tuple[int, str]]:
    """Keep a short Latin word (such as "OS") only where a word starts with it, not inside "those"."""
    short = [t for t in terms if len(t) < TRIGRAM and t.isascii() and t.isalnum()]
    if not short or not ranked:
        return ranked
    starts = [re.compile(r"(?<![0-9A-Za-z])" + re.escape(t), re.IGNORECASE) for t in short]
    rows = session.execute(select(doc.id, doc.title, doc.body).where(doc.id.in_([i for i, _ in ranked])))
    kept = {row.id for row in rows if all(p.search(row.title) or p.search(row.body) for p in starts)}
    return [(row_id, kind) for row_id, kind in ranked if row_id in kept]


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _like(term: str) -> str:
    """A LIKE pattern that finds the term as it is, anywhere (%, _ and \\ taken literally)."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _contains_all(terms: list[str]):
    """Rows whose title or body contains every term (case-insensitive), on any database."""
    return [(doc.title.ilike(_like(t), escape="\\")) | (doc.body.ilike(_like(t), escape="\\")) for t in terms]


def _kind_order():
    return case({k: i for i, k in enumerate(KINDS)}, value=doc.kind)


def _search_sqlite(session: Session, terms: list[str], lang: str) -> list[tuple[int, str]]:
    """SQLite: FTS5 with the trigram tokenizer for words of three or more characters, LIKE for shorter ones."""
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    query = select(doc.id, doc.kind).where(doc.lang == lang, *_contains_all(short_terms))
    if long_terms:
        # Each word is one quoted FTS5 string: a substring match, with no query syntax to break.
        match = " ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
        fts = text("SELECT rowid, bm25(searchindex, 10.0, 1.0) AS rank FROM searchindex WHERE searchindex MATCH :m")
        fts = fts.bindparams(m=match).columns(rowid=Integer, rank=Float).subquery()
        query = query.join(fts, fts.c.rowid == doc.id).order_by(fts.c.rank, _kind_order(), doc.position)
    else:
        exact = func.lower(doc.title) == " ".join(terms).lower()
        in_title = and_(*[doc.title.ilike(_like(t), escape="\\") for t in terms])
        query = query.order_by(case((exact, 0), (in_title, 1), else_=2), _kind_order(), doc.position)
    return [(row.id, row.kind) for row in session.execute(query)]


def _search_postgresql(session: Session, terms: list[str], lang: str) -> list[tuple[int, str]]:
    """PostgreSQL: to_tsvector('simple') with prefix queries finds and ranks whole words; ILIKE finds the
    rest (inside a word, such as a Korean word followed by a particle), so both databases find the same items."""
    simple = literal_column("'simple'::regconfig")
    vector = func.to_tsvector(simple, doc.title + " " + doc.body)
    lexemes = " & ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "':*" for t in terms)
    tsquery = func.to_tsquery(simple, lexemes)
    matches = or_(vector.op("@@")(tsquery), and_(*_contains_all(terms)))
    score = func.ts_rank(vector, tsquery)
    query = (select(doc.id, doc.kind).where(doc.lang == lang, matches)
             .order_by(score.desc(), _kind_order(), doc.position))
    return [(row.id, row.kind) for row in session.execute(query)]


BACKENDS = {"sqlite": _search_sqlite, "postgresql": _search_postgresql}


def _pattern(terms: list[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)


def marked(value: str, pattern: re.Pattern) -> str:
    """The text as HTML, escaped, with every match of the pattern in <mark>."""
    out, last = [], 0
    for match in pattern.finditer(value):
        out += [html.escape(value[last:match.start()]), "<mark>", html.escape(match.group()), "</mark>"]
        last = match.end()
    out.append(html.escape(value[last:]))
    return "".join(out)


def snippet(body: str, pattern: re.Pattern, width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of the body around its first match, with … where it was cut."""
    match = pattern.search(body)
    start = 0 if match is None else max(0, match.start() - width // 4)
    if start:
        space = body.rfind(" ", 0, start)
        start = space + 1 if space > start - 20 else start
    end = min(len(body), start + width)
    if end < len(body):
        space = body.rfind(" ", start + width // 2, end)
        end = space if space > 0 else end
    return ("…" if start else "") + body[start:end].strip() + ("…" if end < len(body) else "")


def _hit(row, pattern: re.Pattern) -> Hit:
    text_ = snippet(row.body, pattern)
    return Hit(kind=row.kind, key=row.key, title=row.title, title_html=marked(row.title, pattern),
               snippet=text_, snippet_html=marked(text_, pattern))
