"""How long a scenario step page takes to serve, in process, against a minimal FastAPI route measured in the same run.

Run from the repository root: `.venv/bin/python bench/scenario_bench.py [--write]`. It serves nothing on the
network: requests go through Starlette's test client to the app on a temporary SQLite database holding content/.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("EXPLORER_ENV", "dev")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi import FastAPI  # noqa: E402
from fastapi.responses import Response  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from app.explorer import scenarios  # noqa: E402
from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402

REPEAT = 15


def _time(call, repeat: int = REPEAT) -> list[float]:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write bench/SCENARIO_RESULTS.md")
    args = parser.parse_args()
    directory = tempfile.mkdtemp()
    app = create_app(Settings(env="dev", database_url=f"sqlite:///{directory}/bench.db"))
    rows = []
    with TestClient(app) as client:
        page = client.get("/scenarios/self-healing?step=3&lang=en").content
        minimal = FastAPI()
        minimal.get("/")(lambda: Response(page, media_type="text/html"))
        reference_client = TestClient(minimal)
        reference = statistics.median(_time(lambda: reference_client.get("/"), 50))
        slugs = [s["slug"] for s in client.get("/api/v1/scenarios").json()["data"]]
        for slug in slugs:
            steps = len(client.get(f"/api/v1/scenarios/{slug}").json()["trace"]["steps"])

            def cold(slug=slug):
                scenarios._run.cache_clear()
                assert client.get(f"/scenarios/{slug}?step=0&lang=en").status_code == 200

            def every_step(slug=slug, steps=steps):
                for index in range(steps):
                    assert client.get(f"/scenarios/{slug}?step={index}&lang=en").status_code == 200

            cold_ms = statistics.median(_time(cold))
            warm_ms = statistics.median(_time(every_step, 5)) / steps
            rows.append((slug, steps, cold_ms, warm_ms))
    lines = [
        "# Scenario page benchmark",
        "",
        "Produced by `.venv/bin/python bench/scenario_bench.py --write` from the repository root, in process (Starlette's",
        "test client, no network). *Cold* is a step page whose trace is not cached yet: simulate, then render. *Warm* is",
        "the median time per step page when stepping through the whole scenario with the trace cached. The reference is",
        "a minimal FastAPI route returning the same bytes as one step page, measured in the same run, so the ratios",
        "carry over to other machines better than the milliseconds do.",
        "",
        f"- Machine: `{' '.join(platform.uname())}`, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        f"- Commit: `{subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()}`",
        "",
        "| scenario | steps | cold ms | warm ms per step | warm × reference |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [f"| `{slug}` | {steps} | {cold:.1f} | {warm:.1f} | {warm / reference:.1f} |" for slug, steps, cold, warm in rows]
    lines += ["", f"Reference: minimal FastAPI route, same bytes: {reference:.2f} ms per request.", ""]
    text = "\n".join(lines)
    print(text)
    if args.write:
        (Path(__file__).parent / "SCENARIO_RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
