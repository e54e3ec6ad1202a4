"""Counties and towns by name (bot/places.py): read in the state the person named or the
conversation remembers; a name used in several states with no state to choose is ambiguous, and a
word that is also a town is not read as one where it is only a word."""

import pytest

from bot.places import named_place


@pytest.mark.parametrize(
    "text, state, named_state, found",
    [
        ("I'm in Cook County", "IL", False, ("IL", ("Cook",))),
        ("cook county illinois", "IL", True, ("IL", ("Cook",))),
        ("vivo en el condado de Cook", "IL", False, ("IL", ("Cook",))),
        ("Lincoln Co.", "MT", False, ("MT", ("Lincoln",))),
        ("Miami-Dade County", None, False, ("FL", ("Miami-Dade",))),  # one state has that name
        ("prince george's county", None, False, ("MD", ("Prince George's",))),
        ("Libby MT", "MT", True, ("MT", ("Lincoln",))),
        ("i live in eureka", "MT", False, ("MT", ("Lincoln",))),
        ("I need a lawyer near Eureka", "MT", False, ("MT", ("Lincoln",))),
        ("vivo en Chicago", None, False, ("IL", ("Cook",))),  # a big city with one state
        ("hanover park", "IL", False, ("IL", ("Cook", "DuPage"))),  # a town on a county line
    ],
)
def test_a_county_or_town_gives_its_state_and_counties(text, state, named_state, found):
    place = named_place(text, state, named_state)
    assert place is not None and (place.state, place.counties) == found


@pytest.mark.parametrize("text", ["I'm in Cook County", "lincoln county", "condado de Orange"])
def test_a_county_name_used_in_several_states_is_ambiguous_without_a_state(text):
    place = named_place(text)
    assert place is not None and place.ambiguous and not place.counties


@pytest.mark.parametrize(
    "text, state",
    [
        ("it happened in spring last year", "TX"),  # the season, though Spring, TX exists
        ("in spring", None),  # a small town needs a state
        ("i live in eureka", None),  # a town in ten states
        ("I am in danger", "TX"),
        ("tengo miedo de mi esposo", "IL"),
        ("Cook County", "TX"),  # not a county of Texas
        ("help", None),
        ("", None),
    ],
)
def test_words_that_are_not_a_place_here_give_nothing(text, state):
    assert named_place(text, state) is None
