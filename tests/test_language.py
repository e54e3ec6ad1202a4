"""Which language a person writes in (bot/language.py), measured on the training data of both
languages: it must never call a message the wrong language, and must recognise most of them."""

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from bot.language import chosen, detect
from bot.settings import ROOT


@pytest.mark.parametrize("lang", ["en", "es"])
def test_messages_are_never_taken_for_the_other_language_and_mostly_recognised(lang):
    texts = [m.get("text") for m in load_data(str(ROOT / "data" / "nlu" / lang)).training_examples]
    found = [detect(t) for t in texts]
    wrong = [t for t, d in zip(texts, found, strict=True) if d is not None and d != lang]
    assert len(wrong) <= len(texts) // 500, wrong[:10]  # at most 0.2 %
    assert found.count(lang) >= len(texts) // 2


@pytest.mark.parametrize(
    "message, lang",
    [("español", "es"), ("Espanol", "es"), ("ES", "es"), ("en español por favor", "es"), ("spanish", "es"),
     ("english", "en"), ("EN", "en"), ("in english please", "en"), ("ingles", "en")],
)  # fmt: skip
def test_a_language_can_be_chosen_by_name_or_code(message, lang):
    assert chosen(message) == lang


@pytest.mark.parametrize("message", ["ok", "si", "no", "ohio", "yes", "1", "nevada", "gracias doc", "help me", "es q"])
def test_short_replies_and_spanglish_change_nothing(message):
    assert chosen(message) is None
    assert detect(message) is None


def test_a_mixed_message_changes_nothing_unless_one_language_clearly_dominates():
    assert detect("necesito un lawyer for my case") is None
    assert detect("necesito un lawyer para mi caso de la corte") == "es"


# A message may be 10,000 characters long: every word of it counts, as in a short one.
LONG = 10_000


@pytest.mark.parametrize(
    "sentence, lang",
    [
        ("my ex keeps calling me and i need to know what a protective order can do ", "en"),
        ("mi ex me sigue llamando y necesito saber que puede hacer una orden de proteccion ", "es"),
    ],
)
def test_a_ten_thousand_character_message_is_read_in_its_language(sentence, lang):
    assert detect((sentence * (LONG // len(sentence)))[:LONG]) == lang


def test_ten_thousand_characters_of_two_languages_in_equal_parts_change_nothing():
    half = LONG // 2
    english = ("i need a lawyer for my case " * half)[:half]
    spanish = ("necesito un abogado para mi caso " * half)[:half]
    assert detect(english + " " + spanish) is None


def test_a_long_message_is_not_taken_for_a_choice_of_language():
    assert chosen("español " * 1000) is None
    assert chosen("español") == "es"
