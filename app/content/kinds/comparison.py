"""Comparisons: two sides, each perhaps a concept, compared row by row."""

from sqlmodel import Session, select

from app.content import markdown
from app.content.documents import LANGS, ComparisonDoc
from app.content.files.layouts import YamlFolder
from app.content.kinds.base import N_, PAIR, Form, Kind, Links, Search, by_lang, clear
from app.content.markdown import plain
from app.content.references import Problem, unknown_one
from app.models import Comparison, ComparisonRow, ComparisonRowText, ComparisonText, Concept


def dump(comparison: Comparison, links: Links) -> ComparisonDoc:
    """The stored comparison as its document."""
    texts = by_lang(comparison.texts, "title", "intro_markdown", "left_label", "right_label")
    slugs = links.keys(Concept)
    return ComparisonDoc(
        slug=comparison.slug, order=comparison.position, title=texts["title"], intro=texts["intro_markdown"],
        left={"concept": slugs.get(comparison.left_concept_id), **texts["left_label"]},
        right={"concept": slugs.get(comparison.right_concept_id), **texts["right_label"]},
        rows=tuple(by_lang(row.texts, "aspect", "left", "right") for row in comparison.rows),
    )


def write(session: Session, comparison: Comparison, doc: ComparisonDoc, links: Links) -> None:
    """Store the comparison's texts, sides and rows (rendered once, here)."""
    if comparison.id is not None:
        clear(session, comparison, "texts", "rows")
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
    comparison.rows = [
        ComparisonRow(position=i, texts=[
            ComparisonRowText(lang=lang, aspect=getattr(row.aspect, lang), left=getattr(row.left, lang),
                              right=getattr(row.right, lang),
                              left_html=markdown.render_inline(getattr(row.left, lang)),
                              right_html=markdown.render_inline(getattr(row.right, lang)))
            for lang in LANGS
        ])
        for i, row in enumerate(doc.rows)
    ]


def references(doc: ComparisonDoc, known) -> list[Problem]:
    """The concept of each side, where a side has one, must exist."""
    return [problem for side in ("left", "right") for problem in unknown_one(
        (side, "concept"), getattr(doc, side).concept, known["concept"], "unknown concept {name!r}")]


def _listed(session: Session, lang: str) -> list:
    from app.content import catalog  # here, not above: see the registry's note on the catalog

    return catalog.list_comparisons(session, lang).data


def _text(session: Session, item, lang: str) -> tuple[str, str]:
    from app.content import catalog  # here, not above: see the registry's note on the catalog

    comparison = catalog.get_comparison(session, item.slug, lang)
    rows = [f"{row.aspect}: {plain(row.left_html)} / {plain(row.right_html)}" for row in comparison.rows]
    return comparison.title, " ".join([plain(comparison.intro_html), *rows])


KIND = Kind(label=N_("Comparisons"),
    name="comparison", plural="comparisons", model=Comparison, key="slug", doc=ComparisonDoc, dump=dump,
    write=write, files=YamlFolder(), references=references, search=Search(_listed, _text),
    page="/compare/{}", api="/api/v1/comparisons/{}",
    form=Form(groups={"rows": {"aspect": PAIR, "left": PAIR, "right": PAIR}}, required=("rows",),
              optional=("left.concept", "right.concept")),
    refers={"concept": lambda concept_id: select(Comparison.slug).where(
        (Comparison.left_concept_id == concept_id) | (Comparison.right_concept_id == concept_id))},
)
