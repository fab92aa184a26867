"""Operations: one structured log line per request, trusted proxies, graceful shutdown, readiness that recovers."""

import contextlib
import json
import logging
import shutil
import signal
import socket
import sys
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.http.request_log import JsonFormatter
from app.main import create_app
from app.settings import Settings
from tests.admin.conftest import ADMIN, PASSWORD, log_in
from tests.servers import environment, running, serve_command

SLOW_SECONDS = 2.0


def slow_app():
    """The app with one extra route that takes a while, to have a request in flight during shutdown."""
    import asyncio

    app = create_app()

    @app.get("/slow-for-tests")
    async def slow():
        await asyncio.sleep(SLOW_SECONDS)
        return {"finished": True}

    return app


def _access_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "app.access"]


def test_each_request_logs_one_line_with_its_fields(client, caplog):
    caplog.set_level(logging.INFO, logger="app.access")
    response = client.get("/ko/concepts?tag=docker&token=hunter2", headers={"X-Request-ID": "req-42"})
    assert response.headers["x-request-id"] == "req-42"
    [record] = _access_lines(caplog)
    assert (record.method, record.path, record.status, record.request_id) == ("GET", "/ko/concepts", 200, "req-42")
    assert record.duration_ms >= 0
    line = json.loads(JsonFormatter().format(record))
    assert {"time", "level", "message", "method", "path", "status", "duration_ms", "request_id"} <= set(line)
    assert "hunter2" not in json.dumps(line)  # the query string is never logged


def test_responses_say_how_long_the_server_took(client):
    timing = client.get("/ko/concepts?tag=docker").headers["server-timing"]
    assert timing.startswith("app;dur=") and float(timing.removeprefix("app;dur=")) >= 0


def test_request_id_is_made_when_missing_or_malformed(client, caplog):
    caplog.set_level(logging.INFO, logger="app.access")
    made = client.get("/healthz").headers["x-request-id"]
    replaced = client.get("/healthz", headers={"X-Request-ID": "bad id\twith\nlines" + "x" * 80})
    assert len(made) == 32 and made != replaced.headers["x-request-id"]
    assert [record.request_id for record in _access_lines(caplog)] == [made, replaced.headers["x-request-id"]]


def test_errors_are_logged_with_their_status(client, caplog):
    caplog.set_level(logging.INFO, logger="app.access")
    assert client.get("/ko/concepts/nope").status_code == 404
    assert [record.status for record in _access_lines(caplog)] == [404]


def test_logging_in_logs_no_password_or_cookie(settings, caplog):
    caplog.set_level(logging.DEBUG)
    settings.admin_user, settings.admin_password = ADMIN, SecretStr(PASSWORD)
    with TestClient(create_app(settings)) as browser:
        assert log_in(browser).status_code == 303
        cookie = browser.cookies.get("explorer_admin")
        assert log_in(browser, password="wrong but secret-ish").status_code == 401
    text = "\n".join(JsonFormatter().format(record) for record in caplog.records)
    assert "POST /admin/login" in text
    for secret in (PASSWORD, "wrong but secret-ish", cookie, settings.session_secret):
        assert secret not in text


def test_server_writes_json_lines_and_believes_only_configured_proxies(fresh_database, small_template, tmp_path):
    url = fresh_database(small_template)
    forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Request-ID": "from-the-proxy"}
    production = {"env": "prod", "secret_key": "s" * 48}  # JSON lines are production's; development's are readable
    with running(serve_command(), environment(url, forwarded_allow_ips="127.0.0.1", **production),
                 tmp_path / "trusting.log") as a, \
            running(serve_command(), environment(url, **production), tmp_path / "default.log") as b:
        for server in (a, b):
            assert httpx.get(f"{server.url}/healthz", headers=forwarded, timeout=30).status_code == 200
        clients = {}
        for server in (a, b):
            server.stop()
            lines = [json.loads(line) for line in server.output().splitlines() if line.startswith("{")]
            [access] = [line for line in lines if line.get("request_id") == "from-the-proxy"]
            assert access["logger"] == "app.access" and access["status"] == 200 and access["path"] == "/healthz"
            clients[server] = access["client"]
        assert clients == {a: "203.0.113.7", b: "127.0.0.1"}


def test_sigterm_lets_requests_in_flight_finish(fresh_database, small_template, tmp_path):
    command = [sys.executable, "-c",
               "import uvicorn; from app.cli import server_options; from app.settings import Settings; "
               "uvicorn.run('tests.http.test_operations:slow_app', factory=True, "
               "**server_options(Settings(), '127.0.0.1', {port}, 1))"]
    with running(command, environment(fresh_database(small_template)), tmp_path / "slow.log") as server:
        result = {}

        def ask():
            result["response"] = httpx.get(f"{server.url}/slow-for-tests", timeout=30)

        asking = threading.Thread(target=ask)
        asking.start()
        time.sleep(SLOW_SECONDS / 3)  # the request is in flight now
        stopping = threading.Thread(target=server.stop)
        stopping.start()
        time.sleep(SLOW_SECONDS / 3)
        with pytest.raises(httpx.ConnectError):  # stopping: no new connections
            httpx.get(f"{server.url}/healthz", timeout=5)
        asking.join(timeout=30)
        stopping.join(timeout=30)
        assert result["response"].status_code == 200 and result["response"].json() == {"finished": True}
        # uvicorn finishes, then lets SIGTERM end the process as it would have (status -15), or exits 0.
        assert server.process.returncode in (0, -signal.SIGTERM), server.output()
        assert "Finished server process" in server.output()


