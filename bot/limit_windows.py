"""Moving-window rate-limit counts held in this process: the embedded default's storage for
`limits` (production counts in Redis, shared by the replicas).

limits 2.4's own MemoryStorage expires its entries from a timer thread that, every 10 ms while hits
come in, walks every entry of every key, taking a lock per entry: its cost grows with every message
of the last hour and takes the interpreter from the server (a tenth of the bot's time under bench/
load), and it never forgets a key. Here each key's hits are a deque of times, trimmed when the key
is counted, and keys whose window has emptied are dropped every SWEEP_EVERY hits. Newer limits
releases cannot be installed beside Rasa 3.6 (bot/limits.py).
"""

from collections import deque

from limits.storage import MovingWindowSupport, Storage

from bot import clock

SWEEP_EVERY = 10_000


class MemoryWindows(Storage, MovingWindowSupport):
    STORAGE_SCHEME = ["vwa-memory"]

    def __init__(self, uri: str | None = None, **options: object) -> None:
        super().__init__(uri, **options)
        self.reset()

    def _hits(self, key: str, expiry: int, now: float) -> deque:
        hits = self._windows.setdefault(key, (deque(), expiry))[0]
        while hits and hits[0] <= now - expiry:
            hits.popleft()
        return hits

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        now = clock.now().timestamp()
        self._count += 1
        if self._count % SWEEP_EVERY == 0:
            self.sweep(now)
        hits = self._hits(key, expiry, now)
        if len(hits) + amount > limit:
            return False
        hits.extend([now] * amount)
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[int, int]:
        now = clock.now().timestamp()
        hits = self._hits(key, expiry, now)
        return (int(hits[0]) if hits else int(now)), len(hits)

    def sweep(self, now: float) -> None:
        """Forget the keys with no hit left in their window."""
        for key, (hits, expiry) in list(self._windows.items()):
            if not hits or hits[-1] <= now - expiry:
                del self._windows[key]

    def keys(self) -> int:
        return len(self._windows)

    # The fixed-window interface limits requires of every storage; the moving window uses none.
    def incr(self, key: str, expiry: int, elastic_expiry: bool = False, amount: int = 1) -> int:
        raise NotImplementedError("moving window only")

    def get(self, key: str) -> int:
        raise NotImplementedError("moving window only")

    def get_expiry(self, key: str) -> int:
        raise NotImplementedError("moving window only")

    def check(self) -> bool:
        return True

    def reset(self) -> None:
        self._windows: dict[str, tuple[deque, int]] = {}
        self._count = 0

    def clear(self, key: str) -> None:
        self._windows.pop(key, None)
