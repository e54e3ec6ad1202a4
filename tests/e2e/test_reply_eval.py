"""Whole replies to realistic first messages (data/eval/replies_<lang>.yml, issue 13), through the
REST channel: the scores per language and topic are printed after the run. Only the crisis line is
enforced for now; the overall floors (English 0.95, Spanish 0.93) are not met yet."""

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot import reply_eval
from tests.conftest import REPORT


def first_reply(stack, text: str) -> list[str]:
    """The bot's messages answering `text` as the first message of a new conversation."""
    return [m.get("text", "") for m in stack.say(f"eval-{uuid.uuid4().hex}", text)]


# Crisis messages whose first message lacks 911/988 today (issue 13): listed, not yet enforced.
KNOWN_CRISIS_MISSES: set[str] = set()  # none today: a miss found here is listed while it is fixed


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


@pytest.mark.parametrize("lang", reply_eval.LANGUAGES)
def test_a_crisis_message_gets_911_or_988_in_the_first_message(scored, lang):
    crisis = [s for s in scored if s.entry.language == lang and s.entry.first]
    crisis = [s for s in crisis if s.entry.text not in KNOWN_CRISIS_MISSES]
    missed = [(s.entry.text, s.reasons) for s in crisis if any(r.startswith("first message") for r in s.reasons)]
    assert crisis and not missed
