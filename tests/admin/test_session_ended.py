"""A session that ends while an admin types: Save shows the form again with every word kept and a login in it;
logging in there saves the text."""

from sqlmodel import Session, delete, select

from app.http.cookies import RELOGIN_COOKIE, SESSION_COOKIE
from app.models import AdminSession, Concept, Revision
from tests.admin.conftest import ADMIN, ORIGIN, PASSWORD, form_fields

TYPED = "Docker, as typed for an hour"
BODY = "A long text typed while the session ran out.\n\n- every word of it is kept"


def _end_sessions(app) -> None:
    with Session(app.state.engine) as db:
        db.exec(delete(AdminSession))
        db.commit()


def _stored(app) -> tuple[str, int]:
    with Session(app.state.engine) as db:
        concept = db.exec(select(Concept).where(Concept.slug == "docker")).one()
        title = next(text.title for text in concept.texts if text.lang == "en")
        return title, len(db.exec(select(Revision)).all())


def _typed_form(admin) -> dict:
    fields = form_fields(admin.get("/admin/concepts/docker").text)
    fields.update({"title.en": [TYPED], "body.en": [BODY], "action": ["save"]})
    return fields


def test_a_save_after_the_session_ended_shows_the_form_with_the_text_and_a_login(admin, app):
    fields = _typed_form(admin)
    before = _stored(app)
    _end_sessions(app)
    response = admin.post("/admin/concepts/docker", data=fields, headers=ORIGIN, follow_redirects=False)
    assert response.status_code == 401
    assert response.template.name == "admin/edit.html" and response.context["relogin"]["error"] is None
    assert TYPED in response.text and "every word of it is kept" in response.text
    assert 'name="relogin_username"' in response.text and 'name="relogin_password"' in response.text
    assert RELOGIN_COOKIE in response.cookies
    assert _stored(app) == before


def test_logging_in_inside_the_kept_form_saves_the_text(admin, app):
    fields = _typed_form(admin)
    _end_sessions(app)
    kept = admin.post("/admin/concepts/docker", data=fields, headers=ORIGIN, follow_redirects=False)
    again = form_fields(kept.text)
    again.update({"relogin_username": [ADMIN], "relogin_password": [PASSWORD], "action": ["save"]})
    saved = admin.post("/admin/concepts/docker", data=again, headers=ORIGIN, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    assert SESSION_COOKIE in saved.cookies  # logged in again
    assert _stored(app)[0] == TYPED
    page = admin.get(saved.headers["location"])
    assert page.status_code == 200 and TYPED in page.text  # the new session opens the form


def test_a_wrong_password_in_the_kept_form_keeps_the_text_and_saves_nothing(admin, app):
    fields = _typed_form(admin)
    before = _stored(app)
    _end_sessions(app)
    kept = admin.post("/admin/concepts/docker", data=fields, headers=ORIGIN, follow_redirects=False)
    again = form_fields(kept.text)
    again.update({"relogin_username": [ADMIN], "relogin_password": ["not the password"], "action": ["save"]})
    refused = admin.post("/admin/concepts/docker", data=again, headers=ORIGIN, follow_redirects=False)
    assert refused.status_code == 401 and refused.context["relogin"]["error"] == "login_failed"
    assert TYPED in refused.text and "every word of it is kept" in refused.text
    assert _stored(app) == before


def test_a_login_inside_a_form_needs_its_token_and_this_site(admin, app):
    fields = _typed_form(admin)
    before = _stored(app)
    _end_sessions(app)
    kept = admin.post("/admin/concepts/docker", data=fields, headers=ORIGIN, follow_redirects=False)
    again = form_fields(kept.text)
    again.update({"relogin_username": [ADMIN], "relogin_password": [PASSWORD], "action": ["save"]})
    forged = {**again, "relogin_token": ["guessed"]}
    assert admin.post("/admin/concepts/docker", data=forged, headers=ORIGIN,
                      follow_redirects=False).context["relogin"]["error"] == "login_expired"
    elsewhere = admin.post("/admin/concepts/docker", data=again, headers={"Origin": "https://evil.example"},
                           follow_redirects=False)
    assert elsewhere.status_code == 403
    assert _stored(app) == before


def test_a_new_item_typed_after_the_session_ended_is_kept_too(admin, app):
    fields = form_fields(admin.get("/admin/concepts/new").text)
    fields.update({"slug": ["kept-draft"], "title.en": [TYPED], "action": ["save"]})
    _end_sessions(app)
    response = admin.post("/admin/concepts/new", data=fields, headers=ORIGIN, follow_redirects=False)
    assert response.status_code == 401 and TYPED in response.text and 'value="kept-draft"' in response.text
