"""Advocates' hours and the expected wait, from bot/handoff.yml."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.handoff.hours import Hours

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def hours(tmp_path):
    config = tmp_path / "handoff.yml"
    config.write_text(
        "timezone: America/Chicago\nshifts:\n  mon: ['08:00-20:00']\n  sat: ['10:00-16:00']\n"
        "reply_later_on: [sms]\nminutes_per_conversation: 15\n"
    )
    return Hours.load(config)


def test_shifts_are_read_in_the_schedules_time_zone(hours):
    monday_9am_chicago = dt.datetime(2026, 11, 23, 9, 0, tzinfo=CHICAGO)
    assert hours.on_shift(monday_9am_chicago)
    assert hours.on_shift(monday_9am_chicago.astimezone(dt.timezone.utc))  # 15:00 UTC is 9:00 there
    assert not hours.on_shift(dt.datetime(2026, 11, 23, 20, 0, tzinfo=CHICAGO))  # the end is exclusive
    assert not hours.on_shift(dt.datetime(2026, 11, 24, 9, 0, tzinfo=CHICAGO))  # Tuesday: nobody
    assert hours.on_shift(dt.datetime(2026, 11, 28, 10, 30, tzinfo=CHICAGO))


def test_the_expected_wait_shares_the_queue_among_advocates_on_shift(hours):
    assert hours.expected_wait_minutes(ahead=0, advocates_on_shift=2) == 0
    assert hours.expected_wait_minutes(ahead=3, advocates_on_shift=2) == 30
    assert hours.expected_wait_minutes(ahead=3, advocates_on_shift=0) is None


def test_replies_later_only_on_the_channels_configured(hours):
    assert hours.replies_later("sms") and not hours.replies_later("socketio")


def test_the_shipped_schedule_loads():
    assert Hours.load().shifts


def test_an_unknown_day_is_refused(tmp_path):
    (tmp_path / "h.yml").write_text("timezone: UTC\nshifts:\n  funday: ['08:00-09:00']\n")
    with pytest.raises(ValueError, match="unknown day 'funday'"):
        Hours.load(tmp_path / "h.yml")


def test_a_shift_to_24_00_covers_the_last_minute_of_the_day(tmp_path):
    (tmp_path / "h.yml").write_text("timezone: UTC\nshifts:\n  tue: ['00:00-24:00']\n  wed: ['18:00-24:00']\n")
    hours = Hours.load(tmp_path / "h.yml")
    utc = dt.timezone.utc
    assert hours.on_shift(dt.datetime(2026, 12, 1, 0, 0, tzinfo=utc))
    assert hours.on_shift(dt.datetime(2026, 12, 1, 23, 59, 59, 999999, tzinfo=utc))
    assert hours.on_shift(dt.datetime(2026, 12, 2, 23, 59, 30, tzinfo=utc))
    assert not hours.on_shift(dt.datetime(2026, 12, 3, 0, 0, tzinfo=utc))  # Thursday: nobody
    assert hours.describe("en").startswith("Tue 24 hours; Wed 6:00\u202fPM-12:00\u202fAM (")
    assert hours.describe("es").startswith("mar las 24 horas; mié 18:00-0:00")
