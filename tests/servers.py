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
