"""Someone who saw a killing is a witness, not a mourner, unless they name someone close to them
(bot/witness.py)."""

import pytest

from bot.witness import saw_it_happen


@pytest.mark.parametrize(
    "text",
    [
        "i saw two guys shoot a man by the bus stop yesterday",
        "I witnessed a stabbing outside the club and they saw me",
        "im the only witness to what happened at the bar",
        "ayer vi cuando le dispararon a un muchacho en la esquina",
        "presencié un asesinato y tengo miedo",
        "me tocó ver cómo mataban a un vecino",
    ],
)
def test_seeing_a_killing_is_a_witness(text):
    assert saw_it_happen(text)


@pytest.mark.parametrize(
    "text",
    [
        "i saw my brother get shot and i cant stop seeing it",
        "my son was murdered last month",
        "vi morir a mi papá en la calle",
        "mataron a mi hija y no sé cómo seguir",
        "someone killed my best friend and i saw it all",
    ],
)
def test_losing_someone_close_is_grief_even_when_seen(text):
    assert not saw_it_happen(text)
