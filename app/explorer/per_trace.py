"""What pages work out from the traces shown last, kept per trace object in a small LRU."""

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from app import sim

E = TypeVar("E")


class PerTrace(Generic[E]):
    """An entry per trace, made by make() the first time the trace is asked for, for the last `size` traces.

    Entries are filed under the trace object itself: the player's traces come from explorer.scenarios' run cache, so
    the same object comes back for the same run. The trace is held beside its entry, so that the id it is filed
    under is not given to another trace while it is kept."""

    def __init__(self, size: int, make: Callable[[], E]):
        self.size = size
        self.make = make
        self._entries: OrderedDict[int, tuple[sim.Trace, E]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, trace: sim.Trace) -> E:
        with self._lock:
            kept = self._entries.get(id(trace))
            if kept is None or kept[0] is not trace:
                kept = self._entries[id(trace)] = (trace, self.make())
            self._entries.move_to_end(id(trace))
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
            return kept[1]
