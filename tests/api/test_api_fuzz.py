"""schemathesis against the whole OpenAPI description, in-process: no 500s, every answer documented and valid."""

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from app.main import create_app
from app.settings import Settings
from tests.api.cross_field_rules import keeps_the_rules
from tests.conftest import REAL_CONTENT

# The coverage phase already sends every boundary value; a few random cases more keep the run short.
EXAMPLES_PER_OPERATION = 15
# Every scenario request runs the simulator: fewer of those.
SIMULATION_EXAMPLES = 5
HEALTH_CHECKS = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, full_template, postgres):
    """The schema of an app on its own copy of the real content; schemathesis runs its lifespan once."""
    if postgres is not None:
        url = postgres.url(postgres.create("fuzz", full_template))
    else:
        database = tmp_path_factory.mktemp("fuzz") / "explorer.db"
        shutil.copyfile(full_template, database)
        url = f"sqlite:///{database}"
    app = create_app(Settings(env="dev", database_url=url, content_dir=REAL_CONTENT))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request):
    # schemathesis 4.32 renames the test through Node._nodeid, which pytest 9.2 no longer has.
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


def _check(case) -> None:
    # A schema-valid request must be accepted, unless it breaks a rule between two parameters that the
    # operation states in words (max_replicas ≥ min_replicas, …): a schema cannot compare two values.
    keeps = keeps_the_rules(case.operation.label, case.query, case.body)
    case.call_and_validate(excluded_checks=[] if keeps else [positive_data_acceptance])


@schema.exclude(tag="scenarios").parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=HEALTH_CHECKS)
def test_api_conforms_to_its_description(case):
    _check(case)


@schema.include(tag="scenarios").parametrize()
@settings(max_examples=SIMULATION_EXAMPLES, deadline=None, suppress_health_check=HEALTH_CHECKS)
def test_simulation_api_conforms_to_its_description(case):
    _check(case)
