"""Soak run: public load and admin saves at once against the production server, then a check for lost saves.

    .venv/bin/python bench/soak.py [--seconds 60] [--clients 64] [--save-interval 0.5] [--workers 2]
                                   [--database-url URL | --postgresql] [--seed N] [--write] [--keep]

On 127.0.0.1 only, and it stops by itself. Starts `python -m app.cli serve` with production settings
(EXPLORER_ENV=prod, a generated secret, an admin from EXPLORER_ADMIN_USER/PASSWORD, `--workers 2`) on a free port,
on a fresh SQLite database in a temporary folder prepared by `explorer migrate --import-if-empty` (or on --database-url, which should be empty; --postgresql
starts a throwaway cluster as tests/pgcluster.py does). It discovers the slugs from the JSON API, then for
--seconds runs --clients closed-loop clients over a weighted mix of the public pages and the API (concepts,
comparisons, stacks, scenario steps, what-if runs with varied parameters, searches in Korean and English,
calculators, POST /api/v1/simulations, revalidations with If-None-Match), while one admin, logged in through the
form, saves an edit of a concept every --save-interval seconds through the real edit form (GET the form, keep its
CSRF token and version, POST), each with a unique marker in the English body. After each acknowledged save (303
back to the form) the public JSON is read on a new connection, which must already show the marker.

At the end it prints throughput, latency percentiles per route group, counts by status, every response that was
not 2xx/3xx (grouped by status, path and the first line of its body), the server's error log lines, and the
save check, which reads the database directly: every acknowledged marker must be in exactly one revision, no
refused save may have left one, revisions must be in the order of the saves, and the stored concept must hold
the last acknowledged marker. Exits 1 when anything of that went wrong. The server is stopped and the temporary
files are removed at the end, also on Ctrl-C. --write appends the report to bench/SOAK_RESULTS.md.

--replicas N (with --postgresql or a PostgreSQL --database-url) starts N such servers on one database, as
deploy/k8s runs them, behind nginx with deploy/nginx/explorer-cache.conf (its cache off, so that every request
reaches a replica). --kill then kills one replica with SIGKILL halfway through: no GET may fail (nginx tries the
next replica), every acknowledged save must be stored once, and a save in flight on the killed replica must be
either stored or answered with an error (502) the admin sees; the report says which.
"""

import argparse
import asyncio
import collections
import contextlib
import html.parser
import http.client
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST = "127.0.0.1"
RESULTS = ROOT / "bench" / "SOAK_RESULTS.md"
ADMIN_USER = "soak-admin"
EDITED = "docker"  # the concept the admin edits: also one of the most requested pages
REQUEST_TIMEOUT = 30.0
SEARCHES = ["컨테이너", "도커", "쿠버네티스", "가상 머신", "오케스트레이션", "롤링 업데이트", "자동 확장", "이미지",
            "container", "docker", "kubernetes", "virtual machine", "rolling update", "self-healing", "pod",
            "node failure", "hypervisor", "vendor lock-in"]
LANGUAGES = [{"params": {"lang": "en"}}, {"params": {"lang": "ko"}}, {"headers": {"Accept-Language": "en-US,en"}},
             {"headers": {"Accept-Language": "ko-KR,ko;q=0.9"}}, {}]
# What-if changes per scenario kind, each within what the simulator accepts together with the other defaults.
WHAT_IFS = {
    "docker-alone": lambda r: {"restart_policy": r.choice(["always", "on-failure", "unless-stopped", "no"]),
                               "crash_at_s": r.randint(5, 100)},
    "scheduled-scale-out": lambda r: {"nodes": r.randint(2, 8), "replicas_after": r.randint(10, 150),
                                      "pod_cpu_millicores": r.choice([100, 150, 250, 400])},
    "self-healing": lambda r: {"replicas": r.randint(1, 6), "crashes": r.randint(1, 6),
                               "toleration_seconds": r.choice([0, 30, 120, 300, 600])},
    "autoscaling": lambda r: {"max_replicas": r.randint(4, 20), "target_cpu_utilization": r.randint(30, 90),
                              "peak_rps": r.randint(300, 1500)},
    "rolling-update": lambda r: {"replicas": r.randint(2, 10), "max_surge": r.choice(["1", "25%", "50%"]),
                                 "max_unavailable": r.choice(["0", "1", "25%"])},
    "vendor-portability": lambda r: {"replicas": r.randint(1, 6)},
    "docker-vs-kubernetes": lambda r: {"nodes": r.randint(2, 5), "replicas": r.randint(1, 6)},
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """`explorer serve` in its own process group, its output in a log file read at the end."""

    def __init__(self, port: int, env: dict, workers: int, log: Path):
        self.port, self.log_path = port, log
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)],
            cwd=ROOT, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self.log_text()[-3000:]}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"the server was not ready within {timeout:.0f} s")

    def log_text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


