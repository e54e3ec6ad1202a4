"""Rate limits (bot/limits.py) in development's memory storage, and what happens when production's
Redis cannot be reached: the message goes through rather than a person in danger being refused."""

import logging

import pytest

from bot import limits
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
