"""Glossary words linked in step text: the compiled pattern finds exactly what one guard per form finds."""

import re

import pytest

from app import sim
from app.content import catalog
from app.explorer import scenarios, terms
from app.schemas import TermPublic

LANGS = ("ko", "en")


def one_guard_per_form(names: list[str]) -> re.Pattern[str]:
    """The pattern as first written: every form with its own guard, longest first."""
    owner: dict[str, int] = {}
    for index, name in enumerate(names):
        for form in terms.forms(name):
            owner.setdefault(form.casefold(), index)
    alternatives = []
    for form in sorted(owner, key=len, reverse=True):
        if terms._LATIN.search(form):
            alternatives.append(rf"(?<![A-Za-z0-9_-]){re.escape(form)}(?:s|es)?(?![A-Za-z0-9_-])")
        else:
            alternatives.append(rf"(?<![가-힣]){re.escape(form)}")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_pattern_matches_where_one_guard_per_form_matches(full_client, lang):
    glossary = full_client.get(f"/api/v1/glossary?lang={lang}&limit=100").json()["data"]
    names = [item["term"] for item in glossary]
    found = terms.matcher([TermPublic(**item) for item in glossary])
    reference = one_guard_per_form(names)
    texts = []
    for kind in sim.KINDS:
        for step in sim.run(kind, lang=lang).steps:
            texts += [step.summary, scenarios.happenings(step), step.title]
    # Every form right after a Hangul syllable, a Latin letter, a hyphen, a space, and followed by plurals.
    for form in {form for name in names for form in terms.forms(name)}:
        texts += [f"가{form}가", f"x{form}", f"-{form}s", f" {form}es ", f"{form.upper()}s-", f"{form}"]
    assert len(texts) > 300
    for text in texts:
        assert matches(found[0], text) == matches(reference, text), text


def test_each_glossary_is_compiled_once():
    words = [catalog.TermWord("pod", "파드(Pod)", "The smallest unit"), catalog.TermWord("node", "노드(Node)", "A machine")]
    first, second = terms.matcher(words), terms.matcher(list(words))
    assert first[0] is second[0]
    assert [piece.href for piece in terms.link("노드 위의 파드가 Pods", first, "ko") if piece.href] == \
        ["/ko/glossary#node", "/ko/glossary#pod"]
