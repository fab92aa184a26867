"""Run the app as real server processes (`explorer serve` or uvicorn) on free local ports, for multi-process tests."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from app.settings import PROJECT_ROOT

START_TIMEOUT_S = 90  # generous: the machines that run the suite are often busy


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One server process: its base URL, its log, and a way to stop it as Kubernetes would (SIGTERM)."""

    def __init__(self, process: subprocess.Popen, url: str, log: Path) -> None:
        self.process, self.url, self.log = process, url, log

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until_healthy(self, timeout: float = START_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the server did not answer /healthz within {timeout} s:\n{self.output()}")

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, then wait for the exit status (SIGKILL if it does not stop in time)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def environment(database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a server process: this database, the real content, and any EXPLORER_* settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("EXPLORER_")}
    env.update({"EXPLORER_ENV": "dev", "EXPLORER_DATABASE_URL": database_url,
                "EXPLORER_CONTENT_DIR": str(PROJECT_ROOT / "content")})
    env.update({f"EXPLORER_{name.upper()}": value for name, value in settings.items()})
    return env


@contextmanager
def running(command: list[str], env: dict[str, str], log: Path, wait: bool = True):
    """Start a server command (with {port} in it replaced by a free port); stop it afterwards."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen([part.replace("{port}", str(port)) for part in command], cwd=PROJECT_ROOT,
                                   env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        if wait:
            server.wait_until_healthy()
        yield server
    finally:
        server.stop()


def serve_command(workers: int = 1) -> list[str]:
    """`explorer serve` as the container runs it, on 127.0.0.1 and a port to fill in."""
    return [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", "{port}",
            "--workers", str(workers)]


# nginx in front of the app, as deploy/nginx/explorer-cache.conf puts it: a main configuration around that file.
NGINX_MAIN = """
{user}worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{body}
}}
"""


def nginx_configuration(upstreams: list[str], port: int, tmp: Path, changes: dict[str, str] | None = None) -> str:
    """deploy/nginx/explorer-cache.conf with its cache in tmp, these upstream servers (host:port), listening on
    port; each of `changes` (a line of the file: its replacement) must be found in the file."""
    conf = (PROJECT_ROOT / "deploy" / "nginx" / "explorer-cache.conf").read_text()
    changes = {"/var/cache/nginx/explorer": str(tmp / "cache"),
               "    server 127.0.0.1:8000;\n": "".join(f"    server {upstream};\n" for upstream in upstreams),
               "listen 8080;": f"listen 127.0.0.1:{port};", **(changes or {})}
    for line, replacement in changes.items():
        assert line in conf, f"deploy/nginx/explorer-cache.conf no longer has {line!r}"
        conf = conf.replace(line, replacement)
    user = "user root;\n" if os.geteuid() == 0 else ""  # as root, workers would switch to a user barred from tmp
    return NGINX_MAIN.format(user=user, tmp=tmp, body=conf)


@contextmanager
def nginx(configuration: str, port: int, tmp: Path):
    """Run nginx with this main configuration until the block ends; yields its base URL once it listens."""
    import shutil

    from tests import machine

    machine.require("nginx", None if shutil.which("nginx") or Path("/usr/sbin/nginx").exists()
                    else "nginx is not installed")
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "nginx.conf").write_text(configuration)
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    with (tmp / "nginx.log").open("wb") as out:
        process = subprocess.Popen([binary, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)], stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx exited: {(tmp / 'nginx.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
