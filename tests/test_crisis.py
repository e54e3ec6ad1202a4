"""The deterministic crisis check catches every danger and self-harm phrasing and raises no alarm
on ordinary questions (tests/data/crisis_phrasings.yml, none of them in the training data)."""

import re
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data

from bot import crisis
from bot.crisis import DANGER, SELF_HARM, detect
from bot.settings import ROOT

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


# A message may be 10,000 characters long (the channels refuse longer ones): a crisis anywhere in it counts. The
# checks read every message on Rasa's event loop; bench/adversarial_input.py measures what such a message costs.
LONG = 10_000
FILLER = {
    "en": "the bus was late again and we talked about the weather for a while ",
    "es": "hoy el camion llego tarde otra vez y hablamos del clima un buen rato ",
}
WHERE = ["start", "middle", "end"]


def long_message(filler: str, phrase: str, where: str) -> str:
    """`phrase` at the start, in the middle or at the very end of whole words of `filler`, 10,000 characters in all
    (give or take a word)."""
    body = (filler * (LONG // len(filler) + 1))[: LONG - len(phrase) - 1]
    body = body[: body.rindex(" ")]
    cut = {"start": 0, "middle": body.rindex(" ", 0, len(body) // 2), "end": len(body)}[where]
    return f"{body[:cut]} {phrase} {body[cut:]}".strip()


@pytest.mark.parametrize("lang", FILLER)
def test_ten_thousand_characters_of_small_talk_are_no_crisis(lang):
    assert detect(long_message(FILLER[lang], "", "end")) == []


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize(
    "lang, phrase, kind",
    [
        ("en", "he has a gun", DANGER),
        ("en", "i want to kill myself", SELF_HARM),
        ("es", "esta afuera de mi casa con una pistola", DANGER),
        ("es", "me quiero morir", SELF_HARM),
    ],
)
def test_a_crisis_anywhere_in_ten_thousand_characters_is_caught(lang, phrase, kind, where):
    text = long_message(FILLER[lang], phrase, where)
    assert LONG - 30 < len(text) <= LONG
    assert detect(text) == [kind]


CRISIS_PHRASINGS = PHRASINGS["danger"] + PHRASINGS["self_harm"] + SPANISH["danger"] + SPANISH["self_harm"]


@pytest.mark.parametrize("text", CRISIS_PHRASINGS)
def test_every_crisis_phrasing_is_caught_anywhere_in_a_long_message(text):
    alone = detect(text)
    for lang in FILLER:
        for where in WHERE:
            assert detect(long_message(FILLER[lang], text, where)) == alone, (lang, where)


def test_stretched_letters_are_read_at_the_end_of_a_long_message_too():
    assert detect(long_message(FILLER["en"], "i want to dieeeee", "end")) == [SELF_HARM]
    assert detect(long_message(FILLER["en"], "he has a gunnnn", "end")) == [DANGER]
    assert detect(long_message(FILLER["es"], "me quiero morirrrr", "end")) == [SELF_HARM]


def test_up_to_three_words_or_places_between_who_and_the_weapon():
    """The gap is bounded (so that each "esta" of a long message reads a few words on, not to its end)."""
    assert detect("llego con una pistola") == [DANGER]
    assert detect("llego borracho enojado a la casa con una pistola") == [DANGER]
    assert detect("hace dos anos llego borracho a la casa con una pistola") == []  # a story, not now


def searched(text: str) -> dict[str, set[str]]:
    """What searching the whole text with every pattern finds, language -> kinds (as bot/crisis.py did before it
    read a message word by word)."""
    found: dict[str, set[str]] = {lang: set() for lang in crisis._PATTERNS}
    for form in crisis._forms(text):
        for lang, by_kind in crisis._PATTERNS.items():
            for kind, patterns in by_kind.items():
                for p in patterns:
                    if isinstance(p, crisis._Unless):
                        hit = re.search(p.pattern, form) and not re.search(p.guard, form)
                    elif isinstance(p, crisis._Both):
                        hit = re.search(p.first, form) and re.search(p.second, form)
                    else:
                        hit = re.search(p, form)
                    if hit:
                        found[lang].add(kind)
    return found


def test_reading_word_by_word_finds_what_searching_with_every_pattern_finds():
    """Each pattern is tried only where a word it can start with is: on every phrasing and training example, that
    finds the crises, in the languages, that searching with every pattern finds."""
    texts = [text for phrasings in (PHRASINGS, SPANISH) for group in phrasings.values() for text in group]
    for lang in ("en", "es"):
        texts += [m.get("text") for m in load_data(str(ROOT / "data" / "nlu" / lang)).training_examples]
    missed = [text for text in texts if crisis._matches(text) != searched(text)]
    assert not missed, missed[:10]