# ---------------------------------------------------------------------------------------------------- the load


@dataclass
class Site:
    """What the load asks for, discovered from the JSON API."""

    concepts: list[str]
    tags: list[str]
    comparisons: list[str]
    stacks: dict[str, list[str]]  # view → layer keys
    scenarios: dict[str, tuple[str, int]]  # slug → (kind, steps with the stored parameters)


@dataclass
class Stats:
    started: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    statuses: collections.Counter = field(default_factory=collections.Counter)
    failures: collections.Counter = field(default_factory=collections.Counter)  # (status, method path, line)
    saves: list[dict] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    killed_at: float | None = None  # when --kill killed a replica (monotonic)
    began: float = 0.0  # when the load began (monotonic)


def first_line(text: str) -> str:
    """The first telling line of a body: a problem's detail or title, a page's <h1>, else its first line."""
    for pattern in (r'"detail"\s*:\s*"([^"]*)"', r'"title"\s*:\s*"([^"]*)"', r"<h1[^>]*>(.*?)</h1>",
                    r"<title>(.*?)</title>"):
        found = re.search(pattern, text, re.S)
        if found:
            return re.sub(r"<[^>]+>|\s+", " ", found[1]).strip()[:160]
    return (text.strip().splitlines() or [""])[0][:160]


async def discover(client: httpx.AsyncClient) -> Site:
    async def get(path):
        response = await client.get(path)
        response.raise_for_status()
        return response.json()

    concepts = [c["slug"] for c in (await get("/api/v1/concepts?limit=100"))["data"]]
    tags = [t["slug"] for t in (await get("/api/v1/tags"))["data"]]
    comparisons = [c["slug"] for c in (await get("/api/v1/comparisons"))["data"]]
    stacks = {}
    for stack in (await get("/api/v1/stacks"))["data"]:
        stacks[stack["view"]] = [layer["key"] for layer in stack["layers"]]
    scenarios = {}
    for scenario in (await get("/api/v1/scenarios?limit=100"))["data"]:
        detail = await get(f"/api/v1/scenarios/{scenario['slug']}")
        scenarios[scenario["slug"]] = (scenario["kind"], len(detail["trace"]["steps"]))
    return Site(concepts, tags, comparisons, stacks, scenarios)


