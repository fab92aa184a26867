"""The servers bench/load_bench.py starts and loads: the references answering the same bytes as the app (a minimal
FastAPI app and a bare ASGI app), nginx, processes and their CPU, and the load generators (wrk, or a small Python
one); all on 127.0.0.1."""

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
CONNECTIONS = 32
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# As root, nginx workers would switch to an unprivileged user that cannot read the private temporary folder.
USER = "user root;\n" if os.geteuid() == 0 else ""

# The references answer the same bytes as the app for each URL form: a page in each language, the JSON, and the
# 304 of a revalidation (at a path of its own, so that neither reference reads request headers). The bytes are read
# from BENCH_DIR: references.json maps each path to its file, status, media type and ETag (a 304 carries one).
REFERENCE_TABLE = '''
import json, os
from pathlib import Path

FOLDER = Path(os.environ["BENCH_DIR"])
TABLE = {path: (status, media, etag, (FOLDER / name).read_bytes())
         for path, (name, status, media, etag) in json.loads((FOLDER / "references.json").read_text()).items()}
'''

MINIMAL_APP = REFERENCE_TABLE + '''
from fastapi import FastAPI
from fastapi.responses import Response

app = FastAPI()


def route(status, media, etag, body):
    headers = {"ETag": etag} if etag else None

    async def answer():
        return Response(body, status_code=status, media_type=media, headers=headers)
    return answer


for path, entry in TABLE.items():
    app.get(path)(route(*entry))
'''

# The ceiling for a Python server here: an ASGI callable under the same uvicorn, headers and body precomputed.
BARE_ASGI_APP = REFERENCE_TABLE + '''
ANSWERS = {}
for path, (status, media, etag, body) in TABLE.items():
    headers = [(b"content-type", media.encode()), (b"content-length", str(len(body)).encode())]
    if etag:
        headers.append((b"etag", etag.encode()))
    ANSWERS[path] = ({"type": "http.response.start", "status": status, "headers": headers},
                     {"type": "http.response.body", "body": body})
MISSING = ({"type": "http.response.start", "status": 404, "headers": [(b"content-length", b"0")]},
           {"type": "http.response.body", "body": b""})


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            await send({"type": message["type"] + ".complete"})
            if message["type"] == "lifespan.shutdown":
                return
    start, body = ANSWERS.get(scope["path"], MISSING)
    await send(start)
    await send(body)
'''

NGINX_MAIN = """
{user}worker_processes 2;
daemon off;
master_process on;
pid {tmp}/nginx-{name}.pid;
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/nginx-{name}-body;
    proxy_temp_path {tmp}/nginx-{name}-proxy;
    fastcgi_temp_path {tmp}/nginx-{name}-fastcgi;
    uwsgi_temp_path {tmp}/nginx-{name}-uwsgi;
    scgi_temp_path {tmp}/nginx-{name}-scgi;
    types {{ text/html html; }}
    {body}
}}
"""

NGINX_STATIC = """
    server {{
        listen {host}:{port};
        root {tmp}/static;
        location / {{ default_type "text/html; charset=utf-8"; try_files $uri.html =404; }}
    }}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(port: int, path: str = "/", timeout: float = 60, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for port {port} exited with {process.returncode}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on {HOST}:{port}{path} within {timeout:.0f} s")


def fetch(port: int, path: str, headers: dict | None = None, method: str = "GET", body: bytes | None = None):
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Server:
    def __init__(self, name: str, command: list[str], port: int, env: dict | None = None, ready: str = "/"):
        self.name, self.port = name, port
        self.log = open(Path(tempfile.gettempdir()) / f"bench-{name}-{port}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})},
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.started = time.monotonic()
        wait_for(port, ready, process=self.process)
        self.ready_after = time.monotonic() - self.started

    def pids(self) -> list[int]:
        return process_tree(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def parse_duration(text: str) -> float:
    """wrk's 9.55ms, 1.02s, 812.00us in milliseconds (NaN when wrk printed none, e.g. no request finished)."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        return float("nan")
    value, unit = match.groups()
    return float(value) * {"us": 1e-3, "ms": 1, "s": 1e3, "m": 6e4}[unit]


def run_wrk(port: int, path: str, seconds: int, headers: dict, lua: Path | None) -> dict:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if lua:
        command += ["-s", str(lua)]
    output = subprocess.run(command + [f"http://{HOST}:{port}{path}"], capture_output=True, text=True,
                            timeout=seconds + 30).stdout
    requests = int(re.search(r"(\d+) requests in", output)[1])
    latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+(\S+)\s*$", output, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    return {"requests": requests, "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
            "p50": parse_duration(latency.get("50", "")), "p99": parse_duration(latency.get("99", "")),
            "errors": (int(non2xx[1]) if non2xx else 0) + (int(timeouts[1]) if timeouts else 0)}


def run_python_load(port: int, path: str, seconds: int, headers: dict, method: str, body: bytes | None) -> dict:
    """A small closed-loop load generator for machines without wrk (it is slower than the servers)."""
    stop = time.monotonic() + seconds
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def worker():
        nonlocal errors
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            if response.status >= 400:
                with lock:
                    errors += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {"requests": len(latencies), "rps": len(latencies) / seconds,
            "p50": latencies[len(latencies) // 2], "p99": latencies[int(len(latencies) * 0.99)], "errors": errors}


def check_proxy(port: int, forms: dict[str, str], bodies: dict[str, bytes]) -> str:
    """What nginx keeps (deploy/nginx/explorer-cache.conf): one copy of each page per URL, whatever the cookies; never
    the 302 of an address without a language (private) nor the 301 of an older ?lang= link (no caching header),
    nor anything asked with the admin's session cookie."""
    def status(path: str, headers: dict | None = None) -> tuple[int, str, bytes]:
        code, answer, body = fetch(port, path, headers)
        return code, answer.get("x-cache-status", answer.get("X-Cache-Status", "-")), body

    seen = []
    for form in ("ko", "en"):
        status(forms[form])
        code, cache, body = status(forms[form], {"Cookie": "lang=en; theme=dark"})
        assert code == 200 and cache == "HIT" and body == bodies[form], (form, code, cache)
        seen.append(f"{forms[form]}: {cache}")
    for _ in range(2):
        code, cache, _ = status("/concepts/docker", {"Accept-Language": "en"})
    assert code == 302 and cache != "HIT", (code, cache)
    seen.append(f"/concepts/docker (302): {cache} twice")
    for _ in range(2):
        code, cache, _ = status("/concepts/docker?lang=en")
    assert code == 301 and cache != "HIT", (code, cache)
    seen.append(f"/concepts/docker?lang=en (301): {cache} twice")
    code, cache, _ = status(forms["ko"], {"Cookie": "explorer_admin=x"})
    assert cache == "BYPASS", cache
    seen.append(f"{forms['ko']} with the admin cookie: {cache}")
    return "; ".join(seen)


def cold_start(command: list[str], port: int, env: dict, path: str) -> tuple[float, "Server"]:
    """Seconds from starting a server to its first 200 on path."""
    started = time.monotonic()
    server = Server(f"cold-{port}", command, port, env, ready=path)
    deadline = time.monotonic() + 60
    while fetch(port, path)[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.01)
    return time.monotonic() - started, server
