"""The wait the bot tells a person counts only the advocates available: signed in to the console
and not set away (bot/console/shift.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import delete, select

from actions.handoff import RequestHandoff
from bot import clock, db
from bot.console import accounts, shift
from bot.console.models import Advocate, Away, ConsoleSession
from bot.handoff import queue, transcript
from tests import aio

WEDNESDAY_NOON = dt.datetime(2026, 12, 2, 12, 0, tzinfo=ZoneInfo("America/Chicago"))  # on shift
PASSWORD = "correct horse battery staple"


@pytest.fixture
def advocates(app_db):
    """Two advocates signed in now; their ids."""
    accounts.create_tables()
    transcript.create_tables()
    with db.session() as session, session.begin(), clock.fixed_at(WEDNESDAY_NOON):
        for table in (Away, ConsoleSession, Advocate):
            session.execute(delete(table))
        for name in ("avery", "blake"):
            accounts.create_account(session, name, name.capitalize(), "advocate", PASSWORD)
            accounts.sign_in(session, name, PASSWORD)
        ids = list(session.scalars(select(Advocate.id)))
    yield ids
    with db.session() as session, session.begin():
        for table in (Away, ConsoleSession, Advocate):
            session.execute(delete(table))


def queued(conversation_id: str) -> str:
    said = {"event": "user", "text": "skip", "input_channel": "socketio"}
    tracker = Tracker(conversation_id, {"language": "en"}, said, [said], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    with clock.fixed_at(WEDNESDAY_NOON):
        aio.run(RequestHandoff().run(dispatcher, tracker, {}))
    with db.session() as session, session.begin():  # out of the queue again, for the next test
        found = queue.open_request(session, conversation_id)
        queue.finish(session, found.id, "cancelled")
    return " ".join(m.get("text") or "" for m in dispatcher.messages)


def set_away(advocate_id: int) -> None:
    with db.session() as session, session.begin():
        shift.set_away(session, advocate_id, True)


def test_the_wait_counts_only_advocates_who_are_available(advocates):
    assert "advocates available now: 2" in queued("web-wait-both")
    set_away(advocates[0])
    assert "advocates available now: 1" in queued("web-wait-one")
    set_away(advocates[1])
    assert "no advocate is available right now" in queued("web-wait-none")