def request_mix(site: Site):
    """(weight, group, maker) where maker(random) gives method, path, query, headers, JSON body."""
    slugs = list(site.scenarios)

    def lang(r) -> str:
        # Every page lives under its language; a reader asks for either.
        return r.choice(["/ko", "/en"])

    def concept(r):
        # Half the concept views are of the edited one, so readers race the admin's saves.
        return "GET", f"{lang(r)}/concepts/{EDITED if r.random() < 0.5 else r.choice(site.concepts)}", {}, {}, None

    def concepts_index(r):
        return "GET", f"{lang(r)}/concepts", ({"tag": r.choice(site.tags)} if site.tags and r.random() < 0.5 else {}), {}, None

    def compare(r):
        return "GET", f"{lang(r)}/compare" + (f"/{r.choice(site.comparisons)}" if r.random() < 0.8 else ""), {}, {}, None

    def stacks(r):
        view = r.choice([*site.stacks, "both"])
        query = {"view": view}
        if view != "both" and r.random() < 0.5:
            query["layer"] = r.choice(site.stacks[view])
        if r.random() < 0.3:
            query["n"] = str(r.randint(1, 12))
        headers = {"HX-Request": "true"} if r.random() < 0.3 else {}
        return "GET", f"{lang(r)}/stacks", query, headers, None

    def step(r):
        slug = r.choice(slugs)
        headers = {"HX-Request": "true"} if r.random() < 0.4 else {}
        return "GET", f"{lang(r)}/scenarios/{slug}", {"step": r.randrange(site.scenarios[slug][1])}, headers, None

    def what_if(r):
        slug = r.choice(slugs)
        return "GET", f"{lang(r)}/scenarios/{slug}", {"step": 0, **WHAT_IFS[site.scenarios[slug][0]](r)}, {}, None

    def simulation(r):
        kind = r.choice(sorted(WHAT_IFS))
        return "POST", "/api/v1/simulations", {}, {}, {"kind": kind, "params": WHAT_IFS[kind](r),
                                                        "seed": r.randrange(1000)}

    def search(r):
        path = f"{lang(r)}/search" if r.random() < 0.6 else "/api/v1/search"
        return "GET", path, {"q": r.choice(SEARCHES)}, {}, None

    def api(r):
        slug = r.choice(slugs)
        path, query = r.choice([
            (f"/api/v1/concepts/{r.choice(site.concepts)}", {}), (f"/api/v1/concepts/{EDITED}", {}),
            ("/api/v1/concepts", {"limit": r.choice([5, 10, 20]), "offset": r.choice([0, 5, 10])}),
            ("/api/v1/concepts", {"tag": r.choice(site.tags)} if site.tags else {}),
            (f"/api/v1/comparisons/{r.choice(site.comparisons)}", {}), ("/api/v1/comparisons", {}),
            (f"/api/v1/stacks/{r.choice(list(site.stacks))}", {}), ("/api/v1/tags", {}),
            (f"/api/v1/scenarios/{slug}/steps/{r.randrange(site.scenarios[slug][1])}", {}),
            ("/api/v1/calculators/hpa", {"current_replicas": r.randint(1, 20), "current_metric": r.randint(10, 200)}),
            ("/api/v1/calculators/backoff", {"runtime": r.choice(["kubernetes", "docker"])}),
        ])
        return "GET", path, query, {}, None

    def calculator(r):
        name, query = r.choice([
            ("hpa", {"current_replicas": r.randint(1, 20), "current_metric": r.randint(10, 200)}),
            ("rolling-update", {"replicas": r.randint(1, 12), "max_surge": r.choice(["1", "25%"])}),
            ("backoff", {"runtime": r.choice(["kubernetes", "docker"]), "restarts": r.randint(1, 10)}),
            ("node-eviction", {"toleration_seconds": r.choice([0, 60, 300])}),
        ])
        return "GET", f"{lang(r)}/calculators/{name}", query, {}, None

    return [(8, "home", lambda r: ("GET", f"{lang(r)}/", {}, {}, None)), (5, "concepts index", concepts_index),
            (18, "concept page", concept), (4, "compare", compare), (8, "stacks", stacks),
            (14, "scenario step", step), (6, "what-if page", what_if), (4, "what-if POST API", simulation),
            (7, "search", search), (16, "API GET", api), (4, "calculators", calculator)]


async def public_client(base: str, site: Site, stats: Stats, stop: float, seed: int) -> None:
    r = random.Random(seed)
    mix = request_mix(site)
    weights = [weight for weight, _, _ in mix]
    etags: dict[str, str] = {}
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT,
                                 limits=httpx.Limits(max_connections=1)) as client:
        while time.monotonic() < stop:
            _, group, make = r.choices(mix, weights)[0]
            method, path, query, headers, body = make(r)
            language = r.choice(LANGUAGES)
            query = {**query, **language.get("params", {})}
            headers = {**headers, **language.get("headers", {})}
            url = path + ("?" + urlencode(query) if query else "")
            if method == "GET" and url in etags and r.random() < 0.5:
                headers["If-None-Match"] = etags[url]
                group = "revalidation (If-None-Match)"
            started = time.perf_counter()
            try:
                response = await client.request(method, url, headers=headers, json=body)
            except httpx.HTTPError as exc:
                stats.latencies[group].append((time.perf_counter() - started) * 1000)
                stats.statuses[type(exc).__name__] += 1
                stats.failures[(type(exc).__name__, f"{method} {url}", str(exc)[:160])] += 1
                continue
            stats.latencies[group].append((time.perf_counter() - started) * 1000)
            stats.statuses[response.status_code] += 1
            if response.status_code >= 400:
                stats.failures[(response.status_code, f"{method} {url}", first_line(response.text))] += 1
            elif "etag" in response.headers and method == "GET":
                etags[url] = response.headers["etag"]


