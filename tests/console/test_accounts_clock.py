"""Sign-in on the clock the test sets (bot/clock.py): a session lasts one shift; failed sign-ins
slow one client down, never anyone else, and never for good."""

import datetime as dt

import pytest
from sqlalchemy import select

from bot import clock, db
from bot.console import accounts
from bot.console.models import AuditEntry, Base, LoginFailure

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


def test_after_five_failures_a_client_waits_a_growing_delay_then_may_sign_in(session):
    here = "203.0.113.7"
    with clock.fixed_at(MONDAY_9AM):
        for _ in range(accounts.FREE_FAILURES):
            assert accounts.sign_in(session, "avery", "wrong password!!", here) is None
        session.commit()
        assert accounts.retry_after(session, "avery", here) == 30
        assert accounts.retry_after(session, "avery", "198.51.100.2") == 0  # someone elsewhere is not held up
    with clock.fixed_at(MONDAY_9AM + dt.timedelta(seconds=31)):
        assert accounts.retry_after(session, "avery", here) == 0
        assert accounts.sign_in(session, "avery", "wrong password!!", here) is None
        session.commit()
        assert accounts.retry_after(session, "avery", here) == 60  # doubled
    with clock.fixed_at(MONDAY_9AM + dt.timedelta(seconds=92)):
        assert accounts.sign_in(session, "avery", PASSWORD, here) is not None  # waited it out
        session.commit()
        assert accounts.retry_after(session, "avery", here) == 0  # counted afresh after a sign-in
    failures = session.scalars(select(LoginFailure)).all()
    audited = session.scalars(select(AuditEntry.action)).all()
    assert len(failures) == 6 and audited.count("sign_in_failed") == 6  # kept, and audited


def test_an_unknown_name_costs_the_same_password_check(session, monkeypatch):
    checked = []
    real = accounts.HASHER

    class Counting:
        def verify(self, hashed: str, password: str) -> bool:
            checked.append(hashed)
            return real.verify(hashed, password)

    monkeypatch.setattr(accounts, "HASHER", Counting())
    assert accounts.sign_in(session, "nobody-by-this-name", "wrong password!!") is None
    assert accounts.sign_in(session, "avery", "wrong password!!") is None
    assert len(checked) == 2 and checked[0] == accounts.UNKNOWN_USER_HASH
