"""A deterministic simulator of Docker and Kubernetes, built on the documented behaviour of the real parts.

Entry points: `run(kind, params, lang=, seed=)` returns a `Trace` of `Step`s; `validate_params` and
`default_params` serve forms, `param_specs` the API's schema; `app.sim.calculators` holds the four calculators. Bad input raises
`SimulationError(param, message)`.

The scenarios (and the controllers they run) are imported when one of their names is first read: a worker serving
pages that run no scenario starts without them.
"""

from typing import TYPE_CHECKING

from app.sim.errors import SimulationError
from app.sim.trace import Step, Trace

if TYPE_CHECKING:
    from app.sim.scenarios import KINDS, default_params, param_bounds, param_specs, run, validate_params

__all__ = ["KINDS", "SimulationError", "Step", "Trace", "default_params", "param_bounds", "param_specs", "run", "validate_params"]
_FROM_SCENARIOS = frozenset({"KINDS", "default_params", "param_bounds", "param_specs", "run", "validate_params"})


def __getattr__(name: str):
    # https://peps.python.org/pep-0562/: called only for a name the module does not hold yet.
    if name in _FROM_SCENARIOS:
        from app.sim import scenarios

        return getattr(scenarios, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
