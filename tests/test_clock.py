"""One clock for the app, which a test sets instead of depending on the hour it runs."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot import clock, db

SUNDAY_2AM_CHICAGO = dt.datetime(2026, 11, 29, 2, 0, tzinfo=ZoneInfo("America/Chicago"))


def test_a_fixed_clock_is_what_the_app_reads_and_is_released_after():
    with clock.fixed_at(SUNDAY_2AM_CHICAGO):
        assert clock.now() == SUNDAY_2AM_CHICAGO and clock.now().tzinfo == dt.timezone.utc
        assert db.now() == dt.datetime(2026, 11, 29, 8, 0)  # the tables keep naive UTC
    assert abs(clock.now() - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)


def test_a_time_without_a_zone_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        with clock.fixed_at(dt.datetime(2026, 11, 29, 2, 0)):
            pass
