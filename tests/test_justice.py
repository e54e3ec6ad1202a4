"""Whether a person asks for the justice system themselves (bot/justice.py): only then are a
jurisdiction's justice-system partners shown."""

import pytest

from bot.justice import asks_for_justice


@pytest.mark.parametrize(
    "text",
    [
        "how do i get hold of the detective on my case",
        "who is the prosecutor handling it",
        "when is my next court date",
        "can someone tell me when he gets out of jail",
        "I want to report him",
        "quiero hablar con el fiscal de mi caso",
        "cuándo es mi audiencia",
        "quiero poner una denuncia",
    ],
)
def test_asking_for_the_police_a_prosecutor_or_the_courts_counts(text):
    assert asks_for_justice(text)


@pytest.mark.parametrize(
    "text",
    [
        "i need a shelter tonight",
        "i dont want the police involved",
        "can i get help without reporting",
        "vine a este país hace tres años y mi esposo me pega",
        "necesito un abogado gratis",
    ],
)
def test_anything_else_does_not(text):
    assert not asks_for_justice(text)
