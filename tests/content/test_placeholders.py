"""Scenario texts name their parameters as {{name}}; the values in force fill them, escaped in HTML."""

import re
from pathlib import Path

import yaml

from app.content.placeholders import fill, values_for


def test_fill_puts_values_in_and_leaves_unknown_names():
    assert fill("At {{peak_at_s}} s, {{ peak_rps }} rps; {{unknown}}", {"peak_at_s": 30, "peak_rps": 900.0}) == \
        "At 30 s, 900 rps; {{unknown}}"


def test_fill_escapes_values_in_html():
    assert fill("<p>{{behavior}}</p>", {"behavior": "<b>&"}, html=True) == "<p>&lt;b&gt;&amp;</p>"


def test_values_in_force_override_the_scenario_and_the_kind_defaults():
    values = values_for("autoscaling", {"peak_at_s": 300}, {"peak_at_s": 30})
    assert values["peak_at_s"] == 30 and values["behavior"] == "none"
    assert values_for("no-such-kind", {"a": 1}) == {"a": 1}


def test_a_rolling_updates_pod_counts_follow_max_surge_and_max_unavailable():
    default = values_for("rolling-update", {"replicas": 4})
    assert (default["surge_pods"], default["unavailable_pods"], default["most_pods"], default["least_available"]) == \
        (1, 1, 5, 3)  # 25% of 4: surge rounds up to 1, unavailable down to 1
    wide = values_for("rolling-update", {"replicas": 10, "max_surge": "150%", "max_unavailable": "0"})
    assert (wide["surge_pods"], wide["most_pods"], wide["least_available"]) == (15, 25, 10)
    described = fill("at most {{most_pods}}, at least {{least_available}}", wide)
    assert described == "at most 25, at least 10"


def test_every_placeholder_in_the_scenario_texts_names_a_parameter_of_its_kind():
    folder = Path(__file__).resolve().parents[2] / "content" / "scenarios"
    used = 0
    for path in sorted(folder.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        known = set(values_for(doc["kind"], doc.get("params", {})))  # its parameters and what they decide
        for lang in ("ko", "en"):
            names = re.findall(r"\{\{\s*([a-z_0-9]+)\s*\}\}", doc["description"][lang])
            assert set(names) <= known, (path.name, lang, set(names) - known)
            used += len(names)
    assert used > 40
