"""Which web chats still have a tab open, and from which network: for the queue's hygiene.

A web chat ends when its last tab closes, but its handoff request would wait in the queue for an
advocate who then writes to nobody. And chat ids cost nothing, so one script could fill the queue
with requests. Each Rasa server therefore notes, every little while, the sessions that have a
socket open on it (`seen`), with a keyed hash of the client's address (bot/limits.pseudonym):
- a waiting web-chat request whose session no server has seen for WEBCHAT_ABANDONED_MINUTES (5)
  leaves the queue (`sweep`), with a note in its transcript saying why, for the console;
- a new request is refused while WEBCHAT_MAX_WAITING_PER_ADDRESS (3) requests from the same
  address wait (`waiting_from_same_address`), so one network cannot bury everyone else.
Several replicas note their own sockets in the same table, so a tab on any of them counts.
Rasa has no notion of presence, so this part is ours. Rows hold no address and are erased with
the conversation (bot/privacy/erase.py) or a day after the tab was last seen (purge.py).
"""

import datetime as dt

from sqlalchemy import Column, DateTime, String, delete, func, select, update
from sqlalchemy.orm import Session, declarative_base

from bot import db, settings
from bot.handoff import queue, transcript

Base = declarative_base()

CHANNEL = "socketio"
KEPT = dt.timedelta(days=1)


class Presence(Base):
    __tablename__ = "webchat_presence"

    conversation_id = Column(String(64), primary_key=True)
    client = Column(String(32), nullable=False, index=True)  # bot/limits.pseudonym of the address
    seen_at = Column(DateTime, nullable=False, index=True)


def create_tables() -> None:
    db.create_tables(Base.metadata)


def abandoned_after() -> dt.timedelta:
    return dt.timedelta(minutes=float(settings.setting("WEBCHAT_ABANDONED_MINUTES", "5")))


def max_waiting() -> int:
    return int(settings.setting("WEBCHAT_MAX_WAITING_PER_ADDRESS", "3"))


def joined(session: Session, conversation_id: str, client: str, at: dt.datetime | None = None) -> None:
    """A socket opened this session, from the address whose pseudonym is client."""
    row = session.get(Presence, conversation_id)
    if row is None:
        session.add(Presence(conversation_id=conversation_id, client=client, seen_at=at or db.now()))
    else:
        row.client, row.seen_at = client, at or db.now()
    session.flush()  # the counts below are Core queries, which do not flush the session first


def seen(session: Session, conversation_ids: list[str], at: dt.datetime | None = None) -> None:
    """These sessions still have a socket open on this server."""
    if conversation_ids:
        statement = update(Presence).where(Presence.conversation_id.in_(conversation_ids))
        session.execute(statement.values(seen_at=at or db.now()))


def waiting_from_same_address(session: Session, conversation_id: str) -> int:
    """How many other web chats from this conversation's address wait in the queue."""
    client = select(Presence.client).where(Presence.conversation_id == conversation_id).scalar_subquery()
    same = select(Presence.conversation_id).where(Presence.client == client)
    requests = queue.HandoffRequest
    query = select(func.count()).where(
        requests.status == "waiting",
        requests.conversation_id.in_(same),
        requests.conversation_id != conversation_id,
    )
    return session.scalar(query) or 0


def sweep(session: Session, at: dt.datetime | None = None) -> int:
    """Take out of the queue every waiting web chat whose tab has been gone too long; how many."""
    at, gone = at or db.now(), abandoned_after()
    requests = queue.HandoffRequest
    recent = select(Presence.conversation_id).where(Presence.seen_at >= at - gone)
    query = select(requests).where(
        requests.status == "waiting",
        requests.channel == CHANNEL,
        requests.created_at < at - gone,
        requests.conversation_id.not_in(recent),
    )
    left = list(session.scalars(query))
    minutes = max(1, round(gone.total_seconds() / 60))
    for request in left:
        queue.finish(session, request.id, "cancelled")
        why = f"The person closed the chat and did not come back for {minutes} minutes, so the request left the queue."
        transcript.add(session, request.id, transcript.NOTICE, why)
    session.execute(delete(Presence).where(Presence.seen_at < at - KEPT))
    return len(left)
