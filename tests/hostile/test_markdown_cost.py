"""A Markdown text that costs seconds to render is refused beside its field, and the preview never renders on
the event loop, so one admin's text cannot stall every reader of the worker; a save renders its texts before it
takes the write lock, against a clock, so a slow text delays no other save."""

import threading
import time

from sqlmodel import Session, select

from app.content import markdown
from app.content.documents import MAX_BRACKETS, MAX_TEXT, markdown_texts
from app.content.files.load import load_tree
from app.content.files.parse import read_tree
from app.content.kinds import STORED
from app.models import Concept
from tests.admin.conftest import ORIGIN, csrf_token, save
from tests.conftest import TEST_CONTENT


def _version(app, slug: str = "docker") -> int:
    with Session(app.state.engine) as db:
        return db.exec(select(Concept).where(Concept.slug == slug)).one().version


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
    assert not any(text.startswith("[a[a") for text in rendered)  # the form's own fields only


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


def _slow_render(monkeypatch, marker: str, *, until: threading.Event | None = None, seconds: float = 0.0):
    """Make a text holding `marker` slow to render (until the event is set, or for `seconds`); returns an event
    set when such a render starts."""
    started = threading.Event()
    real = markdown.render

    def render(text: str) -> str:
        if marker in text:
            started.set()
            if until is not None:
                until.wait(20)
            time.sleep(seconds)
        return real(text)

    monkeypatch.setattr(markdown, "render", render)
    return started


def test_a_slow_render_does_not_hold_the_write_lock_against_another_save(admin, second_admin, app, monkeypatch):
    release = threading.Event()
    started = _slow_render(monkeypatch, "SLOW-TEXT", until=release)
    slow: list = []
    saving = threading.Thread(target=lambda: slow.append(save(admin, "/admin/concepts/docker",
                                                             {"body.en": "SLOW-TEXT and more"})))
    saving.start()
    try:
        assert started.wait(20), "the slow save never rendered"
        began = time.monotonic()
        other = save(second_admin, "/admin/concepts/kubernetes", {"summary.en": "Saved while another renders."})
        waited = time.monotonic() - began
    finally:
        release.set()
        saving.join(30)
    assert other.status_code == 303 and waited < 3, (other.status_code, waited)  # no 503, no wait on the lock
    assert slow[0].status_code == 303
    page = admin.get("/api/v1/concepts/docker?lang=en").json()
    assert "SLOW-TEXT" in page["body_html"]


def test_a_render_past_its_time_is_refused_beside_its_field_with_the_text_kept(admin, app, monkeypatch):
    monkeypatch.setattr(markdown, "RENDER_SECONDS", 0.3)
    _slow_render(monkeypatch, "SLOW-TEXT", seconds=2)
    before = _version(app, "kubernetes")
    began = time.monotonic()
    response = save(admin, "/admin/concepts/kubernetes", {"notes.0.text.ko": "SLOW-TEXT 느린 글"})
    assert time.monotonic() - began < 1.8  # answered at the limit, not when the render ends
    assert response.status_code == 422
    assert response.context["errors"] == {"notes.0.text.ko": "render_too_slow:0.3"}
    assert 'id="error-notes.0.text.ko"' in response.text and "0.3" in response.text
    assert "SLOW-TEXT 느린 글" in response.text
    assert _version(app, "kubernetes") == before


def test_many_brackets_within_the_cap_are_refused_beside_the_field_before_any_render(admin, app, monkeypatch):
    rendered = []
    real = markdown.render
    monkeypatch.setattr(markdown, "render", lambda text: rendered.append(text) or real(text))
    before = _version(app)
    response = save(admin, "/admin/concepts/docker", {"body.en": "[a" * 6000})  # 12,000 characters: 1.5 s to render
    assert response.status_code == 422
    assert response.context["errors"] == {"body.en": f"too_many_brackets:{MAX_BRACKETS}"}
    assert 'id="error-body.en"' in response.text and "[a" * 100 in response.text
    assert not any(text.startswith("[a[a") for text in rendered)  # not saved, nor previewed in the page
    assert _version(app) == before


def test_the_most_brackets_taken_render_quickly_and_are_saved(admin, app):
    text = ("[a" * MAX_BRACKETS + " " + "x" * (MAX_TEXT - 2 * MAX_BRACKETS - 1))
    began = time.monotonic()
    markdown.render(text)
    assert time.monotonic() - began < 1
    assert save(admin, "/admin/concepts/docker", {"body.en": text}).status_code == 303


def test_every_text_a_writer_renders_is_rendered_ahead(engine, monkeypatch):
    """The texts documents.markdown_texts names are exactly those the kinds' writers render."""
    calls = set()
    real_block, real_inline = markdown.render, markdown.render_inline
    monkeypatch.setattr(markdown, "render", lambda text: calls.add((False, text)) or real_block(text))
    monkeypatch.setattr(markdown, "render_inline", lambda text: calls.add((True, text)) or real_inline(text))
    tree = read_tree(TEST_CONTENT)
    with Session(engine) as session:
        load_tree(session, tree)
    named = {(inline, text) for kind in STORED for doc in _docs(tree, kind)
             for _path, text, inline in markdown_texts(doc)}
    assert named and named == calls


def _docs(tree, kind) -> tuple:
    docs = getattr(tree, kind.tree_field)
    return (docs,) if kind.single else docs
