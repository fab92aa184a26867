"""Guess first: the learner's guess of a calculator's headline figure, checked against the answer and explained."""

import math
import re
from dataclasses import dataclass
from typing import Any

from app.explorer.calculators import number
from app.i18n.catalogs import translations

GUESS_MAX = 1_000_000
# The figure each calculator asks the learner to guess, and whether it is a whole number.
ANSWERS = {
    "hpa": (lambda r: r["desired_replicas"], True),
    "rolling-update": (lambda r: r["peak_total_pods"], True),
    "backoff": (lambda r: r["delays_s"][-1], False),
    "node-eviction": (lambda r: r["evicted_after_s"], True),
}


@dataclass(frozen=True)
class Guess:
    """A guess as typed, and once it is readable and the inputs are: the answer, how far off, and why."""

    raw: str
    error: str | None = None
    value: float | None = None
    answer: float | None = None
    verdict: str | None = None  # "right", "low" or "high"
    reason: str | None = None

    @property
    def revealed(self) -> bool:
        """Whether the answer may be shown: a readable guess and a result."""
        return self.verdict is not None


def read_guess(name: str, raw: str | None, lang: str) -> Guess:
    """Read the guess's text: a number from 0 to GUESS_MAX (a whole one where the answer is)."""
    text = (raw or "").strip()
    if not text:
        return Guess(raw="")
    _ = translations(lang).gettext
    whole = ANSWERS[name][1]
    bounds = {"lo": "0", "hi": number(GUESS_MAX)}
    ok = re.fullmatch(r"[0-9]+" if whole else r"[0-9]+(\.[0-9]+)?", text)
    if not ok or float(text) > GUESS_MAX:
        message = _("Enter a whole number from %(lo)s to %(hi)s.") if whole else _("Enter a number from %(lo)s to %(hi)s.")
        return Guess(raw=text, error=message % bounds)
    return Guess(raw=text, value=float(text))


def check_guess(name: str, guess: Guess, result: dict[str, Any] | None, values: dict[str, str],
                lang: str) -> Guess:
    """Compare a readable guess with the calculator's answer and say why it was off, when a usual slip explains it."""
    if guess.value is None or result is None:
        return guess
    answer = float(ANSWERS[name][0](result))
    verdict = "right" if math.isclose(guess.value, answer) else "low" if guess.value < answer else "high"
    reason = None if verdict == "right" else _why(name, guess.value, result, values, lang)
    return Guess(raw=guess.raw, value=guess.value, answer=answer, verdict=verdict, reason=reason)


def _why(name: str, value: float, r: dict[str, Any], values: dict[str, str], lang: str) -> str:
    """The usual slip that gives this guess, or a pointer to the computation."""
    _ = translations(lang).gettext
    for candidate, message in _slips(name, r, values, _):
        if candidate is not None and math.isclose(value, candidate):
            return message
    return _("Follow the computation below step by step to see where your figure parts from it.")


def _slips(name: str, r: dict[str, Any], values: dict[str, str], _) -> list[tuple[float | None, str]]:
    """Wrong answers a learner often gives, each with what it overlooks."""
    if name == "hpa":
        current, ratio = int(values["current_replicas"]), r["usage_ratio"]
        return [
            (r["raw_desired_replicas"], _("That is the formula before the clamp: the HPA never goes outside "
                                          "minReplicas..maxReplicas.")),
            (r["next_replicas"], _("That is what the next sync sets. The HPA still wants more (or fewer): the "
                                   "scaling rules and the stabilization window only spread the change over time.")),
            (current, _("The ratio is outside the 0.1 tolerance, so the HPA does change the count.")),
            (math.ceil(current * ratio), _("The ratio lies within the 0.1 tolerance, so the HPA keeps the current "
                                           "count.")),
            (round(current * ratio), _("The HPA rounds up (ceil), never to the nearest whole number.")),
        ]
    if name == "rolling-update":
        replicas, surge = int(values["replicas"]), values["max_surge"].strip()
        floored = replicas + int(surge[:-1]) * replicas // 100 if surge.endswith("%") else None
        return [
            (r["max_total_pods"], _("That is the bound replicas + maxSurge. The rollout never reaches it here: "
                                    "neither ReplicaSet grows past the replicas, so the total stays at most twice "
                                    "the replicas.")),
            (replicas, _("maxSurge lets extra pods of the new version start before old ones stop.")),
            (floored, _("A maxSurge percentage rounds up, not down.")),
        ]
    if name == "backoff":
        delays = r["delays_s"]
        doubled = delays[1] * 2 ** (len(delays) - 2) if len(delays) > 1 and delays[1] else None
        return [
            (doubled, _("The wait doubles only up to its cap: %(cap)s s.") % {"cap": f"{r['cap_s']:g}"}),
            (r["total_wait_s"], _("That is the total of all the waits; the question asks for the last one.")),
        ]
    toleration = r["toleration_seconds"]
    return [
        (toleration, _("The toleration counts from when the node is marked NotReady, not from its last "
                       "heartbeat.")),
        (r["node_monitor_grace_period_s"] + toleration,
         _("The node controller notices only at its first check after the grace period, a few seconds later.")),
    ]
