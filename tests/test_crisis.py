"""The deterministic crisis check catches every danger and self-harm phrasing and raises no alarm
on ordinary questions (tests/data/crisis_phrasings.yml, none of them in the training data)."""

from pathlib import Path

import pytest
import yaml

from bot.crisis import DANGER, SELF_HARM, detect

PHRASINGS = yaml.safe_load((Path(__file__).parent / "data" / "crisis_phrasings.yml").read_text())


def test_the_phrasing_sets_are_large_enough():
    assert len(PHRASINGS["danger"]) + len(PHRASINGS["self_harm"]) >= 50
    assert len(PHRASINGS["ordinary"]) >= 100


@pytest.mark.parametrize("text", PHRASINGS["danger"])
def test_imminent_danger_is_caught(text):
    assert detect(text)[0] == DANGER


@pytest.mark.parametrize("text", PHRASINGS["self_harm"])
def test_self_harm_is_caught(text):
    assert SELF_HARM in detect(text)


@pytest.mark.parametrize("text", PHRASINGS["ordinary"])
def test_ordinary_messages_raise_no_alarm(text):
    assert detect(text) == []


def test_both_crises_in_one_message_put_danger_first():
    assert detect("he has a gun and honestly i want to die") == [DANGER, SELF_HARM]


@pytest.mark.parametrize(
    "text",
    ["I WANT TO DIE", "i want to dieeeee", "k1ll myself", "Él tiene un arma... he has a GUN!!!", "kms 😭😭"],
)
def test_case_stretching_digits_and_emoji_do_not_hide_a_crisis(text):
    assert detect(text)


@pytest.mark.parametrize("text", ["", "   ", "😀🙏", "?" * 5000])
def test_empty_and_odd_messages_are_not_crises(text):
    assert detect(text) == []


SPANISH = yaml.safe_load((Path(__file__).parent / "data" / "crisis_phrasings_es.yml").read_text())


def test_there_are_at_least_thirty_spanish_crisis_phrasings():
    assert len(SPANISH["danger"]) + len(SPANISH["self_harm"]) >= 30


@pytest.mark.parametrize("text", SPANISH["danger"])
def test_imminent_danger_in_spanish_is_caught(text):
    assert detect(text)[0] == DANGER


@pytest.mark.parametrize("text", SPANISH["self_harm"])
def test_self_harm_in_spanish_is_caught(text):
    assert SELF_HARM in detect(text)


@pytest.mark.parametrize("text", SPANISH["ordinary"])
def test_ordinary_spanish_messages_raise_no_alarm(text):
    assert detect(text) == []


def test_he_will_kill_me_is_danger_and_i_will_kill_myself_is_self_harm():
    assert detect("me va a matar") == [DANGER]
    assert detect("me voy a matar") == [SELF_HARM]
