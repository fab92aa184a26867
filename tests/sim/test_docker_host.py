"""One Docker host: restart policies, the restart delay, and nothing at all when the host dies."""

import pytest

from app.sim.docker import DockerHost
from app.sim.engine import PRIO_EXTERNAL, Engine


def host_with(policy):
    engine = Engine("en", 0)
    host = engine.add(DockerHost(engine))
    host.run("web", "v1", policy)
    return engine, host


@pytest.mark.parametrize("policy, restarted", [("no", False), ("always", True), ("unless-stopped", True),
                                               ("on-failure", True), ("on-failure:1", True)])
def test_a_crash_is_restarted_only_when_the_policy_says_so(policy, restarted):
    engine, host = host_with(policy)
    engine.at(30_000, PRIO_EXTERNAL, host.crash, "web", 1)
    engine.run(60_000)
    assert (host.containers["web"].state == "running") is restarted


def test_the_first_restart_comes_100ms_after_the_exit():
    engine, host = host_with("always")
    engine.at(30_000, PRIO_EXTERNAL, host.crash, "web", 1)
    engine.run(60_000)
    assert [s.time_s for s in engine.steps] == [30.0, 30.1]


def test_quick_crashes_double_the_delay():
    engine, host = host_with("always")
    for t in (30_000, 31_000, 32_000):
        engine.at(t, PRIO_EXTERNAL, host.crash, "web", 1)
    engine.run(60_000)
    restarts = [s.time_s for s in engine.steps if any(e["type"] == "container_restarted" for e in s.events)]
    assert restarts == [30.1, 31.2, 32.4]  # 100 ms, then 200 ms, then 400 ms


def test_on_failure_with_max_retries_gives_up():
    engine, host = host_with("on-failure:1")
    engine.at(30_000, PRIO_EXTERNAL, host.crash, "web", 1)
    engine.at(40_000, PRIO_EXTERNAL, host.crash, "web", 1)
    engine.run(60_000)
    assert host.containers["web"].state == "exited"


def test_when_the_host_dies_nothing_brings_the_container_back_anywhere():
    engine, host = host_with("always")
    engine.at(120_000, PRIO_EXTERNAL, host.fail)
    engine.run(3_600_000)
    nodes, _ = host.snapshot()
    assert [n["name"] for n in nodes] == ["host-1"]  # there is no other place it could go
    assert host.containers["web"].state == "lost" and host.metrics()["ready"] == 0
