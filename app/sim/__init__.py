"""A deterministic simulator of Docker and Kubernetes, built on the documented behaviour of the real parts.

Entry points: `run(kind, params, lang=, seed=)` returns a `Trace` of `Step`s; `validate_params` and
`default_params` serve forms, `param_specs` the API's schema; `app.sim.calculators` holds the four calculators. Bad input raises
`SimulationError(param, message)`.
"""

from app.sim.errors import SimulationError
from app.sim.scenarios import KINDS, default_params, param_bounds, param_specs, run, validate_params
from app.sim.trace import Step, Trace

__all__ = ["KINDS", "SimulationError", "Step", "Trace", "default_params", "param_bounds", "param_specs", "run", "validate_params"]
