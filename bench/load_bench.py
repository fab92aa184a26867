"""Load benchmark: the explorer against its references, alternating, on 127.0.0.1 only; stops by itself.

    .venv/bin/python bench/load_bench.py            # the full run (~6 minutes), appended to bench/RESULTS.md
    .venv/bin/python bench/load_bench.py --quick    # ~2 minutes: shorter loads, one round
    options: --duration S  --rounds N  --no-lighthouse  --no-write

Starts, each on a free local port:
  - the app with production settings (EXPLORER_ENV=prod, a generated secret key), 2 workers, on a temporary
    SQLite database prepared first with `explorer migrate --import-if-empty` (`python -m app.cli serve --workers 2`);
  - the same app under plain uvicorn without its access log (a diagnostic row: what one log line a request costs);
  - two references under the same server (uvicorn, 2 workers) answering the same bytes as the app for each URL form
    (the concept page in Korean and in English, its JSON, a 304): a minimal FastAPI app and a bare ASGI app;
  - nginx serving the pages as static files (2 worker processes);
  - nginx as a caching reverse proxy in front of the app (deploy/nginx/explorer-cache.conf), checked first.
Then it loads each in turn with `wrk -t2 -c32` (a small Python load generator when wrk is missing), in rounds,
and prints requests per second, p50/p99 latency, server CPU per request (from /proc), each URL form against both
references, RSS per worker, the server time of a first render after an edit, of a first render in a language not
yet cached and of uncached scenario steps (from the app's Server-Timing header), the cost of importing the app
against a minimal FastAPI app (bench/import_time.py), cold start times, page weights and, when Lighthouse 12 is
installed (bench/node_modules, $LIGHTHOUSE or PATH; run with the system Chromium), Lighthouse scores of four page
types; then each target of the issue with its figure. Figures and the machine are appended
to bench/RESULTS.md. The machine is shared: read the ratios, not the absolute numbers.
"""

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import import_time
from bench_servers import (
    BARE_ASGI_APP,
    CONNECTIONS,
    HOST,
    MINIMAL_APP,
    NGINX_MAIN,
    NGINX_STATIC,
    PYTHON,
    ROOT,
    USER,
    Server,
    check_proxy,
    cold_start,
    cpu_seconds,
    fetch,
    free_port,
    rss_mb,
    run_python_load,
    run_wrk,
)

RESULTS = ROOT / "bench" / "RESULTS.md"
CHROMIUM = "/usr/bin/chromium"
# The URL forms measured against the references, by the name their rows carry.
FORMS = {"ko": "concept page (ko)", "en": "concept page (en)", "json": "concept JSON (en)",
         "304": "304 revalidation (en page)"}


def page_weight(port: int, first: str, second: str) -> tuple[int, int, int]:
    """Bytes on the wire (gzip accepted, headers included) for a first visit of `first` with its static
    files, then a visit of `second` once those files are cached; and the number of files on the first."""
    accept = {"Accept-Encoding": "gzip"}

    def size(path):
        status, headers, body = fetch(port, path, accept)
        return len(body) + sum(len(k) + len(v) + 4 for k, v in headers.items()) + 17, body, headers

    total, body, headers = size(first)
    html = gzip.decompress(body).decode() if headers.get("content-encoding") == "gzip" else body.decode()
    assets = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html)))
    for asset in assets:
        total += size(asset)[0]
    return total, size(second)[0], len(assets) + 1


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    tools = []
    for command in (["wrk", "--version"], ["nginx", "-v"]):
        with contextlib.suppress(OSError):
            result = subprocess.run(command, capture_output=True, text=True)
            tools.append((result.stdout + result.stderr).splitlines()[0].strip())
    return (f"{cpu}, {os.cpu_count()} CPUs, {int(memory) // 1024} MB RAM, Linux {platform.release()}, "
            f"Python {platform.python_version()}, {'; '.join(tools)}; load average {os.getloadavg()[0]:.1f}")


def server_ms(headers: dict) -> float:
    """The app's own time for a response, from its Server-Timing header (app;dur=…)."""
    timing = next(value for name, value in headers.items() if name.lower() == "server-timing")
    return float(re.search(r"app;dur=([\d.]+)", timing)[1])


