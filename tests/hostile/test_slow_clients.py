"""Clients that send their request one byte at a time are cut off within a bound, by a real `explorer serve`:
headers (the server's protocol), a body (the app), and a connection that sends nothing; and by nginx in front of
it, as deploy/nginx/explorer-cache.conf sets it up."""

import socket
import time

import httpx
import pytest

from tests.admin.conftest import csrf_token
from tests.servers import environment, free_port, nginx, nginx_configuration, running, serve_command

BOUND = 2.0  # the server's header and body limits in these tests (EXPLORER_*_TIMEOUT_SECONDS); 10 s and 30 s by default
SLACK = 2.5  # a busy 2-core machine answers late


@pytest.fixture(scope="module")
def server(tmp_path_factory, small_template, postgres):
    if postgres is not None:
        pytest.skip("the server's own limits: the SQLite pass covers them")
    directory = tmp_path_factory.mktemp("slow")
    database = directory / "explorer.db"
    database.write_bytes(small_template.read_bytes())
    env = environment(f"sqlite:///{database}", header_timeout_seconds=str(BOUND), body_timeout_seconds=str(BOUND))
    with running(serve_command(), env, directory / "serve.log") as running_server:
        yield running_server


def _connect(server) -> socket.socket:
    host, port = server.url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=BOUND + SLACK + 5)
    return connection


def _trickle(connection: socket.socket, data: bytes, every: float = 0.5) -> tuple[float, bytes]:
    """Send data one byte each `every` seconds until the server answers or closes; (seconds taken, its answer)."""
    began = time.monotonic()
    connection.setblocking(False)
    answer = b""
    for byte in data:
        try:
            connection.send(bytes([byte]))
        except OSError:  # closed by the server
            break
        time.sleep(every)
        try:
            chunk = connection.recv(4096)
        except BlockingIOError:
            continue
        except OSError:
            break
        answer += chunk
        if not chunk:
            break
        if time.monotonic() - began > 3 * (BOUND + SLACK):
            break
    connection.settimeout(2)
    try:
        while chunk := connection.recv(4096):
            answer += chunk
    except OSError:
        pass
    return time.monotonic() - began, answer


def test_headers_sent_a_byte_at_a_time_are_cut_off_with_408(server):
    request = b"GET /en/concepts/docker HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + b"s" * 200 + b"\r\n\r\n"
    with _connect(server) as connection:
        took, answer = _trickle(connection, request)
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert took < BOUND + SLACK, took


def test_a_connection_that_sends_nothing_is_closed(server):
    with _connect(server) as connection:
        began = time.monotonic()
        answer = connection.recv(4096)  # the 408, then the end of the stream
        while chunk := connection.recv(4096):
            answer += chunk
        took = time.monotonic() - began
    assert answer.startswith(b"HTTP/1.1 408 ") and took < BOUND + SLACK, (took, answer[:100])


def test_a_body_sent_a_byte_at_a_time_is_cut_off_with_408_and_the_connection_closed(server):
    body = b'{"kind": "self-healing", "params": {}}' + b" " * 200
    head = (b"POST /api/v1/simulations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    with _connect(server) as connection:
        connection.sendall(head)
        took, answer = _trickle(connection, body)
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:300]
    assert b"application/problem+json" in answer and b"connection: close" in answer.lower()
    assert took < BOUND + SLACK, took


def _whole_response(connection) -> bytes:
    """One response, headers and its Content-Length of body, however the bytes arrive."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += connection.recv(4096)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":", 1)[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")))
    while len(body) < length:
        body += connection.recv(4096)
    return head


def test_a_quick_client_is_served_as_before(server):
    with _connect(server) as connection:
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert _whole_response(connection).startswith(b"HTTP/1.1 200 ")
        time.sleep(BOUND + 0.5)  # idle between requests is timeout_keep_alive's (5 s), not the header clock's
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert _whole_response(connection).startswith(b"HTTP/1.1 200 ")


# deploy/nginx/explorer-cache.conf in front of the same server, its limits shortened to BOUND.
NGINX_LIMITS = {"client_header_timeout 10s;": f"client_header_timeout {BOUND:g}s;",
                "client_body_timeout 30s;": f"client_body_timeout {BOUND:g}s;",
                "send_timeout 30s;": f"send_timeout {BOUND:g}s;"}


@pytest.fixture(scope="module")
def proxy(server, tmp_path_factory):
    port = free_port()
    tmp = tmp_path_factory.mktemp("nginx")
    upstream = server.url.removeprefix("http://")
    with nginx(nginx_configuration([upstream], port, tmp, NGINX_LIMITS), port, tmp) as url:
        yield type("Proxy", (), {"url": url})()


def test_nginx_cuts_off_headers_sent_a_byte_at_a_time_with_408(proxy):
    request = b"GET /en/concepts/docker HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + b"s" * 200 + b"\r\n\r\n"
    with _connect(proxy) as connection:
        took, answer = _trickle(connection, request)
    # nginx answers 408 to a request it has not read, or only closes the connection: either way it is cut off.
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert took < BOUND + SLACK, took


def test_nginx_cuts_off_a_body_that_pauses_longer_than_its_limit(proxy):
    body = b'{"kind": "self-healing", "params": {}}'
    head = (b"POST /api/v1/simulations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    with _connect(proxy) as connection:
        connection.sendall(head + body[:5])
        began = time.monotonic()
        connection.settimeout(BOUND + SLACK + 5)
        answer = b""
        try:
            while chunk := connection.recv(4096):
                answer += chunk
        except OSError:
            pass
        took = time.monotonic() - began
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert took < BOUND + SLACK, took


def test_nginx_passes_a_quick_request(proxy):
    with _connect(proxy) as connection:
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert connection.recv(4096).startswith(b"HTTP/1.1 200 ")


def test_a_form_posted_through_nginx_on_its_own_port_passes_the_origin_check(proxy):
    """nginx passes the Host the browser sent, port included, so the whole-origin check sees its own site."""
    with httpx.Client(base_url=proxy.url, timeout=30) as client:
        page = client.get("/admin/login")
        response = client.post("/admin/login", headers={"Origin": proxy.url},
                               data={"username": "nobody", "password": "wrong password",
                                     "csrf_token": csrf_token(page.text)})
    assert response.status_code != 403, response.text[:300]  # 403 is the origin refusal; a wrong password is not it
    assert response.status_code < 500
