"""Stored HTML made by an older Markdown renderer is rendered again when the app starts with a changed one."""

import pytest
from fastapi.testclient import TestClient
from markdown_it import MarkdownIt
from markdown_it.token import Token
from sqlmodel import Session

from app.content import markdown
from app.db import make_engine
from app.main import create_app
from app.models import ContentState


def changed_renderer(monkeypatch) -> None:
    """A renderer with one option switched (emphasis off), as a change of markdown.py would make it."""
    parser = MarkdownIt("js-default").disable("emphasis")
    monkeypatch.setattr(markdown, "_markdown", lambda: parser)


def marking_plugin(parser: MarkdownIt) -> None:
    """A plugin that ends every text with " [r2]", so each stored HTML text shows which renderer made it."""
    def mark(state) -> None:
        for token in state.tokens:
            if token.type == "inline" and token.children is not None:
                token.children.append(Token("text", "", 0, content=" [r2]"))

    parser.core.ruler.push("mark", mark)


def html_fields(value, found=None) -> list[str]:
    """Every *_html string of a JSON answer, however deep."""
    found = [] if found is None else found
    if isinstance(value, dict):
        for name, item in value.items():
            if name.endswith("_html") and isinstance(item, str):
                found.append(item)
            else:
                html_fields(item, found)
    elif isinstance(value, list):
        for item in value:
            html_fields(item, found)
    return found


def read(settings, path: str) -> dict:
    with TestClient(create_app(settings)) as client:
        return client.get(path).json()


def state(settings) -> ContentState:
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            return session.get(ContentState, 1)
    finally:
        engine.dispose()


def test_a_changed_renderer_renders_the_stored_html_again_at_start(settings, monkeypatch):
    before = read(settings, "/api/v1/concepts/kubernetes?lang=en")
    assert "<strong>" in before["body_html"]
    revision = state(settings).revision
    changed_renderer(monkeypatch)
    after = read(settings, "/api/v1/concepts/kubernetes?lang=en")
    assert "<strong>" not in after["body_html"] and "**" in after["body_html"]
    assert after["body_markdown"] == before["body_markdown"]
    stored = state(settings)
    assert stored.renderer == markdown.fingerprint() and stored.revision == revision + 1  # caches move on


def test_every_kind_of_stored_html_follows_the_renderer(settings, monkeypatch):
    parser = MarkdownIt("js-default").use(marking_plugin)
    monkeypatch.setattr(markdown, "_markdown", lambda: parser)
    with TestClient(create_app(settings)) as client:
        for path in ("/api/v1/concepts/kubernetes", "/api/v1/comparisons/docker-vs-kubernetes",
                     "/api/v1/stacks/container", "/api/v1/scenarios/self-healing"):
            for lang in ("ko", "en"):
                response = client.get(f"{path}?lang={lang}")
                assert response.status_code == 200, path
                fields = html_fields(response.json())
                assert fields and all("[r2]" in html for html in fields), (path, fields)
        hits = client.get("/api/v1/search?q=r2&lang=en").json()  # the index is made from the new HTML
        assert hits["count"] > 0, hits


def test_a_start_with_the_same_renderer_rewrites_nothing(settings):
    read(settings, "/api/v1/concepts/kubernetes?lang=en")
    first = state(settings)
    read(settings, "/api/v1/concepts/kubernetes?lang=en")
    again = state(settings)
    assert (again.revision, again.renderer) == (first.revision, first.renderer) != (first.revision, "")


@pytest.mark.parametrize("change", [
    lambda: MarkdownIt("js-default", {"typographer": True}),
    lambda: MarkdownIt("js-default", {"breaks": True}),
    lambda: MarkdownIt("js-default").disable("table"),
    lambda: MarkdownIt("commonmark"),
])
def test_the_fingerprint_sees_options_rules_and_presets(monkeypatch, change):
    current = markdown.fingerprint()
    parser = change()
    monkeypatch.setattr(markdown, "_markdown", lambda: parser)
    assert markdown.fingerprint() != current


def test_the_fingerprint_sees_the_allowlist(monkeypatch):
    current = markdown.fingerprint()
    monkeypatch.setattr(markdown, "ALLOWED_TAGS", markdown.ALLOWED_TAGS | {"img"})
    assert markdown.fingerprint() != current
