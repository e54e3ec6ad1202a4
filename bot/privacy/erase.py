"""Erases one conversation everywhere this project keeps it, when the person asks (DELETE or
BORRAR by text, "delete this conversation" in any words the assistant understands, the widget's
Delete button).

Each store does its share: Rasa's tracker (EncryptedSQLTrackerStore.delete), the handoff's
request, transcript and notes, the SMS contact and its texts in and out, and Twilio's copies of
those texts (queued for deletion at once, bot/channels/twilio_copies.py). An open handoff is not
removed but emptied: it is marked "deleted" with no conversation id, summary or transcript, so
the advocate who has it sees that the person deleted it. The audit log keeps that a deletion
happened and forgets which conversation its earlier entries were about; never what was said.
"""

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot import db, referrals, stores, trends
from bot.channels import sms_store, twilio_copies
from bot.console.models import AuditEntry, Seen
from bot.handoff import presence, queue, transcript
from bot.privacy import ERASE_REQUEST, purge

DELETED = "deleted"


def erase_app(session: Session, conversation_id: str) -> list[str]:
    """Remove the conversation from the app database; Twilio's message ids of its texts."""
    requests = list(
        session.scalars(select(queue.HandoffRequest).where(queue.HandoffRequest.conversation_id == conversation_id))
    )
    ids = [r.id for r in requests]
    session.execute(delete(transcript.HandoffMessage).where(transcript.HandoffMessage.request_id.in_(ids)))
    session.execute(delete(transcript.HandoffNote).where(transcript.HandoffNote.request_id.in_(ids)))
    session.execute(delete(Seen).where(Seen.request_id.in_(ids)))
    for request in requests:
        if request.status in queue.OPEN:  # the advocate is told; nothing of the person is left
            request.status, request.conversation_id, request.summary = DELETED, DELETED, {}
        else:
            session.delete(request)
    inbound, outbound = sms_store.Inbound, sms_store.Outbound
    sids = list(session.scalars(select(inbound.message_sid).where(inbound.conversation_id == conversation_id)))
    sids += [
        s for s in session.scalars(select(outbound.twilio_sid).where(outbound.conversation_id == conversation_id)) if s
    ]
    session.execute(delete(inbound).where(inbound.conversation_id == conversation_id))
    session.execute(delete(outbound).where(outbound.conversation_id == conversation_id))
    session.execute(delete(sms_store.LineText).where(sms_store.LineText.conversation_id == conversation_id))
    session.execute(delete(sms_store.Contact).where(sms_store.Contact.conversation_id == conversation_id))
    session.execute(delete(presence.Presence).where(presence.Presence.conversation_id == conversation_id))
    # A referral goes too: the partner's link answers "no longer available" from now on.
    session.execute(delete(referrals.Referral).where(referrals.Referral.conversation_id == conversation_id))
    session.execute(
        update(AuditEntry).where(AuditEntry.conversation_id == conversation_id).values(conversation_id=None)
    )
    session.add(AuditEntry(action="person_deleted"))
    return sids


async def erase(agent: Any, conversation_id: str) -> str:
    """Everything: the tracker (after the turn that asked for it was saved), then the app's rows;
    the conversation's language, read first, for the confirmation."""
    lang = await stores.conversation_language(agent.tracker_store, conversation_id)
    store = stores.unwrapped(agent.tracker_store)
    await store.delete(conversation_id)
    with db.session() as session, session.begin():
        twilio_copies.forget(session, erase_app(session, conversation_id), now=True)
        trends.count_in(session, "deletion", language=lang)  # that one happened; nothing of whose
    purge.forget_old_pages(db.engine(), store)
    return lang


def asked(messages: list[dict]) -> bool:
    """Whether a turn's messages (as a collecting output channel keeps them) ask for erasing."""
    return any(m.get("custom") == ERASE_REQUEST for m in messages)
