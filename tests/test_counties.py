"""A ZIP code's county and state, from the zipcodes package's own data (bot/counties.py)."""

import pytest

from bot.counties import county_of_zip


@pytest.mark.parametrize(
    "code, county",
    [
        ("60614", ("Cook", "IL")),
        ("59923", ("Lincoln", "MT")),
        ("70112", ("Orleans", "LA")),
        ("00901", ("San Juan", "PR")),
    ],
)
def test_a_zip_code_gives_its_county_without_the_word_county(code, county):
    assert county_of_zip(code) == county


@pytest.mark.parametrize("code", ["00000", "99999", "12", "abcde", ""])
def test_an_unknown_or_malformed_code_gives_nothing(code):
    assert county_of_zip(code) is None
