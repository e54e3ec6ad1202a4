"""Twilio's copies of texts are deleted through its API, later again while Twilio says a message
is still in progress, and not at all when the organisation turns it off. Against a local fake of
Twilio's Messages API, over HTTP, with the real twilio client."""

import datetime as dt

import pytest
from sqlalchemy import select
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from bot import clock, db
from bot.channels import sms_store, twilio_copies
from tests import aio
from tests.e2e.fake_twilio import FakeTwilio

T = dt.datetime(2026, 12, 2, 18, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    monkeypatch.setenv("APP_DB_URL", f"sqlite:///{tmp_path / 'app.db'}")
    db.engine.cache_clear()
    sms_store.create_tables()
    yield
    db.engine.cache_clear()


@pytest.fixture
def twilio():
    fake = FakeTwilio().start()
    yield fake
    fake.stop()


def delete_due(fake: FakeTwilio, at: dt.datetime) -> int:
    async def run() -> int:
        http = AsyncTwilioHttpClient()
        client = Client("AC" + "0" * 32, "invented-token", http_client=http)
        client.api.base_url = fake.url
        try:
            return await twilio_copies.delete_due(client)
        finally:
            await http.close()

    with clock.fixed_at(at):
        return aio.run(run())


def forget(sids: list[str], at: dt.datetime = T, now: bool = False) -> None:
    with clock.fixed_at(at), db.session() as session, session.begin():
        twilio_copies.forget(session, sids, now=now)


def queued() -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(twilio_copies.TwilioDeletion.message_sid)))


def test_a_text_is_deleted_once_twilio_is_done_with_it(app_db, twilio):
    forget(["SM" + "a" * 32])  # after the usual two minutes
    assert delete_due(twilio, T + dt.timedelta(seconds=119)) == 0 and twilio.deleted == []
    assert delete_due(twilio, T + dt.timedelta(seconds=121)) == 1
    assert twilio.deleted == ["SM" + "a" * 32] and queued() == []


def test_a_message_still_in_progress_is_tried_again_a_minute_later(app_db, twilio):
    forget(["SM" + "b" * 32], now=True)
    twilio.in_progress = 1
    assert delete_due(twilio, T) == 0 and twilio.deleted == [] and queued() == ["SM" + "b" * 32]
    assert delete_due(twilio, T + dt.timedelta(seconds=30)) == 0
    assert delete_due(twilio, T + dt.timedelta(seconds=61)) == 1 and twilio.deleted == ["SM" + "b" * 32]


def test_an_organisation_can_turn_deletion_off(app_db, twilio, monkeypatch):
    monkeypatch.setenv("TWILIO_DELETE_MESSAGES", "false")
    forget(["SM" + "c" * 32], now=True)
    assert queued() == [] and delete_due(twilio, T) == 0 and twilio.deleted == []
