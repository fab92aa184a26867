"""Log lines in development: short and readable at a terminal (production's JSON lines: tests/http/test_operations.py)."""

import logging
import re
import sys

import httpx

from app.cli import server_options
from app.http.request_log import ReadableFormatter
from app.settings import Settings
from tests.servers import environment, running, serve_command

CLOCK = r"\d\d:\d\d:\d\d"


def test_an_access_line_reads_method_path_status_and_time(client, caplog):
    caplog.set_level(logging.INFO, logger="app.access")
    client.get("/en/concepts?tag=docker&token=hunter2", headers={"X-Request-ID": "req-42"})
    [record] = [record for record in caplog.records if record.name == "app.access"]
    line = ReadableFormatter().format(record)
    assert re.fullmatch(rf"{CLOCK} GET /en/concepts 200 \d+\.\d ms", line), line  # no query string, no request id


def test_server_messages_are_plain_and_warnings_say_so():
    formatter = ReadableFormatter()
    started = logging.makeLogRecord({"name": "uvicorn.error", "levelno": logging.INFO, "levelname": "INFO",
                                     "msg": "Started server process [%d]", "args": (42,)})
    assert re.fullmatch(rf"{CLOCK} Started server process \[42\]", formatter.format(started))
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        failed = logging.makeLogRecord({"name": "app.http.problems", "levelno": logging.ERROR, "levelname": "ERROR",
                                        "msg": "unhandled error on %s", "args": ("/x",), "exc_info": sys.exc_info()})
    first, *rest = formatter.format(failed).splitlines()
    assert re.fullmatch(rf"{CLOCK} ERROR app.http.problems: unhandled error on /x", first)
    assert rest[0] == "Traceback (most recent call last):" and rest[-1] == "RuntimeError: boom"


def test_development_logs_readable_lines_and_production_json(fresh_database, small_template):
    options = {env: server_options(Settings(env=env, secret_key="s" * 48, database_url=fresh_database(small_template)),
                                   "127.0.0.1", 8000, 1)["log_config"] for env in ("dev", "prod")}
    assert options["dev"]["formatters"]["lines"]["()"].endswith(".ReadableFormatter")
    assert options["prod"]["formatters"]["lines"]["()"].endswith(".JsonFormatter")


def test_make_run_serves_with_readable_lines(fresh_database, small_template, tmp_path):
    # `make run` is `explorer serve` with EXPLORER_ENV=dev, as servers.environment() sets it.
    with running(serve_command(), environment(fresh_database(small_template)), tmp_path / "dev.log") as server:
        assert httpx.get(f"{server.url}/en/concepts/docker", timeout=30).status_code == 200
        server.stop()
    lines = server.output().splitlines()
    assert any(re.fullmatch(rf"{CLOCK} GET /en/concepts/docker 200 \d+\.\d ms", line) for line in lines), lines
    assert any(re.fullmatch(rf"{CLOCK} Application startup complete\.", line) for line in lines), lines
    assert not any(line.startswith("{") for line in lines), lines
