"""The trace of a run: its steps, each with the cluster as drawn, the numbers and every decision."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Step:
    """One interesting moment: what happened, why, and the state of every node right after."""

    index: int
    time_s: float
    clock: str
    title: str
    narration: str
    nodes: list[dict[str, Any]]
    metrics: dict[str, Any]
    decisions: list[dict[str, Any]]
    events: list[dict[str, Any]] = field(default_factory=list)
    unscheduled: list[dict[str, Any]] = field(default_factory=list)
    columns: list[dict[str, Any]] | None = None
    summary: str = ""  # one plain sentence: what happened and what it means, before the controllers' detail

    def to_dict(self) -> dict[str, Any]:
        """Return the step as plain JSON-ready data."""
        return asdict(self)


@dataclass(slots=True)
class Trace:
    """A whole run: which scenario, with which parameters, seed and language, and its steps."""

    kind: str
    params: dict[str, Any]
    seed: int
    lang: str
    duration_s: float
    steps: list[Step]
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the trace as plain JSON-ready data."""
        return {
            "kind": self.kind,
            "params": dict(self.params),
            "seed": self.seed,
            "lang": self.lang,
            "duration_s": self.duration_s,
            "sources": list(self.sources),
            "steps": [s.to_dict() for s in self.steps],
        }

    def __len__(self) -> int:
        return len(self.steps)
