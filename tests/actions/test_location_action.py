"""Saying where one is (actions/location.py): a ZIP code gives the county as well as the state, and
saying the same state again is acknowledged, not met with the menu."""

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


def test_a_zip_code_remembers_the_county_and_the_state(app_db):
    reply, events = said("60614", {})
    assert {(e["name"], e["value"]) for e in events} >= {("state", "IL"), ("county", "Cook")}
    assert "Illinois" in reply


def test_the_same_state_again_is_acknowledged(app_db):
    reply, events = said("im in ohio", {"state": "OH"})
    assert "Ohio" in reply and not events
