"""The schemathesis command with its default checks, run as a client would against a server on a local port."""

import os
import re
import subprocess
import sys

from app.settings import PROJECT_ROOT
from tests.servers import environment, running, serve_command

# Each operation gets this many random requests after the examples and the boundary values (the coverage phase);
# enough to find a schema that admits what the server refuses, and the run stays well under a minute.
MAX_EXAMPLES = "30"


def test_schemathesis_command_finds_no_failure(fresh_database, full_template, tmp_path):
    with running(serve_command(), environment(fresh_database(full_template)), tmp_path / "server.log") as server:
        result = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "run", f"{server.url}/openapi.json",
             "--max-examples", MAX_EXAMPLES, "--generation-database", "none", "--no-color"],
            cwd=tmp_path, capture_output=True, text=True, timeout=600,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks"},
        )
    assert result.returncode == 0, result.stdout[-12_000:] + result.stderr[-4000:]
    assert re.search(r"Operations:\s+(\d+) selected / \1 total", result.stdout)  # every operation, none left out
