"""Glossary words found in a step's text, so that the page can link each to its one-line explanation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

_LATIN = re.compile(r"[A-Za-z]")


class GlossaryTerm(Protocol):
    """What linking reads of a glossary term: schemas.TermPublic, or catalog.TermWord."""

    slug: str
    term: str
    definition: str


@dataclass(frozen=True)
class Piece:
    """A run of text, linked to a glossary entry when it names a term."""

    text: str
    href: str | None = None
    title: str | None = None


def forms(name: str) -> list[str]:
    """The ways a term is written: "파드(Pod)" is found as "파드(Pod)", "파드" and "Pod"."""
    found = [name.strip()]
    match = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", name)
    if match:
        found += [match.group(1), match.group(2)]
    return [form for form in dict.fromkeys(found) if len(form) >= 3 or not _LATIN.search(form)]


def matcher(terms: list[GlossaryTerm]) -> tuple[re.Pattern[str], dict[str, GlossaryTerm]] | None:
    """One pattern for every form of every term, longest first, and which term each form belongs to."""
    compiled = _compiled(tuple(term.term for term in terms))
    if compiled is None:
        return None
    pattern, owners = compiled
    return pattern, {form: terms[index] for form, index in owners.items()}


@lru_cache(maxsize=8)
def _compiled(names: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, int]] | None:
    # Kept per list of names (the glossary in one language): compiling the pattern of every form of every term
    # costs more than the rest of a step page's text, and the glossary rarely changes when other content does.
    owner: dict[str, int] = {}
    for index, name in enumerate(names):
        for form in forms(name):
            owner.setdefault(form.casefold(), index)
    if not owner:
        return None
    # Neighbouring forms of the same script share one guard: "(?<!G)(?:a|b)" tries a then b at each place exactly as
    # "(?<!G)a|(?<!G)b" does, and the pattern compiles in a fraction of the time (every [가-힣] class costs the
    # compiler a pass over eleven thousand characters). Hangul has no case, so that class is matched without it.
    runs: list[tuple[bool, list[str]]] = []
    for form in sorted(owner, key=len, reverse=True):
        latin = bool(_LATIN.search(form))
        if runs and runs[-1][0] == latin:
            runs[-1][1].append(re.escape(form))
        else:
            runs.append((latin, [re.escape(form)]))
    alternatives = []
    for latin, escaped in runs:
        if latin:
            # Latin words stand alone ("node" but not "node-3"); a plural s is part of the word.
            alternatives.append(rf"(?<![A-Za-z0-9_-])(?:{'|'.join(escaped)})(?:s|es)?(?![A-Za-z0-9_-])")
        else:
            # Korean particles follow a noun directly ("파드가"), so only the start is bounded.
            alternatives.append(rf"(?<!(?-i:[가-힣]))(?:{'|'.join(escaped)})")
    return re.compile("|".join(alternatives), re.IGNORECASE), owner


def link(text: str, found: tuple[re.Pattern[str], dict[str, GlossaryTerm]] | None, lang: str) -> list[Piece]:
    """Split text into pieces, the first mention of each glossary term linked to its entry."""
    if not text or found is None:
        return [Piece(text)]
    pattern, owner = found
    pieces: list[Piece] = []
    seen: set[str] = set()
    at = 0
    for match in pattern.finditer(text):
        term = _owner(match.group(0), owner)
        if term is None or term.slug in seen:
            continue
        seen.add(term.slug)
        pieces.append(Piece(text[at:match.start()]))
        pieces.append(Piece(match.group(0), f"/{lang}/glossary#{term.slug}", term.definition))
        at = match.end()
    pieces.append(Piece(text[at:]))
    return [piece for piece in pieces if piece.text]


def _owner(word: str, owner: dict[str, GlossaryTerm]) -> GlossaryTerm | None:
    key = word.casefold()
    for candidate in (key, key[:-1], key[:-2]):
        if candidate in owner:
            return owner[candidate]
    return None
