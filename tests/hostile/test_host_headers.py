"""Host and X-Forwarded-* spoofing: no URL the app writes names a host the request made up, EXPLORER_ALLOWED_HOSTS
turns other hosts away, and X-Forwarded-For/-Proto are believed only from EXPLORER_FORWARDED_ALLOW_IPS."""

import re

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.cli import server_options
from app.http.security import host_allowed, parse_allowed_hosts, relative_location
from app.main import create_app
from app.models import LoginAttempt
from tests.admin.conftest import log_in

EVIL = "evil.example"
SPOOFED = {"Host": EVIL, "X-Forwarded-Host": EVIL, "X-Forwarded-Proto": "https", "X-Forwarded-For": "6.6.6.6",
           "X-Forwarded-Server": EVIL, "Forwarded": f"host={EVIL};proto=https", "X-Original-URL": "/admin",
           "X-Rewrite-URL": "/admin"}
# Every kind of answer: pages, JSON with links, redirects (trailing slash, login), OpenAPI, docs, static, errors.
URLS = ["/", "/concepts", "/concepts/", "/concepts/docker", "/concepts/docker/", "/compare", "/compare/",
        "/stacks", "/stacks/", "/scenarios", "/scenarios/self-healing?step=1", "/calculators/hpa", "/search?q=pod",
        "/en/", "/ko/concepts", "/en/concepts/docker", "/ko/stacks?view=both", "/en/scenarios/self-healing?step=1",
        "/concepts/docker?lang=en", "/en", "/language/en?next=/admin",
        "/api/v1/concepts?limit=1", "/api/v1/concepts/", "/api/v1/concepts/docker", "/api/v1/search?q=pod",
        "/api/v1/scenarios/self-healing/steps/0", "/openapi.json", "/docs", "/static", "/static/css/site.css",
        "/admin", "/admin/", "/admin/concepts", "/admin/login?next=/admin/concepts", "/nowhere", "/api/v1/nowhere",
        "/admin%2F", "/healthz", "/readyz"]


@pytest.mark.parametrize("url", URLS)
def test_no_url_the_app_writes_names_a_spoofed_host(shared_client, url):
    response = shared_client.get(url, headers=SPOOFED, follow_redirects=False)
    assert response.status_code < 500
    for name, value in response.headers.multi_items():
        assert EVIL not in value, (name, value)
    assert EVIL not in response.text
    location = response.headers.get("location")
    if location:
        assert location.startswith("/") and not location.startswith("//"), location


def test_the_openapi_description_names_no_server(shared_client):
    assert "servers" not in shared_client.get("/openapi.json", headers=SPOOFED).json()


@pytest.mark.parametrize("location, expected", [
    ("http://evil.example/concepts", "/concepts"), ("https://evil.example/a?b=1#c", "/a?b=1#c"),
    ("http://evil.example//other.example/x", "/other.example/x"), ("http://EVIL.example/", "/"),
    ("http://elsewhere.example/x", "http://elsewhere.example/x"), ("/already/relative", "/already/relative"),
])
def test_redirects_to_the_requested_host_become_paths(location, expected):
    scope = {"type": "http", "headers": [(b"host", EVIL.encode())]}
    assert relative_location(location, scope) == expected


@pytest.fixture
def strict_client(settings):
    settings.allowed_hosts = "explorer.example, *.k8s.example"
    with TestClient(create_app(settings), base_url="http://explorer.example") as client:
        yield client


@pytest.mark.parametrize("host, allowed", [
    ("explorer.example", True), ("explorer.example:8443", True), ("EXPLORER.example", True),
    ("a.k8s.example", True), ("k8s.example", False), ("evil.example", False), ("explorer.example.evil", False),
    ("", False), ("explorer.example@evil.example", False), ("[::1]", False), ("explorer.example:x", False),
])
def test_only_allowed_hosts_are_answered(strict_client, host, allowed):
    for url in ("/", "/concepts/", "/api/v1/concepts"):
        response = strict_client.get(url, headers={"Host": host}, follow_redirects=False)
        if allowed:
            assert response.status_code in (200, 302, 307), (host, url)
            assert not response.headers.get("location", "/").startswith("http"), (host, url)  # never the Host
        else:
            assert response.status_code == 400, (host, url)
            assert "host" in response.text.lower()
            assert response.headers["x-frame-options"] == "DENY"
            if url.startswith("/api/"):
                assert response.headers["content-type"] == "application/problem+json"


def test_probes_are_answered_whatever_the_host(strict_client):
    for path in ("/healthz", "/readyz"):
        assert strict_client.get(path, headers={"Host": "10.1.2.3:8000"}).status_code == 200


def test_allowed_hosts_parsing():
    assert parse_allowed_hosts(None) == ("*",) and parse_allowed_hosts(" , ") == ("*",)
    allowed = parse_allowed_hosts("A.example ,*.b.example")
    assert allowed == ("a.example", "*.b.example")
    assert host_allowed("a.example:80", allowed) and host_allowed("x.b.example", allowed)
    assert not host_allowed("b.example", allowed) and not host_allowed("xa.example", allowed)


def _behind_uvicorn(app, trusted: str | None, peer: str) -> TestClient:
    """The app as `explorer serve` runs it: uvicorn's proxy-header handling with the configured addresses."""
    app.state.settings.forwarded_allow_ips = trusted
    options = server_options(app.state.settings, "127.0.0.1", 8000, 1)
    config = uvicorn.Config(app, proxy_headers=options["proxy_headers"],
                            forwarded_allow_ips=options["forwarded_allow_ips"], log_config=None)
    config.load()
    return TestClient(config.loaded_app, client=(peer, 40000))


@pytest.mark.parametrize("trusted, peer, believed", [
    (None, "203.0.113.5", False), ("10.0.0.0/8", "203.0.113.5", False), ("10.0.0.0/8", "10.1.2.3", True),
    ("203.0.113.5", "203.0.113.5", True),
])
def test_forwarded_headers_are_believed_only_from_configured_proxies(app, trusted, peer, believed):
    with TestClient(app):  # runs the start-up: migrations, the first admin
        pass
    with _behind_uvicorn(app, trusted, peer) as client:
        page = client.get("/admin/login", headers={"X-Forwarded-Proto": "https"})
        assert ("secure" in page.headers["set-cookie"].lower()) == believed
        client.cookies.clear()
        log_in(client, password="wrong password, twice over", **{"X-Forwarded-For": "198.51.100.77"})
        with Session(app.state.engine) as db:  # read before the app's shutdown closes its connections
            clients = [attempt.client for attempt in db.exec(select(LoginAttempt))]
    assert clients == ["198.51.100.77" if believed else peer]


def test_the_login_form_posts_to_a_path(shared_client):
    form = shared_client.get("/admin/login", headers=SPOOFED).text
    assert re.search(r'<form method="post" action="/admin/login"', form)
