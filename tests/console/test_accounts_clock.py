"""Sign-in windows measured on the clock the test sets (bot/clock.py): a session lasts one shift,
and a throttled name may try again after the failure window."""

import datetime as dt

import pytest

from bot import clock, db
from bot.console import accounts
from bot.console.models import Base

PASSWORD = "correct horse battery staple"
MONDAY_9AM = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def session(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    Base.metadata.create_all(db.engine(url))
    with db.session(url) as session, session.begin():
        accounts.create_account(session, "avery", "Avery", "advocate", PASSWORD)
    with db.session(url) as session:
        yield session


def test_a_session_ends_after_one_shift(session):
    with clock.fixed_at(MONDAY_9AM):
        token, _ = accounts.sign_in(session, "avery", PASSWORD)
        session.commit()
    with clock.fixed_at(MONDAY_9AM + dt.timedelta(hours=accounts.SESSION_HOURS, seconds=-1)):
        assert accounts.current(session, token) is not None
    with clock.fixed_at(MONDAY_9AM + dt.timedelta(hours=accounts.SESSION_HOURS, seconds=1)):
        assert accounts.current(session, token) is None


def test_a_throttled_name_may_try_again_after_the_window(session):
    with clock.fixed_at(MONDAY_9AM):
        for _ in range(accounts.MAX_FAILURES):
            assert accounts.sign_in(session, "avery", "wrong password!!") is None
        session.commit()
        assert accounts.throttled(session, "avery")
    with clock.fixed_at(MONDAY_9AM + accounts.FAILURE_WINDOW - dt.timedelta(seconds=1)):
        assert accounts.throttled(session, "avery")
    with clock.fixed_at(MONDAY_9AM + accounts.FAILURE_WINDOW + dt.timedelta(seconds=1)):
        assert not accounts.throttled(session, "avery")
