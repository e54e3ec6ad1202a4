"""The queue's hygiene for web chats (bot/handoff/presence.py), at times the test sets: a waiting
request whose tab is gone too long leaves the queue with a note saying why, one whose tab is still
open (on any server) stays, and the requests from one address are counted for the cap."""

import datetime as dt

import pytest

from bot import db
from bot.handoff import presence, queue, transcript

AT = dt.datetime(2026, 12, 2, 18, 0)  # naive UTC, as the app database keeps times
HOME, LIBRARY = "client-home", "client-library"


@pytest.fixture
def session(tmp_path, monkeypatch):
    monkeypatch.setenv("APP_DB_URL", f"sqlite:///{tmp_path / 'app.db'}")
    db.engine.cache_clear()
    for module in (queue, transcript, presence):
        module.create_tables()
    with db.session() as s, s.begin():
        yield s
    db.engine.cache_clear()


def waiting_chat(session, cid: str, client: str, at: dt.datetime = AT) -> queue.HandoffRequest:
    presence.joined(session, cid, client, at=at)
    request = queue.request(session, cid, presence.CHANNEL, queue.OTHER, {"help": "skip"})
    request.created_at = at
    return request


def test_a_waiting_chat_whose_tab_is_gone_leaves_the_queue_with_a_note_and_an_open_one_stays(session):
    gone = waiting_chat(session, "web-gone", HOME)
    kept = waiting_chat(session, "web-kept", LIBRARY)
    later = AT + presence.abandoned_after() + dt.timedelta(seconds=30)
    presence.seen(session, ["web-kept"], at=later - dt.timedelta(seconds=10))  # a server still has its tab
    assert presence.sweep(session, at=later) == 1
    assert (gone.status, kept.status) == ("cancelled", "waiting")
    notes = [line.text for line in transcript.lines(session, gone.id) if line.sender == transcript.NOTICE]
    assert notes == ["The person closed the chat and did not come back for 5 minutes, so the request left the queue."]


def test_a_request_is_not_swept_before_its_tab_has_been_gone_long_enough(session):
    request = waiting_chat(session, "web-brief", HOME)
    assert presence.sweep(session, at=AT + presence.abandoned_after() - dt.timedelta(seconds=1)) == 0
    assert request.status == "waiting"


def test_the_waiting_chats_of_one_address_are_counted_and_other_addresses_are_not(session):
    for n in range(3):
        waiting_chat(session, f"web-home-{n}", HOME)
    waiting_chat(session, "web-library", LIBRARY)
    presence.joined(session, "web-home-new", HOME, at=AT)
    presence.joined(session, "web-library-new", LIBRARY, at=AT)
    assert presence.waiting_from_same_address(session, "web-home-new") == 3
    assert presence.waiting_from_same_address(session, "web-library-new") == 1
    queue.claim(session, queue.open_request(session, "web-home-0").id, advocate_id=1)
    assert presence.waiting_from_same_address(session, "web-home-new") == 2  # claimed is no longer waiting


def test_presence_is_forgotten_a_day_after_the_tab_was_last_seen(session):
    presence.joined(session, "web-old", HOME, at=AT - dt.timedelta(days=1, minutes=1))
    presence.joined(session, "web-new", HOME, at=AT)
    presence.sweep(session, at=AT)
    assert session.get(presence.Presence, "web-old") is None and session.get(presence.Presence, "web-new")
