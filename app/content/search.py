"""Full-text search over all content in both languages: the index, its upkeep, queries and highlighted snippets."""

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

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
    event,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from app.content.catalog import like_pattern
from app.content.kind_names import SEARCHED
from app.i18n.languages import LANGUAGES

KINDS = SEARCHED  # in the order hits of equal rank come in
LANGS = LANGUAGES
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


@event.listens_for(Engine, "do_connect")
def _declare_postgresql_index(dialect, *_) -> None:
    """PostgreSQL's full-text index (0003_search) on the expression _search_postgresql matches, written as PostgreSQL
    reports it, so that comparing the models with the migrated database finds it equal; SQLite has its FTS5 table.
    Declared when a first connection to PostgreSQL is made: checking postgresql_using imports SQLAlchemy's whole
    PostgreSQL dialect, which a worker on SQLite would otherwise load at start-up for nothing."""
    if dialect.name != "postgresql" or "ix_searchdocument_fts" in {index.name for index in search_document.indexes}:
        return
    search_document.append_constraint(Index(
        "ix_searchdocument_fts", text("to_tsvector('simple'::regconfig, (title || ' ') || body)"),
        postgresql_using="gin").ddl_if(dialect="postgresql"))


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



@cache
def _last() -> frozenset[str]:
    """The kinds whose hits are ranked after all the others' (app.content.kinds, loaded with the first search)."""
    from app.content.kinds import SEARCHED as searched

    return frozenset(kind.name for kind in searched if kind.search.last)

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
    ranked = BACKENDS[dialect(session)](session, terms, lang)
    ranked = _word_starts(session, ranked, terms)
    last = _last()
    ranked = [hit for hit in ranked if hit[1] not in last] + [hit for hit in ranked if hit[1] in last]
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


def dialect(session: Session) -> str:
    """The name of the database behind the session: sqlite or postgresql."""
    return session.get_bind().dialect.name


# The blanks a text may have between the parts of a compound ("롤링 업데이트", "roll out"): a query's words have none.
BLANKS = (" ", "\n", "\t", "\r", "\u00a0")


def _compact(column):
    """The column's text with its blanks removed, so that a word typed without spaces finds it written with them."""
    for blank in BLANKS:
        column = func.replace(column, blank, "")
    return column


def _contains_all(terms: list[str]):
    """Rows whose title or body contains every term (case-insensitive), blanks in the text not counting, on any
    database: "롤링업데이트" finds "롤링 업데이트" and "rollout" finds "roll out"."""
    return [_compact(doc.title).ilike(like_pattern(t), escape="\\") | _compact(doc.body).ilike(like_pattern(t), escape="\\")
            for t in terms]


def _in_title(terms: list[str]):
    """0 where the title holds every term (blanks not counting), else 1: an order that puts those first."""
    return case((and_(*[_compact(doc.title).ilike(like_pattern(t), escape="\\") for t in terms]), 0), else_=1)


def _kind_order():
    return case({k: i for i, k in enumerate(KINDS)}, value=doc.kind)


def _search_sqlite(session: Session, terms: list[str], lang: str) -> list[tuple[int, str]]:
    """SQLite: FTS5 with the trigram tokenizer for words of three or more characters, LIKE for shorter ones."""
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    query = select(doc.id, doc.kind).where(doc.lang == lang, *_contains_all(short_terms))
    if long_terms:
        # Each word is one quoted FTS5 string: a substring match, with no query syntax to break. What FTS5 does
        # not find, because the text has a space inside the word ("롤링 업데이트" for "롤링업데이트"), LIKE over the
        # text without its blanks finds; it ranks after what FTS5 found.
        match = " ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
        fts = text("SELECT rowid, bm25(searchindex, 10.0, 1.0) AS rank FROM searchindex WHERE searchindex MATCH :m")
        fts = fts.bindparams(m=match).columns(rowid=Integer, rank=Float).subquery()
        query = (query.outerjoin(fts, fts.c.rowid == doc.id)
                 .where(or_(fts.c.rowid.is_not(None), and_(*_contains_all(long_terms))))
                 .order_by(fts.c.rank.is_(None), fts.c.rank, _in_title(long_terms), _kind_order(), doc.position))
    else:
        exact = func.lower(doc.title) == " ".join(terms).lower()
        in_title = and_(*[doc.title.ilike(like_pattern(t), escape="\\") for t in terms])
        query = query.order_by(case((exact, 0), (in_title, 1), else_=2), _kind_order(), doc.position)
    return [(row.id, row.kind) for row in session.execute(query)]


def _search_postgresql(session: Session, terms: list[str], lang: str) -> list[tuple[int, str]]:
    """PostgreSQL: to_tsvector('simple') with prefix queries finds and ranks whole words; ILIKE finds the
    rest (inside a word, such as a Korean word followed by a particle), so both databases find the same items."""
    simple = literal_column("'simple'::regconfig")
    vector = func.to_tsvector(simple, doc.title + " " + doc.body)
    lexemes = " & ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "':*" for t in terms)
    tsquery = func.to_tsquery(simple, lexemes)
    contained = and_(*_contains_all(terms))
    # The text search parser splits a word at punctuation ("rolling%update" becomes rolling & update), which
    # would find what SQLite does not; such words are matched as they are, by ILIKE alone.
    plain = all(t.isalnum() for t in terms)
    matches = or_(vector.op("@@")(tsquery), contained) if plain else contained
    score = func.ts_rank(vector, tsquery)
    query = (select(doc.id, doc.kind).where(doc.lang == lang, matches)
             .order_by(score.desc(), _in_title(terms), _kind_order(), doc.position))
    return [(row.id, row.kind) for row in session.execute(query)]


BACKENDS = {"sqlite": _search_sqlite, "postgresql": _search_postgresql}


def _pattern(terms: list[str]) -> re.Pattern:
    """The terms to mark, each also where the text has blanks inside it ("롤링 업데이트" for "롤링업데이트")."""
    spaced = (r"\s*".join(re.escape(ch) for ch in t) for t in sorted(terms, key=len, reverse=True))
    return re.compile("|".join(spaced), re.IGNORECASE)


def highlight_pattern(terms: list[str]) -> re.Pattern:
    """What marked() and snippet() look for: the terms, also with blanks inside them."""
    return _pattern(terms)


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
