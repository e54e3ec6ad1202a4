"""The transcript of a handed-off conversation, and the advocates' private notes on it.

Both sides' messages are written here before anything else happens to them, so a restart of the
bot or the console loses none: a person's message is written when it arrives, an advocate's is
written as `pending` and delivered (and retried) by the console until the bot's server takes it.
The bot's part of the conversation before the handoff is copied in when the request is made, so
the advocate reads one transcript. Texts are encrypted at rest (bot/crypto.py).
"""

import datetime as dt

from sqlalchemy import Column, DateTime, Integer, String, Text, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base

from bot import crypto, db
from bot.db import now

Base = declarative_base()

PERSON, BOT, ADVOCATE, NOTICE = "person", "bot", "advocate", "notice"
# What an outgoing item asks the bot's server to do besides showing its text.
MESSAGE, JOINED, LEFT, CLOSED = "message", "joined", "left", "closed"


class HandoffMessage(Base):
    __tablename__ = "handoff_messages"

    id = Column(Integer, primary_key=True, autoincrement=True)
    request_id = Column(Integer, nullable=False, index=True)
    sender = Column(String(12), nullable=False)  # person | bot | advocate | notice
    kind = Column(String(12), nullable=False, default=MESSAGE)  # message | joined | left | closed
    name = Column(String(64))  # the advocate's display name on their messages and notices
    text_encrypted = Column(Text, nullable=False)
    # person and bot lines are "received"; advocate lines and notices go pending -> sent | blocked,
    # and a sent text on to delivered | failed when Twilio reports (bot/channels/sms_store.py)
    status = Column(String(12), nullable=False, default="received")
    error = Column(String(32))  # why an outgoing item was not sent: opted_out, unknown_conversation
    external_id = Column(String(64), unique=True)  # a text's MessageSid, so a retried webhook is kept once
    at = Column(DateTime, nullable=False, default=now)

    @property
    def text(self) -> str:
        return crypto.decrypt(self.text_encrypted)


class HandoffNote(Base):
    """An advocate's note on a conversation: for advocates only, never sent to the person."""

    __tablename__ = "handoff_notes"

    id = Column(Integer, primary_key=True, autoincrement=True)
    request_id = Column(Integer, nullable=False, index=True)
    advocate_id = Column(Integer, nullable=False)
    text_encrypted = Column(Text, nullable=False)
    at = Column(DateTime, nullable=False, default=now)

    @property
    def text(self) -> str:
        return crypto.decrypt(self.text_encrypted)


def create_tables() -> None:
    db.create_tables(Base.metadata)


def add(
    session: Session,
    request_id: int,
    sender: str,
    text: str,
    *,
    kind: str = MESSAGE,
    name: str | None = None,
    status: str = "received",
    external_id: str | None = None,
) -> HandoffMessage | None:
    """Write one line; None when a line with this external_id was already written."""
    line = HandoffMessage(
        request_id=request_id,
        sender=sender,
        kind=kind,
        name=name,
        text_encrypted=crypto.encrypt(text),
        status=status,
        external_id=external_id,
    )
    try:
        with session.begin_nested():
            session.add(line)
    except IntegrityError:
        return None
    return line


def lines(session: Session, request_id: int, after_id: int = 0) -> list[HandoffMessage]:
    query = select(HandoffMessage).where(HandoffMessage.request_id == request_id, HandoffMessage.id > after_id)
    return list(session.scalars(query.order_by(HandoffMessage.id)))


def last_from_person(session: Session, request_id: int) -> dt.datetime | None:
    """When the person last wrote in this handoff (their messages before it included)."""
    query = select(func.max(HandoffMessage.at)).where(
        HandoffMessage.request_id == request_id, HandoffMessage.sender == PERSON
    )
    return session.scalar(query)


def pending(session: Session) -> list[HandoffMessage]:
    """Outgoing items not yet taken by the bot's server, oldest first."""
    query = select(HandoffMessage).where(HandoffMessage.status == "pending")
    return list(session.scalars(query.order_by(HandoffMessage.id)))


def mark(session: Session, line_id: int, status: str, error: str | None = None) -> None:
    """The bot's server's outcome for a pending line (a delivery report that came first stays)."""
    pending = (HandoffMessage.id == line_id) & (HandoffMessage.status == "pending")
    session.execute(update(HandoffMessage).where(pending).values(status=status, error=error))


def delivery_reported(session: Session, line_id: int, delivered: bool, code: str | None) -> None:
    """The channel's report on a sent line: delivered, or failed with the channel's error code.
    A failure is final; a later "delivered" for another part of the same line does not hide it."""
    line = session.get(HandoffMessage, line_id)
    if line is None or line.status in ("failed", "blocked"):
        return
    line.status, line.error = ("delivered", None) if delivered else ("failed", (code or "unknown")[:32])


def add_note(session: Session, request_id: int, advocate_id: int, text: str) -> None:
    session.add(HandoffNote(request_id=request_id, advocate_id=advocate_id, text_encrypted=crypto.encrypt(text)))


def notes(session: Session, request_id: int) -> list[HandoffNote]:
    query = select(HandoffNote).where(HandoffNote.request_id == request_id)
    return list(session.scalars(query.order_by(HandoffNote.id)))
