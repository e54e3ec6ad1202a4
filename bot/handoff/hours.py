"""Whether advocates are on shift now, and how long a person can expect to wait.

The schedule lives in bot/handoff.yml so that the deploying organisation changes it without code.
A shift may end at "24:00", the end of the day, so a service staffed around the clock says
"00:00-24:00" and has no gap at midnight.
The wait is an honest estimate, not a promise: the people ahead in the queue, shared among the
advocates on shift, times the minutes a conversation usually takes.
"""

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from babel.dates import format_time, get_day_names, get_timezone_name

from bot.i18n import render
from bot.settings import ROOT, setting

CONFIG = ROOT / "bot" / "handoff.yml"
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
END_OF_DAY = dt.time.max  # "24:00": a shift ending then includes the day's last instant


def _time(text: str) -> dt.time:
    return END_OF_DAY if text.strip() == "24:00" else dt.time.fromisoformat(text.strip())


@dataclass(frozen=True)
class Hours:
    timezone: ZoneInfo
    shifts: dict[str, list[tuple[dt.time, dt.time]]]
    reply_later_on: frozenset[str]
    minutes_per_conversation: int

    @classmethod
    def load(cls, path: Path | None = None) -> "Hours":
        """Read afresh on each use, so a changed schedule applies without a restart
        (HANDOFF_HOURS_FILE names another file, as the tests do)."""
        path = path or Path(setting("HANDOFF_HOURS_FILE") or CONFIG)
        raw = yaml.safe_load(path.read_text())
        shifts = {}
        for day, spans in (raw.get("shifts") or {}).items():
            if day not in DAYS:
                raise ValueError(f"{path.name}: unknown day {day!r}; use {', '.join(DAYS)}")
            shifts[day] = [tuple(_time(t) for t in span.split("-")) for span in spans]
        return cls(
            ZoneInfo(raw["timezone"]),
            shifts,
            frozenset(raw.get("reply_later_on") or []),
            int(raw.get("minutes_per_conversation", 20)),
        )

    def on_shift(self, at: dt.datetime) -> bool:
        """Whether `at` (timezone-aware) falls in a shift, in the schedule's own time zone."""
        local = at.astimezone(self.timezone)
        now, spans = local.time(), self.shifts.get(DAYS[local.weekday()], [])
        return any(start <= now and (now < end or end == END_OF_DAY) for start, end in spans)

    def expected_wait_minutes(self, ahead: int, advocates_on_shift: int) -> int | None:
        """Minutes until an advocate is likely free; None when nobody is on shift."""
        if advocates_on_shift <= 0:
            return None
        return math.ceil((ahead + 1) / advocates_on_shift) * self.minutes_per_conversation if ahead else 0

    def replies_later(self, channel: str) -> bool:
        return channel in self.reply_later_on

    def describe(self, lang: str) -> str:
        """The schedule for a person, in their language: "Mon-Fri 8:00 AM-8:00 PM, Sat ... (Central Time)"."""
        names = get_day_names("abbreviated", locale=lang)
        spans = [", ".join(self._span(span, lang) for span in self.shifts.get(day, [])) for day in DAYS]
        groups: list[str] = []
        day = 0
        while day < len(DAYS):
            last = day
            while last + 1 < len(DAYS) and spans[last + 1] == spans[day]:
                last += 1
            if spans[day]:
                days = names[day] if last == day else f"{names[day]}-{names[last]}"
                groups.append(f"{days} {spans[day]}")
            day = last + 1
        zone = get_timezone_name(self.timezone, width="long", uncommon=False, locale=lang)
        return f"{'; '.join(groups)} ({zone})" if groups else "-"

    @staticmethod
    def _span(span: tuple[dt.time, dt.time], lang: str) -> str:
        if span == (dt.time.min, END_OF_DAY):
            return render("handoff.all_day", lang)
        if span[1] == END_OF_DAY:
            span = (span[0], dt.time.min)  # a shift to midnight reads "6:00 PM-12:00 AM"
        return "-".join(format_time(t, "short", locale=lang) for t in span)
