"""The concept map: every concept and its relations, laid out once per content revision for a drawing in SVG."""

import math
import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from app.content import catalog
from app.content.catalog import text_in
from app.models import Concept
from app.schemas import ConceptMapPublic, MapEdgePublic, MapNodePublic

# The drawing's units are CSS pixels at its natural size: a grid of cells, one box in each used cell.
CELL_W, CELL_H = 196, 108
BOX_W, BOX_H = 156, 64
MARGIN = 12
FONT_PX, LINE_PX = 13, 16
MAX_LINES = 3
# How wide a label may get inside its box, and how wide a character is, in em: wide (Hangul, CJK) or not.
LABEL_W = BOX_W - 14
WIDE_EM, NARROW_EM = 1.0, 0.56
SEED = 20220704  # the layout is the same for the same concepts and relations: the post's date


@dataclass(frozen=True)
class Layout:
    """Where each concept sits, as the (column, row) of its cell, and the grid's size."""

    cells: dict[str, tuple[int, int]]
    columns: int
    rows: int


@dataclass(frozen=True)
class Box:
    """A concept's box as drawn: its centre, its title in lines, and its page."""

    slug: str
    title: str
    url: str
    x: float
    y: float
    lines: tuple[str, ...]

    @property
    def left(self) -> float:
        return self.x - BOX_W / 2

    @property
    def top(self) -> float:
        return self.y - BOX_H / 2

    def baselines(self) -> list[tuple[float, str]]:
        """Each line of the title with the baseline that centres the lines in the box."""
        first = self.y - (len(self.lines) - 1) * LINE_PX / 2 + FONT_PX * 0.35
        return [(first + i * LINE_PX, line) for i, line in enumerate(self.lines)]


@dataclass(frozen=True)
class Drawing:
    """The map in one language: boxes in reading order (the links' tab order), lines, and the JSON twin."""

    width: int
    height: int
    boxes: tuple[Box, ...]
    lines: tuple[tuple[Box, Box], ...]
    related: dict[str, tuple[Box, ...]]  # each concept's related concepts, as its page lists them
    public: ConceptMapPublic
    box_width: int = BOX_W
    box_height: int = BOX_H


def grid_layout(slugs: list[str], edges: list[tuple[str, str]]) -> Layout:
    """Lay the graph out with networkx's force-directed layout (seeded, so it is repeatable), then put each
    concept in the free grid cell nearest to where it landed, most connected first: boxes of text never overlap
    and read row by row, and related concepts stay close."""
    import networkx as nx  # here, not at the top: only the map needs it, and it adds ~60 ms to a worker's start

    graph = nx.Graph()
    graph.add_nodes_from(slugs)
    graph.add_edges_from(edges)
    if not slugs:
        return Layout({}, 0, 0)
    positions = nx.spring_layout(graph, seed=SEED, iterations=200) if len(slugs) > 1 else {slugs[0]: (0.0, 0.0)}
    columns = max(1, min(6, math.ceil(math.sqrt(len(slugs) * 1.4))))
    rows = math.ceil(len(slugs) / columns) + (1 if len(slugs) > columns else 0)
    xs = [float(p[0]) for p in positions.values()]
    ys = [float(p[1]) for p in positions.values()]

    def scaled(value: float, low: float, high: float, size: int) -> float:
        return (value - low) / (high - low) * (size - 1) if high > low else (size - 1) / 2

    free = {(c, r) for c in range(columns) for r in range(rows)}
    cells: dict[str, tuple[int, int]] = {}
    for slug in sorted(slugs, key=lambda s: (-graph.degree(s), s)):
        x = scaled(float(positions[slug][0]), min(xs), max(xs), columns)
        y = scaled(float(positions[slug][1]), min(ys), max(ys), rows)
        cell = min(free, key=lambda cr: ((cr[0] - x) ** 2 + (cr[1] - y) ** 2, cr[1], cr[0]))
        free.discard(cell)
        cells[slug] = cell
    used_columns = sorted({c for c, _ in cells.values()})
    used_rows = sorted({r for _, r in cells.values()})
    cells = {slug: (used_columns.index(c), used_rows.index(r)) for slug, (c, r) in cells.items()}
    return Layout(cells, len(used_columns), len(used_rows))


def _char_width(char: str) -> float:
    return (WIDE_EM if unicodedata.east_asian_width(char) in "WF" else NARROW_EM) * FONT_PX


def _width(text: str) -> float:
    return sum(map(_char_width, text))


