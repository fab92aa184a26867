"""A Markdown text that costs seconds to render is refused beside its field, and the preview never renders on
the event loop, so one admin's text cannot stall every reader of the worker."""

import threading

from sqlmodel import Session, select

from app.content import markdown
from app.content.documents import MAX_TEXT
from app.models import Concept
from tests.admin.conftest import ORIGIN, csrf_token, save


def _version(app) -> int:
    with Session(app.state.engine) as db:
        return db.exec(select(Concept).where(Concept.slug == "docker")).one().version


def test_markdown_field_past_its_cap_is_refused_beside_the_field_with_the_text_kept(admin, app):
    before = _version(app)
    response = save(admin, "/admin/concepts/docker", {"body.en": "[a" * 20000})
    assert response.status_code == 422
    assert response.context["errors"] == {"body.en": f"too_long:{MAX_TEXT}"}
    assert 'id="error-body.en"' in response.text
    assert "[a" * 100 in response.text  # the text typed is kept
    assert _version(app) == before


def test_markdown_field_at_its_cap_is_saved(admin, app):
    before = _version(app)
    assert save(admin, "/admin/concepts/docker", {"body.en": "word " * (MAX_TEXT // 5 - 1)}).status_code == 303
    assert _version(app) == before + 1


def test_preview_past_the_cap_renders_nothing(admin, monkeypatch):
    rendered = []
    monkeypatch.setattr(markdown, "render", lambda text: rendered.append(text) or "")
    token = csrf_token(admin.get("/admin/concepts/docker").text)
    response = admin.post("/admin/preview?field=body.en", data={"body.en": "[a" * 20000},
                          headers={**ORIGIN, "X-CSRF-Token": token})
    assert response.status_code == 422
    assert rendered == []


def test_preview_renders_off_the_event_loop(admin, monkeypatch):
    threads = []
    real = markdown.render
    monkeypatch.setattr(markdown, "render", lambda text: threads.append(threading.current_thread().name) or real(text))
    token = csrf_token(admin.get("/admin/concepts/docker").text)
    response = admin.post("/admin/preview?field=body.en", data={"body.en": "*hi*"},
                          headers={**ORIGIN, "X-CSRF-Token": token})
    assert response.status_code == 200 and "<em>hi</em>" in response.text
    loop_thread = admin.portal.call(lambda: threading.current_thread().name)
    assert threads and threads[0] != loop_thread
