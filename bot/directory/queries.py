"""Questions the bot asks of the directory: the few best entries for a topic and a place."""

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.directory.models import Jurisdiction, Resource, ResourceCategory

# At most this many of a jurisdiction's partners lead an answer, so a national 24/7 line still shows.
PARTNERS_FIRST = 2


def _in_order(session: Session, query: Select, lang: str) -> list[Resource]:
    """Entries in priority order, those that serve the person's language first."""
    found = session.scalars(query.order_by(Resource.priority, ResourceCategory.position, Resource.id))
    return sorted(found, key=lambda r: lang not in (r.languages or []))


def _active(session: Session, category: str, state: str | None, lang: str) -> list[Resource]:
    """National (state None) or state entries; a jurisdiction's partners are asked for apart."""
    query = (
        select(Resource)
        .join(ResourceCategory)
        .where(ResourceCategory.category == category, Resource.active.is_(True), Resource.jurisdiction_id.is_(None))
        .where(Resource.state.is_(None) if state is None else Resource.state == state)
    )
    return _in_order(session, query, lang)


def partners(
    session: Session, category: str, state: str, counties: Sequence[str], justice: bool, lang: str
) -> list[Resource]:
    """The active partners, in category, of the jurisdictions that cover any of the counties (a
    ZIP code or town on a county line has several); those that are part of the justice system only
    when `justice` (the person asked for them)."""
    wanted = {c.casefold() for c in counties}
    covering = [
        j.id
        for j in session.scalars(select(Jurisdiction).where(Jurisdiction.state == state))
        if wanted & {c.casefold() for c in j.counties}
    ]
    if not covering:
        return []
    query = (
        select(Resource)
        .join(ResourceCategory)
        .where(ResourceCategory.category == category, Resource.active.is_(True))
        .where(Resource.jurisdiction_id.in_(covering))
    )
    if not justice:
        query = query.where(Resource.justice_system.is_(False))
    return _in_order(session, query, lang)


def find(
    session: Session,
    category: str,
    state: str | None = None,
    limit: int = 3,
    local_first: bool = False,
    local_fallback: str | None = None,
    lang: str = "en",
    counties: Sequence[str] = (),
    justice: bool = False,
) -> list[Resource]:
    """The best `limit` active entries for a category.

    When the counties are known, the partners of their jurisdictions come first (at most two, so that
    a national line still shows), then the entries below. Partners that are part of the justice
    system come only with `justice`, when the person asked for the police, a prosecutor or the
    courts.

    National entries come in priority order. When the state is known its own entries are added:
    first when the topic is decided by the state (compensation), otherwise in the last place, so
    that the strongest national line always shows and local help is never crowded out. A state
    with no entry in the category can offer its entry of `local_fallback` instead. Within each,
    entries that serve `lang` (a Spanish speaker: Spanish-speaking staff or interpreters) come first.
    """
    nearby = partners(session, category, state, counties, justice, lang)[:PARTNERS_FIRST] if state and counties else []
    national = _active(session, category, None, lang)
    local = _active(session, category, state, lang) if state else []
    if state and not local and local_fallback:
        local = _active(session, local_fallback, state, lang)
    if local_first:
        return (nearby + local + national)[:limit]
    if not local:
        return (nearby + national)[:limit]
    rest = limit - len(nearby)
    return nearby + (national[: rest - 1] + local[:1] if rest > 1 else national[:rest])


def get(session: Session, resource_id: str) -> Resource | None:
    resource = session.get(Resource, resource_id)
    return resource if resource is not None and resource.active else None


def stale(resources: list[Resource], today: dt.date, months: int = 12) -> list[Resource]:
    """Entries not verified within `months` months of `today` (or never verified), oldest first."""
    cutoff = today - dt.timedelta(days=round(months * 365.25 / 12))
    due = [r for r in resources if not r.source_verified or r.source_checked is None or r.source_checked < cutoff]
    return sorted(due, key=lambda r: (r.source_checked or dt.date.min, r.id))
