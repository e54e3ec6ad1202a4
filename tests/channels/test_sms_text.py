"""Texts a phone shows well: GSM-7, at most three segments split between sentences, dialable
numbers, numbered choices; and keywords however they are typed."""

import pytest

from bot.channels.sms import e164, keyword
from bot.channels.sms_text import dialable, for_sms, is_gsm, segments, split, to_gsm, with_choices


def test_typographic_characters_and_emoji_become_gsm7():
    text = to_gsm("It\u2019s \u201cfree\u201d \u2014 Mon\u2013Fri, 8:00\u202fAM\u2026 \U0001f64f")
    assert is_gsm(text) and text.startswith('It\'s "free" - Mon-Fri, 8:00 AM...')


def test_accents_gsm7_lacks_are_dropped_and_other_scripts_kept():
    assert to_gsm("información") == "informacion"
    assert to_gsm("¿Qué pasó? Ñandú") == "¿Qué paso? Ñandu"  # GSM-7 has ¿, é and Ñ, not ó or ú
    assert to_gsm("我需要帮助") == "我需要帮助"


def test_segments_count_like_a_phone_network():
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2 and segments("a" * 459) == 3
    assert segments("€" * 80) == 1 and segments("€" * 81) == 2  # extension characters cost two
    assert segments("我" * 70) == 1 and segments("我" * 71) == 2


def test_long_texts_split_between_sentences_into_at_most_three_segments():
    sentences = [f"Sentence number {i} says something useful." for i in range(40)]
    texts = split(" ".join(sentences))
    assert len(texts) > 1 and all(segments(t) <= 3 for t in texts)
    assert all(t.endswith(".") for t in texts)
    assert " ".join(texts) == " ".join(sentences)


def test_one_sentence_longer_than_a_text_is_split_between_words():
    texts = split("word " * 300)
    assert all(segments(t) <= 3 for t in texts) and " ".join(texts).split() == ["word"] * 300


def test_phone_numbers_are_dialable_and_choices_numbered():
    assert dialable("Call (800) 799-7233 now") == "Call 800-799-7233 now"
    choices = with_choices("Pick one:", ["Talk to someone", "Legal help"], "Reply {number} for {title}")
    assert choices == "Pick one:\nReply 1 for Talk to someone\nReply 2 for Legal help"
    assert for_sms("Call (800) 799-7233") == ["Call 800-799-7233"]


@pytest.mark.parametrize("typed, word", [("stop", "STOP"), ("  Stop. ", "STOP"), ("HeLp!", "HELP"), ("alto", "ALTO")])
def test_keywords_match_whatever_the_case_and_spaces(typed, word):
    assert keyword(typed) == word


def test_numbers_are_normalised_to_e164_and_nonsense_refused():
    assert e164("(202) 555-0142") == "+12025550142"
    assert e164("+1 202 555 0142") == "+12025550142"
    assert e164("+1 123") is None and e164("not a number") is None


def test_a_resource_is_not_split_across_texts_when_it_fits_in_one():
    entry = "Example Line: Listens and helps, day or night.\nCall 800-555-0123\nNo police report needed."
    texts = split("\n\n".join([entry] * 5))
    assert all(t.count("Example Line") == t.count("No police report needed.") for t in texts)
    assert sum(t.count("Example Line") for t in texts) == 5
