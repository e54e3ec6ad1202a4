"""What the SMS channel keeps in the app's SQL store, and how it keeps phone numbers private.

A conversation is known by a keyed hash of the sender's number (SMS_ID_KEY), never the number;
the number itself is kept only encrypted (bot/crypto.py), so that replies and later
an advocate can reach it. Inbound texts are written down before Twilio gets its answer, so a
retried webhook is recognised by its MessageSid and a text that arrives just before a restart is
still answered afterwards. Opt-outs (STOP) are kept here and checked before every send.
"""

import datetime as dt
import hashlib
import hmac

from sqlalchemy import JSON, Boolean, Column, DateTime, Integer, String, Text, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base

from bot import db, settings
from bot.crypto import encrypt
from bot.db import now

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


def conversation_id(e164: str) -> str:
    """The Rasa conversation id for a number: stable across restarts, useless without the key."""
    digest = hmac.new(settings.secret("SMS_ID_KEY").encode(), e164.encode(), hashlib.sha256).hexdigest()
    return f"sms-{digest[:40]}"


def create_tables() -> None:
    Base.metadata.create_all(db.engine())


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
    """MessageSids of texts not yet answered: never started, or started longer ago than
    `stuck_after` by a server that stopped in between. Oldest first."""
    cutoff = now() - stuck_after
    query = select(Inbound.message_sid).where(
        (Inbound.status == "received") | ((Inbound.status == "processing") & (Inbound.received_at <= cutoff))
    )
    return list(session.scalars(query.order_by(Inbound.received_at)))


def claim(session: Session, sid: str, stuck_after: dt.timedelta) -> Inbound | None:
    """Take an inbound text for answering; None when another worker has it (or it is done)."""
    cutoff = now() - stuck_after
    result = session.execute(
        update(Inbound)
        .where(Inbound.message_sid == sid)
        .where((Inbound.status == "received") | ((Inbound.status == "processing") & (Inbound.received_at <= cutoff)))
        .values(status="processing")
    )
    return session.get(Inbound, sid) if result.rowcount == 1 else None


def set_status(session: Session, sid: str, status: str) -> None:
    """A text answered ("done") keeps only its id, against duplicate deliveries: not its body."""
    values = {"status": status, **({"body_encrypted": ""} if status == "done" else {})}
    session.execute(update(Inbound).where(Inbound.message_sid == sid).values(**values))


def record_delivery(session: Session, twilio_sid: str, status: str, error: str | None) -> bool:
    """A status callback from Twilio; False when the message is not one of ours."""
    result = session.execute(
        update(Outbound).where(Outbound.twilio_sid == twilio_sid).values(status=status, error=error, updated_at=now())
    )
    return result.rowcount > 0
