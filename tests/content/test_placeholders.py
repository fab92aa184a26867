"""Scenario texts name their parameters as {{name}}; the values in force fill them, escaped in HTML."""

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
