"""The Markdown pipeline against hostile input, checked with an HTML parser."""

import re
from html.parser import HTMLParser

import pytest

from app.content.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render, render_inline

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src='https://evil.example'></iframe>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](file:///etc/passwd)",
    "![img](javascript:alert(1))",
    "![x](https://evil.example/track.png)",
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p hx-get="/admin/delete" hx-trigger="load">x</p>',
    '<p data-hx-post="/admin" data-hx-trigger="load">x</p>',
    "<form action=/admin method=post><button>go</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<object data=evil.swf></object>",
    "<embed src=evil.swf>",
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<base href=https://evil.example/>",
    "<!-- <script>alert(1)</script> -->",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '[x](https://ok.example "title" onmouseover=alert(1))',
    "<<script>script>alert(1)<</script>/script>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "`<script>` in code is text",
    "```html\n<script>alert(1)</script>\n```",
    "<textarea><script>alert(1)</script></textarea>",
    "<template><script>alert(1)</script></template>",
    "[x](\\javascript:alert(1))",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
]
SAFE_SCHEMES = {"http", "https", "mailto", None}


def _scheme(url: str) -> str | None:
    """The scheme a browser would see (WHATWG URL: tabs and newlines removed, edges trimmed), or None."""
    cleaned = re.sub(r"[\t\n\r]", "", url)
    cleaned = re.sub(r"^[\x00-\x20]+|[\x00-\x20]+$", "", cleaned).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match[1] if match else None


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    collector = _Collector()
    collector.feed(html)
    return collector.elements


@pytest.mark.parametrize("source", HOSTILE)
def test_render_hostile_input_keeps_only_allowed_markup(source):
    html = render(source)
    for tag, attrs in _elements(html):
        assert tag in ALLOWED_TAGS, f"{tag} survived in {html!r}"
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        assert set(attrs) <= allowed, f"{attrs} survived in {html!r}"
        if "href" in attrs:
            assert _scheme(attrs["href"]) in SAFE_SCHEMES, attrs["href"]


def test_render_hostile_corpus_has_at_least_thirty_inputs():
    assert len(HOSTILE) >= 30


def test_render_keeps_ordinary_markdown():
    html = render("## 제목\n\n**굵게**, *기울임*, `code`\n\n- 하나\n- 둘\n\n[문서](https://kubernetes.io/docs/)")
    tags = [tag for tag, _ in _elements(html)]
    assert tags[:4] == ["h2", "p", "strong", "em"]
    assert {"ul", "li", "code", "a"} <= set(tags)
    link = next(attrs for tag, attrs in _elements(html) if tag == "a")
    assert link["href"] == "https://kubernetes.io/docs/"
    assert link["rel"] == "noopener noreferrer"


def test_render_keeps_relative_and_mailto_links():
    html = render("[concept](/concepts/docker) and [mail](mailto:team@example.org)")
    hrefs = [attrs["href"] for tag, attrs in _elements(html) if tag == "a"]
    assert hrefs == ["/concepts/docker", "mailto:team@example.org"]


def test_render_escapes_raw_html_as_text():
    html = render("<script>alert(1)</script>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_render_inline_has_no_paragraph_and_stays_safe():
    assert render_inline("`docker run` and **bold**") == "<code>docker run</code> and <strong>bold</strong>"
    assert "<script" not in render_inline("<script>alert(1)</script>")
    assert "href" not in render_inline("[x](javascript:alert(1))")
