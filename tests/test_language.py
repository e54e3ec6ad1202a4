"""Which language a person writes in (bot/language.py), measured on the training data of both
languages: it must never call a message the wrong language, and must recognise most of them."""

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from bot.language import chosen, decide, detect
from bot.nlu.language_check import example_language
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


class Model:
    """A stand-in for the language model: the same answer for every text, and what it was asked."""

    def __init__(self, **found: float) -> None:
        self.found, self.asked = found, []

    def __call__(self, text: str) -> dict[str, float]:
        self.asked.append(text)
        return self.found


def test_a_first_message_takes_the_models_answer_when_it_is_fairly_sure():
    assert decide("ola q hago", Model(es=0.85, en=0.15), settled=False) == "es"
    assert decide("ola q hago", Model(es=0.7, en=0.3), settled=False) is None


def test_a_conversation_with_a_language_changes_it_only_when_the_model_is_much_surer_about_three_words():
    assert decide("ola q hago", Model(es=0.9, en=0.1), settled=True) is None
    assert decide("ola q hago", Model(es=0.97, en=0.03), settled=True) == "es"
    assert decide("muchas gracias", Model(es=0.99, en=0.01), settled=True) is None


def test_a_short_message_that_names_a_state_is_not_left_to_the_model():
    model = Model(es=0.99, en=0.01)
    assert decide("LA", model, settled=False) is None
    assert decide("new mexico, albuquerque", model, settled=False) is None
    assert decide("who pays the hospital bills in new mexico", model, settled=False) == "es"  # five words


@pytest.mark.parametrize("message, lang", [("no hablo inglés", "es"), ("solo hablo español", "es"),
                                           ("I don't speak Spanish", "en"), ("no hablo español", "en")])  # fmt: skip
def test_saying_which_language_one_speaks_chooses_it(message, lang):
    assert chosen(message) == lang


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_training_example_says_its_language_for_the_language_model(lang):
    examples = load_data(str(ROOT / "data" / "nlu" / lang)).intent_examples
    assert examples and {example_language(e) for e in examples} == {lang}
