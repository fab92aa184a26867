"""The admin's content pages: lists, the edit and new forms, saving, deleting and the live preview."""

import secrets

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlmodel import Session, select

from app import db_errors
from app.admin import forms
from app.admin.deps import AdminDep, FormDep, SessionEnded, admin_page, with_new_session
from app.admin.diffs import diff
from app.content import editing, markdown
from app.content.catalog import text_in
from app.content.documents import MAX_BRACKETS, MAX_TEXT
from app.content.files import transfer as service
from app.content.kinds import EDITABLE, Kind
from app.content.prediction_specs import QUESTION_SELECTORS
from app.http import db_answers
from app.http.cookies import ADMIN_PATH, RELOGIN_COOKIE
from app.http.deps import SessionDep, page_language

router = APIRouter(prefix="/admin", default_response_class=HTMLResponse, include_in_schema=False)
PLURALS = {kind.plural: kind for kind in EDITABLE}
# The kinds whose items other items name: the forms offer their items to pick from, as <name>_choices.
NAMED = tuple(kind for kind in EDITABLE if any(kind.name in other.refers for other in EDITABLE))
INLINE_FIELDS = ("rows.",)


def kind_of(kinds: str) -> Kind:
    """The kind of item a URL segment names, or 404."""
    if kinds not in PLURALS:
        raise HTTPException(404, f"no such kind of item: {kinds!r}")
    return PLURALS[kinds]


def _label(row, lang: str) -> str:
    text = text_in(row.texts, lang)
    return getattr(text, "title", None) or getattr(text, "label", None) or getattr(text, "prompt", "")


def _choices(db, lang: str) -> dict:
    """What the forms offer to pick from: the items of each kind that others name, in order."""
    choices = {}
    for kind in NAMED:
        key = getattr(kind.model, kind.key)
        rows = db.exec(select(kind.model).order_by(kind.model.position, key)).all()
        choices[f"{kind.name}_choices"] = [(getattr(row, kind.key), _label(row, lang)) for row in rows]
    # The same, by kind name, for a form that picks an item of any kind (a learning path's stops).
    choices["choices_by_kind"] = {kind.name: choices[f"{kind.name}_choices"] for kind in NAMED}
    return choices


@router.get("")
def show_dashboard(request: Request, db: SessionDep, admin: AdminDep):
    """Every kind of content with a count, and the latest changes."""
    counts = {kinds: len(db.exec(select(kind.model)).all()) for kinds, kind in PLURALS.items()}
    return admin_page(request, "admin/index.html", {"counts": counts, "recent": editing.recent(db)})


@router.get("/{kinds}")
def list_items(request: Request, kinds: str, db: SessionDep, admin: AdminDep, deleted: str | None = None):
    """The items of one kind, in order."""
    kind = kind_of(kinds)
    lang = page_language(request)
    rows = db.exec(select(kind.model).order_by(kind.model.position)).all()
    items = [(getattr(row, kind.key), _label(row, lang)) for row in rows]
    return admin_page(request, "admin/list.html", {"kind": kind, "kinds": kinds, "entries": items,
                                                   "deleted": deleted, "can_create": kind.form.creatable})


def edit_page(request: Request, db, kind: Kind, kinds: str, key: str | None, data: dict, *,
              version: str = "", errors: dict | None = None, status_code: int = 200, conflict=None,
              saved: bool = False, not_stored: str | None = None, relogin: dict | None = None):
    """The form of an item with its values, errors beside the fields and, after a conflict, the diff;
    not_stored (db_errors.BUSY, FULL, UNAVAILABLE) says why the database did not take the save."""
    context = {
        "kind": kind, "kinds": kinds, "key": key, "data": data, "version": version, "errors": errors or {},
        "conflict": conflict, "saved": saved, "not_stored": not_stored, "relogin": relogin,
        "action_url": f"/admin/{kinds}/{key}" if key else f"/admin/{kinds}/new",
        "question_types": list(QUESTION_SELECTORS),  # the scenario form lists what its predictions may ask
    }
    try:
        context.update(_choices(db, page_language(request)))
    except Exception as exc:  # the database that refused the save may refuse this read too: keep the form
        if not_stored is None or db_errors.classify(exc) is None:
            raise
        db.rollback()
        context.update({f"{named.name}_choices": [] for named in NAMED})
    return admin_page(request, "admin/edit.html", context, status_code=status_code)


