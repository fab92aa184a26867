"""Start-up cost: importing the app as a served worker does, against importing a minimal FastAPI app.

    .venv/bin/python bench/import_time.py [--runs 5] [--profile]

Each figure is one whole process (`python -c "import app.main"`, which also builds the app: app.main makes it at
import), run in turn with the minimal app so that both see the same load on a shared machine; the medians of the
wall-clock time and of the CPU time the process used (user + system, from wait4) are compared. The CPU ratio is the
steadier one when other work shares the cores. The app's byte code is compiled first, as the container image does. The app's environment is a worker's: production settings, a
database that exists, and EXPLORER_MIGRATE_ON_START=false (`explorer serve` migrates once before starting them).
--profile prints the modules whose own import took longest (python -X importtime).
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MINIMAL = """
from fastapi import FastAPI
from fastapi.responses import Response

app = FastAPI()


@app.get("/en/concepts/docker")
async def page():
    return Response(b"", media_type="text/html; charset=utf-8")
"""


def run(code: str, env: dict) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one `python -c code`."""
    started = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-c", code], cwd=ROOT, env={**os.environ, **env})
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"python -c {code!r} exited with {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(env: dict, runs: int = 5) -> dict:
    """Medians of `runs` alternating whole-process imports of the app and of the minimal app."""
    env = {**env, "EXPLORER_MIGRATE_ON_START": "false"}
    app, minimal = [], []
    # The app's byte code compiled first, as the container image does (Dockerfile: compileall), and as the library's
    # already is; with PYTHONDONTWRITEBYTECODE set (a common setting), every run would compile the app's modules
    # again, which no installed worker does.
    subprocess.run([PYTHON, "-m", "compileall", "-q", "app"], cwd=ROOT, check=True)
    run("import app.main", env)  # once first: files in the page cache for both
    run(MINIMAL, {})
    for _ in range(runs):
        app.append(run("import app.main", env))
        minimal.append(run(MINIMAL, {}))
    figures = {"runs": runs,
               "app_wall": statistics.median(wall for wall, _ in app),
               "app_cpu": statistics.median(cpu for _, cpu in app),
               "minimal_wall": statistics.median(wall for wall, _ in minimal),
               "minimal_cpu": statistics.median(cpu for _, cpu in minimal)}
    figures["wall_ratio"] = figures["app_wall"] / figures["minimal_wall"]
    figures["cpu_ratio"] = figures["app_cpu"] / figures["minimal_cpu"]
    return figures


def profile(env: dict, top: int = 25) -> str:
    """The modules whose own import time was largest, from one `python -X importtime` run."""
    result = subprocess.run([PYTHON, "-X", "importtime", "-c", "import app.main"], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, **env, "EXPLORER_MIGRATE_ON_START": "false"}, check=True)
    rows = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            own, total, name = line.removeprefix("import time:").split("|")
            rows.append((int(own), int(total), name.strip()))
    rows.sort(reverse=True)
    return "\n".join(f"{own / 1000:8.1f} ms own {total / 1000:8.1f} ms with imports  {name}"
                     for own, total, name in rows[:top])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explorer-import-") as tmp:
        env = {"EXPLORER_ENV": "prod", "EXPLORER_SECRET_KEY": secrets.token_urlsafe(32),
               "EXPLORER_DATABASE_URL": f"sqlite:///{tmp}/explorer.db"}
        subprocess.run([PYTHON, "-m", "app.cli", "migrate"], cwd=ROOT, env={**os.environ, **env}, check=True,
                       capture_output=True, timeout=300)
        if args.profile:
            print(profile(env))
        figures = measure(env, args.runs)
    print(f"import app.main: wall {figures['app_wall']:.3f} s, CPU {figures['app_cpu']:.3f} s; minimal FastAPI: "
          f"wall {figures['minimal_wall']:.3f} s, CPU {figures['minimal_cpu']:.3f} s; ratio wall "
          f"{figures['wall_ratio']:.2f}, CPU {figures['cpu_ratio']:.2f} (medians of {args.runs}; load average "
          f"{os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
