"""The one clock the app reads, so that a test sets the time it needs instead of depending on the
hour it happens to run (CI runs at any hour, in any time zone).

Production reads the real clock. A test fixes it with `fixed_at(...)`; servers a test starts in
other processes read their own real clock, so those tests set what depends on it instead (the
advocates' hours file, see bot/stack.py).
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

_fixed: dt.datetime | None = None


def now() -> dt.datetime:
    """The current instant, timezone-aware, in UTC."""
    return _fixed or dt.datetime.now(dt.timezone.utc)


@contextmanager
def fixed_at(at: dt.datetime) -> Iterator[None]:
    """Within the block, now() is `at` (timezone-aware) and does not move."""
    global _fixed
    if at.tzinfo is None:
        raise ValueError("fixed_at needs a timezone-aware time")
    before, _fixed = _fixed, at.astimezone(dt.timezone.utc)
    try:
        yield
    finally:
        _fixed = before
