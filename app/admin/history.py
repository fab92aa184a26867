"""An item's history: its revisions with diffs, previewing one, and restoring it."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlmodel import select

from app.admin.deps import AdminDep, admin_page
from app.admin.diffs import diff
from app.admin.forms import from_document
from app.admin.items import edit_page, kind_of
from app.content import editing
from app.content.kinds import KINDS
from app.http import db_answers
from app.http.deps import SessionDep
from app.models import Revision

router = APIRouter(prefix="/admin", default_response_class=HTMLResponse, include_in_schema=False)


def _previous(db, revision: Revision) -> Revision | None:
    return db.exec(select(Revision).where(Revision.kind == revision.kind, Revision.key == revision.key,
                                          Revision.id < revision.id).order_by(Revision.id.desc())).first()


def _before(db, revision: Revision) -> dict | None:
    """The item as it was just before this revision (nothing before a creation or a deletion's undo)."""
    previous = _previous(db, revision)
    if revision.action == "delete":
        return revision.snapshot
    return previous.snapshot if previous and previous.action != "delete" else None


@router.get("/{kinds}/{key}/history")
def show_history(request: Request, kinds: str, key: str, db: SessionDep, admin: AdminDep):
    """Every revision of an item, newest first, each with what it changed."""
    kind = kind_of(kinds)
    revisions = editing.history(db, kind, key)
    if not revisions and editing.find(db, kind, key) is None:
        raise HTTPException(404, f"{kind.name} {key!r}")
    exists = editing.find(db, kind, key) is not None
    return admin_page(request, "admin/history.html", {"kind": kind, "kinds": kinds, "key": key,
                                                      "revisions": revisions, "exists": exists})


@router.get("/revisions/{revision_id}")
def show_revision(request: Request, revision_id: int, db: SessionDep, admin: AdminDep):
    """One revision: the item as it was, and the diff against the revision before it."""
    revision = db.get(Revision, revision_id)
    if revision is None:
        raise HTTPException(404, f"revision {revision_id}")
    before = _before(db, revision)
    after = None if revision.action == "delete" else revision.snapshot
    return admin_page(request, "admin/revision.html", {
        "revision": revision, "kinds": KINDS[revision.kind].plural, "changes": diff(before, after),
        "fields": editing.flatten(revision.snapshot),
    })


@router.post("/revisions/{revision_id}/restore")
def restore_revision(request: Request, revision_id: int, db: SessionDep, admin: AdminDep):
    """Make the item as it was in this revision again (a new revision); say why when it cannot be."""
    revision = db.get(Revision, revision_id)
    if revision is None:
        raise HTTPException(404, f"revision {revision_id}")
    kinds = KINDS[revision.kind].plural
    try:
        editing.restore(db, revision_id, admin.user)
    except editing.NotStored as exc:
        return db_answers.answer(request, exc.kind)
    except editing.Invalid as exc:
        kind = KINDS[revision.kind]
        doc = kind.doc.model_validate(revision.snapshot)
        exists = editing.load(db, kind, revision.key)
        return edit_page(request, db, kind, kinds, revision.key if exists else None, from_document(doc),
                         version=exists[1] if exists else "", errors=exc.errors, status_code=422)
    return RedirectResponse(f"/admin/{kinds}/{revision.key}?saved=1", status_code=303)
