"""The seven scenario kinds, their parameters, and the one entry point that runs any of them."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from app.sim import sources
from app.sim.engine import Engine
from app.sim.errors import SimulationError
from app.sim.labels import label
from app.sim.params import Spec, check_lang, validate
from app.sim.scenarios import (
    autoscaling,
    docker_alone,
    portability,
    rolling,
    scheduled,
    self_healing,
    side_by_side,
)
from app.sim.trace import Trace

KINDS: dict[str, ModuleType] = {
    "docker-alone": docker_alone,
    "scheduled-scale-out": scheduled,
    "self-healing": self_healing,
    "autoscaling": autoscaling,
    "rolling-update": rolling,
    "vendor-portability": portability,
    "docker-vs-kubernetes": side_by_side,
}


def default_params(kind: str) -> dict[str, Any]:
    """The default parameters of a scenario kind."""
    return {name: spec.default for name, spec in _module(kind).SPECS.items()}


def param_bounds(kind: str) -> dict[str, dict[str, Any]]:
    """Each parameter's kind, default and bounds, its label (with its unit) and help in each language, for a form."""
    out = {}
    for name, s in _module(kind).SPECS.items():
        words, help_ = label(name)
        out[name] = {"kind": s.kind, "default": s.default, "min": s.lo, "max": s.hi, "choices": list(s.choices),
                     "label": dict(words), "help": dict(help_)}
    return out


def param_specs(kind: str) -> dict[str, Spec]:
    """Each parameter's Spec (kind, default and bounds), for describing the parameters in a schema."""
    return dict(_module(kind).SPECS)


def validate_params(kind: str, params: dict[str, Any] | None) -> dict[str, Any]:
    """Check and complete the parameters of a kind; raise SimulationError naming the first bad one."""
    module = _module(kind)
    resolved = validate(module.SPECS, params)
    module.check(resolved)
    return resolved


def run(kind: str, params: dict[str, Any] | None = None, *, lang: str = "ko", seed: int = 0) -> Trace:
    """Simulate a scenario kind with these parameters; the same inputs always give the same trace."""
    check_lang(lang)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise SimulationError("seed", "must be an integer", "정수여야 합니다")
    resolved = validate_params(kind, params)
    module = _module(kind)
    options = module.engine_options() if hasattr(module, "engine_options") else {}
    wall = module.wall_start(resolved) if hasattr(module, "wall_start") else None
    engine = Engine(lang, seed, wall_start_s=wall, **options)
    end_ms = module.play(engine, resolved)
    used = sorted({d["source"] for s in engine.steps for d in s.decisions if d["source"]})
    return Trace(kind, resolved, seed, lang, end_ms / 1000, engine.steps, used or [sources.DEPLOYMENT])


def _module(kind: str) -> ModuleType:
    if kind not in KINDS:
        raise SimulationError("kind", f"unknown scenario kind; expected one of {', '.join(KINDS)}",
                              f"알 수 없는 시나리오 종류입니다. 가능한 것: {', '.join(KINDS)}")
    return KINDS[kind]
