"""Search over the calculators: their titles, introductions and glossary terms, in the reader's language."""

import re

from sqlmodel import Session

from app.content import catalog, search
from app.explorer.calculators import GLOSSARY, TEXTS
from app.i18n.catalogs import translations
from app.schemas import SearchHitPublic

KIND = "calculator"


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _matches(terms: list[str], title: str, text: str) -> bool:
    """Every term is in the text, blanks not counting; a short Latin term only where a word starts with it."""
    compact = _compact(text)
    for term in terms:
        if _compact(term) not in compact:
            return False
        short = len(term) < search.TRIGRAM and term.isascii() and term.isalnum()
        if short and not re.search(r"(?<![0-9A-Za-z])" + re.escape(term), text, re.IGNORECASE):
            return False
    return True


def find_calculators(session: Session, terms: list[str], lang: str) -> list[SearchHitPublic]:
    """The calculators whose title, introduction or glossary terms hold every word, in the calculators' order."""
    if not terms:
        return []
    gettext = translations(lang).gettext
    names = {term.slug: term.term for term in catalog.list_terms(session, lang).data}
    pattern = search.highlight_pattern(terms)
    hits = []
    for name, (title_id, intro_id) in TEXTS.items():
        title, intro = gettext(title_id), gettext(intro_id)
        words = " · ".join(names[slug] for slug in GLOSSARY[name] if slug in names)
        if not _matches(terms, title, f"{title}\n{intro}\n{words}"):
            continue
        body = f"{intro} {words}"
        snippet = search.snippet(body, pattern)
        hits.append(SearchHitPublic(kind=KIND, key=name, title=title, title_html=search.marked(title, pattern),
                                    snippet=snippet, snippet_html=search.marked(snippet, pattern),
                                    url=f"/{lang}/calculators/{name}", api_url=f"/api/v1/calculators/{name}?lang={lang}"))
    return hits