def bump_revision(database: Path) -> None:
    """What every admin save and import does besides its change: bump ContentState.revision (one transaction)."""
    with contextlib.closing(sqlite3.connect(database, timeout=10)) as connection, connection:
        connection.execute("UPDATE contentstate SET revision = revision + 1 WHERE id = 1")


def render_times(port: int, database: Path, samples: int, workers: list[int]) -> dict[str, dict]:
    """Server time of renders the cache cannot answer, on an idle server: the concept page first rendered after an
    edit ("edit"); the same page first rendered in the other language while the first one is kept ("lang": after
    an edit, one language is rendered, then the other is timed; they alternate); a scenario step after an edit,
    its trace computed before ("step"); a scenario step with parameters never asked for, so simulated and rendered
    ("new"). For each: the wall-clock times the app reports (Server-Timing), and the workers' CPU per render from
    /proc (the steadier figure on a shared machine; only the timed request is counted)."""
    languages = ("ko", "en")
    kinds = {"edit": lambda sample: f"/{languages[sample % 2]}/concepts/docker",
             "lang": lambda sample: f"/{languages[sample % 2]}/concepts/docker",
             "step": lambda sample: f"/{languages[sample % 2]}/scenarios/autoscaling?step=3",
             "new": lambda sample: f"/en/scenarios/autoscaling?step=1&max_replicas={60 + sample}"}
    times: dict[str, dict] = {}
    for kind, path in kinds.items():
        wall, cpu = [], 0.0
        for sample in range(samples):
            if kind != "new":
                bump_revision(database)
            if kind == "lang":  # the page in the other language, rendered and kept first
                assert fetch(port, f"/{languages[(sample + 1) % 2]}/concepts/docker")[0] == 200
            before = cpu_seconds(workers)
            status, headers, _ = fetch(port, path(sample))
            cpu += cpu_seconds(workers) - before
            assert status == 200, status
            wall.append(server_ms(headers))
        times[kind] = {"wall": wall, "cpu_ms": cpu / samples * 1000}
    return times


def find_lighthouse() -> list[str] | None:
    for candidate in (os.environ.get("LIGHTHOUSE"), ROOT / "bench" / "node_modules" / ".bin" / "lighthouse",
                      shutil.which("lighthouse")):
        if candidate and Path(candidate).exists():
            return [str(candidate)]
    return None