# ------------------------------------------------------------------------------------------------- the admin


class FormFields(html.parser.HTMLParser):
    """What a browser would send for the admin edit form as it is: inputs, checked boxes, textareas, selects."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._selected: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "admin-form" in (a.get("class") or ""):
            self._in_form = True
        if not self._in_form or "name" not in a or "disabled" in a:
            return
        if tag == "input" and (a.get("type") != "checkbox" or "checked" in a):
            self.fields.append((a["name"], a.get("value") or ("on" if a.get("type") == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []
        elif tag == "select":
            self._select, self._selected = a["name"], ""
        if tag == "option" and self._select is not None and "selected" in a:
            self._selected = a.get("value") or ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.append((self._select, self._selected or ""))
            self._select = None
        elif tag == "form":
            self._in_form = False


def form_fields(page: str) -> list[tuple[str, str]]:
    parser = FormFields()
    parser.feed(page)
    return parser.fields


async def log_in(client: httpx.AsyncClient, password: str, origin: dict) -> None:
    page = await client.get("/admin/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
    response = await client.post("/admin/login", headers=origin, data={
        "username": ADMIN_USER, "password": password, "csrf_token": token, "next": "/admin"})
    if response.status_code != 303:
        raise RuntimeError(f"the admin could not log in: {response.status_code} {first_line(response.text)}")


async def admin_client(client: httpx.AsyncClient, reader: httpx.AsyncClient, stats: Stats, stop: float,
                       interval: float, run: str) -> None:
    """Save the edited concept every `interval` seconds until `stop`, through the form, as a browser would."""
    origin = {"Origin": str(client.base_url).rstrip("/")}
    original: str | None = None
    number = 0
    next_save = time.monotonic()
    while max(next_save, time.monotonic()) < stop:
        await asyncio.sleep(max(0.0, next_save - time.monotonic()))
        # A save slower than the interval is followed at once by the next, without catching up on missed ones.
        next_save = max(next_save + interval, time.monotonic())
        number += 1
        marker = f"soak-save-{run}-{number:05d}"
        save = {"number": number, "marker": marker, "status": None, "reason": "", "ms": 0.0,
                "began": time.monotonic()}
        stats.saves.append(save)
        started = time.perf_counter()
        try:
            page = await client.get(f"/admin/concepts/{EDITED}")
            if page.status_code != 200:
                save.update(status=f"form {page.status_code}", reason=first_line(page.text))
                continue
            fields = [(name, value) for name, value in form_fields(page.text) if name != "action"]
            if original is None:
                original = dict(fields)["body.en"].rstrip()
            fields = [(name, f"{original}\n\n{marker}" if name == "body.en" else value) for name, value in fields]
            form: dict[str, list[str]] = {}
            for name, value in [*fields, ("action", "save")]:
                form.setdefault(name, []).append(value)
            response = await client.post(f"/admin/concepts/{EDITED}", headers=origin, data=form)
        except httpx.HTTPError as exc:
            save.update(status=type(exc).__name__, reason=str(exc)[:160])
            continue
        finally:
            save["ms"] = (time.perf_counter() - started) * 1000
        save["status"] = response.status_code
        if response.status_code == 303 and "saved=1" in response.headers.get("location", ""):
            save["acknowledged"] = True
            # Read-your-write on a new connection, which may land on either worker.
            with contextlib.suppress(httpx.HTTPError):
                public = await reader.get(f"/api/v1/concepts/{EDITED}?lang=en")
                if marker not in public.text:
                    stats.stale.append(f"after save {number}: GET /api/v1/concepts/{EDITED} "
                                       f"({public.status_code}) lacks {marker}")
        else:
            save["reason"] = first_line(response.text)


# --------------------------------------------------------------------------------------------- the checks


def check_saves(database_url: str, saves: list[dict], run: str) -> dict:
    """Read the database directly: each acknowledged marker in exactly one revision, none of a refused save."""
    from sqlmodel import Session, select

    from app.content import editing
    from app.content.kinds import KINDS
    from app.db import make_engine
    from app.models import Revision

    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            revisions = session.exec(select(Revision).where(Revision.kind == "concept", Revision.key == EDITED)
                                     .order_by(Revision.id)).all()
            stored = editing.load(session, KINDS["concept"], EDITED)
        found = collections.Counter()
        order = []
        for revision in revisions:
            body = ((revision.snapshot or {}).get("body") or {}).get("en", "")
            for marker in re.findall(rf"soak-save-{run}-\d{{5}}", body):
                found[marker] += 1
                order.append(marker)
        acknowledged = [s["marker"] for s in saves if s.get("acknowledged")]
        refused = [s for s in saves if not s.get("acknowledged")]
        final_body = stored[0].body.en if stored else ""
        return {
            "acknowledged": len(acknowledged),
            "lost": [m for m in acknowledged if found[m] == 0],
            "duplicated": [m for m in acknowledged if found[m] > 1],
            "refused_but_stored": [s["marker"] for s in refused if found[s["marker"]]],
            "out_of_order": order != sorted(order),
            "final_marker": (re.findall(rf"soak-save-{run}-\d{{5}}", final_body) or [None])[-1],
            "last_acknowledged": acknowledged[-1] if acknowledged else None,
            "revisions": len(order),
            "stored": {marker for marker in found},
        }
    finally:
        engine.dispose()


async def check_workers(base: str, marker: str | None, tries: int = 16) -> list[str]:
    """After the load, fresh connections (spread over the workers) must all serve the last marker."""
    problems = []
    if marker is None:
        return problems
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT,
                                 limits=httpx.Limits(max_keepalive_connections=0)) as client:
        for index in range(tries):
            path = f"/en/concepts/{EDITED}" if index % 2 else f"/api/v1/concepts/{EDITED}"
            response = await client.get(path, headers={"Accept-Language": "en"})
            if response.status_code != 200 or marker not in response.text:
                problems.append(f"after the load: GET {path} ({response.status_code}) lacks {marker}")
    return problems


def server_problems(log: str) -> list[str]:
    """The server's error lines: logged errors, tracebacks, "database is locked"."""
    lines = []
    for line in log.splitlines():
        if re.search(r'"level": "(error|critical)"|Traceback|database is locked|OperationalError', line):
            lines.append(line[:300])
    return lines


