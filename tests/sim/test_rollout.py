"""maxSurge/maxUnavailable resolution, validation and the rolling-update arithmetic."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.sim.errors import SimulationError
from app.sim.intstr import IntOrPercent, parse, scaled_value, validate_rolling_update
from app.sim.rollout import RSCount, max_unavailable, plan, resolve_fenceposts, rolling_sync


def test_parse_reads_integers_percentages_and_query_strings():
    assert parse(3, "x") == IntOrPercent(3, False)
    assert parse("25%", "x") == IntOrPercent(25, True)
    assert parse("2", "x") == IntOrPercent(2, False)


@pytest.mark.parametrize("raw", ["abc", "25 %", "%", "1.5", True, None, "-5%"])
def test_parse_rejects_what_is_not_an_int_or_percent_naming_the_field(raw):
    with pytest.raises(SimulationError) as err:
        parse(raw, "max_surge")
    assert err.value.param == "max_surge"


def test_defaults_for_ten_replicas_round_surge_up_and_unavailable_down():
    # RollingUpdateDeployment API reference: maxSurge "Absolute number is calculated from percentage by
    # rounding up", maxUnavailable "by rounding down"; both default to 25%. 25% of 10 = 2.5 → 3 and 2.
    assert resolve_fenceposts(IntOrPercent(25, True), IntOrPercent(25, True), 10) == (3, 2)


def test_percentages_of_four_replicas_resolve_to_one_each():
    assert resolve_fenceposts(IntOrPercent(25, True), IntOrPercent(25, True), 4) == (1, 1)


def test_both_resolving_to_zero_makes_unavailable_one():
    # deployment_util.go ResolveFenceposts: "2 desired, max unavailable 1%, surge 0%" → unavailable 1.
    assert resolve_fenceposts(IntOrPercent(0, True), IntOrPercent(1, True), 2) == (0, 1)


def test_max_unavailable_never_exceeds_the_replicas():
    assert max_unavailable(IntOrPercent(0, False), IntOrPercent(10, False), 3) == 3


def test_scaled_value_uses_ceil_and_floor():
    assert scaled_value(IntOrPercent(30, True), 5, True) == 2  # 1.5 → 2
    assert scaled_value(IntOrPercent(30, True), 5, False) == 1  # 1.5 → 1


def test_zero_and_zero_is_rejected_with_the_api_servers_reason():
    # pkg/apis/apps/validation: field.Invalid(maxUnavailable, ..., "may not be 0 when `maxSurge` is 0").
    with pytest.raises(SimulationError) as err:
        validate_rolling_update(IntOrPercent(0, False), IntOrPercent(0, True))
    assert err.value.param == "max_unavailable"
    assert "may not be 0 when `maxSurge` is 0" in err.value.message


def test_unavailable_above_100_percent_is_rejected_but_surge_is_not():
    with pytest.raises(SimulationError) as err:
        validate_rolling_update(IntOrPercent(1, False), IntOrPercent(101, True))
    assert "must not be greater than 100%" in err.value.message
    validate_rolling_update(IntOrPercent(200, True), IntOrPercent(0, False))


def test_negative_values_are_rejected():
    with pytest.raises(SimulationError) as err:
        validate_rolling_update(IntOrPercent(-1, False), IntOrPercent(1, False))
    assert err.value.param == "max_surge"
    assert "greater than or equal to 0" in err.value.message


def test_new_replicaset_grows_by_the_surge_only():
    actions = rolling_sync(10, 3, 2, RSCount("new", 0, 0), [RSCount("old", 10, 10)])
    assert [(a.rs, a.after, a.reason) for a in actions] == [("new", 3, "scale_up_new")]


def test_old_replicaset_shrinks_by_what_availability_allows():
    # rolling.go: maxScaledDown = allPods(13) - minAvailable(8) - newUnavailable(3) = 2.
    actions = rolling_sync(10, 3, 2, RSCount("new", 3, 0), [RSCount("old", 10, 10)])
    assert [(a.rs, a.after, a.reason) for a in actions] == [("old", 8, "scale_down_old")]


def test_unhealthy_old_pods_are_cleaned_up_first():
    # The rollback example in rolling.go: the crash-looping replicas go before any healthy one.
    actions = rolling_sync(4, 1, 1, RSCount("v2", 3, 3), [RSCount("v3", 2, 0)])
    assert [(a.rs, a.after, a.reason) for a in actions] == [("v3", 0, "cleanup_unhealthy")]


def test_plan_of_four_with_defaults_matches_the_controller_step_by_step():
    rows = [(r["old"], r["new"], r["total"], r["available"]) for r in plan(4, 1, 1)]
    assert rows == [(4, 0, 4, 4), (4, 1, 5, 4), (3, 1, 4, 3), (3, 2, 5, 3), (3, 2, 5, 5), (1, 2, 3, 3),
                    (1, 4, 5, 3), (1, 4, 5, 5), (0, 4, 4, 4)]


def test_plan_with_no_surge_scales_old_down_first():
    # ResolveFenceposts comment: "1 desired, max unavailable 1%, surge 0% - should scale old(-1), then new(+1)".
    events = [r["event"] for r in plan(1, 0, 1)]
    assert events[:3] == ["start", "scale_down_old", "scale_up_new"]


def test_plan_with_surge_scales_new_up_first():
    # "1 desired, max unavailable 0%, surge 1% - should scale new(+1), then old(-1)".
    surge, unavailable = resolve_fenceposts(IntOrPercent(1, True), IntOrPercent(0, True), 1)
    events = [r["event"] for r in plan(1, surge, unavailable)]
    assert events == ["start", "scale_up_new", "new_ready", "scale_down_old"]


values = st.one_of(st.integers(0, 12).map(str), st.integers(0, 150).map(lambda v: f"{v}%"))


@settings(max_examples=300, deadline=None)
@given(replicas=st.integers(1, 60), surge=values, unavailable=values)
def test_every_row_of_any_valid_rollout_respects_both_bounds(replicas, surge, unavailable):
    s, u = parse(surge, "max_surge"), parse(unavailable, "max_unavailable")
    try:
        validate_rolling_update(s, u)
    except SimulationError:
        return
    surge_n, _ = resolve_fenceposts(s, u, replicas)
    unavail_n = max_unavailable(s, u, replicas)
    rows = plan(replicas, surge_n, unavail_n)
    assert all(r["total"] <= replicas + surge_n for r in rows)
    assert all(r["available"] >= replicas - unavail_n for r in rows)
    assert (rows[-1]["old"], rows[-1]["new"], rows[-1]["available"]) == (0, replicas, replicas)
