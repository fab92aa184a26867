"""The clock and event queue that drive every simulated system, and the journal that becomes steps."""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from app.sim.summary import summarize
from app.sim.text import Text, clock, join, tr
from app.sim.trace import Step

# Within one instant, outside events come first, then what nodes do, then the control plane; metrics-server
# scrapes before the HPA reads.
PRIO_EXTERNAL, PRIO_KUBELET, PRIO_CONTROL, PRIO_METRICS, PRIO_HPA = 0, 1, 2, 3, 4


class System(Protocol):
    """Anything the engine drives: a Kubernetes cluster or a Docker host."""

    key: str
    title: Text
    dirty: bool

    def reconcile(self) -> None:
        """Bring the system's actual state toward its desired state."""

    def snapshot(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The nodes with their pods, and the pods waiting for a node."""

    def metrics(self) -> dict[str, Any]:
        """The numbers a chart plots."""


@dataclass(slots=True)
class Entry:
    """One line of the journal: something that happened, a controller's decision, or a remark."""

    kind: str  # event | decision | note
    system: str
    type: str
    text: Text
    title: Text | None = None
    loud: bool = True  # quiet entries never make a step on their own
    controller: str | None = None
    inputs: dict[str, Any] | None = None
    result: Any = None
    source: str | None = None
    subject: str | None = None
    group: Callable[[list[str]], Text] | None = None  # the sentence for several subjects at once


class Engine:
    """A discrete-event clock in milliseconds; every step is one instant where something happened."""

    def __init__(self, lang: str, seed: int, wall_start_s: int | None = None,
                 merge_metrics: Callable[[dict[str, dict]], dict] | None = None) -> None:
        self.lang = lang
        self.rng = random.Random(seed)
        self.wall_start_s = wall_start_s
        self.merge_metrics = merge_metrics
        self.now = 0
        self.systems: dict[str, System] = {}
        self.steps: list[Step] = []
        self._queue: list[tuple[int, int, int, Callable[..., None], tuple]] = []
        self._seq = 0
        self._journal: list[Entry] = []
        self._before: dict[str, dict[str, Any]] | None = None  # each system's numbers at the previous step
        # Called with the time of each instant before anything happens in it: what ran at a steady rate since
        # the previous instant (a CPU counter) is added up here.
        self.meters: list[Callable[[int], None]] = []
        # Bumped whenever the systems' objects may have changed: by any event that comes before metrics-server's
        # scrapes in an instant, by every reconcile, and at each run() (a script may change things between runs).
        # metrics-server and the HPA only read pods (a sync that scales marks its cluster dirty, so the reconcile
        # that follows bumps it), so what is worked out from the pods can be kept while it stays the same.
        self.generation = 0

    def add(self, system: System) -> Any:
        """Register a system; its state appears in every step from now on."""
        self.systems[system.key] = system
        return system

    def at(self, t_ms: int, prio: int, fn: Callable[..., None], *args: Any) -> None:
        """Run fn(*args) at time t_ms (never in the past)."""
        self._seq += 1
        now = self.now
        heapq.heappush(self._queue, (t_ms if t_ms >= now else now, prio, self._seq, fn, args))  # max(t_ms, now)

    def run(self, until_ms: int, stop: Callable[[], bool] | None = None) -> bool:
        """Process events up to until_ms, or until stop() holds after an instant; True if stopped."""
        if any(s.dirty for s in self.systems.values()):
            self.at(self.now, PRIO_EXTERNAL, _noop)  # settle changes made between runs
        self.generation += 1
        queue = self._queue
        meters = self.meters
        systems = self.systems.values()
        pop = heapq.heappop
        while queue and queue[0][0] <= until_ms:
            t = queue[0][0]
            for meter in meters:
                meter(t)
            self.now = t
            while True:
                while queue and queue[0][0] == t:
                    _, prio, _, fn, args = pop(queue)
                    if prio < PRIO_METRICS:
                        self.generation += 1
                    fn(*args)
                dirty = [s for s in systems if s.dirty]
                if not dirty:
                    break
                self.generation += 1
                for system in dirty:
                    system.reconcile()
            if self._journal:
                self.flush()
            if stop is not None and stop():
                return True
        self.now = max(self.now, until_ms)
        return False

    def record(self, entry: Entry) -> None:
        """Add an entry to the journal of the current instant."""
        self._journal.append(entry)

    def event(self, system: str, type_: str, text: Text, title: Text | None = None, *, loud: bool = True,
              subject: str | None = None, group: Callable[[list[str]], Text] | None = None) -> None:
        """Journal something that happened (a crash, a pod becoming Ready, a node going silent)."""
        self._journal.append(Entry("event", system, type_, text, title, loud, subject=subject, group=group))

    def decide(self, system: str, controller: str, type_: str, inputs: dict[str, Any], result: Any,
               text: Text, title: Text | None = None, source: str | None = None, loud: bool = True) -> None:
        """Journal a controller's decision with its inputs, result and explanation."""
        self._journal.append(Entry("decision", system, type_, text, title, loud, controller, inputs, result, source))

    def note(self, ko: str, en: str) -> None:
        """Add a remark to the narration of the current instant."""
        self._journal.append(Entry("note", "", "note", tr(ko, en), loud=False))

    def flush(self) -> None:
        """Turn the journal of the current instant into a step, if anything worth showing happened."""
        journal, self._journal = self._journal, []
        if not any(e.loud for e in journal):
            return
        entries = _merge(journal)
        ordered = [e for e in entries if e.kind == "event"] + [e for e in entries if e.kind == "decision"]
        title = next((e.title for e in ordered if e.title), ordered[0].text if ordered else tr("", ""))
        # The narration follows the order things happened in; remarks come last.
        notes = [e.text for e in entries if e.kind == "note"]
        narration = join([e.text for e in entries if e.kind != "note"] + notes)
        multi = len(self.systems) > 1
        columns, nodes, unscheduled, metrics = [], [], [], {}
        for key, system in self.systems.items():
            sys_nodes, sys_unscheduled = system.snapshot()
            sys_metrics = system.metrics()
            columns.append({"key": key, "title": system.title[self.lang], "nodes": sys_nodes,
                            "unscheduled": sys_unscheduled, "metrics": sys_metrics})
            if not multi:
                nodes, unscheduled, metrics = sys_nodes, sys_unscheduled, sys_metrics
        if multi:
            merged = {c["key"]: c["metrics"] for c in columns}
            metrics = self.merge_metrics(merged) if self.merge_metrics else _prefixed(merged)
        lang = self.lang
        decisions = [_decision(e, lang, multi) for e in ordered if e.kind == "decision"]
        before = self._before
        self._before = {c["key"]: c["metrics"] for c in columns}
        summary = summarize(title, [(e.type, e.text) for e in ordered if e.kind == "event"], decisions,
                            [{**c, "title": self.systems[c["key"]].title} for c in columns], before)
        self.steps.append(Step(
            index=len(self.steps),
            time_s=self.now / 1000,
            clock=clock(self.now, self.wall_start_s),
            title=title[lang],
            narration=narration[lang],
            nodes=nodes,
            metrics=metrics,
            decisions=decisions,
            events=[_event(e, lang, multi) for e in ordered if e.kind == "event"],
            unscheduled=unscheduled,
            columns=columns if multi else None,
            summary=summary[lang],
        ))


def _noop() -> None:
    return None


def _merge(journal: list[Entry]) -> list[Entry]:
    """Fold repeated events of one kind (three pods becoming Ready) into one sentence."""
    out: list[Entry] = []
    groups: dict[tuple[str, str], tuple[Entry, list[str]]] = {}
    for e in journal:
        if e.group is None or e.subject is None:
            out.append(e)
            continue
        key = (e.system, e.type)
        if key in groups:
            groups[key][1].append(e.subject)
        else:
            subjects = [e.subject]
            groups[key] = (e, subjects)
            out.append(e)
    for first, subjects in groups.values():
        if len(subjects) > 1:
            first.text = first.group(subjects)  # type: ignore[misc]
    return out


def _decision(e: Entry, lang: str, multi: bool) -> dict[str, Any]:
    d = {
        "controller": e.controller,
        "type": e.type,
        "inputs": e.inputs or {},
        "result": e.result,
        "explanation": e.text[lang],
        "explanation_i18n": dict(e.text),
        "source": e.source,
    }
    if multi:
        d["column"] = e.system
    return d


def _event(e: Entry, lang: str, multi: bool) -> dict[str, Any]:
    d = {"type": e.type, "text": e.text[lang]}
    if multi:
        d["column"] = e.system
    return d


def _prefixed(per_system: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {f"{key}_{name}": value for key, m in per_system.items() for name, value in m.items()}
