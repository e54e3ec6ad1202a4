"""Which messages ask about money (bot/money.py), whatever their topic, in English and Spanish."""

import pytest

from bot.money import asks_about_money


@pytest.mark.parametrize(
    "text",
    [
        "the ER bills from the attack keep coming",
        "who pays for my sons therapy",
        "we cant afford a funeral",
        "my insurance wont cover the stitches",
        "quién paga la terapia de mi hija",
        "no tenemos dinero para el entierro",
        "las cuentas del hospital son enormes",
        "los gastos médicos me están ahogando",
    ],
)
def test_money_questions_are_recognised(text):
    assert asks_about_money(text)


@pytest.mark.parametrize(
    "text",
    [
        "i need a doctor after the attack",
        "where can i stay tonight",
        "estoy seguro de que me sigue",
        "necesito un lugar seguro",
        "no quiero que se dé cuenta",
    ],
)
def test_other_questions_are_not(text):
    assert not asks_about_money(text)
