"""What a Rasa server has already read of each conversation, so that a turn reads and decrypts
only the rows written since (bench/: reading and decrypting every event of a long conversation
was half the time of each of its turns, and the part that grew with it).

Safe with several replicas sharing the database: every read still asks it for the rows after the
last one held, and first checks that this row is still there, unchanged. A conversation that was
erased, purged or rekeyed meanwhile, by this process or another, is read afresh. It holds the
events Rasa's own query would return (those of the latest session, by Rasa's timestamp rule), as
Rasa's Event objects, for at most SIZE conversations, the least recently used dropped first; nothing of
it outlives the process.

A save counts the rows already stored without asking the database again when this process read
the conversation since its last save: Rasa holds the conversation's lock from that read to the
save, so no replica can have added rows in between (a query per message; a PostgreSQL round trip
that held up every other conversation of the server). One difference from Rasa: if another replica
erased the conversation in between, Rasa counted no rows and wrote the whole conversation back;
now only the turn's own events are written.
"""

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.events import Event, SessionStarted
from sqlalchemy import text

SIZE = 512


@dataclass
class Held:
    last_id: int = 0
    last_data: str = ""  # the row as stored, to tell it from a later row that reuses its id
    session_start: float | None = None
    # (the row's timestamp, the event) for each row Rasa's query returns; None for a row whose
    # event type this Rasa does not know, which Rasa still counts as stored
    events: list[tuple[float, Event | None]] = field(default_factory=list)
    read_since_save: bool = False

    def add(self, row: Any, event: Event | None) -> None:
        """One row, in id order. Rasa's query keeps the events at or after the latest
        SessionStarted's timestamp; the latest can only move later, so older events go now."""
        self.last_id, self.last_data = row.id, row.data
        if row.type_name == SessionStarted.type_name and (
            self.session_start is None or row.timestamp > self.session_start
        ):
            self.session_start = row.timestamp
            self.events = [(when, kept) for when, kept in self.events if when >= row.timestamp]
        if self.session_start is None or row.timestamp >= self.session_start:
            self.events.append((row.timestamp, event))


class SeenEvents:
    def __init__(self, decrypt: Any, size: int = SIZE) -> None:
        self._decrypt = decrypt  # stored form -> JSON text
        self._held: OrderedDict[str, Held] = OrderedDict()
        self._size = size

    def read(self, session: Any, table: Any, sender_id: str) -> list[Event]:
        """The events of the conversation's latest session, as Rasa's SQLTrackerStore reads them.
        Events are never changed once made (replaying them sets only what it set before), so the
        same objects serve every turn."""
        held = self._refresh(session, table, sender_id)
        held.read_since_save = True
        return [event for _, event in held.events if event is not None]

    def count(self, session: Any, table: Any, sender_id: str) -> int:
        """How many rows Rasa's query of the latest session returns: the events already stored."""
        held = self._held.get(sender_id)
        if held is None or not held.read_since_save:
            held = self._refresh(session, table, sender_id)
        held.read_since_save = False
        return len(held.events)

    def saved(self, session: Any, table: Any, sender_id: str, mine: list[tuple[str, Event]]) -> None:
        """Just after this process stored these events (each with the text of its row): hold the
        events themselves for those rows, as the next turn would read them, so that the next turn
        has the same objects as this one (bot/applied_events.py builds on that) and decrypts nothing."""
        self._refresh(session, table, sender_id, mine)

    def _refresh(self, session: Any, table: Any, sender_id: str, mine: list[tuple[str, Event]] = ()) -> Held:
        mine = dict(mine)  # the stored text of a row this process wrote -> its event
        held = self._held.pop(sender_id, None) or Held()
        rows = session.execute(self._query(table), {"sender": sender_id, "last": held.last_id}).all()
        if held.last_id and not (rows and rows[0].id == held.last_id and rows[0].data == held.last_data):
            held = Held()  # erased, purged or rekeyed since: read it all
            rows = session.execute(self._query(table), {"sender": sender_id, "last": 0}).all()
        for row in rows[1:] if held.last_id else rows:
            event = mine.get(row.data) or Event.from_parameters(json.loads(self._decrypt(row.data)))
            held.add(row, event)
        if held.last_id:
            self._held[sender_id] = held
            while len(self._held) > self._size:
                self._held.popitem(last=False)
        return held

    def forget(self, sender_id: str) -> None:
        self._held.pop(sender_id, None)

    @staticmethod
    def _query(table: Any) -> Any:
        """The last row held (to check it is unchanged) and every row after it, in one query."""
        name = table.__tablename__
        return text(
            f"select id, type_name, timestamp, data from {name} where sender_id = :sender and id >= :last order by id"
        )