class Forwarder:
    """A TCP relay in front of the database server: stop it and the database is unreachable."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port: int | None = None
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen()
        self.port, self._listener = listener.getsockname()[1], listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                inbound, _ = listener.accept()
            except OSError:
                return
            outbound = socket.create_connection(("127.0.0.1", self.target_port))
            self._sockets += [inbound, outbound]
            for source, target in ((inbound, outbound), (outbound, inbound)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        """Refuse new connections and cut the open ones."""
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close() alone would not
        self._listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self._sockets.clear()


def test_readiness_fails_while_postgresql_is_unreachable_and_recovers(fresh_database, small_template, postgres):
    if postgres is None:
        pytest.skip("runs in the PostgreSQL pass (pytest --database=postgresql); the SQLite case is below")
    name = fresh_database(small_template).rsplit("/", 1)[1]
    relay = Forwarder(postgres.port)
    relay.start()
    settings = Settings(env="dev", database_url=f"postgresql+psycopg://postgres@127.0.0.1:{relay.port}/{name}")
    try:
        with TestClient(create_app(settings)) as client:
            assert client.get("/readyz").status_code == 200
            relay.stop()
            down = client.get("/readyz")
            assert down.status_code == 503 and down.json()["status"] == "unavailable"
            assert client.get("/healthz").status_code == 200  # alive: restarting would not help
            relay.start()
            assert client.get("/readyz").json() == {"status": "ok"}
            assert client.get("/api/v1/concepts/docker").status_code == 200
    finally:
        relay.stop()


def test_readiness_fails_while_sqlite_is_unreachable_and_recovers(tmp_path, small_template, postgres):
    if postgres is not None:
        pytest.skip("the SQLite case; PostgreSQL is tested above")
    database = tmp_path / "explorer.db"
    shutil.copyfile(small_template, database)
    settings = Settings(env="dev", database_url=f"sqlite:///{database}")
    with TestClient(create_app(settings)) as client:
        assert client.get("/readyz").status_code == 200
        client.app.state.engine.dispose()  # no connection kept open from before the outage
        database.rename(tmp_path / "away.db")
        database.mkdir()  # a directory where the file should be: SQLite cannot open it
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 200
        database.rmdir()
        (tmp_path / "away.db").rename(database)
        assert client.get("/readyz").json() == {"status": "ok"}


def test_readiness_fails_until_the_schema_is_migrated(fresh_database):
    settings = Settings(env="dev", database_url=fresh_database(None), migrate_on_start=False)
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
        assert response.status_code == 503 and response.json()["status"] == "unavailable"
        from app.db import migrate

        migrate(client.app.state.engine)
        assert client.get("/readyz").status_code == 200


def test_access_lines_are_written_in_batches_and_in_order():
    import io

    from app.http.request_log import BackgroundStreamHandler

    stream = io.StringIO()
    handler = BackgroundStreamHandler(stream, delay=60)  # the writer thread would wait a minute
    handler.setFormatter(JsonFormatter())
    access = logging.getLogger("app.access").makeRecord("app.access", logging.INFO, __file__, 0, "GET %s", ("/a",),
                                                        None)
    handler.handle(access)
    assert stream.getvalue() == ""  # queued, not yet written
    handler.handle(logging.makeLogRecord({"name": "uvicorn.error", "msg": "Finished server process"}))
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["message"] for line in lines] == ["GET /a", "Finished server process"]
    handler.handle(access)
    handler.flush()  # at exit, logging.shutdown() flushes what is queued
    assert len(stream.getvalue().splitlines()) == 3
    handler.close()


def test_a_migrated_database_is_recognised_without_alembic(settings, tmp_path):
    from alembic.script import ScriptDirectory

    from app.db import _head_revisions, alembic_config, make_engine, schema_is_current

    engine = make_engine(settings.database_url)
    try:
        assert _head_revisions() == set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
        assert schema_is_current(engine)
    finally:
        engine.dispose()
    empty = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        assert not schema_is_current(empty)
    finally:
        empty.dispose()


def test_only_the_served_app_moves_its_start_up_objects_out_of_the_collectors_reach(settings):
    """The module's app (what `explorer serve` runs) freezes what exists once started; apps made by
    create_app() alone, one after another as here, do not, or each would keep what it froze."""
    import gc

    from app.main import create_app

    gc.unfreeze()
    try:
        with TestClient(create_app(settings)):
            assert gc.get_freeze_count() == 0
        with TestClient(create_app(settings, freeze_gc=True)):
            assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
