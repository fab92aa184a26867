"""Restart delays: the kubelet's CrashLoopBackOff and the Docker daemon's restart manager."""

import pytest

from app.sim.backoff import (
    DockerRestartManager,
    KubeletBackoff,
    docker_delays_ms,
    kubelet_delays_ms,
    parse_docker_policy,
)
from app.sim.errors import SimulationError


def test_kubelet_restarts_at_once_then_waits_10_20_40_seconds():
    # Pod lifecycle docs: "exponential back-off delay (10s, 20s, 40s, …), that is capped at five minutes";
    # "Initial crash: Kubernetes attempts an immediate restart".
    assert kubelet_delays_ms(5) == [0, 10_000, 20_000, 40_000, 80_000]


def test_kubelet_delay_is_capped_at_five_minutes():
    assert kubelet_delays_ms(9)[-3:] == [300_000, 300_000, 300_000]


def test_kubelet_backoff_resets_after_ten_minutes_of_clean_running():
    # "Once a container has executed for 10 minutes without any problems, the kubelet resets the restart
    # backoff timer"; backoff.go: expired after 2 × maxDuration = 600 s since the last restart.
    entry = KubeletBackoff()
    entry.on_restart(0, 0)
    entry.on_restart(5_000, 15_000)
    assert entry.restart_at(20_000) == 40_000  # still backing off: 20 s
    assert entry.restart_at(15_000 + 600_001) == 615_001  # ran > 10 min: immediate again


def test_kubelet_backoff_not_reset_before_ten_minutes():
    entry = KubeletBackoff()
    entry.on_restart(0, 0)
    assert entry.restart_at(600_000) == 610_000


def test_docker_delay_starts_at_100ms_and_doubles():
    # Engine API RestartPolicy: "An ever increasing delay (double the previous delay, starting at 100ms)".
    assert docker_delays_ms(4) == [100, 200, 400, 800]


def test_docker_delay_caps_at_one_minute_in_its_code():
    # moby restartmanager.go: maxRestartTimeout = 1 * time.Minute.
    assert docker_delays_ms(12)[-2:] == [60_000, 60_000]


def test_docker_delay_resets_after_a_run_of_ten_seconds():
    manager = DockerRestartManager("always")
    for _ in range(5):
        manager.should_restart(1, False, 0)
    assert manager.should_restart(1, False, 10_000) == (True, 100)


def test_docker_policy_no_never_restarts():
    assert DockerRestartManager("no").should_restart(1, False, 0) == (False, 0)


def test_docker_on_failure_ignores_success_and_stops_after_max_retries():
    manager = DockerRestartManager("on-failure", 2)
    assert manager.should_restart(0, False, 0)[0] is False
    assert manager.should_restart(1, False, 0)[0] is True
    assert manager.should_restart(1, False, 0)[0] is True
    assert manager.should_restart(1, False, 0)[0] is False


def test_docker_unless_stopped_respects_a_manual_stop():
    assert DockerRestartManager("unless-stopped").should_restart(0, True, 0)[0] is False
    assert DockerRestartManager("always").should_restart(0, True, 0)[0] is True


@pytest.mark.parametrize("raw, expected", [("no", ("no", 0)), ("always", ("always", 0)),
                                           ("unless-stopped", ("unless-stopped", 0)),
                                           ("on-failure", ("on-failure", 0)), ("on-failure:3", ("on-failure", 3))])
def test_parse_docker_policy(raw, expected):
    assert parse_docker_policy(raw) == expected


@pytest.mark.parametrize("raw", ["sometimes", "always:3", "on-failure:x", "on-failure:0"])
def test_parse_docker_policy_rejects_names_the_cli_does_not_know(raw):
    with pytest.raises(SimulationError) as err:
        parse_docker_policy(raw)
    assert err.value.param == "restart_policy"
