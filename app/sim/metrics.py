"""The resource metrics pipeline: each container's CPU counter, metrics-server's scrapes and the samples it serves."""

from __future__ import annotations

from typing import NamedTuple

# metrics-server "collecting metrics every 15 seconds" (README; its release manifests pass --metric-resolution=15s,
# https://github.com/kubernetes-sigs/metrics-server). CPU is "the average usage ... over a period of time ...
# derived by taking a rate over a cumulative CPU counter" (FAQ.md): pkg/storage/pod.go keeps the last two points
# of every container and serves (last - prev) / (last.time - prev.time), stamped with last.time, its window being
# the span between them. The kubelet's own sampling is taken to coincide with the scrape.
METRIC_RESOLUTION_MS = 15_000
# pod.go freshContainerMinMetricsResolution: a container younger than one resolution but at least 10 s old gets a
# first sample from its start time (counter 0) instead of waiting for a second scrape.
FRESH_CONTAINER_MIN_MS = 10_000
NANO = 1_000_000  # nanocores per millicore


# One scraped value of a container's cumulative CPU counter: (time_ms, nanocore-milliseconds used since the
# container started). A plain tuple: metrics-server makes one per container at every scrape.
Point = tuple[int, int]


class Sample(NamedTuple):
    """What metrics-server serves for a pod: its CPU usage, when it was taken and over what window."""

    usage_m: int
    time_ms: int
    window_ms: int


class MetricsServer:
    """CPU counters integrated over the simulated clock, scraped every resolution into last and prev points."""

    def __init__(self, resolution_ms: int = METRIC_RESOLUTION_MS) -> None:
        self.resolution_ms = resolution_ms
        self.counters: dict[str, tuple[int, int]] = {}  # pod → (container start, nanocore-ms used)
        self.metered_ms: int | None = None
        self.last: dict[str, Point] = {}
        self.prev: dict[str, Point] = {}
        # What sample() serves, worked out at each scrape: (usage_m, time_ms, window_ms), a Sample's fields.
        self.samples_by_pod: dict[str, tuple[int, int, int]] = {}
        # The rates of the last advance() and since when they are not yet in the counters: the simulator meters at
        # every instant, and the same rates over two intervals add up to the same whole nanocore-ms in one go.
        self._held: dict[str, tuple[int, int]] | None = None
        self._held_from = 0

    def advance(self, now: int, rates: dict[str, tuple[int, int]]) -> None:
        """Add what each running container used since the last call, at the rates it ran at (start, nanocores)."""
        if self._held is not None and rates == self._held:
            self.metered_ms = now  # added up by _settle() when the rates change or at the next scrape
            return
        self._settle()
        since = now if self.metered_ms is None else self.metered_ms
        elapsed = now - since
        counters = self.counters
        for name, (start, rate) in rates.items():
            known = counters.get(name)
            used = known[1] if known is not None and known[0] == start else 0  # a restart starts a new counter
            # A container that started during the interval has run only since its start.
            counters[name] = (start, used + rate * (now - max(since, start)) if elapsed else used)
        self.metered_ms = now
        self._held, self._held_from = dict(rates), now

    def _settle(self) -> None:
        """Add the held rates up to the last metered time; every container in them started by the time they were
        first metered, so each ran for the whole span."""
        held, metered = self._held, self.metered_ms
        if held is None or metered is None or metered == self._held_from:
            return
        span = metered - self._held_from
        counters = self.counters
        for name, (start, rate) in held.items():
            counters[name] = (start, counters[name][1] + rate * span)
        self._held_from = metered

    def scrape(self, now: int, running: dict[str, int]) -> None:
        """podStorage.Store: a new point for every running container (pod → start); keep the one before it."""
        self._settle()
        counters, resolution = self.counters, self.resolution_ms
        old_last, old_prev = self.last, self.prev
        last: dict[str, Point] = {}
        prev: dict[str, Point] = {}
        samples: dict[str, tuple[int, int, int]] = {}
        for name, start in running.items():
            known = counters.get(name)
            last[name] = point = (now, known[1] if known is not None and known[0] == start else 0)
            age = now - start
            if start < now and age < resolution and age >= FRESH_CONTAINER_MIN_MS:
                before = (start, 0)
            else:
                before = old_last.get(name)
                if before is None or not start < before[0]:
                    continue  # unseen, or restarted since: no previous point to take a rate from
                if not now > before[0]:
                    before = old_prev.get(name)
                    if before is None or not before[0] < now:
                        continue
            prev[name] = before
            # GetMetrics' resourceUsage: the rate between prev and last, stamped with last's time.
            window = now - before[0]
            nanocores = (point[1] - before[1]) // window  # uint64 nanocores, as metrics-server truncates
            # The HPA reads Quantity.MilliValue(), which rounds up to a whole millicore.
            samples[name] = (-(-nanocores // NANO), now, window)
        self.last, self.prev, self.samples_by_pod = last, prev, samples

    def sample(self, name: str) -> Sample | None:
        """podStorage.GetMetrics with resourceUsage: the rate between prev and last, or None without both."""
        sample = self.samples_by_pod.get(name)
        return None if sample is None else Sample(*sample)