def lighthouse(command: list[str], url: str, out: Path, preset: str | None = None) -> dict[str, int] | str:
    """Lighthouse's four category scores (0–100) for one page, with the system Chromium, or why not.
    Lighthouse's default is a phone on a slow 4G network with a 4× slower CPU (simulated); preset="desktop"."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    try:
        subprocess.run(command + [url, "--quiet", "--output=json", f"--output-path={out}"]
                       + ([f"--preset={preset}"] if preset else []) + [
                                  "--only-categories=performance,accessibility,best-practices,seo",
                                  "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                       env=env, capture_output=True, timeout=180, check=True)
        report = json.loads(out.read_text())
    except (subprocess.SubprocessError, OSError, ValueError) as error:
        return f"failed: {type(error).__name__}"
    scores = {name: round((category["score"] or 0) * 100) for name, category in report["categories"].items()}
    failing = [f"{audit_id} ({round((audit['score'] or 0) * 100)})" for audit_id, audit in report["audits"].items()
               if audit.get("score") is not None and audit["score"] < 0.9
               and audit.get("scoreDisplayMode") in ("binary", "numeric")]
    scores["failing"] = failing
    scores["benchmark_index"] = round(report.get("environment", {}).get("benchmarkIndex") or 0)
    return scores


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 s loads, one round, 5 render samples")
    parser.add_argument("--duration", type=int, help="seconds per measurement (default 5; --quick 2)")
    parser.add_argument("--rounds", type=int, help="alternating rounds; medians are reported (default 2; --quick 1)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse even when it is installed")
    parser.add_argument("--no-write", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args()
    duration = args.duration or (2 if args.quick else 5)
    rounds = args.rounds or (1 if args.quick else 2)
    samples = 10 if args.quick else 30
    have_wrk, have_nginx = shutil.which("wrk") is not None, shutil.which("nginx") is not None
    tmp = Path(tempfile.mkdtemp(prefix="explorer-bench-"))
    servers: list[Server] = []
    try:
        app_port = free_port()
        database = tmp / "explorer.db"
        # Production settings as a deployment sets them, its public address included (the pages' canonical and
        # hreflang links are absolute only with one: a page kept by a shared cache cannot name the Host it was asked
        # with, which anybody can forge).
        env = {"EXPLORER_ENV": "prod", "EXPLORER_SECRET_KEY": secrets.token_urlsafe(32),
               "EXPLORER_DATABASE_URL": f"sqlite:///{database}", "EXPLORER_PUBLIC_URL": f"http://{HOST}:{app_port}"}
        # First start of a replica: the schema and the content (explorer migrate --import-if-empty), then serve.
        started = time.monotonic()
        subprocess.run([PYTHON, "-m", "app.cli", "migrate", "--import-if-empty"], cwd=ROOT, env={**os.environ, **env},
                       check=True, capture_output=True, timeout=300)
        prepare_s = time.monotonic() - started
        serve = [PYTHON, "-m", "app.cli", "serve", "--host", HOST, "--port", str(app_port), "--workers", "2"]
        # A restart on a prepared database, as a replica or a new pod starts: to the first concept page.
        app_cold, app = cold_start(serve, app_port, env, "/en/concepts/docker")
        servers.append(app)
        # Each URL form the app answers, and the bytes the references answer for it (the same bytes).
        forms = {"ko": "/ko/concepts/docker", "en": "/en/concepts/docker", "json": "/api/v1/concepts/docker?lang=en"}
        (tmp / "static" / "ko" / "concepts").mkdir(parents=True)
        (tmp / "static" / "en" / "concepts").mkdir(parents=True)
        references, bodies, etags = {}, {}, {}
        for form, path in forms.items():
            status, headers, bodies[form] = fetch(app_port, path)
            assert status == 200, (path, status)
            etags[form] = headers["etag"]
            name = f"{form}.body"
            (tmp / name).write_bytes(bodies[form])
            references[path.split("?")[0]] = (name, 200, headers["content-type"], None)
        (tmp / "static" / "ko" / "concepts" / "docker.html").write_bytes(bodies["ko"])
        (tmp / "static" / "en" / "concepts" / "docker.html").write_bytes(bodies["en"])
        (tmp / "empty.body").write_bytes(b"")
        references["/not-modified"] = ("empty.body", 304, "text/html; charset=utf-8", etags["en"])
        (tmp / "references.json").write_text(json.dumps(references))
        (tmp / "minimal.py").write_text(MINIMAL_APP)
        (tmp / "bare.py").write_text(BARE_ASGI_APP)
        status, _, not_modified = fetch(app_port, forms["en"], {"If-None-Match": etags["en"]})
        assert status == 304 and not_modified == b"", status
        scenario = "/en/scenarios/autoscaling?step=3"
        # The API's own example (app/api_scenarios.py SimulationRequest): a what-if with one changed parameter.
        simulation = json.dumps({"kind": "autoscaling", "params": {"max_replicas": 8}, "seed": 0}).encode()

        def reference(module: str) -> tuple[float, Server]:
            port = free_port()
            return cold_start([PYTHON, "-m", "uvicorn", f"{module}:app", "--app-dir", str(tmp), "--host", HOST,
                               "--port", str(port), "--workers", "2", "--no-access-log", "--log-level", "warning"],
                              port, {"BENCH_DIR": str(tmp)}, "/en/concepts/docker")

        # The same app without its access log (uvicorn without the JSON logging `explorer serve` sets up): not a
        # configuration to run, a measure of what writing one line per request costs.
        quiet_port = free_port()
        servers.append(quiet := Server("app-no-access-log", [PYTHON, "-m", "uvicorn", "app.main:app", "--host", HOST,
                                                             "--port", str(quiet_port), "--workers", "2",
                                                             "--no-access-log", "--log-level", "warning"],
                                       quiet_port, {**env, "EXPLORER_MIGRATE_ON_START": "false"}, ready="/healthz"))
        mini_cold, mini = reference("minimal")
        servers.append(mini)
        bare_cold, bare = reference("bare")
        servers.append(bare)
        for server in (mini, bare):
            for form, path in forms.items():
                assert fetch(server.port, path.split("?")[0])[2] == bodies[form], (server.name, form)
            assert fetch(server.port, "/not-modified")[0] == 304
        static = proxy = None
        if have_nginx:
            static_port, proxy_port = free_port(), free_port()
            (tmp / "nginx-static.conf").write_text(NGINX_MAIN.format(
                user=USER, tmp=tmp, name="static", body=NGINX_STATIC.format(host=HOST, port=static_port, tmp=tmp)))
            cache_conf = (ROOT / "deploy" / "nginx" / "explorer-cache.conf").read_text()
            cache_conf = (cache_conf.replace("/var/cache/nginx/explorer", str(tmp / "proxy-cache"))
                          .replace("server 127.0.0.1:8000;", f"server {HOST}:{app_port};")
                          .replace("listen 8080;", f"listen {HOST}:{proxy_port};"))
            (tmp / "nginx-proxy.conf").write_text(NGINX_MAIN.format(user=USER, tmp=tmp, name="proxy", body=cache_conf))
            servers.append(static := Server("nginx-static", ["nginx", "-c", str(tmp / "nginx-static.conf"), "-p",
                                                              str(tmp)], static_port, ready=forms["en"]))
            servers.append(proxy := Server("nginx-proxy", ["nginx", "-c", str(tmp / "nginx-proxy.conf"), "-p",
                                                            str(tmp)], proxy_port, ready="/healthz"))
            assert fetch(static_port, forms["ko"])[2] == bodies["ko"]
            cache_states = check_proxy(proxy_port, forms, bodies)
        post_lua = tmp / "post.lua"
        post_lua.write_text('wrk.method = "POST"\nwrk.body = [[' + simulation.decode() + ']]\n'
                            'wrk.headers["Content-Type"] = "application/json"\n')

        # Renders the cache cannot answer, timed by the app itself, on an idle server (both workers warmed).
        for _ in range(4):
            for path in (*forms.values(), scenario, "/en/scenarios/autoscaling?step=1&max_replicas=59"):
                fetch(app_port, path)
        renders = render_times(app_port, database, samples, [pid for pid in app.pids() if pid != app.process.pid])
        print("render times measured", file=sys.stderr, flush=True)

        # (label, server, path, headers, method, body); a URL form's references are named after it (FORMS).
        revalidate = {"If-None-Match": etags["en"]}
        cases = []
        for form, label in FORMS.items():
            path = "/not-modified" if form == "304" else forms[form].split("?")[0]
            cases += [(f"minimal FastAPI: {label}", mini, path, {}, "GET", None),
                      (f"bare ASGI: {label}", bare, path, {}, "GET", None)]
        cases += [
            (f"app: {FORMS['ko']}", app, forms["ko"], {}, "GET", None),
            (f"app: {FORMS['en']}", app, forms["en"], {}, "GET", None),
            ("app: concept page (en), gzip", app, forms["en"], {"Accept-Encoding": "gzip"}, "GET", None),
            (f"app without its access log: {FORMS['en']}", quiet, forms["en"], {}, "GET", None),
            (f"app: {FORMS['json']}", app, forms["json"], {}, "GET", None),
            (f"app: {FORMS['304']}", app, forms["en"], revalidate, "GET", None),
            ("app: stacks page (ko, both)", app, "/ko/stacks?view=both", {}, "GET", None),
            ("app: scenario step page (en)", app, scenario, {}, "GET", None),
            ("app: what-if simulation (POST)", app, "/api/v1/simulations", {}, "POST", simulation),
        ]
        if static:
            cases += [("nginx, static file (en page)", static, forms["en"], {}, "GET", None),
                      (f"behind nginx cache: {FORMS['ko']}", proxy, forms["ko"], {}, "GET", None),
                      (f"behind nginx cache: {FORMS['en']}", proxy, forms["en"], {}, "GET", None)]
        for _, server, path, headers, method, body in cases:  # warm every cache once
            fetch(server.port, path, headers, method, body)
            if server is proxy and have_wrk:
                # nginx keeps one copy per Vary: Accept-Encoding value, and fetch() sends "identity" where wrk sends
                # none: the load's own copy is made here, as for every other row. (Made under the load instead,
                # nginx's cache lock holds the other connections' requests while the first one fills it, and they
                # look again only every 500 ms: a p99 of ~440 ms in that round, ~4 ms in the next.)
                run_wrk(server.port, path, 1, headers, None)
        results: dict[str, list[dict]] = {case[0]: [] for case in cases}
        for round_ in range(rounds):
            for label, server, path, headers, method, body in cases:
                pids = server.pids() + (app.pids() if server is proxy else [])
                before = cpu_seconds(pids)
                if have_wrk:
                    figures = run_wrk(server.port, path, duration, headers, post_lua if method == "POST" else None)
                else:
                    figures = run_python_load(server.port, path, duration, headers, method, body)
                figures["cpu_us"] = (cpu_seconds(pids) - before) / max(figures["requests"], 1) * 1e6
                results[label].append(figures)
                print(f"round {round_ + 1}: {label}: {figures['rps']:.0f} rps", file=sys.stderr, flush=True)
        workers = [pid for pid in app.pids() if pid != app.process.pid]
        rss = [rss_mb(pid) for pid in workers]
        imports = import_time.measure(env, runs=5)
        print(f"import time: {imports}", file=sys.stderr, flush=True)
        first, second, files = page_weight(app_port, "/ko/", forms["ko"])

        scores: dict[str, object] = {}
        desktop: dict[str, object] = {}
        lighthouse_command = None if args.no_lighthouse else find_lighthouse()
        if lighthouse_command:
            for name, path in (("home", "/ko/"), ("concept", forms["ko"]), ("stacks", "/ko/stacks"),
                               ("scenario", scenario)):
                scores[name] = lighthouse(lighthouse_command, f"http://{HOST}:{app_port}{path}", tmp / f"lh-{name}.json")
                print(f"lighthouse {name}: {scores[name]}", file=sys.stderr, flush=True)
                if not args.quick:
                    desktop[name] = lighthouse(lighthouse_command, f"http://{HOST}:{app_port}{path}",
                                               tmp / f"lh-{name}-desktop.json", "desktop")
                    print(f"lighthouse {name} (desktop): {desktop[name]}", file=sys.stderr, flush=True)

        def median(label, field):
            return statistics.median(run[field] for run in results[label])

        def form_of(label: str) -> str:
            """The URL form a row is compared with: its own, else the English page (other bytes: indicative)."""
            return next((form for form, name in FORMS.items() if label.endswith(name)), "en")

        def ratios(label: str) -> tuple[float, float, float]:
            """rps × minimal FastAPI, rps × bare ASGI (both answering the same form), CPU × minimal FastAPI."""
            name = FORMS[form_of(label)]
            return (median(label, "rps") / median(f"minimal FastAPI: {name}", "rps"),
                    median(label, "rps") / median(f"bare ASGI: {name}", "rps"),
                    median(f"minimal FastAPI: {name}", "cpu_us") / median(label, "cpu_us"))

        rows = ["| configuration | rps | p50 ms | p99 ms | CPU µs / request | × minimal FastAPI (rps) "
                "| × bare ASGI (rps) | × minimal FastAPI (CPU) | non-2xx/3xx |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for label in results:
            to_minimal, to_bare, to_minimal_cpu = ratios(label)
            rows.append(f"| {label} | {median(label, 'rps'):,.0f} | {median(label, 'p50'):.2f} | "
                        f"{median(label, 'p99'):.2f} | {median(label, 'cpu_us'):.0f} | {to_minimal:.2f} | "
                        f"{to_bare:.2f} | {to_minimal_cpu:.2f} | {median(label, 'errors'):.0f} |")

        targets = []  # (what, figure, target, met)

        def target(what: str, figure: str, goal: str, met: bool) -> None:
            targets.append(f"| {what} | {figure} | {goal} | {'met' if met else '**missed**'} |")

        served = [f"app: {name}" for name in FORMS.values()]
        if static:
            served += [f"behind nginx cache: {FORMS[form]}" for form in ("ko", "en")]
        for label in served:
            to_minimal, to_bare, to_minimal_cpu = ratios(label)
            name = FORMS[form_of(label)]
            target(f"{label} / minimal FastAPI, rps", f"{to_minimal:.2f} (CPU {to_minimal_cpu:.2f})", "≥ 1.5",
                   to_minimal >= 1.5)
            target(f"{label} / bare ASGI, rps", f"{to_bare:.2f}", "≥ 0.7 (aim)", to_bare >= 0.7)
            target(f"{label}, p99 at {CONNECTIONS} connections",
                   f"{median(label, 'p99'):.1f} ms (minimal FastAPI: {median(f'minimal FastAPI: {name}', 'p99'):.1f} "
                   f"ms, bare ASGI: {median(f'bare ASGI: {name}', 'p99'):.1f} ms)", "< 10 ms", median(label, "p99") < 10)
        for key, what in (("edit", "first render after an edit (concept page, ko and en in turn), server time"),
                          ("lang", "first render of the page in a language not yet cached (the other one kept)"),
                          ("step", "uncached scenario step (render; trace computed before), server time"),
                          ("new", "scenario step with new parameters (simulation + render), server time")):
            values, cpu_ms = renders[key]["wall"], renders[key]["cpu_ms"]
            target(what, f"CPU {cpu_ms:.1f} ms a render; wall (Server-Timing) median {statistics.median(values):.1f} ms, "
                   f"p90 {percentile(values, 0.9):.1f} ms", "< 15 ms", cpu_ms < 15)
        target("importing the app (`import app.main`, as a worker does) / a minimal FastAPI app, median of "
               f"{imports['runs']} whole-process runs", f"{imports['wall_ratio']:.2f} (wall {imports['app_wall']:.2f} s "
               f"vs {imports['minimal_wall']:.2f} s; CPU {imports['app_cpu']:.2f} s vs {imports['minimal_cpu']:.2f} s = "
               f"{imports['cpu_ratio']:.2f})", "≤ 2", imports["cpu_ratio"] <= 2)
        target("RSS per worker after the run", ", ".join(f"{value:.0f} MB" for value in rss), "< 150 MB",
               all(value < 150 for value in rss))
        target("cold start to the first page (prepared database, 2 workers)",
               f"{app_cold:.2f} s (minimal FastAPI: {mini_cold:.2f} s, bare ASGI: {bare_cold:.2f} s)", "< 2 s",
               app_cold < 2)
        target(f"first visit of /ko/ ({files} files, gzip)", f"{first / 1024:.1f} KB", "< 60 KB", first < 60 * 1024)
        target("a second page (/ko/concepts/docker)", f"{second / 1024:.1f} KB", "< 15 KB", second < 15 * 1024)
        categories = ("performance", "accessibility", "best-practices", "seo")
        for form, found in (("mobile, Lighthouse's default", scores), ("desktop preset", desktop)):
            for name, result in found.items():
                if isinstance(result, dict):
                    figure = " / ".join(str(result[category]) for category in categories)
                    if result["failing"]:
                        figure += f" (below 90: {', '.join(result['failing'])})"
                    figure += f"; benchmarkIndex {result['benchmark_index']}"
                    met = all(result[category] == 100 for category in categories)
                else:
                    figure, met = str(result), False
                target(f"Lighthouse {name} ({form}): performance / accessibility / best practices / SEO", figure,
                       "100 each", met)
        if not scores:
            target("Lighthouse", "not run (not installed: see the README)", "100 each", False)

        lines = [
            f"## Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}{' (--quick)' if args.quick else ''}",
            "", f"Machine: {machine()}.",
            f"Load: {'wrk' if have_wrk else 'Python load generator'} -t2 -c{CONNECTIONS} -d{duration}s, "
            f"{rounds} alternating round(s), medians; servers and load generator share the CPUs; "
            f"git {git_revision()}.", "",
            *rows, "",
            "| target | figure | goal | |", "| --- | --- | --- | --- |", *targets, "",
            f"- nginx cache (X-Cache-Status): {cache_states if static else 'nginx not installed'}",
            f"- first start on an empty database (explorer migrate --import-if-empty): {prepare_s:.2f} s",
            f"- RSS of the app's processes after the run (server, workers): "
            f"{', '.join(f'{rss_mb(pid):.0f} MB' for pid in app.pids())}",
            f"- render server times, {samples} samples each (ms): "
            + "; ".join(f"{key}: {', '.join(f'{value:.1f}' for value in found['wall'])}"
                        for key, found in renders.items()),
            "",
        ]
        report = "\n".join(lines)
        print(report)
        if not args.no_write:
            if not RESULTS.exists():
                RESULTS.write_text("# Load benchmark results\n\nWritten by `bench/load_bench.py`; newest last.\n\n")
            with RESULTS.open("a") as handle:
                handle.write(report + "\n")
        return 0
    finally:
        for server in reversed(servers):
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def git_revision() -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        revision = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return revision + (" with uncommitted changes" if dirty else "")
    return "unknown"


if __name__ == "__main__":
    sys.exit(main())
