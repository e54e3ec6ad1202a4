"""A person's words and number are nowhere in the clear in the stores `make run` uses (SQLite);
tests/e2e/test_production_stores.py proves the same of PostgreSQL. The running servers purge
what the retention schedule says is due."""

import datetime as dt

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import select

from bot import clock, db
from bot.channels import sms_store
from bot.console.models import AuditEntry
from bot.settings import ROOT
from bot.stores.encrypted_tracker import EncryptedSQLTrackerStore
from tests import aio
from tests.e2e.at_rest import every_row, spellings, tell_everything, unique_phrase
from tests.e2e.people import Advocate, create_account, fictional_number, wait_for


def test_no_word_or_number_a_person_gives_is_stored_in_the_clear(stack, fake_twilio):
    phrase, number = unique_phrase(), fictional_number()
    create_account(stack, "rowan", "Rowan")
    tell_everything(stack, fake_twilio, Advocate(stack, "rowan"), phrase, number)
    tracker, app = every_row(f"sqlite:///{stack.workdir / 'tracker.db'}"), every_row(stack.env["APP_DB_URL"])
    assert "session_started" in tracker and sms_store.conversation_id(number) in app  # the rows are there
    for secret in [phrase, *spellings(number)]:
        assert secret not in tracker, secret
        assert secret not in app, secret


def test_the_running_server_purges_what_is_past_its_retention(stack):
    """Rows made 40 days (440 for the audit log) before the servers' own clock are purged."""
    store = EncryptedSQLTrackerStore(
        Domain.load(str(ROOT / "bot" / "domain")), dialect="sqlite", db=str(stack.workdir / "tracker.db")
    )
    old = clock.now() - dt.timedelta(days=40)
    tracker = DialogueStateTracker("web-forty-days-ago", {})
    for happened in [
        ActionExecuted("action_listen", timestamp=old.timestamp()),
        UserUttered("hi", timestamp=old.timestamp()),
    ]:
        tracker.update(happened)
    aio.run(store.save(tracker))
    with db.session(stack.env["APP_DB_URL"]) as session, session.begin():
        session.add(AuditEntry(action="purge-e2e", at=db.naive(old) - dt.timedelta(days=400)))

    def purged() -> bool:
        with store.session_scope() as session:
            events = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == "web-forty-days-ago").count()
        with db.session(stack.env["APP_DB_URL"]) as session:
            audit = session.scalar(select(AuditEntry).where(AuditEntry.action == "purge-e2e"))
        return events == 0 and audit is None

    wait_for(purged, timeout=30)
