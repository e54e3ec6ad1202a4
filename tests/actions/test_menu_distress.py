"""A message the assistant cannot place but that shows distress gets someone to talk to now (the
24/7 lines and, where one can come, an advocate's offer), never "I didn't understand" (the Menu
action), nor the reply to a bare no or a goodbye when the NLU read it as one (at a time the test
sets, with the shipped hours)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import Deny, Goodbye, Menu
from bot import clock
from tests import aio

WEDNESDAY_NOON = dt.datetime(2026, 12, 2, 12, 0, tzinfo=ZoneInfo("America/Chicago"))


def said(text: str, channel: str, lang: str = "en", intent: str = "nlu_fallback", action=Menu) -> str:
    message = {"event": "user", "text": text, "input_channel": channel, "parse_data": {"intent": {"name": intent}}}
    latest = {"text": text, "intent": {"name": intent}}
    tracker = Tracker(f"{channel}-visitor", {"language": lang}, latest, [message], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    with clock.fixed_at(WEDNESDAY_NOON):
        aio.run(action().run(dispatcher, tracker, {}))
    return " ".join(m.get("text") or "" for m in dispatcher.messages)


def test_distress_on_the_web_chat_gets_the_24_7_lines_and_an_advocate(app_db):
    reply = said("my hands are shaking and i cant calm down", "socketio")
    assert "didn't understand" not in reply
    assert "talk to someone right now" in reply and "988" in reply
    assert "Would you like to talk with an advocate?" in reply


def test_distress_in_spanish_is_answered_in_spanish(app_db):
    reply = said("no puedo dormir y tengo mucho miedo", "socketio", lang="es")
    assert "puedes hablar con alguien ahora mismo" in reply and "988" in reply


def test_a_message_that_is_not_distress_is_still_not_understood(app_db):
    assert "didn't understand" in said("purple monkey dishwasher", "socketio")


@pytest.mark.parametrize("text, lang", [("honestly im not ok", "en"), ("la verdad no me siento bien", "es")])
def test_distress_read_as_a_no_gets_someone_to_talk_to(app_db, text, lang):
    reply = said(text, "socketio", lang, intent="deny", action=Deny)
    assert "988" in reply and ("talk to someone right now" in reply or "hablar con alguien ahora mismo" in reply)


def test_distress_read_as_a_goodbye_gets_someone_to_talk_to(app_db):
    reply = said("i keep crying, bye", "socketio", intent="goodbye", action=Goodbye)
    assert "talk to someone right now" in reply and "988" in reply


def test_a_plain_no_and_a_plain_goodbye_are_answered_as_such(app_db):
    assert "That's okay" in said("no thanks", "socketio", intent="deny", action=Deny)
    assert "988" not in said("ok bye", "socketio", intent="goodbye", action=Goodbye)
