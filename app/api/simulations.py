"""The body of POST /api/v1/simulations: one shape per scenario kind, its parameters read from the simulator's."""

from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    ValidationError,
    WrapValidator,
    create_model,
)
from pydantic_core import InitErrorDetails

from app import sim
from app.sim.params import INTSTR_MAX, Spec, text_pattern

# Every value has the JSON type its schema states (no "3" for 3), and no name the schema does not list.
STRICT = ConfigDict(extra="forbid", strict=True)
EXAMPLE = {"kind": "autoscaling", "params": {"max_replicas": 8}, "seed": 0}


def _integral(value: Any) -> Any:
    # JSON Schema counts 3.0 as an integer, so the API must too; 3.5 and "3" stay wrong.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _integer(lo: float, hi: float) -> Any:
    # The bounds go on the int itself, inside the integral-float reader, so that the schema states them.
    return Annotated[int, Field(ge=int(lo), le=int(hi)), BeforeValidator(_integral)]


def _annotation(spec: Spec) -> Any:
    """The type and bounds of one parameter, as its Spec states them."""
    if spec.kind == "int":
        return _integer(spec.lo, spec.hi)
    if spec.kind == "float":
        return Annotated[float, Field(ge=spec.lo, le=spec.hi)]
    if spec.kind == "choice":
        return Literal[spec.choices]  # one of the named choices, such as the HPA's behavior none or default
    text = Annotated[str, Field(pattern=text_pattern(spec))]
    if spec.kind == "intstr":
        # A number of pods or a percentage, as in a Deployment; the API server refuses negative numbers.
        return _integer(0, INTSTR_MAX) | text
    return text


def _title(kind: str) -> str:
    return "".join(part.capitalize() for part in kind.split("-"))


def _request_model(kind: str) -> type[BaseModel]:
    """The request for one kind: its name, its parameters (each optional, with its default) and a seed."""
    fields = {name: (_annotation(spec), Field(default=spec.default)) for name, spec in sim.param_specs(kind).items()}
    about = f"The parameters of a simulation of kind {kind}; a missing one takes its default."
    params = create_model(f"{_title(kind)}Params", __config__=STRICT, __doc__=about, **fields)
    return create_model(f"{_title(kind)}Simulation", __config__=STRICT, __doc__=f"A simulation of kind {kind} to run.",
                        kind=(Literal[kind], Field(description="The scenario kind")),
                        params=(params, Field(default_factory=params)),
                        seed=(_integer(0, 2**31 - 1), Field(default=0, description="The seed of its random choices")))


MODELS = {kind: _request_model(kind) for kind in sim.KINDS}


def _located(value: Any, handler) -> BaseModel:
    """Validate by kind, but name a bad value by its place in the body (params.replicas), not by the shape tried."""
    try:
        return handler(value)
    except ValidationError as error:
        errors = []
        for detail in error.errors():
            location = detail["loc"]
            if detail["type"] in ("union_tag_invalid", "union_tag_not_found"):
                location = ("kind",)
            elif location and location[0] in MODELS:
                # ("rolling-update", "params", "max_surge", "constrained-str"): the kind and the union member
                # tried are not places in the body; a parameter is named params.<name>.
                location = location[1:]
                location = location[:2] if location[:1] == ("params",) else location
            errors.append(InitErrorDetails(type=detail["type"], loc=location, input=detail["input"],
                                           ctx=detail.get("ctx", {})))
        raise ValidationError.from_exception_data(error.title, errors) from None


class SimulationRequest(RootModel):
    """A simulation to run: a scenario kind, its parameters (a missing one takes its default) and a seed."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})
    root: Annotated[Union[tuple(MODELS.values())],  # noqa: UP007 (a Union of a computed tuple)
                    Field(discriminator="kind"), WrapValidator(_located)]