def _pieces(title: str) -> list[str]:
    """The title's words, a word too wide for one line cut where it must be (Korean wraps inside words too)."""
    pieces: list[str] = []
    # A parenthesis may start a line of its own: "디플로이먼트(Deployment)" breaks before "(" rather than inside.
    for word in re.sub(r"(?<=\S)\(", " (", title).split():
        while _width(word) > LABEL_W:
            cut = max(1, max(i for i in range(1, len(word) + 1) if _width(word[:i]) <= LABEL_W))
            pieces.append(word[:cut])
            word = word[cut:]
        if word:
            pieces.append(word)
    return pieces


def wrap(title: str) -> tuple[str, ...]:
    """A title in lines that fit its box (at most MAX_LINES, the last one cut with an ellipsis)."""
    lines: list[str] = []
    current = ""
    for word in _pieces(title):
        candidate = f"{current} {word}" if current else word
        if current and _width(candidate) > LABEL_W:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES - 1], " ".join(lines[MAX_LINES - 1:])]
    last = lines[-1]
    while _width(last) > LABEL_W and len(last) > 1:
        last = last[:-2] + "…"
    return (*lines[:-1], last)


def _graph(session: Session) -> tuple[list[Concept], list[tuple[str, str]]]:
    concepts = session.exec(select(Concept).options(selectinload(Concept.texts), selectinload(Concept.related_links))
                            .order_by(Concept.position, Concept.slug)).all()
    slugs = {concept.id: concept.slug for concept in concepts}
    edges = [(concept.slug, slugs[link.related_id]) for concept in concepts for link in concept.related_links
             if link.related_id in slugs]
    return list(concepts), edges


def _draw(concepts: list[Concept], edges: list[tuple[str, str]], layout: Layout, session: Session,
          lang: str) -> Drawing:
    boxes = {}
    for concept in concepts:
        column, row = layout.cells[concept.slug]
        title = text_in(concept.texts, lang).title
        boxes[concept.slug] = Box(slug=concept.slug, title=title, url=f"/{lang}/concepts/{concept.slug}",
                                  x=MARGIN + column * CELL_W + CELL_W / 2, y=MARGIN + row * CELL_H + CELL_H / 2,
                                  lines=wrap(title))
    ordered = tuple(sorted(boxes.values(), key=lambda box: (box.y, box.x)))
    pairs = dict.fromkeys(tuple(sorted(edge)) for edge in edges if edge[0] != edge[1])
    width, height = 2 * MARGIN + layout.columns * CELL_W, 2 * MARGIN + layout.rows * CELL_H
    related: dict[str, list[Box]] = {slug: [] for slug in boxes}
    for start, end in edges:
        related[start].append(boxes[end])
    public = ConceptMapPublic(
        lang=lang, width=width, height=height, source=catalog.source(session, lang),
        nodes=[MapNodePublic(slug=box.slug, title=box.title, url=box.url, x=box.x, y=box.y) for box in ordered],
        edges=[MapEdgePublic(from_=start, to=end) for start, end in edges],
    )
    return Drawing(width=width, height=height, boxes=ordered,
                   lines=tuple((boxes[a], boxes[b]) for a, b in pairs),
                   related={slug: tuple(items) for slug, items in related.items()}, public=public)


class _Memo:
    """The layout and drawings of one database at one content revision; a new revision starts afresh."""

    def __init__(self, revision: int, layout: Layout):
        self.revision = revision
        self.layout = layout
        self.drawings: dict[str, Drawing] = {}


# One memo per database engine (each app has its own), forgotten with the engine. The revision is read in the
# same transaction as the concepts, so a drawing is never kept under a revision it does not show.
_memos: "weakref.WeakKeyDictionary[object, _Memo]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def concept_map(session: Session, lang: str) -> Drawing:
    """The concept map in this language, laid out once per content revision (and drawn once per language)."""
    bind = session.get_bind()
    engine = getattr(bind, "engine", bind)
    revision = catalog.content_revision(session)
    memo = _memos.get(engine)
    if memo is not None and memo.revision == revision and lang in memo.drawings:
        return memo.drawings[lang]
    concepts, edges = _graph(session)
    with _lock:
        memo = _memos.get(engine)
        if memo is None or memo.revision != revision:
            memo = _Memo(revision, grid_layout([c.slug for c in concepts], edges))
            _memos[engine] = memo
        if lang not in memo.drawings:
            memo.drawings[lang] = _draw(concepts, edges, memo.layout, session, lang)
        return memo.drawings[lang]
