"""Every answer carries the security headers and its request id: the 500 page and the refusals made before any
route runs included; over HTTPS every answer also asks the browser to stay on HTTPS."""

import pytest
from fastapi.testclient import TestClient

from app.main import create_app

PROMISED = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
            "X-Request-ID")


def _broken() -> None:
    raise RuntimeError("a bug in a route")


@pytest.fixture
def broken_app(settings):
    """The app with a page and an API route that fail with an unexpected error."""
    app = create_app(settings)
    app.add_api_route("/en/broken", _broken)
    app.add_api_route("/api/v1/broken", _broken)
    return app


def _assert_promised_headers(response) -> None:
    for name in PROMISED:
        assert name in response.headers, (name, response.status_code, dict(response.headers))
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "base-uri 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/en/broken", "/api/v1/broken"])
def test_unexpected_error_answer_carries_the_security_headers_and_request_id(broken_app, path):
    with TestClient(broken_app, raise_server_exceptions=False) as client:
        response = client.get(path, headers={"X-Request-ID": "trace-me-123"})
    assert response.status_code == 500
    _assert_promised_headers(response)
    assert response.headers["X-Request-ID"] == "trace-me-123"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Traceback" not in response.text


def test_refusals_before_any_route_carry_the_security_headers(client):
    preflight = client.options("/api/v1/concepts", headers={"Origin": "https://elsewhere.example",
                                                            "Access-Control-Request-Method": "GET"})
    too_large = client.post("/admin/login", content=b"x", headers={"Content-Length": "99999999999"})
    for response in (preflight, too_large, client.get("/en/no-such-page")):
        _assert_promised_headers(response)


def test_answers_over_https_ask_for_strict_transport_security(settings):
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        page, kept, missing = client.get("/en/concepts"), client.get("/en/concepts"), client.get("/en/nope")
    for response in (page, kept, missing):
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_answers_over_http_make_no_https_promise(client):
    assert "Strict-Transport-Security" not in client.get("/en/concepts").headers
