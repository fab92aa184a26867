"""Bilingual text helpers: every sentence the simulator writes exists in Korean and English."""

from __future__ import annotations

Text = dict[str, str]


def tr(ko: str, en: str) -> Text:
    """Pair a Korean and an English sentence."""
    return {"ko": ko, "en": en}


# The languages the simulator writes are those tr pairs; the app's own list (app/i18n) must match it, as
# tests/sim/test_imports.py checks, without the simulator importing anything of the app.
LANGS = tuple(tr("", ""))


def join(texts: list[Text]) -> Text:
    """Join sentences in each language with a space."""
    return {lang: " ".join(t[lang] for t in texts if t[lang]) for lang in LANGS}


def names(items: list[str], limit: int = 4) -> Text:
    """List names, shortening long lists to the first few and a count of the rest."""
    shown = ", ".join(items[:limit])
    rest = len(items) - limit
    if rest <= 0:
        return tr(shown, shown)
    return tr(f"{shown} 외 {rest}개", f"{shown} and {rest} more")


def count(n: int, noun: str, plural: str | None = None) -> str:
    """English count with the right noun form: "1 pod", "3 pods"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def secs(ms: int) -> str:
    """Format milliseconds as seconds without a needless decimal point (30000 → "30", 100 → "0.1")."""
    if ms % 1000 == 0:
        return str(ms // 1000)
    return f"{ms / 1000:.3f}".rstrip("0").rstrip(".")


def duration(ms: int) -> Text:
    """Format a duration in words: "5분 50초" / "5 min 50 s"."""
    if ms < 60_000 or ms % 1000:
        return tr(f"{secs(ms)}초", f"{secs(ms)} s")
    minutes, seconds = divmod(ms // 1000, 60)
    if seconds == 0:
        return tr(f"{minutes}분", f"{minutes} min")
    return tr(f"{minutes}분 {seconds}초", f"{minutes} min {seconds} s")


def clock(ms: int, wall_start_s: int | None) -> str:
    """Format a moment as wall-clock "HH:MM:SS" when the scenario has one, else elapsed "+MM:SS"."""
    whole, frac = divmod(ms, 1000)
    tail = f".{frac // 100}" if frac else ""
    if wall_start_s is not None:
        day = (wall_start_s + whole) % 86_400
        return f"{day // 3600:02d}:{day % 3600 // 60:02d}:{day % 60:02d}{tail}"
    hours, rest = divmod(whole, 3600)
    prefix = f"{hours}:" if hours else ""
    return f"+{prefix}{rest // 60:02d}:{rest % 60:02d}{tail}"
