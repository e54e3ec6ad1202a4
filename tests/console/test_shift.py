"""Who is on shift (bot/console/shift.py): the advocates the bot counts when it tells a person how
long they may wait are the available ones; the supervisor's view; unread counts per conversation;
and what became of each message, in the advocate's words (bot/console/labels.py)."""

import datetime as dt

import pytest
from sqlalchemy import select

from bot import clock, db, trends
from bot.console import accounts, labels, lists, shift
from bot.console.models import Advocate, Base
from bot.handoff import queue, transcript

PASSWORD = "correct horse battery staple"
MONDAY_9AM = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def session(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    for metadata in (Base.metadata, queue.Base.metadata, transcript.Base.metadata, trends.Base.metadata):
        metadata.create_all(db.engine(url))
    with db.session(url) as session, session.begin():
        for username, name, role in [("avery", "Avery", "advocate"), ("blake", "Blake", "supervisor")]:
            accounts.create_account(session, username, name, role, PASSWORD)
    with db.session(url) as session, clock.fixed_at(MONDAY_9AM):
        yield session


def ids(session) -> dict[str, int]:
    return {a.username: a.id for a in session.scalars(select(Advocate))}


def test_only_available_advocates_count_and_a_new_sign_in_is_available(session):
    assert shift.available(session) == 0
    accounts.sign_in(session, "avery", PASSWORD)
    accounts.sign_in(session, "blake", PASSWORD)
    accounts.sign_in(session, "blake", PASSWORD)  # two browsers: one advocate
    assert shift.available(session) == 2
    avery = ids(session)["avery"]
    shift.set_away(session, avery, True)
    assert shift.available(session) == 1 and shift.is_away(session, avery)
    shift.set_away(session, avery, False)
    assert shift.available(session) == 2
    shift.set_away(session, avery, True)
    accounts.sign_in(session, "avery", PASSWORD)  # the next shift starts available
    assert shift.available(session) == 2
    with clock.fixed_at(MONDAY_9AM + dt.timedelta(hours=accounts.SESSION_HOURS, minutes=1)):
        assert shift.available(session) == 0  # sessions ended


def test_the_supervisor_sees_who_is_on_and_how_many_conversations_each_has(session):
    accounts.sign_in(session, "avery", PASSWORD)
    accounts.sign_in(session, "blake", PASSWORD)
    people = ids(session)
    shift.set_away(session, people["blake"], True)
    for n in range(3):
        request = queue.request(session, f"conv-{n}", "sms", queue.OTHER, {})
        session.flush()
        if n < 2:
            queue.claim(session, request.id, people["avery"])
    assert shift.team(session) == [
        {"name": "Avery", "role": "advocate", "away": False, "conversations": 2},
        {"name": "Blake", "role": "supervisor", "away": True, "conversations": 0},
    ]


def test_unread_counts_only_the_persons_messages_after_what_the_advocate_saw(session):
    avery, blake = ids(session)["avery"], ids(session)["blake"]
    first, second = (queue.request(session, f"conv-{n}", "sms", queue.OTHER, {}) for n in range(2))
    session.flush()
    lines = [transcript.add(session, first.id, sender, text) for sender, text in [
        (transcript.PERSON, "hi"), (transcript.BOT, "hello"), (transcript.PERSON, "are you there")]]  # fmt: skip
    session.flush()
    assert shift.unread(session, avery, [first.id, second.id]) == {first.id: 2, second.id: 0}
    shift.mark_seen(session, avery, first.id, lines[1].id)
    assert shift.unread(session, avery, [first.id]) == {first.id: 1}
    shift.mark_seen(session, avery, first.id, lines[0].id)  # an older view does not unread anything
    latest = transcript.add(session, first.id, transcript.ADVOCATE, "yes", name="Avery")
    session.flush()
    assert shift.unread(session, avery, [first.id]) == {first.id: 1}  # the advocate's own lines never count
    assert shift.unread(session, blake, [first.id]) == {first.id: 2}  # each advocate has their own
    shift.mark_seen(session, avery, first.id, latest.id)
    assert shift.unread(session, avery, [first.id]) == {first.id: 0}


@pytest.mark.parametrize(
    ("status", "error", "lang", "state", "reason"),
    [
        ("pending", None, "en", "Sending", "as soon as the server answers"),
        ("sent", None, "en", "Sent", ""),
        ("delivered", None, "en", "Delivered", ""),
        ("failed", "30003", "en", "Failed", "switched off or out of reach (Twilio error 30003)"),
        ("failed", "30099", "en", "Failed", "could not deliver it (Twilio error 30099)"),
        ("blocked", "opted_out", "en", "Blocked", "texted STOP"),
        ("blocked", "opted_out", "es", "Bloqueado", "envió STOP"),
        ("blocked", "send_failed", "en", "Failed", "could not take it"),
        ("blocked", "not_connected", "en", "Failed", "chat is not open"),
        ("blocked", "not_safe_later", "en", "Not sent", "did not say it is safe"),
    ],
)
def test_each_message_says_what_became_of_it_in_plain_words(status, error, lang, state, reason):
    shown = labels.delivery(status, error, lang)
    assert shown["state"] == state and reason in shown["note"] and bool(reason) == bool(shown["note"])


def test_what_people_and_the_bot_wrote_has_no_delivery_state():
    assert labels.delivery("received", None, "en") == {"state_key": "", "state": "", "note": ""}


def test_left_the_queue_says_only_why_each_person_left(session):
    request = queue.request(session, "conv-left", "socketio", queue.THREAT, {})
    session.flush()
    for text in ["Avery, an advocate, has joined", "Avery had to leave", "They went back to the assistant"]:
        transcript.add(session, request.id, transcript.NOTICE, text)
    session.flush()
    queue.finish(session, request.id, "cancelled")
    assert [row["why"] for row in lists.left_the_queue(session, "en")] == ["They went back to the assistant"]
