"""Stored HTML made by another Markdown renderer than this one is rendered again from its stored Markdown."""

from sqlalchemy import update
from sqlmodel import Session, select

from app.content import markdown, search_index
from app.content.kinds import STORED
from app.content.kinds.base import Links
from app.models import ContentState


def is_current(session: Session) -> bool:
    """Whether the stored HTML was made by this renderer (True too when there is no content yet)."""
    state = session.get(ContentState, 1)
    return state is None or state.renderer == markdown.fingerprint()


def mark_current(session: Session) -> None:
    """Record that every stored HTML text is this renderer's (after a first import), inside the caller's
    transaction."""
    session.exec(update(ContentState).where(ContentState.id == 1).values(renderer=markdown.fingerprint()))


def rerender_stale(session: Session) -> int:
    """Render every item's texts again when the renderer that made them is not this one, in one transaction, and
    return how many items were rewritten (0: all current).

    Run at start-up, under the lock replicas take to migrate, not on read: pages are read by every replica at
    once and must never write, and the renderer changes only with a new version of the app, which starts.
    The content revision goes up, so every render cache and ETag moves on, and the search index, made from the
    HTML's plain text, is rebuilt."""
    if is_current(session):
        return 0
    rewritten = 0
    try:
        for kind in STORED:
            links = Links(session)
            for row in session.exec(select(kind.model)).all():
                doc = kind.dump(row, links)
                with session.no_autoflush:
                    kind.write(session, row, doc, links)
                session.flush()
                rewritten += 1
        if rewritten:  # an empty database has nothing to refresh, only the renderer to record
            session.exec(update(ContentState).where(ContentState.id == 1)
                         .values(revision=ContentState.revision + 1))
            search_index.reindex(session)
        mark_current(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return rewritten
