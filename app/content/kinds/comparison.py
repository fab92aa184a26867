"""Comparisons: two sides or more, each perhaps a concept, compared row by row."""

from sqlmodel import Session, select

from app.content import markdown
from app.content.documents import LANGS, ComparisonDoc
from app.content.files.layouts import YamlFolder
from app.content.kinds.base import N_, PAIR, Form, Kind, Links, Search, by_lang, clear
from app.content.markdown import plain
from app.content.references import Problem, unknown_one
from app.models import (
    Comparison,
    ComparisonCell,
    ComparisonExtraSide,
    ComparisonExtraSideText,
    ComparisonRow,
    ComparisonRowText,
    ComparisonText,
    Concept,
)

SIDE = {"concept": "", **PAIR}  # a new side, as the admin's form adds it


def dump(comparison: Comparison, links: Links) -> ComparisonDoc:
    """The stored comparison as its document."""
    texts = by_lang(comparison.texts, "title", "intro_markdown", "left_label", "right_label")
    slugs = links.keys(Concept)
    more = [{"concept": slugs.get(side.concept_id), **by_lang(side.texts, "label")["label"]}
            for side in comparison.extra_sides]
    return ComparisonDoc(
        slug=comparison.slug, order=comparison.position, title=texts["title"], intro=texts["intro_markdown"],
        left={"concept": slugs.get(comparison.left_concept_id), **texts["left_label"]},
        right={"concept": slugs.get(comparison.right_concept_id), **texts["right_label"]},
        more=more, rows=tuple(_row(row) for row in comparison.rows),
    )


def _row(row: ComparisonRow) -> dict:
    cells: dict[int, dict[str, str]] = {}
    for cell in row.cells:
        cells.setdefault(cell.side, {})[cell.lang] = cell.text
    return {**by_lang(row.texts, "aspect", "left", "right"), "more": [cells[side] for side in sorted(cells)]}


def write(session: Session, comparison: Comparison, doc: ComparisonDoc, links: Links) -> None:
    """Store the comparison's texts, sides and rows (rendered once, here)."""
    if comparison.id is not None:
        clear(session, comparison, "texts", "rows", "extra_sides")
    ids = links.ids(Concept)
    comparison.position = doc.order
    comparison.left_concept_id = ids.get(doc.left.concept)
    comparison.right_concept_id = ids.get(doc.right.concept)
    comparison.texts = [
        ComparisonText(lang=lang, title=getattr(doc.title, lang), intro_markdown=getattr(doc.intro, lang),
                       intro_html=markdown.render(getattr(doc.intro, lang)),
                       left_label=getattr(doc.left, lang), right_label=getattr(doc.right, lang))
        for lang in LANGS
    ]
    comparison.extra_sides = [
        ComparisonExtraSide(position=i, concept_id=ids.get(side.concept),
                            texts=[ComparisonExtraSideText(lang=lang, label=getattr(side, lang)) for lang in LANGS])
        for i, side in enumerate(doc.more)
    ]
    comparison.rows = [
        ComparisonRow(position=i, texts=[
            ComparisonRowText(lang=lang, aspect=getattr(row.aspect, lang), left=getattr(row.left, lang),
                              right=getattr(row.right, lang),
                              left_html=markdown.render_inline(getattr(row.left, lang)),
                              right_html=markdown.render_inline(getattr(row.right, lang)))
            for lang in LANGS
        ], cells=[
            ComparisonCell(side=side, lang=lang, text=getattr(cell, lang), html=markdown.render_inline(getattr(cell, lang)))
            for side, cell in enumerate(row.more) for lang in LANGS
        ])
        for i, row in enumerate(doc.rows)
    ]


def references(doc: ComparisonDoc, known) -> list[Problem]:
    """The concept of each side, where a side has one, must exist; every row has a text for every side."""
    sides = [(("left", "concept"), doc.left), (("right", "concept"), doc.right),
             *((("more", i, "concept"), side) for i, side in enumerate(doc.more))]
    problems = [problem for field, side in sides for problem in unknown_one(
        field, side.concept, known["concept"], "unknown concept {name!r}")]
    for i, row in enumerate(doc.rows):
        if len(row.more) != len(doc.more):
            problems.append(Problem(("rows", i, "more"), None, "cells", str(len(row.more)),
                                    f"needs one text for each side after left and right ({len(doc.more)}), "
                                    f"not {len(row.more)}"))
    return problems


def _listed(session: Session, lang: str) -> list:
    from app.content import catalog  # here, not above: see the registry's note on the catalog

    return catalog.list_comparisons(session, lang).data


def _text(session: Session, item, lang: str) -> tuple[str, str]:
    from app.content import catalog  # here, not above: see the registry's note on the catalog

    comparison = catalog.get_comparison(session, item.slug, lang)
    rows = [f"{row.aspect}: " + " / ".join(plain(cell.html) for cell in row.cells) for row in comparison.rows]
    return comparison.title, " ".join([plain(comparison.intro_html), *rows])


def _naming(concept_id: int):
    """The comparisons with a side that is this concept."""
    extra = select(ComparisonExtraSide.comparison_id).where(ComparisonExtraSide.concept_id == concept_id)
    return select(Comparison.slug).where((Comparison.left_concept_id == concept_id)
                                         | (Comparison.right_concept_id == concept_id) | Comparison.id.in_(extra))


KIND = Kind(label=N_("Comparisons"),
    name="comparison", plural="comparisons", model=Comparison, key="slug", doc=ComparisonDoc, dump=dump,
    write=write, files=YamlFolder(), references=references, search=Search(_listed, _text),
    page="/compare/{}", api="/api/v1/comparisons/{}",
    form=Form(groups={"rows": {"aspect": PAIR, "left": PAIR, "right": PAIR}, "more": SIDE}, required=("rows",),
              optional=("left.concept", "right.concept", "more.*.concept"), columns={"more": ("rows", "more")}),
    refers={"concept": _naming},
)
