"""The trend table cannot hold a person: no column for an id or text, and the database itself
refuses a phone number, a conversation id, a name or a sentence in any of its text columns
(SQLite as `make run` keeps it, and the real PostgreSQL of production). Counting still works."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import Date, Integer, String, inspect, select
from sqlalchemy.exc import DataError, IntegrityError

from bot import db, trends
from bot.channels import sms_store
from bot.trends import TrendCount
from tests.privacy.test_purge import PG_SERVER, fresh_postgresql

MONDAY = dt.date(2026, 11, 30)
KEY = {"week": MONDAY, "state": "IL", "jurisdiction": "il-cook-county", "channel": "sms", "language": "es",
       "measure": "topic", "value": "shelter", "count": 1}  # fmt: skip
PERSON = [
    "+13125550143",  # a fictional phone number
    "3125550143",
    uuid.uuid4().hex,  # a web chat's conversation id
    "Marisol",
    "marisol",
    "he hit me",
    "il-cook-county 60614",
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def url(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('trends') / 'app.db'}"
    else:
        url = f"{PG_SERVER}/{fresh_postgresql('vwa_trends_schema')}"
    trends.Base.metadata.create_all(db.engine(url))
    yield url
    db.engine(url).dispose()


def test_the_columns_are_a_day_a_count_and_short_labels():
    columns = {c.name: c.type for c in TrendCount.__table__.columns}
    assert set(columns) == {"week", "state", "jurisdiction", "channel", "language", "measure", "value", "count"}
    assert isinstance(columns["week"], Date) and isinstance(columns["count"], Integer)
    assert all(isinstance(t, String) and t.length <= 40 for name, t in columns.items() if name not in ("week", "count"))


@pytest.mark.parametrize("column", ["state", "jurisdiction", "channel", "language", "measure", "value"])
@pytest.mark.parametrize("person", PERSON + ["sms-" + "ab" * 8])
def test_the_database_refuses_a_person_in_any_text_column(url, column, person):
    with db.session(url) as session, pytest.raises((IntegrityError, DataError)):  # a check, or a length
        with session.begin():
            session.add(TrendCount(**{**KEY, column: person}))
    with db.session(url) as session:
        stored = [getattr(row, column) for row in session.scalars(select(TrendCount))]
    assert person not in stored


def test_counting_adds_up_and_an_id_given_by_mistake_is_left_out(url, monkeypatch):
    monkeypatch.setenv("APP_DB_URL", url)
    db.engine.cache_clear()
    try:
        where = {"state": "IL", "jurisdiction": "il-cook-county", "channel": "socketio", "language": "en"}
        for _ in range(3):
            trends.count("topic", "legal_aid", **where, on=MONDAY + dt.timedelta(days=2))
        trends.count("topic", "legal_aid", state="IL", jurisdiction=sms_store.conversation_id("+13125550143"),
                     channel="web-" + uuid.uuid4().hex, on=MONDAY)  # fmt: skip
        with db.session(url) as session:
            found = {(r.jurisdiction, r.channel): r.count for r in trends.rows(session, MONDAY, MONDAY)}
        assert found[("il-cook-county", "socketio")] == 3 and found[("", "")] == 1
        assert inspect(db.engine(url)).get_table_names() == ["trend_counts"]
    finally:
        db.engine.cache_clear()


def test_a_value_outside_the_measures_list_is_refused_before_the_database():
    with pytest.raises(ValueError):
        trends.count("topic", "he hit me")
