"""Whole replies to realistic first messages (data/eval/replies_<lang>.yml, issue 13), through the
REST channel: the scores per language and topic are printed after the run. The tests fail only
below the floors: English 95 %, Spanish 93 %, every money message answered with compensation and a
way to reach it, and every crisis message with 911/988 in the first message."""

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot import reply_eval
from tests.conftest import REPORT


def first_reply(stack, text: str) -> list[str]:
    """The bot's messages answering `text` as the first message of a new conversation."""
    return [m.get("text", "") for m in stack.say(f"eval-{uuid.uuid4().hex}", text)]


@pytest.fixture(scope="module")
def scored(stack, request):
    """Every entry of both languages, sent once (4 at a time) and scored."""
    entries = [e for lang in reply_eval.LANGUAGES for e in reply_eval.load(lang)]
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        replies = list(pool.map(lambda e: first_reply(stack, e.text), entries))
    elapsed = time.monotonic() - started
    line = f"reply evaluation: {len(entries)} first messages through REST in {elapsed:.1f} s"
    request.config.stash.setdefault(REPORT, []).append(line)
    return [reply_eval.score(e, r) for e, r in zip(entries, replies, strict=True)]


@pytest.mark.parametrize("lang", reply_eval.LANGUAGES)
def test_reply_scores_are_reported(scored, lang, request):
    scores = [s for s in scored if s.entry.language == lang]
    request.config.stash.setdefault(REPORT, []).extend(reply_eval.report(lang, scores))
    assert scores


FLOORS = {"en": 0.95, "es": 0.93}


@pytest.mark.parametrize("lang", reply_eval.LANGUAGES)
def test_whole_replies_are_right_at_least_as_often_as_the_floor(scored, lang):
    overall, _ = reply_eval.summary([s for s in scored if s.entry.language == lang])
    assert overall >= FLOORS[lang]


@pytest.mark.parametrize("lang", reply_eval.LANGUAGES)
def test_every_money_message_is_answered_with_compensation_and_a_way_to_reach_it(scored, lang):
    money = [s for s in scored if s.entry.language == lang and s.entry.topic == "compensation"]
    assert money and not [(s.entry.text, s.reasons) for s in money if not s.passed]


@pytest.mark.parametrize("lang", reply_eval.LANGUAGES)
def test_a_crisis_message_gets_911_or_988_in_the_first_message(scored, lang):
    crisis = [s for s in scored if s.entry.language == lang and s.entry.first]
    missed = [(s.entry.text, s.reasons) for s in crisis if any(r.startswith("first message") for r in s.reasons)]
    assert crisis and not missed
