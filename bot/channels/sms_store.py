"""What the SMS channel keeps in the app's SQL store, and how it keeps phone numbers private.

A conversation is known by a keyed hash of the sender's number (SMS_ID_KEY), never the number;
the number itself is kept only encrypted (bot/crypto.py), so that replies and later
an advocate can reach it. Inbound texts are written down before Twilio gets its answer, so a
retried webhook is recognised by its MessageSid and a text that arrives just before a restart is
still answered afterwards. Opt-outs (STOP) are kept here and checked before every send.

One number's texts are answered one at a time, in the order they were received, whichever worker
or replica took each webhook: a worker answers a conversation only while it holds the
conversation's row in sms_answering (its primary key lets one worker in), and before it lets go
it takes the texts that came in meanwhile. Rasa's lock store alone would answer them in the order
the workers reached it, which is not always the order the person wrote them.
"""

import datetime as dt
import hashlib
import hmac

from sqlalchemy import JSON, Boolean, Column, DateTime, Integer, String, Text, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base

from bot import db, settings
from bot.crypto import encrypt
from bot.db import now
from bot.handoff import transcript

Base = declarative_base()


class Contact(Base):
    __tablename__ = "sms_contacts"

    conversation_id = Column(String(64), primary_key=True)
    number_encrypted = Column(Text, nullable=False)
    opted_out = Column(Boolean, nullable=False, default=False)
    opted_out_at = Column(DateTime)
    choices = Column(JSON)  # payloads of the numbered choices last offered
    greeted = Column(Boolean, nullable=False, default=False)  # the first-contact safety line was sent
    created_at = Column(DateTime, nullable=False, default=now)


class Inbound(Base):
    __tablename__ = "sms_inbound"

    message_sid = Column(String(64), primary_key=True)
    conversation_id = Column(String(64), nullable=False, index=True)
    body_encrypted = Column(Text, nullable=False)
    num_media = Column(Integer, nullable=False, default=0)
    status = Column(String(12), nullable=False, default="received")  # received | processing | done
    received_at = Column(DateTime, nullable=False, default=now)


class Answering(Base):
    """A worker is answering this conversation, since `since`; a row older than the channel's
    STUCK_AFTER belongs to a worker that stopped, and another may take it over."""

    __tablename__ = "sms_answering"

    conversation_id = Column(String(64), primary_key=True)
    since = Column(DateTime, nullable=False)


class Outbound(Base):
    __tablename__ = "sms_outbound"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(String(64), nullable=False, index=True)
    twilio_sid = Column(String(64), index=True)
    status = Column(String(16), nullable=False)  # sent | failed | blocked | delivered | undelivered
    error = Column(String(200))
    attempts = Column(Integer, nullable=False, default=0)
    created_at = Column(DateTime, nullable=False, default=now)
    updated_at = Column(DateTime, nullable=False, default=now, onupdate=now)


class LineText(Base):
    """Which text carried which line of a handoff transcript, so that Twilio's delivery report
    reaches the advocate's message in the console. Kept and erased like sms_outbound."""

    __tablename__ = "sms_line_texts"

    twilio_sid = Column(String(64), primary_key=True)
    line_id = Column(Integer, nullable=False, index=True)
    conversation_id = Column(String(64), nullable=False, index=True)
    created_at = Column(DateTime, nullable=False, default=now, index=True)


def conversation_id(e164: str) -> str:
    """The Rasa conversation id for a number: stable across restarts, useless without the key."""
    digest = hmac.new(settings.secret("SMS_ID_KEY").encode(), e164.encode(), hashlib.sha256).hexdigest()
    return f"sms-{digest[:40]}"


def create_tables() -> None:
    db.create_tables(Base.metadata)


def contact(session: Session, e164: str) -> tuple[Contact, bool]:
    """The contact for a number, created on first contact; and whether it is new."""
    cid = conversation_id(e164)
    found = session.get(Contact, cid)
    if found is not None:
        if not found.number_encrypted:  # forgotten after STOP (bot/privacy/purge.py); texting again
            found.number_encrypted = encrypt(e164)
        return found, False
    created = Contact(conversation_id=cid, number_encrypted=encrypt(e164), opted_out=False)
    session.add(created)
    session.flush()
    return created, True


def record_inbound(session: Session, sid: str, cid: str, body: str, num_media: int) -> bool:
    """Write an inbound text down; False when this MessageSid was already received."""
    try:
        with session.begin_nested():
            session.add(
                Inbound(message_sid=sid, conversation_id=cid, body_encrypted=encrypt(body), num_media=num_media)
            )
    except IntegrityError:
        return False
    return True


def unanswered(session: Session, stuck_after: dt.timedelta) -> list[str]:
    """Conversations with texts not yet answered that no worker is answering (or one that started
    longer ago than `stuck_after`, by a server that stopped in between). Oldest text first."""
    busy = select(Answering.conversation_id).where(Answering.since > now() - stuck_after)
    query = (
        select(Inbound.conversation_id)
        .where(Inbound.status != "done", Inbound.conversation_id.not_in(busy))
        .group_by(Inbound.conversation_id)
        .order_by(func.min(Inbound.received_at))
    )
    return list(session.scalars(query))


def next_text(session: Session, cid: str, stuck_after: dt.timedelta) -> Inbound | None:
    """The conversation's oldest unanswered text, taken for answering with the conversation's
    turn; None when nothing waits, or another worker is answering the conversation (its texts
    come after, from that worker)."""
    try:
        with session.begin_nested():
            session.add(Answering(conversation_id=cid, since=now()))
    except IntegrityError:
        stale = (Answering.conversation_id == cid) & (Answering.since <= now() - stuck_after)
        if session.execute(update(Answering).where(stale).values(since=now())).rowcount != 1:
            return None
    waiting = session.scalars(
        select(Inbound)
        .where(Inbound.conversation_id == cid, Inbound.status != "done")
        .order_by(Inbound.received_at, Inbound.message_sid)
        .limit(1)
    ).first()
    if waiting is None:
        session.execute(delete(Answering).where(Answering.conversation_id == cid))
        return None
    waiting.status = "processing"
    return waiting


def let_go(session: Session, cid: str, sid: str, answered: bool) -> None:
    """The worker is done with a text: answered, or to be tried again later (it stays first in
    line); either way another worker may now answer the conversation."""
    set_status(session, sid, "done" if answered else "received")
    session.execute(delete(Answering).where(Answering.conversation_id == cid))


def set_status(session: Session, sid: str, status: str) -> None:
    """A text answered ("done") keeps only its id, against duplicate deliveries: not its body."""
    values = {"status": status, **({"body_encrypted": ""} if status == "done" else {})}
    session.execute(update(Inbound).where(Inbound.message_sid == sid).values(**values))


def record_delivery(session: Session, twilio_sid: str, status: str, error: str | None) -> bool:
    """A status callback from Twilio; False when the message is not one of ours. A handoff line
    the text carried becomes delivered, or failed with Twilio's error code: a line sent as several
    texts shows failed when any of them failed."""
    result = session.execute(
        update(Outbound).where(Outbound.twilio_sid == twilio_sid).values(status=status, error=error, updated_at=now())
    )
    line = session.get(LineText, twilio_sid)
    if line is not None:
        transcript.delivery_reported(session, line.line_id, status == "delivered", error)
    return result.rowcount > 0
