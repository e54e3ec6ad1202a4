"""The servers a test starts never read the shipped advocates' hours, whose shifts would make the
test's outcome depend on the hour it runs (bot/stack.py)."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.handoff.hours import Hours
from bot.settings import ROOT
from bot.stack import NOBODY_ON_SHIFT, Stack

CHICAGO = ZoneInfo("America/Chicago")
HOURS_OF_A_WEEK = [
    dt.datetime(2026, 11, 29, 2, 0, tzinfo=CHICAGO),  # Sunday 02:00 Central
    dt.datetime(2026, 12, 1, 22, 50, tzinfo=CHICAGO),  # Tuesday 22:50 Central
    dt.datetime(2026, 12, 2, 12, 0, tzinfo=CHICAGO),  # Wednesday noon Central
    dt.datetime(2026, 12, 5, 23, 59, 30, tzinfo=dt.timezone.utc),  # the last minute of a UTC day
]


def hours_of(stack: Stack) -> Hours:
    return Hours.load(Path(stack.process_env()["HANDOFF_HOURS_FILE"]))


def test_a_production_store_stack_has_advocates_on_shift_at_any_hour(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOFF_HOURS_FILE", str(ROOT / "bot" / "handoff.yml"))  # a developer's own setting
    stack = Stack(tmp_path, endpoints_file=ROOT / "bot" / "endpoints.production.yml", env={"APP_ENV": "production"})
    hours = hours_of(stack)
    assert all(hours.on_shift(at) for at in HOURS_OF_A_WEEK)
    assert not Hours.load(ROOT / "bot" / "handoff.yml").on_shift(HOURS_OF_A_WEEK[0])  # what it would have read


def test_a_test_can_take_the_advocates_off_shift(tmp_path):
    stack = Stack(tmp_path)
    stack.set_hours(NOBODY_ON_SHIFT)
    assert not any(hours_of(stack).on_shift(at) for at in HOURS_OF_A_WEEK)
