"""A Rasa server reads only the rows of a conversation it has not read yet (bot/stores/seen.py),
and still gets exactly what Rasa's own query returns: when another replica writes between its
turns, when a new session starts, and when the conversation is erased or rekeyed elsewhere and
a new one begins under the same id (SQLite gives a deleted row's id to the next row)."""

import operator

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import delete

from bot.stores import rekey
from bot.stores.encrypted_tracker import EncryptedSQLTrackerStore, event_data
from tests import aio
from tests.privacy.test_purge import fresh_postgresql
from tests.stores.test_encrypted_tracker import DOMAIN

SENDER = "web-seen-1"


@pytest.fixture(params=["sqlite", "postgresql"])
def replicas(request, tmp_path):
    """Two stores on one database, as two Rasa replicas have."""

    def store() -> EncryptedSQLTrackerStore:
        if request.param == "sqlite":
            return EncryptedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
        return EncryptedSQLTrackerStore(
            DOMAIN, dialect="postgresql", host="127.0.0.1", port=5432, db=database, username="postgres"
        )

    database = fresh_postgresql("vwa_seen_tracker") if request.param == "postgresql" else None
    pair = [store(), store()]
    yield pair
    for each in pair:
        each.engine.dispose()


def rasa_reads(store: EncryptedSQLTrackerStore) -> list[dict]:
    """The latest session's events by Rasa's own query, every row read afresh."""
    with store.session_scope() as session:
        return [event_data(row.data) for row in store._event_query(session, SENDER, False).all()]


def turn(store: EncryptedSQLTrackerStore, at: float, text: str, new_session: bool = False) -> DialogueStateTracker:
    tracker = aio.run(store.retrieve(SENDER)) or DialogueStateTracker(SENDER, DOMAIN.slots)
    # as Rasa logs them: action_session_start is stamped after the SessionStarted its run made
    events = [ActionExecuted("action_session_start", timestamp=at + 0.1), SessionStarted(timestamp=at)]
    events = events if new_session or not tracker.events else []
    events += [
        ActionExecuted("action_listen", timestamp=at + 0.2),
        UserUttered(text, {"name": "ask_shelter", "confidence": 0.9}, timestamp=at + 0.3),
        SlotSet("state", f"State {at:.0f}", timestamp=at + 0.4),
        BotUttered(f"answer to {text}", timestamp=at + 0.5),
    ]
    for event in events:
        tracker.update(event)
    aio.run(store.save(tracker))
    return tracker


def read(store: EncryptedSQLTrackerStore) -> list[dict]:
    tracker = aio.run(store.retrieve(SENDER))
    return [event.as_dict() for event in tracker.events] if tracker else []


def test_each_replica_reads_what_rasa_reads_whoever_wrote_last(replicas):
    first, second = replicas
    for i in range(6):
        turn((first, second)[i % 2], 1000.0 + i, f"message {i}")
        assert read(first) == read(second) == rasa_reads(first)
    assert read(first)[-1]["text"] == "answer to message 5"
    assert aio.run(first.retrieve(SENDER)).get_slot("state") == "State 1005"


def test_a_new_session_leaves_the_old_one_out(replicas):
    first, second = replicas
    for i in range(3):
        turn(first, 1000.0 + i, f"old {i}")
    read(second)  # the second replica holds the old session
    turn(first, 5000.0, "new", new_session=True)
    turn(first, 5001.0, "newer")
    assert read(second) == rasa_reads(first)
    assert [e.get("text") for e in read(second) if e["event"] == "user"] == ["new", "newer"]


def test_an_erased_conversation_begun_again_is_read_afresh(replicas):
    first, second = replicas
    for i in range(3):
        turn(first, 1000.0 + i, f"before {i}")
    read(second)
    aio.run(first.delete(SENDER))  # the person asked; the second replica was not told
    assert read(second) == []
    turn(first, 2000.0, "after")
    assert (
        [e.get("text") for e in read(second) if e["event"] == "user"]
        == ["after"]
        == [e.get("text") for e in rasa_reads(first) if e["event"] == "user"]
    )


def test_a_purged_then_restarted_conversation_and_a_rekey_are_read_afresh(replicas, monkeypatch):
    first, second = replicas
    for i in range(3):
        turn(first, 1000.0 + i, f"before {i}")
    read(second)
    with first.session_scope() as session:  # the purge deletes with SQL, not through the store
        session.execute(delete(first.SQLEvent).where(first.SQLEvent.sender_id == SENDER))
        session.commit()
    turn(first, 2000.0, "again")  # SQLite may give these rows the ids of the deleted ones
    assert read(second) == rasa_reads(first)
    assert [e.get("text") for e in read(second) if e["event"] == "user"] == ["again"]
    rekey.rekey_tracker(first)
    turn(first, 2001.0, "after the rekey")
    assert read(second) == rasa_reads(first)


def stored_rows(store: SQLTrackerStore) -> list[str]:
    with store.session_scope() as session:
        return [row.type_name for row in session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == SENDER)]


def test_every_event_is_stored_once_as_rasa_stores_it_whichever_replica_saves(replicas, tmp_path):
    """The same tracker saved again, by a replica that never read it, and a new session: the
    rows are the ones Rasa's own store writes for the same saves, each event once."""
    first, second = replicas
    plain = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "plain.db"))
    trackers = [turn(first, 1000.0, "message 0")]
    aio.run(second.save(trackers[-1]))
    aio.run(first.save(trackers[-1]))
    trackers.append(turn(second, 1001.0, "message 1"))
    aio.run(second.save(trackers[-1]))
    trackers.append(turn(first, 2000.0, "message 2", new_session=True))
    for tracker, saves in zip(trackers, (3, 2, 1), strict=True):  # as often as the replicas saved each
        for _ in range(saves):
            aio.run(plain.save(tracker))
    assert stored_rows(first) == stored_rows(plain)
    assert stored_rows(first) == [event.type_name for event in trackers[-1].events]
    assert read(first) == read(second) == rasa_reads(first)
    assert [e.get("text") for e in read(second) if e["event"] == "user"] == ["message 2"]
    # the replica that saved the turn reads back the very events it saved, decrypting none
    latest_session = list(trackers[-1].events)[-len(read(first)) :]
    assert all(map(operator.is_, aio.run(first.retrieve(SENDER)).events, latest_session))


def test_a_conversation_erased_by_another_replica_mid_turn_is_not_written_back_whole(replicas):
    """Rasa's store counted the rows again at the save, found none, and stored the whole
    conversation again; only the turn's own events are stored now."""
    first, second = replicas
    for i in range(3):
        turn(first, 1000.0 + i, f"before {i}")
    tracker = aio.run(second.retrieve(SENDER))  # the turn begins on the second replica
    aio.run(first.delete(SENDER))  # the person's erase request reaches the first
    tracker.update(UserUttered("after", {"name": "ask_shelter", "confidence": 0.9}, timestamp=3000.0))
    aio.run(second.save(tracker))
    assert [e.get("text") for e in rasa_reads(first) if e["event"] == "user"] == ["after"]
    assert [e.get("text") for e in read(second) if e["event"] == "user"] == ["after"]