def not_stored_page(request: Request, db, kind: Kind, kinds: str, key: str | None, data: dict,
                    version: str, reason: str):
    """The form again, with the admin's text, after the database was busy, full or unreachable."""
    response = edit_page(request, db, kind, kinds, key, data, version=version, status_code=db_answers.STATUSES[reason],
                         not_stored=reason)
    if response.status_code == 503:
        response.headers["Retry-After"] = str(db_answers.RETRY_AFTER_SECONDS)
    return response


def session_ended_page(request: Request, exc: SessionEnded):
    """The posted form again, everything typed kept, with a login in it: Save then logs in and saves (401)."""
    kinds, key = request.path_params.get("kinds", ""), request.path_params.get("key")
    if kinds not in PLURALS:  # no form of ours: nothing typed to keep
        return HTMLResponse("Log in to make changes.", status_code=403)
    kind = PLURALS[kinds]
    data = forms.read_form(kind, exc.form)
    if key is not None:
        data[kind.key] = key
    token = secrets.token_urlsafe(32)
    with Session(request.app.state.engine) as db:
        response = edit_page(request, db, kind, kinds, key, data, version=str(exc.form.get("version") or ""),
                             status_code=401, relogin={"token": token, "error": exc.error, "username": exc.username})
    response.set_cookie(RELOGIN_COOKIE, token, path=ADMIN_PATH, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


@router.get("/{kinds}/new")
def new_item(request: Request, kinds: str, db: SessionDep, admin: AdminDep):
    """An empty form for a new item."""
    kind = kind_of(kinds)
    return edit_page(request, db, kind, kinds, None, forms.blank(kind))


@router.get("/{kinds}/{key}")
def edit_item(request: Request, kinds: str, key: str, db: SessionDep, admin: AdminDep, saved: bool = False):
    """The form of a stored item, carrying the version it was loaded from."""
    kind = kind_of(kinds)
    loaded = editing.load(db, kind, key)
    if loaded is None:
        raise HTTPException(404, f"{kind.name} {key!r}")
    doc, version = loaded
    return edit_page(request, db, kind, kinds, key, forms.from_document(doc), version=version, saved=saved)


@router.post("/{kinds}/new")
def create_item(request: Request, kinds: str, db: SessionDep, admin: AdminDep, form: FormDep):
    """Create an item from the form."""
    return _submit(request, db, admin, kind_of(kinds), kinds, None, form)


@router.post("/{kinds}/{key}")
def update_item(request: Request, kinds: str, key: str, db: SessionDep, admin: AdminDep, form: FormDep):
    """Save the form over the stored item, unless someone saved a newer version meanwhile."""
    return _submit(request, db, admin, kind_of(kinds), kinds, key, form)


def _submit(request: Request, db, admin, kind: Kind, kinds: str, key: str | None, form):
    return with_new_session(request, _answer_submit(request, db, admin, kind, kinds, key, form))


def _answer_submit(request: Request, db, admin, kind: Kind, kinds: str, key: str | None, form):
    data = forms.read_form(kind, form)
    if key is not None:
        data[kind.key] = key
    version, action = str(form.get("version") or ""), str(form.get("action") or "save")
    page = {"request": request, "db": db, "kind": kind, "kinds": kinds, "key": key}
    if action != "save":
        return edit_page(**page, data=forms.apply_action(kind, data, action), version=version)
    doc, errors = forms.validate(kind, data)
    if errors:
        return edit_page(**page, data=data, version=version, errors=errors, status_code=422)
    try:
        editing.save(db, kind, key, doc, version or None, admin.user)
    except editing.Invalid as exc:
        return edit_page(**page, data=data, version=version, errors=exc.errors, status_code=422)
    except editing.Conflict as exc:
        theirs = exc.current.model_dump(mode="json") if exc.current else None
        return edit_page(**page, data=data, version=exc.version, status_code=409,
                         conflict=diff(theirs, doc.model_dump(mode="json")))
    except editing.NotFound:
        page["key"] = None
        return edit_page(**page, data=data, status_code=409, conflict=diff(None, doc.model_dump(mode="json")))
    except editing.NotStored as exc:
        return not_stored_page(**page, data=data, version=version, reason=exc.kind)
    return RedirectResponse(f"/admin/{kinds}/{getattr(doc, kind.key)}?saved=1", status_code=303)


@router.get("/{kinds}/{key}/delete")
def confirm_delete(request: Request, kinds: str, key: str, db: SessionDep, admin: AdminDep):
    """Ask before deleting, and say what refers to the item."""
    kind = kind_of(kinds)
    loaded = editing.load(db, kind, key)
    if loaded is None:
        raise HTTPException(404, f"{kind.name} {key!r}")
    users = editing.referenced_by(db, kind, editing.find(db, kind, key))
    return admin_page(request, "admin/delete.html", {"kind": kind, "kinds": kinds, "key": key,
                                                     "version": loaded[1], "users": users})


@router.post("/{kinds}/{key}/delete")
def delete_item(request: Request, kinds: str, key: str, db: SessionDep, admin: AdminDep, form: FormDep):
    """Delete the item (it stays in the history, from where it can be restored)."""
    kind = kind_of(kinds)
    try:
        editing.delete(db, kind, key, str(form.get("version") or ""), admin.user)
    except editing.NotFound as exc:
        raise HTTPException(404, f"{kind.name} {key!r}") from exc
    except editing.NotStored as exc:
        return db_answers.answer(request, exc.kind)
    except (editing.InUse, editing.Conflict) as exc:
        users = exc.users if isinstance(exc, editing.InUse) else []
        version = exc.version if isinstance(exc, editing.Conflict) else str(form.get("version") or "")
        return admin_page(request, "admin/delete.html", {
            "kind": kind, "kinds": kinds, "key": key, "version": version, "users": users,
            "changed": isinstance(exc, editing.Conflict)}, status_code=409)
    return RedirectResponse(f"/admin/{kinds}?deleted={key}", status_code=303)


def preview_html(text, inline: bool = False) -> str:
    """A text's preview in a form page: the form comes back with what was posted, which may be past the bounds a
    save takes or slow to render; such a text gets no preview (its field says why) rather than a busy worker."""
    if not isinstance(text, str) or len(text) > MAX_TEXT or text.count("[") > MAX_BRACKETS:
        return ""
    try:
        return markdown.render_ahead([("", text, inline)])[inline, text]
    except markdown.TooSlow:
        return ""


@router.post("/preview")
async def preview_markdown(request: Request, admin: AdminDep, field: str):
    """One Markdown field of the form, rendered by the same sanitizing pipeline as the public pages."""
    form = await request.form()
    text = form.get(field)
    text = text if isinstance(text, str) else ""
    refused = HTMLResponse("", status_code=422, headers={"Cache-Control": "no-store"})
    if len(text) > MAX_TEXT or text.count("[") > MAX_BRACKETS:  # no save would take it; htmx swaps no 4xx, so
        return refused                                          # the last preview stays
    inline = field.startswith(INLINE_FIELDS)
    # In a worker thread, and against the same clock as a save: rendered on the event loop, a long text stalled
    # every request on this worker.
    try:
        done = await run_in_threadpool(markdown.render_ahead, [(field, text, inline)])
    except markdown.TooSlow:
        return refused
    return HTMLResponse(done[inline, text], headers={"Cache-Control": "no-store"})


@router.post("/export")
def export_content(request: Request, admin: AdminDep):
    """Write the stored content to the content/ folder, so that edits can be reviewed and committed."""
    settings = request.app.state.settings
    try:
        written = service.export_content(request.app.state.engine, settings.content_dir)
    except (OSError, LookupError) as exc:
        return admin_page(request, "admin/exported.html", {"error": str(exc), "count": 0}, status_code=500)
    return admin_page(request, "admin/exported.html", {"error": None, "count": len(written),
                                                       "directory": settings.content_dir})
