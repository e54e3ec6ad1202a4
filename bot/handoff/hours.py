"""Whether advocates are on shift now, and how long a person can expect to wait.

The schedule lives in bot/handoff.yml so that the deploying organisation changes it without code.
The wait is an honest estimate, not a promise: the people ahead in the queue, shared among the
advocates on shift, times the minutes a conversation usually takes.
"""

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from bot.settings import ROOT

CONFIG = ROOT / "bot" / "handoff.yml"
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@dataclass(frozen=True)
class Hours:
    timezone: ZoneInfo
    shifts: dict[str, list[tuple[dt.time, dt.time]]]
    reply_later_on: frozenset[str]
    minutes_per_conversation: int

    @classmethod
    def load(cls, path: Path = CONFIG) -> "Hours":
        raw = yaml.safe_load(path.read_text())
        shifts = {}
        for day, spans in (raw.get("shifts") or {}).items():
            if day not in DAYS:
                raise ValueError(f"{path.name}: unknown day {day!r}; use {', '.join(DAYS)}")
            shifts[day] = [tuple(dt.time.fromisoformat(t) for t in span.split("-")) for span in spans]
        return cls(
            ZoneInfo(raw["timezone"]),
            shifts,
            frozenset(raw.get("reply_later_on") or []),
            int(raw.get("minutes_per_conversation", 20)),
        )

    def on_shift(self, at: dt.datetime) -> bool:
        """Whether `at` (timezone-aware) falls in a shift, in the schedule's own time zone."""
        local = at.astimezone(self.timezone)
        day = DAYS[local.weekday()]
        return any(start <= local.time() < end for start, end in self.shifts.get(day, []))

    def expected_wait_minutes(self, ahead: int, advocates_on_shift: int) -> int | None:
        """Minutes until an advocate is likely free; None when nobody is on shift."""
        if advocates_on_shift <= 0:
            return None
        return math.ceil((ahead + 1) / advocates_on_shift) * self.minutes_per_conversation if ahead else 0

    def replies_later(self, channel: str) -> bool:
        return channel in self.reply_later_on
