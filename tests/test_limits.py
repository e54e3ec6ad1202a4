"""Rate limits (bot/limits.py) in development's memory storage, and what happens when production's
Redis cannot be reached: the message goes through rather than a person in danger being refused."""

import datetime as dt
import logging

import pytest

from bot import clock, limit_windows, limits
from tests import aio


@pytest.fixture
def fresh(monkeypatch):
    """Limits read from this test's settings, counted from zero."""

    def reset() -> None:
        for cached in (limits._storage, limits._limiter, limits.items):
            cached.cache_clear()

    monkeypatch.delenv("REDIS_HOST", raising=False)
    reset()
    yield monkeypatch
    reset()


def allowed(rule: str, value: str, times: int) -> list[bool]:
    return [aio.run(limits.allow(rule, value)) for _ in range(times)]


def test_a_conversation_is_refused_past_its_limit_and_another_is_not(fresh):
    assert allowed("conversation", "rest:amaru", 21) == [True] * 20 + [False]
    assert allowed("conversation", "rest:beatriz", 1) == [True]


def test_a_limit_comes_from_its_setting(fresh):
    fresh.setenv("RATE_LIMIT_NEW_CHATS_PER_ADDRESS", "2/hour")
    assert allowed("new_chat", "198.51.100.7", 3) == [True, True, False]


def test_the_polite_reply_goes_once_a_minute(fresh):
    assert allowed("notice", "web-abc", 3) == [True, False, False]


def test_counts_are_kept_under_a_keyed_hash_not_the_address(fresh):
    assert "198.51.100.7" not in limits.pseudonym("198.51.100.7")
    assert limits.pseudonym("198.51.100.7") != limits.pseudonym("198.51.100.8")


def test_when_redis_cannot_be_reached_the_message_goes_through_and_the_log_names_no_one(fresh, caplog):
    fresh.setenv("REDIS_HOST", "127.0.0.1")
    fresh.setenv("REDIS_PORT", "1")  # nothing listens there
    with caplog.at_level(logging.ERROR, logger="bot.limits"):
        assert allowed("conversation", "rest:amaru", 25) == [True] * 25
    assert caplog.records and "amaru" not in caplog.text


def test_a_refused_conversation_is_let_through_once_its_minute_has_passed(fresh):
    start = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.timezone.utc)
    with clock.fixed_at(start):
        assert allowed("conversation", "rest:amaru", 21)[-1] is False
    with clock.fixed_at(start + dt.timedelta(seconds=59)):
        assert allowed("conversation", "rest:amaru", 1) == [False]
    with clock.fixed_at(start + dt.timedelta(seconds=61)):
        assert allowed("conversation", "rest:amaru", 21) == [True] * 20 + [False]


def test_the_hourly_limit_counts_across_minutes(fresh):
    start = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.timezone.utc)
    for minute in range(15):
        with clock.fixed_at(start + dt.timedelta(minutes=minute)):
            assert allowed("conversation", "rest:amaru", 20) == [True] * 20
    with clock.fixed_at(start + dt.timedelta(minutes=15)):
        assert allowed("conversation", "rest:amaru", 1) == [False]  # 300 an hour
    with clock.fixed_at(start + dt.timedelta(minutes=60, seconds=1)):
        assert allowed("conversation", "rest:amaru", 1) == [True]


def test_a_quiet_conversation_leaves_nothing_in_memory(fresh, monkeypatch):
    """Counts of people who stopped writing are forgotten once their windows have passed."""
    monkeypatch.setattr(limit_windows, "SWEEP_EVERY", 50)
    start = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.timezone.utc)
    with clock.fixed_at(start):
        for person in range(10):
            allowed("conversation", f"rest:person-{person}", 2)
    assert limits._storage().keys() == 20  # a minute's and an hour's window each
    with clock.fixed_at(start + dt.timedelta(hours=1, seconds=1)):
        allowed("conversation", "rest:beatriz", 15)  # the 50th hit sweeps
    assert limits._storage().keys() == 2
