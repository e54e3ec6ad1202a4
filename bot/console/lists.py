"""What the left column of the console lists: the queue, the advocate's own conversations with
their unread counts, and who left the queue lately; the page and the live socket share them."""

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import db
from bot.console import labels, shift
from bot.handoff import queue, transcript


def queue_rows(session: Session, lang: str) -> list[dict]:
    """The waiting requests as the queue shows them, most urgent first, in the advocate's words
    (bot/console/labels.py). The wait is in whole minutes, so the live socket sends the queue again
    when a minute has passed, and the page shows no clock of its own."""
    return [
        {
            "id": r.id,
            **labels.priority(r.priority, lang),
            "wait": queue.wait_minutes(r),
            "channel": labels.channel(r.channel, lang),
            "language": labels.language(r.language, lang),
            **labels.summary(r.summary, lang),
        }
        for r in queue.waiting(session)
    ]


def my_rows(session: Session, advocate_id: int, lang: str) -> list[dict]:
    """The advocate's conversations, in the order they took them, each with how many of the
    person's messages they have not seen."""
    mine = queue.claimed_by(session, advocate_id)
    unread = shift.unread(session, advocate_id, [r.id for r in mine])
    return [
        {
            "id": r.id,
            **labels.priority(r.priority, lang),
            "channel": labels.channel(r.channel, lang),
            "need": labels.summary(r.summary, lang)["need"],
            "unread": unread[r.id],
        }
        for r in mine
    ]


def left_the_queue(session: Session, lang: str, since: dt.timedelta = dt.timedelta(hours=1)) -> list[dict]:
    """Requests that left the queue on their own lately, with why (the last notice of their
    transcript: the person went back to the assistant, or closed the chat and did not come back),
    so an advocate knows where someone went. Nothing the person wrote is shown."""
    requests, lines = queue.HandoffRequest, transcript.HandoffMessage
    last = select(func.max(lines.id)).where(lines.sender == transcript.NOTICE).group_by(lines.request_id)
    query = (
        select(requests, lines)
        .join(lines, lines.request_id == requests.id)
        .where(requests.status == "cancelled", requests.advocate_id.is_(None))
        .where(lines.id.in_(last), lines.at >= db.now() - since)
        .order_by(lines.at.desc())
        .limit(20)
    )
    return [
        {
            "priority": labels.priority(r.priority, lang)["priority_label"],
            "channel": labels.channel(r.channel, lang),
            "at": f"{line.at:%H:%M}",
            "why": line.text,
        }
        for r, line in session.execute(query)
    ]
