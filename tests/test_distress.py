"""Distress the assistant could not place (bot/distress.py): fear, panic, sleeplessness, crying and
needing someone to talk to, in English and Spanish, in wordings of each kind; ordinary questions
are not distress."""

import pytest

from bot.distress import shows_distress


@pytest.mark.parametrize(
    "text",
    [
        "i cant sleep, every noise wakes me",
        "I'm terrified and I don't know what to do",
        "my heart is pounding and my hands wont stop",
        "i need somebody to talk to",
        "been crying all night",
        "Im freaking out",
        "no puedo dormir desde lo que pasó",
        "me da mucho miedo salir",
        "estoy tan desesperada",
        "necesito hablar con alguien",
        "tuve un ataque de pánico",
        "honestly i am not okay",
        "i dont know where to turn anymore",
        "ya no me siento bien",
        "no sé ni por qué escribo",
    ],
)
def test_distress_is_recognised_in_either_language(text):
    assert shows_distress(text)


@pytest.mark.parametrize(
    "text",
    ["what are your hours", "hello", "can you text me later", "cuanto cuesta", "i got lost on the bus", "gracias"],
)
def test_ordinary_messages_are_not_distress(text):
    assert not shows_distress(text)
