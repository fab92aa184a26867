"""What the browser tests share: the page types, axe with the WCAG 2.2 A/AA rules, the UI text a person sees, screenshots."""

import json
import re
from functools import cache
from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, expect

from app.i18n.catalogs import read_catalog
from app.settings import PROJECT_ROOT
from tests.e2e.conftest import ADMIN_PASSWORD, ADMIN_USER

# One address per page type; each is opened in both languages and both themes.
PUBLIC_PAGES = {
    "home": "/",
    "concepts": "/ko/concepts",
    "concept": "/ko/concepts/docker",
    "comparisons": "/ko/compare",
    "comparison": "/ko/compare/vm-vs-container",
    "stacks": "/ko/stacks?view=both&layer=host-os",
    "scenarios": "/ko/scenarios",
    "scenario": "/ko/scenarios/rolling-update?step=3",
    "calculators": "/ko/calculators",
    "calculator-hpa": "/ko/calculators/hpa",
    "calculator-rolling-update": "/ko/calculators/rolling-update",
    "calculator-backoff": "/ko/calculators/backoff",
    "calculator-node-eviction": "/ko/calculators/node-eviction",
    "search": "/ko/search?q=docker",
    "path": "/ko/path",
    "map": "/ko/map",
    "not-found": "/ko/concepts/no-such-concept",
    "admin-login": "/admin/login",
}
ADMIN_PAGES = {
    "admin-dashboard": "/admin",
    "admin-list": "/admin/concepts",
    "admin-edit": "/admin/concepts/docker",
    "admin-edit-stack": "/admin/stacks/vm",
    "admin-history": "/admin/concepts/docker/history",
}
SCREENSHOTS = PROJECT_ROOT / "test-results" / "screenshots"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (landmarks, heading order, allowed roles).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
                                          "best-practice"]},
    "resultTypes": ["violations"],
}
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def with_query(path: str, **params: str) -> str:
    """The path with these query parameters added."""
    return path + ("&" if "?" in path else "?") + "&".join(f"{key}={value}" for key, value in params.items())


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now (injected once per document)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", AXE_OPTIONS)


def axe_report(violations: list[dict]) -> str:
    """The violations, one line per failing element, for the assertion message."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {node['target']} — {node['failureSummary']}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{where}\n{axe_report(violations)}"


# Every rendered string of the page in its own language: text, and the names screen readers read out.
# Parts marked with another lang= (the language switch, the post's Korean title) are left out, as is code.
UI_TEXT_JS = """() => {
  const lang = document.documentElement.lang;
  const own = el => { const marked = el.closest('[lang]'); return !marked || marked.lang === lang; };
  const skip = el => el.closest('script, style, template, code, pre, textarea, .pod-name, title');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.textContent.trim() || skip(el) || !own(el) || !el.checkVisibility()) continue;
    out.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], input[type=submit]')) {
    if (skip(el) || !own(el)) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'value']) {
      if (name === 'value' && el.type !== 'submit') continue;
      const value = el.getAttribute(name);
      if (value && value.trim()) out.push(value.trim());
    }
  }
  out.push(document.title);
  return out;
}"""


def ui_text(page: Page) -> str:
    """The page's visible text and accessible names in its own language, one piece a line."""
    return "\n".join(page.evaluate(UI_TEXT_JS))


def _translations(lang: str) -> dict[tuple, tuple[str, ...]]:
    """Each message of the catalog, by context and msgid, with its translation (every plural form)."""
    found = {}
    for message in read_catalog(lang):
        if message.id:
            msgid, string = message.id, message.string
            found[(message.context, msgid if isinstance(msgid, str) else tuple(msgid))] = (
                (string,) if isinstance(string, str) else tuple(string))
    return found


@cache
def english_ui_phrases() -> frozenset[str]:
    """The pieces of every English UI string that the Korean catalog says differently (placeholders cut out)."""
    phrases = set()
    korean = _translations("ko")
    for message, forms in _translations("en").items():
        for english in forms:
            if english in korean[message]:
                continue
            for piece in re.split(r"%\(\w+\)[sd]", english.replace("%%", "%")):
                piece = piece.strip(" .,:;!?()[]“”‘’\"'·—–-→←»«▶◀+×=/\n")
                if re.search(r"[A-Za-z]{3}", piece) and (" " in piece or len(piece) >= 5):
                    phrases.add(piece)
    return frozenset(phrases)


def english_left_in(text: str, allowed: frozenset[str]) -> list[str]:
    """English UI phrases that appear in this (Korean) text, as whole words."""
    found = []
    for phrase in english_ui_phrases() - allowed:
        if re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", text):
            found.append(phrase)
    return sorted(found)


def hangul_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if HANGUL.search(line)]


def log_in(page: Page) -> None:
    """Log in as the live server's admin through the form."""
    page.goto("/admin/login?lang=en")
    page.get_by_label("Username").fill(ADMIN_USER)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Admin menu")).to_be_visible()


def screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot in test-results/screenshots/ (ignored by git), for a person to look through."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True, animations="disabled")
    return path


def horizontal_overflow(page: Page) -> list[str]:
    """Elements that reach past the right edge of the viewport (empty when nothing scrolls sideways)."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      return [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > width + 1 && el.checkVisibility())
        .slice(0, 8).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + [...el.classList].join('.'));
    }""")


def describe(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
