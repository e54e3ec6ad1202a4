"""Saying where one is (actions/location.py): a ZIP code, a county or a town gives the counties as
well as the state, a ZIP code on a county line says so, a county name of several states is met with
a question, and saying the same state again is acknowledged, not met with the menu."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.location import Location
from tests import aio


def said(text: str, slots: dict) -> tuple[str, list[dict]]:
    ranked = {"name": "inform_location", "confidence": 1.0}
    latest = {"text": text, "intent": ranked, "intent_ranking": [ranked]}
    message = {"event": "user", "text": text, "parse_data": latest}
    tracker = Tracker("place-visitor", {"language": "en", **slots}, latest, [message], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = aio.run(Location().run(dispatcher, tracker, {}))
    return " ".join(m.get("text") or "" for m in dispatcher.messages), events


def slots(events: list[dict]) -> list[dict]:
    return [{"name": e["name"], "value": e["value"]} for e in events]


def test_a_zip_code_remembers_the_county_and_the_state(app_db):
    reply, events = said("60614", {})
    assert {"name": "state", "value": "IL"} in slots(events)
    assert {"name": "counties", "value": ["Cook"]} in slots(events)
    assert "Illinois" in reply


def test_the_same_state_again_is_acknowledged(app_db):
    reply, events = said("im in ohio", {"state": "OH"})
    assert "Ohio" in reply and not events


def test_a_zip_code_on_a_county_line_says_so_and_puts_the_partners_of_either_county_first(app_db):
    reply, events = said("60133", {"pending_topic": "shelter"})
    assert "crosses a county line" in reply and "Cook and DuPage counties" in reply
    assert "Near you, in Cook County" in reply
    assert {"name": "counties", "value": ["Cook", "DuPage"]} in slots(events)


def test_a_zip_code_in_one_county_says_nothing_of_county_lines(app_db):
    reply, _ = said("60614", {"pending_topic": "shelter"})
    assert "Near you, in Cook County" in reply and "county line" not in reply


@pytest.mark.parametrize("text", ["I'm in Cook County", "cook county"])
def test_a_county_named_in_several_states_is_met_with_a_question(app_db, text):
    reply, events = said(text, {"pending_topic": "shelter"})
    assert "more than one state" in reply and "Which state" in reply and not events


@pytest.mark.parametrize(
    "text, slots, topic, local",
    [
        ("cook county", {"state": "IL"}, "legal_aid", "Near you, in Cook County"),
        ("i live in eureka", {"state": "MT"}, "legal_aid", "Near you, in Lincoln County"),
        ("vivo en Chicago", {"language": "es"}, "legal_aid", "Cerca de ti, en Cook County"),
        ("Libby, MT", {}, "shelter", "Lincoln County Crisis Solutions"),
        ("59923", {}, "counseling", "Northwest Community Health Center"),
    ],
)
def test_a_county_or_town_by_name_puts_its_partners_first(app_db, text, slots, topic, local):
    reply, _ = said(text, {"pending_topic": topic, **slots})
    assert local in reply
