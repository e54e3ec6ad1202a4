"""Messages built to be expensive to read, 10,000 characters each (the most a channel accepts), are
answered; a crisis phrase at the very end of one still gets 911 or 988; and the next ordinary
message is answered as usual. Every message goes through the crisis, language and location checks
on Rasa's event loop: bench/adversarial_input.py measures what these cost (milliseconds)."""

import uuid

import pytest

LONG = 10_000


def long(repeated: str, end: str = "") -> str:
    """`repeated` as many times as fits in 10,000 characters with `end` after it."""
    return repeated * ((LONG - len(end)) // len(repeated)) + end


EXPENSIVE = {
    "words many crisis patterns start with": long("esta el "),
    "near misses of a danger phrase": long("he is outside my "),
    "one crisis word, then filler": long("a ", "pills"),
    "a stretched word, so two forms are read": "dieeee " + long("me va a ")[7:],
    "ZIP codes no state uses": long("00000 "),
    "ZIP codes that are money": long("pagar 15000 "),
    "Spanish words that are state names": long("hubo una nevada "),
    "state codes in capitals": long("TX TX "),
    "emoji and other scripts": long("\U0001f64f\u6211\u9700\u8981 "),
}


def sender() -> str:
    return f"test-{uuid.uuid4().hex}"


def text_of(messages: list[dict]) -> str:
    return "\n\n".join(m.get("text") or "" for m in messages)


@pytest.mark.parametrize("message", EXPENSIVE.values(), ids=EXPENSIVE.keys())
def test_a_message_built_to_be_slow_to_read_is_answered(stack, message):
    assert len(message) <= LONG
    assert text_of(stack.say(sender(), message)).strip()


@pytest.mark.parametrize(
    "small_talk, crisis, expected",
    [
        ("the bus was late again and we talked about the weather ", "he has a gun", "text 911"),
        ("the bus was late again and we talked about the weather ", "i want to kill myself", "988 right now"),
        ("hoy el camion llego tarde y hablamos del clima ", "me quiero morir", "al 988 ahora mismo"),
        ("hoy el camion llego tarde y hablamos del clima ", "esta afuera de mi casa con una pistola", "texto al 911"),
    ],
)
def test_a_crisis_at_the_end_of_ten_thousand_characters_gets_the_crisis_reply(stack, small_talk, crisis, expected):
    """The expected words are in the crisis replies only (every first reply says to call 911)."""
    assert expected in text_of(stack.say(sender(), long(small_talk, crisis)))


def test_after_expensive_messages_an_ordinary_one_is_answered_as_usual(stack):
    person = sender()
    for message in EXPENSIVE.values():
        stack.say(person, message)
    assert "safety plan" in text_of(stack.say(person, "how can i plan to leave safely")).lower()
