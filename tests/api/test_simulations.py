"""The request schema of POST /api/v1/simulations: each kind's own parameters, closed, read from the simulator."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import sim
from app.sim.params import text_pattern, validate

TEXT_PARAMS = [(kind, name, spec) for kind in sim.KINDS for name, spec in sim.param_specs(kind).items()
               if spec.kind not in ("int", "float", "choice")]
CHOICE_PARAMS = [(kind, name, spec) for kind in sim.KINDS for name, spec in sim.param_specs(kind).items()
                 if spec.kind == "choice"]


def _schemas(client) -> dict:
    return client.get("/openapi.json").json()["components"]["schemas"]


def _params_schema(schemas: dict, kind: str) -> dict:
    request = schemas["SimulationRequest"]["discriminator"]["mapping"][kind].rsplit("/", 1)[1]
    return schemas[schemas[request]["properties"]["params"]["$ref"].rsplit("/", 1)[1]]


def test_the_kind_chooses_the_parameter_schema(client):
    schemas = _schemas(client)
    assert schemas["SimulationRequest"]["discriminator"]["propertyName"] == "kind"
    assert set(schemas["SimulationRequest"]["discriminator"]["mapping"]) == set(sim.KINDS)
    for kind in sim.KINDS:
        params = _params_schema(schemas, kind)
        assert params["additionalProperties"] is False
        assert list(params["properties"]) == list(sim.param_specs(kind)), kind  # every parameter, no other


def test_parameter_schemas_state_the_simulators_bounds_and_defaults(client):
    schemas = _schemas(client)
    for kind in sim.KINDS:
        properties = _params_schema(schemas, kind)["properties"]
        for name, spec in sim.param_specs(kind).items():
            assert properties[name]["default"] == spec.default, (kind, name)
            if spec.kind in ("int", "float"):
                assert (properties[name]["minimum"], properties[name]["maximum"]) == (spec.lo, spec.hi), (kind, name)


def test_a_parameter_of_another_kind_is_refused_by_its_name(client):
    response = client.post("/api/v1/simulations", json={"kind": "autoscaling", "params": {"replicas": 3}})
    assert response.status_code == 422
    assert [p["name"] for p in response.json()["invalid_params"]] == ["params.replicas"]


@pytest.mark.parametrize(("params", "status"), [
    ({"max_unavailable": "100%"}, 200), ({"max_unavailable": "101%"}, 422), ({"max_unavailable": "999%"}, 422),
    ({"max_surge": "150%"}, 200),  # Kubernetes caps maxUnavailable at 100%, never maxSurge
    ({"max_surge": 3, "max_unavailable": 0}, 200), ({"max_surge": -1}, 422), ({"max_surge": 10_000}, 422),
])
def test_rolling_update_amounts_follow_the_api_servers_rules(client, params, status):
    response = client.post("/api/v1/simulations", json={"kind": "rolling-update", "params": params})
    assert response.status_code == status, response.text
    if status == 422:
        assert {p["name"] for p in response.json()["invalid_params"]} == {f"params.{next(iter(params))}"}


@pytest.mark.parametrize(("seed", "status"), [(7, 200), (7.0, 200), (7.5, 422), ("7", 422), (True, 422)])
def test_an_integral_number_is_an_integer_as_json_schema_says(client, seed, status):
    response = client.post("/api/v1/simulations", json={"kind": "docker-alone", "seed": seed})
    assert response.status_code == status


@pytest.mark.parametrize(("value", "status"), [("100%", 200), ("0100%", 200), ("101%", 422), ("50", 200)])
def test_the_calculators_max_unavailable_stops_at_100_percent(client, value, status):
    response = client.get(f"/api/v1/calculators/rolling-update?max_unavailable={value.replace('%', '%25')}")
    assert response.status_code == status
    if status == 422:
        assert [p["name"] for p in response.json()["invalid_params"]] == ["max_unavailable"]


def test_rules_between_parameters_are_described_in_their_operations(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "min_replicas" in paths["/api/v1/calculators/hpa"]["get"]["description"]
    assert "both be zero" in paths["/api/v1/calculators/rolling-update"]["get"]["description"]
    assert "naming both" in paths["/api/v1/simulations"]["post"]["description"]


@pytest.mark.parametrize(("kind", "name", "spec"), TEXT_PARAMS, ids=[f"{k}.{n}" for k, n, _ in TEXT_PARAMS])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_text_the_schema_admits_is_one_the_simulator_reads(kind, name, spec, data):
    # JSON Schema's closing "$" is the end of the text; Python's would also allow a final newline.
    value = data.draw(st.from_regex(re.sub(r"\$$", r"\\Z", text_pattern(spec)), fullmatch=True))
    validate({name: spec}, {name: value})  # raises SimulationError if the simulator refused it


@pytest.mark.parametrize(("kind", "name", "spec"), CHOICE_PARAMS, ids=[f"{k}.{n}" for k, n, _ in CHOICE_PARAMS])
def test_a_choice_is_an_enum_of_exactly_the_simulators_choices(client, kind, name, spec):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    title = "".join(part.capitalize() for part in kind.split("-"))
    assert schemas[f"{title}Params"]["properties"][name]["enum"] == list(spec.choices)
    for choice in spec.choices:
        response = client.post("/api/v1/simulations", json={"kind": kind, "params": {name: choice}})
        assert response.status_code == 200, (choice, response.text[:300])
    refused = client.post("/api/v1/simulations", json={"kind": kind, "params": {name: "other"}})
    assert refused.status_code == 422
