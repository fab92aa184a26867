"""Scenario and calculator parameters: defaults, bounds and the errors that name a bad one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.sim.backoff import DOCKER_POLICIES, parse_docker_policy
from app.sim.errors import SimulationError
from app.sim.intstr import PERCENT_UP_TO_100
from app.sim.intstr import parse as parse_intstr
from app.sim.text import LANGS


@dataclass(frozen=True, slots=True)
class Spec:
    """One parameter: its kind, default and bounds (or allowed choices)."""

    kind: str  # int | float | intstr | policy | hhmm | slug | choice
    default: Any
    lo: float | None = None
    hi: float | None = None  # for an intstr: the largest percentage (the scenario's check() refuses more)
    choices: tuple[str, ...] = ()


# The text forms of the parameters as the API's schema states them: anchored, as JSON Schema patterns are, and
# never wider than the readers below (which also forgive surrounding spaces), so a value the schema admits is
# one the simulator reads.
TEXT_PATTERNS = {
    # docker run --restart: a policy, and for on-failure an optional maximum of 1 to 100 retries.
    "policy": rf"^({'|'.join(DOCKER_POLICIES)}|on-failure:([1-9][0-9]?|100))$",
    "hhmm": r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
    "slug": r"^[a-z0-9][a-z0-9.-]{0,29}$",
}


# An intstr's largest number (or percentage) in the API's schema: four digits, as in the rolling-update calculator.
# Far beyond the simulator's 200 replicas, and a bound is needed: the work of a rollout grows with its maxSurge.
INTSTR_MAX = 9999


def text_pattern(spec: Spec) -> str:
    """The regular expression a parameter's text form matches in the API's schema."""
    if spec.kind != "intstr":
        return TEXT_PATTERNS[spec.kind]
    # The API server refuses negative values, so an intstr's text is digits, or digits and "%".
    if spec.hi is None:
        return r"^[0-9]{1,4}%?$"
    if spec.hi != 100:
        raise ValueError(f"an intstr's percentage is capped at 100 or not at all, not {spec.hi}")
    return rf"^([0-9]{{1,4}}|{PERCENT_UP_TO_100})$"


def check_lang(lang: str) -> str:
    """Accept "ko" or "en"."""
    if lang not in LANGS:
        raise SimulationError("lang", "must be 'ko' or 'en'", "'ko' 또는 'en'이어야 합니다")
    return lang


def as_int(raw: Any, param: str, lo: int, hi: int) -> int:
    """Read an integer (an int, an integral float or a digit string) within lo..hi."""
    value: Any = raw
    digits = isinstance(raw, str) and re.fullmatch(r"\s*-?\d+\s*", raw)
    if digits or (isinstance(raw, float) and raw.is_integer()):
        value = int(raw)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise SimulationError(
            param, f"must be an integer from {lo} to {hi} (got {raw!r})", f"{lo}에서 {hi} 사이의 정수여야 합니다 ({raw!r})"
        )
    return value


def as_float(raw: Any, param: str, lo: float, hi: float) -> float:
    """Read a number within lo..hi."""
    try:
        value = float(raw) if isinstance(raw, (int, float, str)) and not isinstance(raw, bool) else None
    except ValueError:
        value = None
    if value is None or value != value or not lo <= value <= hi:
        raise SimulationError(param, f"must be a number from {lo:g} to {hi:g} (got {raw!r})",
                              f"{lo:g}에서 {hi:g} 사이의 수여야 합니다 ({raw!r})")
    return value


def as_hhmm(raw: Any, param: str) -> int:
    """Read a time of day "HH:MM" and return seconds after midnight."""
    m = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", str(raw).strip())
    if not m:
        raise SimulationError(param, f"must be a time of day HH:MM such as 00:00 (got {raw!r})",
                              f"00:00처럼 HH:MM 형식의 시각이어야 합니다 ({raw!r})")
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60


def as_slug(raw: Any, param: str) -> str:
    """Read a short lowercase name (letters, digits, hyphens), as used for versions and providers."""
    text = str(raw).strip()
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{0,29}", text):
        raise SimulationError(param, "must be 1-30 lowercase letters, digits, '.' or '-'",
                              "소문자, 숫자, '.', '-'로 된 1~30자여야 합니다")
    return text


def as_choice(raw: Any, param: str, choices: tuple[str, ...]) -> str:
    """Read one of a few fixed words."""
    text = str(raw).strip()
    if text not in choices:
        listed = ", ".join(f"'{c}'" for c in choices)
        raise SimulationError(param, f"must be one of {listed} (got {raw!r})", f"{listed} 중 하나여야 합니다 ({raw!r})")
    return text


def validate(specs: dict[str, Spec], params: dict[str, Any] | None) -> dict[str, Any]:
    """Fill in defaults and check every parameter; raise SimulationError naming the first bad one."""
    given = dict(params or {})
    for name in given:
        if name not in specs:
            raise SimulationError(name, f"unknown parameter; expected one of {', '.join(specs)}",
                                  f"알 수 없는 매개변수입니다. 가능한 것: {', '.join(specs)}")
    out: dict[str, Any] = {}
    for name, spec in specs.items():
        raw = given.get(name, spec.default)
        if spec.kind == "int":
            out[name] = as_int(raw, name, int(spec.lo), int(spec.hi))
        elif spec.kind == "float":
            out[name] = as_float(raw, name, float(spec.lo), float(spec.hi))
        elif spec.kind == "intstr":
            if parse_intstr(raw, name).value > INTSTR_MAX:
                raise SimulationError(name, f"must be at most {INTSTR_MAX} (or {INTSTR_MAX}%), got {raw!r}",
                                      f"{INTSTR_MAX} 이하(또는 {INTSTR_MAX}% 이하)여야 합니다. 받은 값: {raw!r}")
            out[name] = str(raw).strip() if isinstance(raw, str) else raw
        elif spec.kind == "policy":
            parse_docker_policy(raw, name)
            out[name] = str(raw).strip()
        elif spec.kind == "hhmm":
            as_hhmm(raw, name)
            out[name] = str(raw).strip()
        elif spec.kind == "choice":
            out[name] = as_choice(raw, name, spec.choices)
        else:
            out[name] = as_slug(raw, name)
    return out


def require(condition: bool, param: str, message: str, message_ko: str) -> None:
    """Raise a SimulationError for param unless the cross-parameter condition holds."""
    if not condition:
        raise SimulationError(param, message, message_ko)
