"""Scenario descriptions agree with the traces of their own parameters: every number and worked example they quote."""

import re
from pathlib import Path

import pytest
import yaml

from app.sim import run

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"
# A number on its own: not part of a name such as v1, k8s or a pod's hash.
NUMBER = re.compile(r"(?<![A-Za-z0-9.#])\d+(?:\.\d+)?(?![A-Za-z0-9])")
FILES = sorted(CONTENT.glob("*.yml"))


def _norm(n: str) -> str:
    return n.rstrip("0").rstrip(".") if "." in n else n


def _said(trace: dict) -> tuple[set[str], str]:
    """The numbers a trace shows (its words, metrics and parameters) and all its words."""
    texts, numbers = [], set()
    for step in trace["steps"]:
        texts += [step["title"], step["narration"]] + [d["explanation"] for d in step["decisions"]]
        numbers |= {f"{v:g}" for v in step["metrics"].values() if isinstance(v, int | float) and not isinstance(v, bool)}
    for value in trace["params"].values():
        if isinstance(value, int | float) and not isinstance(value, bool):
            numbers.add(f"{value:g}")
    text = " ".join(texts)
    return {_norm(n) for n in numbers | set(NUMBER.findall(text))}, text


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_number_in_a_description_appears_in_its_trace(path, lang):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    numbers, text = _said(run(doc["kind"], doc.get("params") or {}, lang=lang).to_dict())
    description = doc["description"][lang]
    missing = sorted({n for n in NUMBER.findall(description) if _norm(n) not in numbers})
    assert not missing, f"{path.name} ({lang}) quotes numbers its trace never shows: {missing}"
    # A worked example in a code span (`ceil(2 × 200 / 50) = 8`) must be one the trace itself writes.
    examples = [span for span in re.findall(r"`([^`]*)`", description) if "=" in span and re.search(r"\d", span)]
    for example in examples:
        assert example.replace("÷", "/") in text, f"{path.name} ({lang}): {example!r} is not in the trace"


def test_the_check_catches_the_old_autoscaling_example():
    # The description used to quote ceil(4 × 90 ÷ 50) = 8, which its trace never computes.
    _, text = _said(run("autoscaling", lang="en").to_dict())
    assert "ceil(4 × 90 / 50) = 8" not in text and "ceil(2 × 200 / 50) = 8" in text
