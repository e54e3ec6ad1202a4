"""Questions the bot asks of the directory: the few best entries for a topic and a place."""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.directory.models import Resource, ResourceCategory


def _active(session: Session, category: str, state: str | None, lang: str) -> list[Resource]:
    """Entries in priority order, those that serve the person's language first."""
    query = (
        select(Resource)
        .join(ResourceCategory)
        .where(ResourceCategory.category == category, Resource.active.is_(True))
        .where(Resource.state.is_(None) if state is None else Resource.state == state)
        .order_by(Resource.priority, ResourceCategory.position, Resource.id)
    )
    return sorted(session.scalars(query), key=lambda r: lang not in (r.languages or []))


def find(
    session: Session,
    category: str,
    state: str | None = None,
    limit: int = 3,
    local_first: bool = False,
    local_fallback: str | None = None,
    lang: str = "en",
) -> list[Resource]:
    """The best `limit` active entries for a category.

    National entries come in priority order. When the state is known its own entries are added:
    first when the topic is decided by the state (compensation), otherwise in the last place, so
    that the strongest national line always shows and local help is never crowded out. A state
    with no entry in the category can offer its entry of `local_fallback` instead. Within each,
    entries that serve `lang` (a Spanish speaker: Spanish-speaking staff or interpreters) come first.
    """
    national = _active(session, category, None, lang)
    local = _active(session, category, state, lang) if state else []
    if state and not local and local_fallback:
        local = _active(session, local_fallback, state, lang)
    if local_first:
        return (local + national)[:limit]
    if not local:
        return national[:limit]
    return national[: limit - 1] + local[:1]


def get(session: Session, resource_id: str) -> Resource | None:
    resource = session.get(Resource, resource_id)
    return resource if resource is not None and resource.active else None


def stale(resources: list[Resource], today: dt.date, months: int = 12) -> list[Resource]:
    """Entries not verified within `months` months of `today` (or never verified), oldest first."""
    cutoff = today - dt.timedelta(days=round(months * 365.25 / 12))
    due = [r for r in resources if not r.source_verified or r.source_checked is None or r.source_checked < cutoff]
    return sorted(due, key=lambda r: (r.source_checked or dt.date.min, r.id))
