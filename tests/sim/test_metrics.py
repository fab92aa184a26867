"""metrics-server as the HPA sees it: CPU counters, the 15 s scrape, fresh containers and restarts."""

from app.sim.metrics import MetricsServer, Sample

M = 1_000_000  # nanocores per millicore


def test_a_sample_is_the_average_between_the_last_two_scrapes():
    # pod.go keeps last and prev; resourceUsage gives (last - prev) / window, stamped with last's time.
    # 400m for 10 s then 225m for 5 s: (4000 + 1125) / 15 = 341.67m; metrics-server truncates to whole nanocores
    # (341666666) and the HPA's Quantity.MilliValue() rounds up: 342m.
    server = MetricsServer(15_000)
    old = -3_600_000  # a container started an hour before
    server.advance(330_000, {"p": (old, 400 * M)})
    server.scrape(330_000, {"p": old})
    assert server.sample("p") is None  # one point only
    server.advance(340_000, {"p": (old, 400 * M)})
    server.advance(345_000, {"p": (old, 225 * M)})
    server.scrape(345_000, {"p": old})
    assert server.sample("p") == Sample(342, 345_000, 15_000)


def test_a_fresh_container_gets_a_sample_from_its_start_after_10_seconds():
    # freshContainerMinMetricsResolution: started at 316 s, scraped at 330 s (14 s old, under one 15 s resolution,
    # at least 10 s): prev is (316 s, 0). Idle until Ready at 325 s, then 400m: 400 × 5 / 14 = 142.86 → 143m over 14 s.
    server = MetricsServer(15_000)
    server.advance(316_000, {"p": (316_000, 0)})
    server.advance(325_000, {"p": (316_000, 0)})
    server.advance(330_000, {"p": (316_000, 400 * M)})
    server.scrape(330_000, {"p": 316_000})
    assert server.sample("p") == Sample(143, 330_000, 14_000)


def test_a_container_younger_than_10_seconds_has_no_sample_until_the_next_scrape():
    # Started at 321 s: 9 s old at 330 s, no sample ("missing"); at 345 s, prev is the 330 s point: window 15 s.
    server = MetricsServer(15_000)
    server.advance(321_000, {"p": (321_000, 100 * M)})
    server.advance(330_000, {"p": (321_000, 100 * M)})
    server.scrape(330_000, {"p": 321_000})
    assert server.sample("p") is None
    server.advance(345_000, {"p": (321_000, 100 * M)})
    server.scrape(345_000, {"p": 321_000})
    assert server.sample("p") == Sample(100, 345_000, 15_000)


def test_a_restarted_container_starts_a_new_counter_and_loses_its_sample():
    # Store keeps the previous point only if the container has not restarted (start before the stored time).
    server = MetricsServer(15_000)
    server.advance(0, {"p": (-100_000, 200 * M)})
    server.scrape(0, {"p": -100_000})
    server.advance(15_000, {"p": (-100_000, 200 * M)})
    server.scrape(15_000, {"p": -100_000})
    assert server.sample("p") == Sample(200, 15_000, 15_000)
    server.advance(20_000, {"p": (20_000, 0)})  # restarted at 20 s
    server.advance(30_000, {"p": (20_000, 0)})
    server.scrape(30_000, {"p": 20_000})  # 10 s old: fresh, prev = (20 s, 0)
    assert server.sample("p") == Sample(0, 30_000, 10_000)
    server.scrape(45_000, {})  # not running: no point, no sample
    assert server.sample("p") is None


def test_steady_rates_add_up_the_same_whether_metered_once_or_at_every_instant():
    # The simulator meters at every instant; unchanged rates are added up in one go at the next scrape or change.
    def run(times: list[int]) -> list[Sample | None]:
        server = MetricsServer(15_000)
        out = []
        for t in times:
            rate = 300 * M if t <= 40_000 else 120 * M  # the rate over the interval that ends at t
            server.advance(t, {"p": (-60_000, rate), "q": (5_000, 50 * M)} if t >= 5_000 else {"p": (-60_000, rate)})
            if t % 15_000 == 0:
                server.scrape(t, {"p": -60_000, "q": 5_000} if t >= 5_000 else {"p": -60_000})
                out.append((server.sample("p"), server.sample("q")))
        return out

    every_second = run(list(range(0, 91_000, 1_000)))
    sparse = run([0, 5_000, 15_000, 30_000, 40_000, 45_000, 60_000, 75_000, 90_000])
    assert every_second == sparse
    assert every_second[-1] == (Sample(120, 90_000, 15_000), Sample(50, 90_000, 15_000))
