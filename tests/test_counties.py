"""A ZIP code's counties and state, from the zipcodes package's own data and HUD's crosswalk of the
ZIP codes on county lines (bot/counties.py)."""

import pytest

from bot.counties import CROSSWALK, counties_of_zip


@pytest.mark.parametrize(
    "code, counties",
    [
        ("60614", [("Cook", "IL")]),
        ("59923", [("Lincoln", "MT")]),
        ("70112", [("Orleans", "LA")]),
        ("00901", [("San Juan", "PR")]),
    ],
)
def test_a_zip_code_gives_its_county_without_the_word_county(code, counties):
    assert counties_of_zip(code) == counties


@pytest.mark.parametrize(
    "code, counties",
    [
        ("60133", [("Cook", "IL"), ("DuPage", "IL")]),  # Hanover Park: about half its homes in each
        ("60103", [("DuPage", "IL"), ("Cook", "IL")]),  # Bartlett
        ("60010", [("Lake", "IL"), ("Cook", "IL"), ("McHenry", "IL")]),  # Barrington
    ],
)
def test_a_zip_code_on_a_county_line_gives_every_county_largest_first(code, counties):
    assert counties_of_zip(code) == counties


def test_a_few_homes_across_a_line_do_not_make_a_second_county():
    """60126 (Elmhurst) has under 1 % of its homes in Cook County: it is DuPage's."""
    assert counties_of_zip("60126") == [("DuPage", "IL")]


def test_the_crosswalk_names_its_source():
    head = CROSSWALK.read_text(encoding="utf-8").splitlines()[:3]
    assert "HUD-USPS ZIP Code Crosswalk" in head[1] and head[2] == "zip,county,state,share"


@pytest.mark.parametrize("code", ["00000", "99999", "12", "abcde", ""])
def test_an_unknown_or_malformed_code_gives_nothing(code):
    assert counties_of_zip(code) == []
