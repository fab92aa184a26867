"""Every query parameter of every public page and API route, fuzzed: never a 500 or a stack trace; invalid values
get the right 4xx (a page: 400; the API: a 422 problem) naming the parameter.

The parameters come from the app: the routes' declared parameters (with their dependencies') and the fields of
the GET forms each page renders (the calculators' and scenarios' inputs, the theme switch), so a new one is
fuzzed as soon as it exists."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.main import create_app
from app.settings import Settings
from tests.hostile.conftest import HOSTILE_TEXTS, hostile, repeated_values
from tests.hostile.surface import field_errors, form_fields, no_traceback, routes

APP = create_app(Settings(env="dev", database_url="sqlite://"))  # only to read its routes
PUBLIC_GETS = [route for route in routes(APP)
               if "GET" in route.methods and not route.path.startswith("/admin") and route.path != "/docs"]
LISTS = {"slug": {"/api/v1/concepts": "/api/v1/concepts", "/api/v1/comparisons": "/api/v1/comparisons",
                  "/api/v1/scenarios": "/api/v1/scenarios", "/api/v1/questions": "/api/v1/questions"}}
EVERY_ONE = ("/en/scenarios/{slug}", "/en/calculators/{name}", "/en/problems/{name}")  # each has its own form fields
# Pages live under their language: fuzzed in English (the Korean twin runs the same code).
LANGUAGE_PREFIX = "{lang:lang}"


def _samples(client, route) -> list[str]:
    """The URLs of a route with real values in its path (each scenario and calculator for the pages)."""
    path = route.path.replace(LANGUAGE_PREFIX, "en")
    urls = [path]
    for param in route.path_params:
        name = param.alias
        if name == "lang":
            continue
        parent = path.split("{" + name + "}")[0]
        if route.path.startswith("/api/") and name == "slug":
            values = [item["slug"] for item in
                      client.get(LISTS["slug"][parent.rstrip("/")], params={"limit": 100}).json()["data"]]
        elif name == "code":  # /language/{code}, which remembers the reader's language
            values = ["en"]
        elif path.startswith("/api/") and name == "view":
            values = ["vm", "container"]
        elif parent == "/en/questions/":  # no page lists every question: the API does
            values = [item["slug"] for item in client.get("/api/v1/questions", params={"limit": 100}).json()["data"]]
        elif not path.startswith("/api/") and parent.count("{") == 0:
            # A page's values are the links of the page above it: /calculators links every /calculators/{name}.
            listing = client.get(parent.rstrip("/"), params={"lang": "en"}).text
            values = list(dict.fromkeys(re.findall(rf'href="{re.escape(parent)}([^"/?#]+)"', listing)))
        else:
            values = ["0"]
        assert values, path
        if path not in EVERY_ONE:
            values = values[:1]
        urls = [url.replace("{" + name + "}", value) for url in urls for value in values]
    return urls


def _surface(client) -> list[tuple[str, str, object]]:
    """(url, parameter, its FastAPI field or None) for every parameter a route declares or a form sends."""
    pairs = []
    for route in PUBLIC_GETS:
        for url in _samples(client, route):
            names = {name: route.query_field(name) for name in route.query_names}
            if not url.startswith("/api/") and url not in ("/healthz", "/readyz"):
                page = client.get(url, params={"lang": "en"})
                assert page.status_code == 200, url
                for action, fields in form_fields(page.text, url).items():
                    if action == url:
                        names.update({name: None for name in fields if name not in names})
                names.setdefault("theme", None)
                names.setdefault("lang", None)  # the older ?lang= links, answered with a redirect
            pairs += [(url, name, field) for name, field in sorted(names.items())]
    return pairs


@pytest.fixture(scope="module")
def surface(shared_client):
    return _surface(shared_client)


def test_the_surface_holds_every_known_parameter(surface):
    by_url = {}
    for url, name, _ in surface:
        by_url.setdefault(url, set()).add(name)
    # A few that only forms send, and a few that only routes declare: proof both sources are read.
    assert {"current_replicas", "target_metric", "lang", "theme"} <= by_url["/en/calculators/hpa"]
    assert {"view", "layer", "point", "n", "theme"} <= by_url["/en/stacks"]
    assert {"step", "lang"} <= by_url["/en/scenarios/self-healing"]
    assert len(by_url["/en/scenarios/self-healing"]) > 3  # the what-if inputs
    assert {"q", "kind", "offset"} <= by_url["/en/search"]
    assert {"limit", "offset", "q", "tag", "lang"} <= by_url["/api/v1/concepts"]
    assert len(surface) > 100


def _is_valid(field, values: list[str]) -> bool:
    """Whether FastAPI would accept the last value (the one it reads) for this declared parameter."""
    value, errors = field.validate(values[-1], {}, loc=("query", field.alias))
    return not errors


# Parameters a route requires, sent with a valid value beside the one being fuzzed: otherwise the refusal names the
# missing one, and the fuzzed parameter is never read.
REQUIRED = {"/api/v1/search": [("q", "pod")]}


def _with_required(url: str, name: str, params: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(key, value) for key, value in REQUIRED.get(url, []) if key != name] + params


def check(response, url: str, name: str, field, values: list[str]) -> None:
    """The shared rules: no server error, no trace, and a refusal that names the parameter."""
    assert response.status_code < 500, (url, name, values, response.text[:500])
    assert no_traceback(response.text), (url, name, values)
    api = url.startswith("/api/")
    if response.status_code in (400, 422):
        if api:
            assert response.headers["content-type"].startswith("application/problem+json")
            problem = response.json()
            named = [p["name"] for p in problem.get("invalid_params", [])] or [problem.get("detail", "")]
            assert any(name in text for text in named) or response.status_code == 400, (url, name, problem)
        else:
            assert response.headers["content-type"].startswith("text/html")
    if field is not None and not _is_valid(field, values):
        # (A value the declaration allows may still be refused by a rule between parameters: schemathesis
        # checks the other direction.)
        assert response.status_code == (422 if api else 400) and name in response.text, (
            url, name, values, response.status_code, response.text[:300])
    elif field is None and response.status_code == 200 and not api:
        # A form field checked by the page itself: its error sits beside it; another field's error names it
        # (a rule between two fields, such as min_replicas ≤ max_replicas).
        for other, message in field_errors(response.text).items():
            assert other == name or name in message, (url, name, values, other, message)


def test_every_parameter_gets_hostile_values(shared_client, surface):
    """Each parameter gets one of the hostile texts (in turn, so every text reaches many parameters), sent twice:
    a repeated parameter must not confuse the route either."""
    for index, (url, name, field) in enumerate(surface):
        value = HOSTILE_TEXTS[index % len(HOSTILE_TEXTS)]
        params = _with_required(url, name, [(name, "1"), (name, value)])
        check(shared_client.get(url, params=params), url, name, field, ["1", value])


@hostile(60)
@given(data=st.data())
def test_parameters_fuzzed(shared_client, surface, data):
    url, name, field = data.draw(st.sampled_from(surface), label="parameter")
    values = data.draw(repeated_values, label="values")
    params = _with_required(url, name, [(name, value) for value in values])
    check(shared_client.get(url, params=params), url, name, field, values)


@hostile(15)
@given(data=st.data())
def test_parameters_fuzzed_together(shared_client, surface, data):
    url = data.draw(st.sampled_from(sorted({url for url, _, _ in surface})), label="url")
    chosen = data.draw(st.lists(st.sampled_from([(n, f) for u, n, f in surface if u == url]), min_size=1,
                                max_size=5, unique_by=lambda pair: pair[0]), label="parameters")
    params = [(name, data.draw(repeated_values, label=name)) for name, _ in chosen]
    response = shared_client.get(url, params=[(name, value) for name, values in params for value in values])
    assert response.status_code < 500, (url, params, response.text[:500])
    assert no_traceback(response.text), (url, params)
