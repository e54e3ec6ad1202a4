"""What people need, week by week, counted as it happens and kept without anyone in it, for the
task force the guide asks victim services to join ("emerging trends within the community", with
"victim and witness confidentiality in mind").

One table, `trend_counts`, holds a count per week (the Monday that starts it; nothing finer than
a day), state, jurisdiction, channel, language, measure and value: no conversation id, no number,
no text, no time of day. Its columns cannot take anything else: every text column is checked by
the database against a closed list (or, for a jurisdiction, a slug of letters and hyphens, which
no id, number or sentence is), so a bug cannot write a person into it. It outlives the purge of
conversations (bot/privacy), since nothing in it belongs to anyone.

Counts leave the database only through bot/trends/suppress.py: small cells are never shown.
"""

import datetime as dt
import logging

from sqlalchemy import CheckConstraint, Column, Date, Integer, String, and_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, declarative_base

from bot import clock, db
from bot.directory.loader import CATEGORIES
from bot.location import STATES

logger = logging.getLogger(__name__)
Base = declarative_base()

CHANNELS = ("sms", "socketio", "rest")
LANGUAGES = ("en", "es")
WAITS = ("under_5_minutes", "5_to_15_minutes", "15_to_60_minutes", "over_an_hour")
# measure -> the values it takes ("" when it has none)
MEASURES = {
    "topic": tuple(sorted(CATEGORIES)),
    "crisis": ("danger", "self_harm"),
    "threat": ("",),
    "handoff": ("requested", "claimed", "abandoned", "closed"),
    "wait": WAITS,
    "referral": ("made", "accepted"),
    "deletion": ("",),
}
_VALUES = sorted({v for values in MEASURES.values() for v in values})


def _one_of(column: str, allowed) -> str:
    return f"{column} IN ({', '.join(repr(a) for a in allowed)})"


_BANNED = "0123456789 _.@+:/"


def _slug(column: str) -> str:
    """Blank, or a jurisdiction's id as data/jurisdictions names them ("il-cook-county"): a state
    code, a hyphen, then lower-case letters and hyphens. No digit, space or capital, so no id,
    number, name or sentence fits."""
    states = _one_of(f"substr({column}, 1, 2)", [code.lower() for code in STATES])
    shape = [f"length({column}) <= 40", f"substr({column}, 3, 1) = '-'", states, f"lower({column}) = {column}"]
    shape += [f"replace({column}, '{c}', '') = {column}" for c in _BANNED]
    return f"({column} = '' OR ({' AND '.join(shape)}))"


def is_slug(jurisdiction: str) -> bool:
    """The same rule in Python, so a jurisdiction id with a digit is counted without it, not lost."""
    ok = len(jurisdiction) <= 40 and jurisdiction[2:3] == "-" and jurisdiction[:2].upper() in STATES
    return ok and jurisdiction == jurisdiction.lower() and not any(c in jurisdiction for c in _BANNED + "'\"")


class TrendCount(Base):
    __tablename__ = "trend_counts"

    week = Column(Date, primary_key=True)
    state = Column(String(2), primary_key=True, default="")
    jurisdiction = Column(String(40), primary_key=True, default="")
    channel = Column(String(12), primary_key=True, default="")
    language = Column(String(2), primary_key=True, default="")
    measure = Column(String(12), primary_key=True)
    value = Column(String(24), primary_key=True, default="")
    count = Column(Integer, nullable=False, default=0)

    __table_args__ = (
        CheckConstraint(_one_of("state", ["", *STATES]), name="trend_state"),
        CheckConstraint(_slug("jurisdiction"), name="trend_jurisdiction"),
        CheckConstraint(_one_of("channel", ["", *CHANNELS]), name="trend_channel"),
        CheckConstraint(_one_of("language", ["", *LANGUAGES]), name="trend_language"),
        CheckConstraint(_one_of("measure", MEASURES), name="trend_measure"),
        CheckConstraint(_one_of("value", _VALUES), name="trend_value"),
        CheckConstraint("count >= 0", name="trend_count"),
    )


def create_tables() -> None:
    db.create_tables(Base.metadata)


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts the day's week."""
    return day - dt.timedelta(days=day.weekday())


def wait_bucket(minutes: float) -> str:
    return WAITS[0 if minutes < 5 else 1 if minutes < 15 else 2 if minutes < 60 else 3]


def _key(measure, value, state, jurisdiction, channel, language, on) -> dict:
    """The row's key, with anything outside the closed lists left blank rather than stored."""
    if value not in MEASURES[measure]:
        raise ValueError(f"{measure} takes {MEASURES[measure]}")
    return {
        "week": week_of(on or clock.now().date()),
        "state": state if state in STATES else "",
        "jurisdiction": jurisdiction if jurisdiction and is_slug(jurisdiction) else "",
        "channel": channel if channel in CHANNELS else "",
        "language": language if language in LANGUAGES else "",
        "measure": measure,
        "value": value,
    }


def count_in(
    session: Session, measure: str, value: str = "", *, state: str | None = None, jurisdiction: str | None = None,
    channel: str | None = None, language: str | None = None, on: dt.date | None = None,
) -> None:  # fmt: skip
    """Add one to a count, in the caller's transaction."""
    key = _key(measure, value, state, jurisdiction, channel, language, on)
    where = and_(*(getattr(TrendCount, k) == v for k, v in key.items()))
    if session.execute(update(TrendCount).where(where).values(count=TrendCount.count + 1)).rowcount == 0:
        try:
            with session.begin_nested():
                session.add(TrendCount(**key, count=1))
        except IntegrityError:  # another server added the row first
            session.execute(update(TrendCount).where(where).values(count=TrendCount.count + 1))


def count(measure: str, value: str = "", **where) -> None:
    """Add one to a count in a transaction of its own; a failure is logged, never the person's
    problem: a statistic must not stop a reply."""
    try:
        with db.session() as session, session.begin():
            count_in(session, measure, value, **where)
    except SQLAlchemyError as error:
        logger.warning("trends: a count was not recorded (%s)", type(error).__name__)


def rows(session: Session, start: dt.date, end: dt.date, state: str = "", jurisdiction: str = "") -> list[TrendCount]:
    """The counts of the weeks from start to end, of one state or jurisdiction when given."""
    query = select(TrendCount).where(TrendCount.week >= week_of(start), TrendCount.week <= end)
    if state:
        query = query.where(TrendCount.state == state)
    if jurisdiction:
        query = query.where(TrendCount.jurisdiction == jurisdiction)
    return list(session.scalars(query.order_by(TrendCount.week)))


def jurisdiction_of(session: Session, state: str | None, counties) -> str:
    """The jurisdiction pack that covers the person's county, if one does ("" otherwise)."""
    from bot.directory.models import Jurisdiction  # the directory imports nothing of this module

    wanted = {c.casefold() for c in counties or ()}
    if not state or not wanted:
        return ""
    for place in session.scalars(select(Jurisdiction).where(Jurisdiction.state == state)):
        if wanted & {c.casefold() for c in place.counties}:
            return place.id
    return ""
