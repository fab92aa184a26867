"""The front door: a kept page is answered before the middleware stack, with exactly what the stack would send;
everything the stack must see (CORS, a refused host, the admin's cookie, an edit) still reaches it."""

import contextlib
import io
import json
import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session

from app.http import request_log
from app.http.cookies import SESSION_COOKIE
from app.http.request_log import BackgroundStreamHandler, JsonFormatter, ReadableFormatter, access_record, log_access
from app.main import create_app
from app.models import ContentState

PER_REQUEST = {"x-request-id", "server-timing", "date"}
URLS = [
    ("/ko/concepts/docker", {}),
    ("/en/concepts/docker", {}),
    ("/en/concepts/docker", {"Accept-Encoding": "gzip"}),
    ("/api/v1/concepts/docker?lang=en", {}),
    ("/api/v1/concepts/docker", {"Accept-Language": "en"}),
    ("/ko/stacks?view=both", {}),
]


def door_answers(client: TestClient) -> list[str]:
    """Record the paths the front door answered from now on."""
    door = client.app.front_door
    answered = []
    answer = door.answer

    async def recording(scope, send):
        done = await answer(scope, send)
        if done:
            answered.append(scope["path"])
        return done

    door.answer = recording
    return answered


def comparable(response) -> tuple:
    headers = sorted((name, value) for name, value in response.headers.multi_items() if name not in PER_REQUEST)
    return response.status_code, headers, response.content


@pytest.fixture
def clients(settings):
    """Two apps on the same database: one with its front door, one without (every request through the stack)."""
    with TestClient(create_app(settings)) as door, TestClient(create_app(settings)) as stack:
        stack.app.front_door = None
        yield door, stack


@pytest.mark.parametrize("url, headers", URLS)
def test_a_kept_page_from_the_door_is_what_the_stack_sends(clients, url, headers):
    door, stack = clients
    for client in clients:
        assert client.get(url, headers=headers).status_code == 200  # rendered, now kept
    answered = door_answers(door)
    from_door, from_stack = door.get(url, headers=headers), stack.get(url, headers=headers)
    assert answered == [url.split("?")[0]]
    assert comparable(from_door) == comparable(from_stack)
    assert from_door.headers["x-content-type-options"] == "nosniff"
    assert from_door.headers["x-request-id"] and from_door.headers["server-timing"].startswith("app;dur=")
    etag = from_door.headers["etag"]
    revalidated = door.get(url, headers={**headers, "If-None-Match": etag})
    assert revalidated.status_code == 304 and revalidated.content == b""
    assert comparable(revalidated) == comparable(stack.get(url, headers={**headers, "If-None-Match": etag}))
    head = door.head(url, headers=headers)
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag
    assert len(answered) == 3


def test_a_request_from_another_origin_gets_its_cors_headers_from_the_stack(client):
    url = "/api/v1/concepts/docker?lang=en"
    client.get(url)
    answered = door_answers(client)
    response = client.get(url, headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    assert answered == []
    assert client.get(url).status_code == 200 and answered == ["/api/v1/concepts/docker"]


def test_a_host_that_is_not_allowed_is_refused_even_for_a_kept_page(settings):
    settings.allowed_hosts = "explorer.example"
    with TestClient(create_app(settings), base_url="http://explorer.example") as client:
        assert client.get("/en/concepts/docker").status_code == 200
        answered = door_answers(client)
        assert client.get("/en/concepts/docker").status_code == 200
        refused = client.get("/en/concepts/docker", headers={"Host": "evil.example"})
        assert refused.status_code == 400 and refused.headers["x-frame-options"] == "DENY"
        assert answered == ["/en/concepts/docker"]


def test_the_admins_cookie_and_other_methods_go_through_the_stack(client):
    client.get("/en/concepts/docker")
    answered = door_answers(client)
    client.get("/en/concepts/docker", headers={"Cookie": f"{SESSION_COOKIE}=whatever"})
    client.post("/en/concepts/docker")
    client.get("/admin/login")
    assert answered == []


def test_an_edit_is_seen_at_once_and_the_new_page_is_kept_again(client, settings):
    url = "/en/concepts/docker"
    client.get(url)
    answered = door_answers(client)
    engine = client.app.state.engine
    with Session(engine) as session:
        session.exec(update(ContentState).values(revision=ContentState.revision + 1))
        session.commit()
    client.get(url)  # the revision moved on: rendered by the stack, and kept
    client.get(url)
    assert answered == [url]


def test_each_answer_from_the_door_writes_one_access_line(client, caplog):
    client.get("/en/concepts/docker")
    caplog.set_level(logging.INFO, logger="app.access")
    answered = door_answers(client)
    response = client.get("/en/concepts/docker", headers={"X-Request-ID": "door-1"})
    [record] = [record for record in caplog.records if record.name == "app.access"]
    assert answered and response.headers["x-request-id"] == "door-1"
    assert (record.method, record.path, record.status, record.request_id) == ("GET", "/en/concepts/docker", 200,
                                                                              "door-1")


ODD = [(1764970000.1234, "GET", '/a"b\\c\x01é/한국', 200, 1.5, "abc", "127.0.0.1"),
       (1764970000.9996, "HEAD", "/", 304, 0.0, "x", None)]


@pytest.mark.parametrize("formatter", [JsonFormatter(), ReadableFormatter()], ids=["json", "readable"])
@pytest.mark.parametrize("fields", ODD, ids=["odd-path", "no-client"])
def test_an_access_line_from_its_fields_is_the_line_of_its_record(formatter, fields):
    assert formatter.format_access(fields) == formatter.format(access_record(fields))


@contextlib.contextmanager
def only_handler():
    """The server's logging: one BackgroundStreamHandler on the root logger, nothing else (pytest's own
    capturing handlers, added for each test, taken away meanwhile)."""
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    stream = io.StringIO()
    handler = BackgroundStreamHandler(stream, delay=60)
    handler.setFormatter(JsonFormatter())
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    try:
        yield handler, stream
    finally:
        root.handlers[:] = saved
        root.setLevel(level)
        handler.close()


def test_with_the_servers_handler_alone_a_request_queues_only_its_fields():
    with only_handler() as (handler, stream):
        log_access("GET", "/en/concepts/docker", 200, 0.1, "r1", "127.0.0.1")
        assert stream.getvalue() == "" and isinstance(handler._queue[0], tuple)  # no record was made
        logging.getLogger("uvicorn.error").warning("shutting down")  # any other record writes the queue first
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert (first["logger"], first["path"], first["request_id"]) == ("app.access", "/en/concepts/docker", "r1")
    assert second["message"] == "shutting down"


def test_any_other_handler_gets_an_ordinary_record():
    seen = []
    other = logging.Handler()
    other.emit = seen.append
    with only_handler() as (handler, _):
        assert request_log._only_handler() is handler
        logging.getLogger("app").addHandler(other)
        try:
            assert request_log._only_handler() is None
            log_access("GET", "/x", 404, 0.2, "r2", None)
        finally:
            logging.getLogger("app").removeHandler(other)
        assert [record.status for record in seen] == [404] and isinstance(handler._queue[0], logging.LogRecord)
