"""Rasa's SQL tracker store with every event encrypted at rest.

Rasa keeps each event as JSON in `events.data`: what the person typed, the bot's replies, the
entities and the slot values (form answers, state, language). Rasa has no encryption of its own,
so this subclass of its SQLTrackerStore, named as the `type` of `tracker_store` in both endpoints
files, encrypts that column with the app's keys (bot/crypto.py). It leaves the intent and action
name columns empty, since they say what a message was about; Rasa's queries need only the sender
id, event type and timestamp. Rows written before encryption still read, and `make rekey`
encrypts them.
"""

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import sessionmaker

from bot import crypto, db, tracker_copy
from bot.stores.seen import SeenEvents


def event_json(stored: str) -> str:
    """An event's JSON from its stored form: encrypted, or a plaintext row from before encryption."""
    return stored if stored.lstrip().startswith("{") else crypto.decrypt(stored)


def event_data(stored: str) -> dict:
    return json.loads(event_json(stored))


class QueryValueError(RuntimeError):
    """A query of the tracker store failed with a ValueError (see session_scope)."""


class EncryptedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen = SeenEvents(event_json)
        if self.engine.dialect.name == "sqlite":  # connections kept open (bot/db.py): a tenth of a turn
            self.engine = sa.create_engine(self.engine.url, **db.SQLITE_KEPT_OPEN)
            self.sessionmaker = sessionmaker(bind=self.engine)
        db.overwrite_deleted(self.engine)  # a purged or deleted conversation is gone from the file

    @contextmanager
    def session_scope(self) -> Iterator[Any]:
        """Rasa's, whose `except ValueError` is meant for a missing PostgreSQL schema but also
        wraps every query, and then exits the process: one conversation id the database cannot
        take (a lone surrogate; a NUL in PostgreSQL) stopped the whole server. A query's ValueError
        is raised as an error the channel answers instead; a missing schema still stops it."""
        with super().session_scope() as session:
            try:
                yield session
            except ValueError as error:
                raise QueryValueError(type(error).__name__) from error

    async def save(self, tracker: DialogueStateTracker) -> None:
        """As SQLTrackerStore.save, with the data encrypted and the name columns left empty, the
        new rows inserted in one statement rather than through the ORM's unit of work."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows, mine = [], []
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                stored = crypto.encrypt_json(data)
                row = {"sender_id": tracker.sender_id, "type_name": event.type_name, "timestamp": data.get("timestamp")}
                rows.append({**row, "data": stored})
                mine.append((stored, event))
            if rows:
                session.execute(sa.insert(self.SQLEvent.__table__), rows)
            session.commit()
            if mine:
                self.seen.saved(session, self.SQLEvent, tracker.sender_id, mine)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """The tracker's events not yet stored. Rasa counts the stored ones with a query over the
        whole latest session (a third of each save, growing with the conversation); the rows this
        process holds are the same count, after one query for rows it has not read."""
        stored = self.seen.count(session, self.SQLEvent, tracker.sender_id)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def delete(self, sender_id: str) -> None:
        """Every event of one conversation (the person asked: bot/privacy/erase.py)."""
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete(synchronize_session=False)
            session.commit()
        self.seen.forget(sender_id)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        """As SQLTrackerStore._retrieve, decrypting each event; the latest session's events are
        read only as far as this process has not yet read them (bot/stores/seen.py), and replayed
        only as far as it has not yet replayed them (bot/tracker_copy.py)."""
        with self.session_scope() as session:
            if not fetch_events_from_all_sessions:
                events = self.seen.read(session, self.SQLEvent, sender_id)
                if not (events and self.domain):
                    return None
                return tracker_copy.from_events(sender_id, events, self.domain.slots)
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions).all()
            events = [event_data(row.data) for row in rows]
        if not (self.domain and events):
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
