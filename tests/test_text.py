"""Accents off, as the crisis check, language detection and the location parser read words (bot/text.py)."""

import pytest

from bot.text import without_marks


@pytest.mark.parametrize(
    "text, plain",
    [
        ("México", "Mexico"),
        ("está aquí, él", "esta aqui, el"),
        ("ñ", "n"),
        ("ﬁn", "fin"),  # compatibility forms decomposed
        ("o\u0301", "o"),  # an accent typed as its own character
        ("he has a gun", "he has a gun"),
        ("🙏 我需要", "🙏 我需要"),  # other scripts and emoji stay
        ("", ""),
    ],
)
def test_accents_are_dropped_and_everything_else_kept(text, plain):
    assert without_marks(text) == plain
