"""The learning path as the pages and the API read it: its stops in order, each with its item's page and JSON."""

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from app.content import catalog
from app.content.catalog import text_in
from app.content.markdown import localize_links
from app.models import LearningPath, PathStop
from app.schemas import PathPublic, PathStopPublic


def _with_lang(url: str, lang: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}lang={lang}"


def _stop(number: int, stop: PathStop, lang: str) -> PathStopPublic | None:
    from app.content.kinds import KINDS  # loaded with the first path shown

    kind = KINDS.get(stop.kind)
    if kind is None or not kind.page:  # a kind no longer in the registry: the importer would refuse it now
        return None
    text = text_in(stop.texts, lang)
    api = _with_lang(kind.api.format(stop.target), lang) if kind.api else None
    return PathStopPublic(number=number, kind=stop.kind, slug=stop.target, title=text.title, why=text.why,
                          url=f"/{lang}{kind.page.format(stop.target)}", api_url=api)


def get_path(session: Session, lang: str) -> PathPublic | None:
    """The learning path (the first in order, when there are several), or None when there is none."""
    path = session.exec(
        select(LearningPath).options(selectinload(LearningPath.texts),
                                     selectinload(LearningPath.stops).selectinload(PathStop.texts))
        .order_by(LearningPath.position, LearningPath.slug)
    ).first()
    if path is None:
        return None
    text = text_in(path.texts, lang)
    stops = [stop for stop in (_stop(n, stop, lang) for n, stop in enumerate(path.stops, 1)) if stop]
    return PathPublic(slug=path.slug, lang=lang, title=text.title, intro_markdown=text.intro_markdown,
                      intro_html=localize_links(text.intro_html, lang), count=len(stops), stops=stops,
                      source=catalog.source(session, lang))
