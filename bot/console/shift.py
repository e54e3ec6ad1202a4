"""Who is on shift: which advocates are available (signed in and not away), how many
conversations each has, and how many of the person's messages each advocate has not seen yet.

The bot tells a person how long they may wait from the advocates who are available
(actions/handoff.py), so an advocate on a break sets themselves away instead of signing out.
"""

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from bot.console.models import Advocate, Away, ConsoleSession, Seen
from bot.db import now
from bot.handoff import queue, transcript


def set_away(session: Session, advocate_id: int, away: bool) -> None:
    session.execute(delete(Away).where(Away.advocate_id == advocate_id))
    if away:
        session.add(Away(advocate_id=advocate_id))


def is_away(session: Session, advocate_id: int) -> bool:
    return session.get(Away, advocate_id) is not None


def _signed_in():
    """The advocates with a live console session now."""
    return select(ConsoleSession.advocate_id).where(ConsoleSession.expires_at > now()).distinct()


def available(session: Session) -> int:
    """Advocates who can take a handoff now: a live console session, and not away."""
    on = _signed_in().where(ConsoleSession.advocate_id.not_in(select(Away.advocate_id))).subquery()
    return session.scalar(select(func.count()).select_from(on)) or 0


def team(session: Session) -> list[dict]:
    """For supervisors: everyone signed in, whether they are available, and how many
    conversations each has now."""
    claimed = (
        select(queue.HandoffRequest.advocate_id, func.count().label("n"))
        .where(queue.HandoffRequest.status == "claimed")
        .group_by(queue.HandoffRequest.advocate_id)
        .subquery()
    )
    query = (
        select(Advocate, Away.since, claimed.c.n)
        .where(Advocate.id.in_(_signed_in()), Advocate.active.is_(True))
        .outerjoin(Away, Away.advocate_id == Advocate.id)
        .outerjoin(claimed, claimed.c.advocate_id == Advocate.id)
        .order_by(Advocate.display_name, Advocate.id)
    )
    return [
        {"name": a.display_name, "role": a.role, "away": since is not None, "conversations": n or 0}
        for a, since, n in session.execute(query)
    ]


def mark_seen(session: Session, advocate_id: int, request_id: int, line_id: int) -> None:
    """The advocate has seen the conversation up to line_id (a marker only moves forward)."""
    row = session.get(Seen, (request_id, advocate_id))
    if row is None:
        session.add(Seen(request_id=request_id, advocate_id=advocate_id, line_id=line_id))
    elif line_id > row.line_id:
        row.line_id = line_id


def unread(session: Session, advocate_id: int, request_ids: list[int]) -> dict[int, int]:
    """request id -> how many of the person's messages came after what this advocate saw."""
    if not request_ids:
        return {}
    lines = transcript.HandoffMessage
    seen = and_(Seen.request_id == lines.request_id, Seen.advocate_id == advocate_id)
    query = (
        select(lines.request_id, func.count())
        .outerjoin(Seen, seen)
        .where(lines.request_id.in_(request_ids), lines.sender == transcript.PERSON)
        .where(lines.id > func.coalesce(Seen.line_id, 0))
        .group_by(lines.request_id)
    )
    return {request_id: 0 for request_id in request_ids} | dict(session.execute(query).all())
