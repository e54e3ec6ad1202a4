"""Deletes Twilio's copies of texts, so that the only record of what a person wrote is what this
project keeps (and purges). Twilio keeps every message's body in its logs until it is deleted
through the Messages API; Twilio has no setting for that on a plain number.

A text is queued for deletion here once it is answered (incoming) or sent (outgoing), and when a
person sends DELETE. Twilio refuses to delete a message still in progress (error 20009), so each
one is tried after TWILIO_DELETE_AFTER_SECONDS (120) and again later with a growing pause, for up
to two weeks. The queue holds Twilio's message ids only, never a conversation.
TWILIO_DELETE_MESSAGES=false turns this off (for an organisation using Twilio's redaction, say).
"""

import asyncio
import datetime as dt
import logging

from sqlalchemy import Column, DateTime, Integer, String, delete, select
from sqlalchemy.orm import Session
from twilio.base.exceptions import TwilioRestException

from bot import db, settings
from bot.channels import sms_store

logger = logging.getLogger(__name__)
PAUSES = [dt.timedelta(minutes=m) for m in (1, 5, 30, 120, 720, *[1440] * 14)]  # then give up


class TwilioDeletion(sms_store.Base):
    __tablename__ = "sms_twilio_deletions"

    message_sid = Column(String(64), primary_key=True)
    due_at = Column(DateTime, nullable=False, index=True)
    attempts = Column(Integer, nullable=False, default=0)


def enabled() -> bool:
    return (settings.setting("TWILIO_DELETE_MESSAGES", "true") or "").lower() not in {"false", "0", "no", "off"}


def forget(session: Session, sids: list[str | None], now: bool = False) -> None:
    """Queue these messages for deletion at Twilio (after the usual wait, or at once)."""
    if not enabled():
        return
    wait = (
        dt.timedelta(0) if now else dt.timedelta(seconds=float(settings.setting("TWILIO_DELETE_AFTER_SECONDS", "120")))
    )
    for sid in filter(None, sids):
        found = session.get(TwilioDeletion, sid)
        if found is None:
            session.add(TwilioDeletion(message_sid=sid, due_at=db.now() + wait))
        elif now:
            found.due_at = db.now()


def due(session: Session, limit: int = 100) -> list[str]:
    query = select(TwilioDeletion.message_sid).where(TwilioDeletion.due_at <= db.now())
    return list(session.scalars(query.order_by(TwilioDeletion.due_at).limit(limit)))


async def delete_due(client) -> int:  # noqa: ANN001 - twilio.rest.Client
    """Try every deletion that is due; the number done."""
    done = 0
    with db.session() as session:
        sids = due(session)
    for sid in sids:
        try:
            await client.messages(sid).delete_async()
            gone = True
        except TwilioRestException as error:
            gone = error.status == 404  # already deleted
        except Exception:  # noqa: BLE001 - network trouble: tried again later
            gone = False
        with db.session() as session, session.begin():
            row = session.get(TwilioDeletion, sid)
            if row is None:
                continue
            if gone or row.attempts >= len(PAUSES):
                if not gone:
                    logger.warning("sms: Twilio would not delete a message after %s tries", row.attempts)
                session.execute(delete(TwilioDeletion).where(TwilioDeletion.message_sid == sid))
                done += gone
            else:
                row.due_at, row.attempts = db.now() + PAUSES[row.attempts], row.attempts + 1
    return done


async def keep_deleting(client, every_seconds: float = 10) -> None:  # noqa: ANN001 - twilio.rest.Client
    while True:
        try:
            await delete_due(client)
        except Exception as error:  # noqa: BLE001 - a database outage: tried again later
            logger.error("sms: cannot delete Twilio's copies now: %s", type(error).__name__)
        await asyncio.sleep(every_seconds)
