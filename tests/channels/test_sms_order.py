"""One number's texts reach the bot one at a time, in the order they were received, though each
webhook may land on another worker: two SmsInput instances stand for two workers on one app
database (SQLite and PostgreSQL), the bot is a stand-in that answers when the test lets it, and
texts go out through the real sender to a local fake of Twilio."""

import asyncio
import datetime as dt

import pytest
from rasa.core.channels.channel import UserMessage

from bot import clock, db
from bot.channels import sms, sms_store
from bot.handoff import relay
from tests import aio
from tests.e2e.fake_twilio import FakeTwilio
from tests.e2e.production import PG_SERVER
from tests.privacy.test_purge import fresh_postgresql

T = dt.datetime(2026, 12, 7, 18, 0, tzinfo=dt.timezone.utc)
NUMBER = "+12025550143"  # fictional


@pytest.fixture(params=["sqlite", "postgresql"])
def app_db(request, tmp_path, monkeypatch):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.db'}"
    else:
        url = f"{PG_SERVER}/{fresh_postgresql('vwa_sms_order')}"
    monkeypatch.setenv("APP_DB_URL", url)
    db.engine.cache_clear()
    sms_store.create_tables()
    relay.prepare()
    yield
    db.engine.cache_clear()


@pytest.fixture
def twilio(monkeypatch):
    fake = FakeTwilio().start()
    monkeypatch.setenv("TWILIO_API_BASE_URL", fake.url)
    yield fake
    fake.stop()


class Bot:
    """Answers "you said X"; holds a message named in `hold` until the test releases it, or
    fails on the messages named in `fail`."""

    def __init__(self) -> None:
        self.heard: list[tuple[str, str]] = []  # (worker, text)
        self.hold: dict[str, asyncio.Event] = {}
        self.fail: set[str] = set()

    def of(self, worker: str):
        async def on_new_message(message: UserMessage) -> None:
            self.heard.append((worker, message.text))
            if message.text in self.fail:
                self.fail.discard(message.text)
                raise ConnectionError("the bot's database is down")
            if message.text in self.hold:
                await self.hold[message.text].wait()
            await message.output_channel.send_text_message(message.sender_id, f"you said {message.text}")

        return on_new_message


def worker() -> sms.SmsInput:
    """A worker's channel, as its start listener leaves it; made in the event loop it serves."""
    channel = sms.SmsInput()
    channel.sender = sms.Sender()
    return channel


async def answer(name: str, bot: "Bot", cid: str) -> None:
    """What a worker does when a text of the conversation comes in (or at its minute's catch-up)."""
    channel = worker()
    try:
        await channel._answer(bot.of(name), cid)
    finally:
        await channel.sender.client.http_client.close()


def receive(body: str, sid: str, at: dt.datetime) -> str:
    """What the webhook does before answering Twilio: the text written down, at `at`."""
    with clock.fixed_at(at), db.session() as session, session.begin():
        contact, _ = sms_store.contact(session, NUMBER)
        sms_store.record_inbound(session, sid, contact.conversation_id, body, 0)
        return contact.conversation_id


def answers(twilio: FakeTwilio) -> list[str]:
    return [t for t in twilio.texts_to(NUMBER) if t.startswith("you said")]


def test_texts_taken_by_two_workers_are_answered_in_the_order_received(app_db, twilio):
    bot = Bot()

    async def run() -> None:
        bot.hold["one"] = asyncio.Event()
        cid = receive("one", "SM9", T)  # sids sort against the order received
        answering = asyncio.create_task(answer("first", bot, cid))
        while not bot.heard:
            await asyncio.sleep(0.01)
        receive("two", "SM5", T + dt.timedelta(seconds=1))
        await answer("second", bot, cid)  # the first worker has the conversation
        receive("three", "SM1", T + dt.timedelta(seconds=2))
        await answer("second", bot, cid)
        assert bot.heard == [("first", "one")]
        bot.hold["one"].set()
        await answering

    aio.run(run())
    assert bot.heard == [("first", "one"), ("first", "two"), ("first", "three")]
    assert answers(twilio) == ["you said one", "you said two", "you said three"]
    with db.session() as session:
        assert sms_store.unanswered(session, sms.STUCK_AFTER) == []


def test_a_conversation_left_by_a_stopped_worker_is_taken_over_later_in_order(app_db, twilio):
    bot = Bot()
    cid = receive("one", "SM9", T)
    receive("two", "SM1", T + dt.timedelta(seconds=1))
    with clock.fixed_at(T + dt.timedelta(seconds=2)), db.session() as session, session.begin():
        assert sms_store.next_text(session, cid, sms.STUCK_AFTER).message_sid == "SM9"  # then the worker stops

    def catch_up(at: dt.datetime) -> None:
        with clock.fixed_at(at):
            with db.session() as session:
                waiting = sms_store.unanswered(session, sms.STUCK_AFTER)
            for conversation in waiting:
                aio.run(answer("other", bot, conversation))

    catch_up(T + dt.timedelta(minutes=1))  # it may still be answering
    assert bot.heard == []
    catch_up(T + dt.timedelta(minutes=3))
    assert bot.heard == [("other", "one"), ("other", "two")]
    assert answers(twilio) == ["you said one", "you said two"]


def test_a_text_that_could_not_be_answered_stays_first_in_line(app_db, twilio):
    bot = Bot()
    bot.fail.add("one")
    cid = receive("one", "SM9", T)
    receive("two", "SM1", T + dt.timedelta(seconds=1))
    with clock.fixed_at(T + dt.timedelta(seconds=5)):
        aio.run(answer("first", bot, cid))
    assert bot.heard == [("first", "one")] and answers(twilio) == []
    with db.session() as session:
        assert sms_store.unanswered(session, sms.STUCK_AFTER) == [cid]
    aio.run(answer("second", bot, cid))
    assert bot.heard[1:] == [("second", "one"), ("second", "two")]
    assert answers(twilio) == ["you said one", "you said two"]
