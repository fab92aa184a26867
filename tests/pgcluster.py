"""A throwaway PostgreSQL cluster in a temporary directory, for running the tests on PostgreSQL."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from itertools import count
from pathlib import Path

import psycopg

# Durability is worth nothing in a cluster that is deleted after the tests; speed is.
SERVER_OPTIONS = ("-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                  "-c max_connections=300 -c shared_buffers=64MB")


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server programs are not installed here."""


def server_bin() -> Path:
    """The directory of initdb and pg_ctl: $EXPLORER_PG_BIN, else the newest /usr/lib/postgresql/*/bin."""
    configured = os.environ.get("EXPLORER_PG_BIN")
    candidates = [configured] if configured else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(Path(path).parent.name))
    for candidate in reversed(candidates):
        if (Path(candidate) / "initdb").is_file():
            return Path(candidate)
    raise PostgresUnavailable("PostgreSQL's initdb was not found (scripts/install-system-packages installs it), "
                              "or set EXPLORER_PG_BIN to its directory")


class Cluster:
    """A PostgreSQL server of its own, started in a temporary directory and deleted when stopped."""

    def __init__(self) -> None:
        self.bin = server_bin()
        self.directory = Path(tempfile.mkdtemp(prefix="explorer-pg-"))
        self.port = _free_port()
        self._names = count(1)
        # PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` user.
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            shutil.chown(self.directory, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> "Cluster":
        """Create the cluster and start its server on a free local port."""
        data = self.directory / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        self.start_server()
        return self

    def start_server(self) -> None:
        """Start the server of the cluster on its port (again, after stop_server)."""
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory} {SERVER_OPTIONS}"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.directory / "data"), "-l",
                  str(self.directory / "server.log"), "-w", "-t", "60", "-o", options, "start")

    def stop_server(self, mode: str = "fast") -> None:
        """Stop the server but keep the cluster, as in a restart or an outage ("fast" ends every session)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.directory / "data"), "-m", mode, "-w", "stop")

    def stop(self) -> None:
        """Stop the server at once and delete the cluster."""
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.directory / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one database of this cluster."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE / DROP DATABASE need that)."""
        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(sql)

    def create(self, prefix: str = "test", template: str | None = None) -> str:
        """A new database, empty or a copy of a template database; returns its name."""
        name = f"{prefix}_{next(self._names)}_{os.getpid()}"
        # A copy of a prepared template (about 0.1 s here) is much quicker than migrating and importing anew.
        clone = f" TEMPLATE {template}" if template else ""
        for attempt in range(50):
            try:
                self.execute(f"CREATE DATABASE {name}{clone}")
                return name
            except psycopg.errors.ObjectInUse:  # a connection to the template is just closing
                time.sleep(0.1 * (attempt + 1))
        raise RuntimeError(f"could not copy the template database {template}: it stays in use")

    def drop(self, name: str) -> None:
        """Drop a database, ending any connection still open to it."""
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