# ------------------------------------------------------------------------------------------------- report


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0.0


def machine() -> str:
    return (f"`nproc` {os.cpu_count()}, Linux {platform.release()}, Python {platform.python_version()}, "
            f"httpx {httpx.__version__}")


def report(args, stats: Stats, elapsed: float, saves: dict, stale: list[str], log_lines: list[str],
           load_before: tuple, load_after: tuple, backend: str) -> tuple[str, bool]:
    total = sum(len(v) for v in stats.latencies.values())
    everything = [ms for values in stats.latencies.values() for ms in values]
    rows = ["| route group | requests | share | p50 ms | p90 ms | p99 ms | max ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for group in sorted(stats.latencies, key=lambda g: -len(stats.latencies[g])):
        values = stats.latencies[group]
        rows.append(f"| {group} | {len(values):,} | {len(values) / max(total, 1):.0%} | {percentile(values, .5):.0f} "
                    f"| {percentile(values, .9):.0f} | {percentile(values, .99):.0f} | {max(values):.0f} |")
    rows.append(f"| **all** | **{total:,}** | 100% | **{percentile(everything, .5):.0f}** | "
                f"**{percentile(everything, .9):.0f}** | **{percentile(everything, .99):.0f}** | "
                f"**{max(everything, default=0):.0f}** |")
    admin_ms = [s["ms"] for s in stats.saves if s.get("acknowledged")]
    # With --kill, a request in flight on the killed replica: a POST answered 502 by nginx (or cut off), which
    # nginx must not send on. Such a save may be stored or not; the admin saw an error either way.
    cut = (lambda status: str(status) == "502" or not str(status).isdigit()) if args.kill else (lambda status: False)
    in_flight = [s for s in stats.saves if not s.get("acknowledged") and cut(s["status"])]
    save_rows = collections.Counter((str(s["status"]), s["reason"]) for s in stats.saves
                                    if not s.get("acknowledged") and s not in in_flight)
    posts_cut = {key: count for key, count in stats.failures.items()
                 if cut(key[0]) and not key[1].startswith(("GET ", "HEAD "))}
    gets_failed = sum(count for key, count in stats.failures.items() if key[1].startswith(("GET ", "HEAD ")))
    errors = sum(stats.failures.values()) - sum(posts_cut.values())
    refused_stored = [m for m in saves["refused_but_stored"] if m not in {s["marker"] for s in in_flight}]
    lost = len(saves["lost"]) + len(saves["duplicated"]) + len(refused_stored)
    final_ok = saves["final_marker"] == saves["last_acknowledged"]
    failed = bool(errors or lost or stale or save_rows or not saves["acknowledged"] or not final_ok
                  or saves["out_of_order"])
    statuses = ", ".join(f"{status}: {count:,}" for status, count in sorted(stats.statuses.items(), key=str))
    lines = [
        f"## Soak run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(stats.started))}", "",
        f"Machine: {machine()}; load average before {load_before[0]:.2f} / {load_before[1]:.2f} / "
        f"{load_before[2]:.2f}, after {load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f} "
        "(shared machine; the load generator runs on the same cores as the server).", "",
        f"Command: `.venv/bin/python bench/soak.py --seconds {args.seconds:g} --clients {args.clients} "
        f"--save-interval {args.save_interval:g} --workers {args.workers}"
        f"{f' --replicas {args.replicas}' if args.replicas > 1 else ''}{' --kill' if args.kill else ''}"
        f"{' --postgresql' if args.postgresql else ''}{' --database-url …' if args.database_url else ''}` "
        f"({backend}, {args.workers} workers, EXPLORER_ENV=prod)", "",
        f"- {total:,} requests in {elapsed:.1f} s: **{total / elapsed:,.0f} requests/s** from {args.clients} clients",
        f"- statuses: {statuses}",
        f"- responses that were not 2xx/3xx (and transport errors): **{errors}**"
        + (f" (GET and HEAD: **{gets_failed}**)" if args.replicas > 1 else ""), "",
        *([f"- {args.replicas} replicas behind nginx (deploy/nginx/explorer-cache.conf, cache off), "
           f"{args.workers} worker(s) each, one PostgreSQL"
           + (f"; one replica killed with SIGKILL at {stats.killed_at - stats.began:.1f} s: "
              f"{sum(posts_cut.values())} public POST(s) and {len(in_flight)} admin save(s) in flight on it "
              "answered 502 (nginx sends no POST on; not counted above, listed below); of those saves "
              f"{sum(s['marker'] in saves['stored'] for s in in_flight)} stored, "
              f"{sum(s['marker'] not in saves['stored'] for s in in_flight)} not, and the admin saw the error"
              if stats.killed_at else ""), ""] if args.replicas > 1 else []),
        *rows, "",
        f"- admin saves: {len(stats.saves)} attempted, **{saves['acknowledged']} acknowledged** (303), "
        f"{len(stats.saves) - saves['acknowledged']} not; save round trip (form GET + POST) "
        f"p50 {percentile(admin_ms, .5):.0f} ms, p99 {percentile(admin_ms, .99):.0f} ms, "
        f"max {max(admin_ms, default=0):.0f} ms",
        f"- database check: {saves['revisions']} revisions with this run's markers; lost "
        f"**{len(saves['lost'])}**, duplicated **{len(saves['duplicated'])}**, refused but stored "
        f"**{len(refused_stored)}**, revisions in save order: "
        f"{'yes' if not saves['out_of_order'] else '**no**'}; stored concept holds the last acknowledged marker: "
        f"{'yes' if final_ok else '**no** (' + str(saves['final_marker']) + ')'}",
        f"- stale reads after an acknowledged save: **{len(stale)}**",
        f"- server log lines at error level: **{len(log_lines)}**", "",
    ]
    if stats.failures:
        lines += ["Responses that were not 2xx/3xx:", ""]
        lines += [f"- {count} × {status} {path}: {line}{' (in flight on the killed replica)' if key in posts_cut else ''}"
                  for key, count in sorted(stats.failures.items(), key=lambda item: -item[1])
                  for status, path, line in [key]]
        lines.append("")
    if in_flight:
        lines += ["Saves in flight on the killed replica:", ""]
        lines += [f"- save {s['number']}: {s['status']} {s['reason']}; "
                  f"{'stored' if s['marker'] in saves['stored'] else 'not stored'}" for s in in_flight]
        lines.append("")
    if save_rows:
        lines += ["Saves not acknowledged:", ""]
        lines += [f"- {count} × {status}: {reason}" for (status, reason), count in save_rows.items()]
        lines.append("")
    for title, items in (("Lost saves", saves["lost"]), ("Duplicated saves", saves["duplicated"]),
                         ("Refused saves found in the database", refused_stored),
                         ("Stale reads", stale), ("Server log", log_lines)):
        if items:
            lines += [f"{title}:", "", *[f"- {item}" for item in items[:50]],
                      *([f"- … and {len(items) - 50} more"] if len(items) > 50 else []), ""]
    lines.append(f"Result: **{'FAILED' if failed else 'zero errors, zero lost saves'}**.")
    return "\n".join(lines) + "\n", failed


# --------------------------------------------------------------------------------------------------- main


def balancer(upstreams: list[str], port: int, tmp: Path):
    """nginx with deploy/nginx/explorer-cache.conf in front of these replicas, its cache off; until the block ends."""
    from tests.servers import nginx, nginx_configuration

    changes = {"        proxy_cache explorer;\n": "        proxy_cache off;\n"}
    return nginx(nginx_configuration(upstreams, port, tmp, changes), port, tmp)


async def kill_one(servers: list, at: float, stats: Stats) -> None:
    """SIGKILL the first replica (its master and workers) at monotonic time `at`."""
    await asyncio.sleep(max(0.0, at - time.monotonic()))
    victim = servers[0]
    os.killpg(victim.process.pid, signal.SIGKILL)
    stats.killed_at = time.monotonic()
    print(f"killed the replica on port {victim.port} (SIGKILL)", file=sys.stderr)


async def soak(args, base: str, password: str, stats: Stats, run: str, servers: list | None = None) -> float:
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT) as client:
        site = await discover(client)
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT) as admin, \
            httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT,
                              limits=httpx.Limits(max_keepalive_connections=0)) as reader:
        await log_in(admin, password, {"Origin": base})
        stats.started = time.time()
        began = stats.began = time.monotonic()
        stop = began + args.seconds
        saving = asyncio.create_task(admin_client(admin, reader, stats, stop, args.save_interval, run))
        killing = asyncio.create_task(kill_one(servers, began + args.seconds / 2, stats)) if args.kill else None
        await asyncio.gather(*(public_client(base, site, stats, stop, args.seed * 1000 + index)
                               for index in range(args.clients)))
        if killing is not None:
            await killing
        elapsed = time.monotonic() - began  # the public load's own duration, for its throughput
        await saving
    return elapsed


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long the load runs (default 60)")
    parser.add_argument("--clients", type=int, default=64, help="concurrent public clients (default 64)")
    parser.add_argument("--save-interval", type=float, default=0.5, help="seconds between admin saves (0.5)")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (default 2)")
    parser.add_argument("--database-url", help="soak this (empty) database instead of a temporary SQLite file")
    parser.add_argument("--postgresql", action="store_true", help="soak a throwaway PostgreSQL cluster")
    parser.add_argument("--seed", type=int, default=1, help="seed of the request mix")
    parser.add_argument("--write", action="store_true", help="append the report to bench/SOAK_RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server log)")
    parser.add_argument("--replicas", type=int, default=1, help="servers behind nginx on one PostgreSQL (1)")
    parser.add_argument("--kill", action="store_true", help="SIGKILL one replica halfway (needs --replicas 2+)")
    args = parser.parse_args(argv)
    if args.kill and args.replicas < 2:
        parser.error("--kill needs --replicas 2 or more: with one server nothing would be left to answer")
    if args.replicas > 1 and not (args.postgresql or (args.database_url or "").startswith("postgresql")):
        parser.error("--replicas share one PostgreSQL database: add --postgresql")

    # SIGTERM ends the run like Ctrl-C, through the same clean-up.
    signal.signal(signal.SIGTERM, _interrupt)
    tmp = Path(tempfile.mkdtemp(prefix="explorer-soak-"))
    cluster = proxy = None
    servers: list[Server] = []
    try:
        database_url = args.database_url or f"sqlite:///{tmp}/explorer.db"
        if args.postgresql:
            from tests.pgcluster import Cluster

            cluster = Cluster()  # assigned before it starts, so that an interrupted start is cleaned up too
            cluster.start()
            cluster.execute("CREATE DATABASE soak")
            database_url = cluster.url("soak")
        backend = database_url.split(":", 1)[0].split("+")[0]
        password = secrets.token_urlsafe(18)
        run = secrets.token_hex(3)
        port = free_port()
        base = f"http://{HOST}:{port}"
        env = {"EXPLORER_ENV": "prod", "EXPLORER_SECRET_KEY": secrets.token_urlsafe(48),
               "EXPLORER_DATABASE_URL": database_url, "EXPLORER_ADMIN_USER": ADMIN_USER,
               "EXPLORER_ADMIN_PASSWORD": password, "WEB_CONCURRENCY": str(args.workers)}
        # The database is prepared first (schema, content, the admin), as a deployment's migrate job does.
        prepared = subprocess.run([sys.executable, "-m", "app.cli", "migrate", "--import-if-empty"], cwd=ROOT,
                                  env={**os.environ, **env}, capture_output=True, text=True, timeout=300)
        if prepared.returncode != 0:
            raise RuntimeError(f"preparing the database failed:\n{prepared.stdout}{prepared.stderr}")
        if args.replicas == 1:
            servers.append(Server(port, env, args.workers, tmp / "server.log"))
        else:
            servers.extend(Server(free_port(), env, args.workers, tmp / f"replica{index}.log")
                           for index in range(args.replicas))
        for replica in servers:
            replica.wait_ready()
        if args.replicas > 1:
            proxy = contextlib.ExitStack()
            proxy.enter_context(balancer([f"{HOST}:{replica.port}" for replica in servers], port, tmp / "nginx"))
        load_before = os.getloadavg()
        stats = Stats()
        print(f"soaking {base} ({backend}, {args.replicas} server(s)) for {args.seconds:g} s with {args.clients} "
              "clients …", file=sys.stderr)
        elapsed = asyncio.run(soak(args, base, password, stats, run, servers))
        load_after = os.getloadavg()
        saves = check_saves(database_url, stats.saves, run)
        stale = stats.stale + asyncio.run(check_workers(base, saves["last_acknowledged"]))
        log_lines = [line for replica in servers for line in server_problems(replica.log_text())]
        text, failed = report(args, stats, elapsed, saves, stale, log_lines, load_before, load_after, backend)
        print(text)
        if args.write:
            if not RESULTS.exists():
                RESULTS.write_text("# Soak results\n\nRuns of `bench/soak.py --write`, newest last.\n\n")
            with RESULTS.open("a") as handle:
                handle.write(text + "\n")
        return 1 if failed else 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        if proxy is not None:
            proxy.close()
        for replica in servers:
            replica.stop()
        if cluster is not None:
            with contextlib.suppress(RuntimeError):  # pg_ctl fails on a cluster whose start was interrupted
                cluster.stop()
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
