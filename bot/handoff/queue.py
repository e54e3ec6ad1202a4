"""Handoff requests and the advocates' queue: who is waiting, in what order, and who has whom.

Priority first (imminent danger, then threats and intimidation, then the rest), then the longest
wait. A claim is one conditional UPDATE, so when two advocates claim the same person at once the
database lets exactly one of them have it and the other is told. Summaries hold only what the
person chose to share; conversation ids are the channels' own (hashed for SMS).
"""

import datetime as dt

from sqlalchemy import Column, DateTime, Integer, String, select, update
from sqlalchemy.orm import Session, declarative_base

from bot import db, trends
from bot.crypto import EncryptedJSON
from bot.db import now

Base = declarative_base()

DANGER, THREAT, OTHER = 1, 2, 3  # lower is more urgent
PRIORITY_NAMES = {DANGER: "danger", THREAT: "threats", OTHER: "other"}


class HandoffRequest(Base):
    __tablename__ = "handoff_requests"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(String(64), nullable=False, index=True)
    channel = Column(String(16), nullable=False)  # sms | socketio | rest
    priority = Column(Integer, nullable=False)
    language = Column(String(8), nullable=False, default="en")
    # {"help": ..., "safe_to_text": ..., "state": ...}, encrypted: the person's own words
    summary = Column(EncryptedJSON, nullable=False)
    # waiting -> claimed -> closing (the bot's server has not yet taken the person back) -> closed;
    # or cancelled, when the person goes back to the bot on their own
    status = Column(String(12), nullable=False, default="waiting")
    advocate_id = Column(Integer)
    created_at = Column(DateTime, nullable=False, default=now)
    claimed_at = Column(DateTime)


class ClaimError(RuntimeError):
    """The request cannot change as asked; its argument names why, for the console's catalogs
    (console.problem.claim.<why>)."""


def create_tables() -> None:
    db.create_tables(Base.metadata)
    trends.create_tables()  # the queue counts into them


OPEN = ("waiting", "claimed", "closing")


def open_request(session: Session, conversation_id: str) -> HandoffRequest | None:
    """The conversation's request while it is handed off (the bot is paused for it)."""
    query = select(HandoffRequest).where(
        HandoffRequest.conversation_id == conversation_id, HandoffRequest.status.in_(OPEN)
    )
    return session.scalar(query.order_by(HandoffRequest.id.desc()))


def request(session: Session, conversation_id: str, channel: str, priority: int, summary: dict, language: str = "en"):
    """Open a request, or return the conversation's open one (a person waits in the queue once)."""
    already = open_request(session, conversation_id)
    if already is not None:
        return already
    created = HandoffRequest(
        conversation_id=conversation_id, channel=channel, priority=priority, summary=summary, language=language
    )
    session.add(created)
    session.flush()
    _count(session, created, "handoff", "requested")
    return created


def _count(session: Session, request: HandoffRequest, measure: str, value: str) -> None:
    """The task force's trends (bot/trends): the request's week, state, channel and language only."""
    state = (request.summary or {}).get("state")
    trends.count_in(session, measure, value, state=state, channel=request.channel, language=request.language)


def waiting(session: Session) -> list[HandoffRequest]:
    """The queue: most urgent first, then the longest wait."""
    query = select(HandoffRequest).where(HandoffRequest.status == "waiting")
    return list(session.scalars(query.order_by(HandoffRequest.priority, HandoffRequest.created_at, HandoffRequest.id)))


def ahead_of(session: Session, request: HandoffRequest) -> int:
    """How many waiting people an advocate will take before this one."""
    return sum(
        1
        for other in waiting(session)
        if (other.priority, other.created_at, other.id) < (request.priority, request.created_at, request.id)
    )


def claimed_by(session: Session, advocate_id: int) -> list[HandoffRequest]:
    query = select(HandoffRequest).where(HandoffRequest.status == "claimed", HandoffRequest.advocate_id == advocate_id)
    return list(session.scalars(query.order_by(HandoffRequest.claimed_at)))


def claim(session: Session, request_id: int, advocate_id: int) -> HandoffRequest:
    """Take a waiting request; ClaimError when it is not waiting any more."""
    result = session.execute(
        update(HandoffRequest)
        .where(HandoffRequest.id == request_id, HandoffRequest.status == "waiting")
        .values(status="claimed", advocate_id=advocate_id, claimed_at=now())
    )
    if result.rowcount != 1:
        raise ClaimError("taken")  # someone else took it, or the person left the queue
    claimed = session.get(HandoffRequest, request_id)
    _count(session, claimed, "handoff", "claimed")
    _count(session, claimed, "wait", trends.wait_bucket(wait_minutes(claimed, claimed.claimed_at)))
    return claimed


def release(session: Session, request_id: int, advocate_id: int) -> HandoffRequest:
    """Put a claimed request back in the queue (only its owner can)."""
    result = session.execute(
        update(HandoffRequest)
        .where(HandoffRequest.id == request_id, HandoffRequest.status == "claimed")
        .where(HandoffRequest.advocate_id == advocate_id)
        .values(status="waiting", advocate_id=None, claimed_at=None)
    )
    if result.rowcount != 1:
        raise ClaimError("not_yours_to_release")
    return session.get(HandoffRequest, request_id)


def reassign(session: Session, request_id: int, advocate_id: int) -> None:
    """A supervisor gives a claimed or waiting request to another advocate."""
    result = session.execute(
        update(HandoffRequest)
        .where(HandoffRequest.id == request_id, HandoffRequest.status.in_(["waiting", "claimed"]))
        .values(status="claimed", advocate_id=advocate_id, claimed_at=now())
    )
    if result.rowcount != 1:
        raise ClaimError("closed")


def wait_minutes(request: HandoffRequest, at: dt.datetime | None = None) -> int:
    return int(((at or now()) - request.created_at).total_seconds() // 60)


def close(session: Session, request_id: int, advocate_id: int) -> HandoffRequest:
    """The owner ends the handoff; the request is `closing` until the bot's server takes the person back."""
    result = session.execute(
        update(HandoffRequest)
        .where(HandoffRequest.id == request_id, HandoffRequest.status == "claimed")
        .where(HandoffRequest.advocate_id == advocate_id)
        .values(status="closing")
    )
    if result.rowcount != 1:
        raise ClaimError("not_yours_to_close")
    return session.get(HandoffRequest, request_id)


def finish(session: Session, request_id: int, status: str) -> None:
    """closed (the bot has the person back) or cancelled (the person went back on their own)."""
    result = session.execute(
        update(HandoffRequest)
        .where(HandoffRequest.id == request_id, HandoffRequest.status.in_(OPEN))
        .values(status=status)
    )
    if result.rowcount == 1:
        ended = "closed" if status == "closed" else "abandoned"
        _count(session, session.get(HandoffRequest, request_id), "handoff", ended)
