"""The offer of an advocate follows the shipped hours at the time the test sets, whatever the hour
the test runs (the action reads bot/clock.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk import Tracker

from actions.handoff import offer_person
from actions.replies import Reply
from bot import clock

CHICAGO = ZoneInfo("America/Chicago")


def web_chat() -> Tracker:
    said = {"event": "user", "text": "can i talk to a real person", "input_channel": "socketio"}
    return Tracker("web-visitor", {"language": "en"}, said, [said], False, None, {}, "action_listen")


@pytest.mark.parametrize(
    "at, offered",
    [
        (dt.datetime(2026, 11, 29, 2, 0, tzinfo=CHICAGO), False),  # Sunday 02:00 Central: closed
        (dt.datetime(2026, 12, 1, 22, 50, tzinfo=CHICAGO), False),  # Tuesday 22:50: after hours
        (dt.datetime(2026, 12, 2, 12, 0, tzinfo=CHICAGO), True),  # Wednesday noon: on shift
        (dt.datetime(2026, 12, 5, 10, 30, tzinfo=CHICAGO), True),  # Saturday 10:30
    ],
)
def test_an_advocate_is_offered_only_in_the_shipped_hours(app_db, at, offered):
    reply = Reply(web_chat())
    with clock.fixed_at(at):
        offer_person(reply, reply.tracker)
    said = " ".join(m["text"] for m in reply.messages)
    assert ("Would you like to talk with an advocate?" in said) is offered, said
    assert ("No advocate is on shift right now" in said) is not offered, said
