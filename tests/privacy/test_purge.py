"""The retention schedule enforced: with rows backdated past each period, exactly the expired rows
go and the rest stay, on SQLite and on this machine's PostgreSQL, Rasa's tracker table included;
the dry run counts the same rows and deletes nothing."""

import datetime as dt

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, event, select, text

from bot import clock, db, referrals, trends
from bot.channels import sms_store
from bot.console import models as console
from bot.handoff import queue, transcript
from bot.privacy import purge, schedule
from bot.privacy.retention import Retention
from bot.settings import ROOT
from bot.stack import TRACKER_STORE
from bot.stores.encrypted_tracker import EncryptedSQLTrackerStore
from tests import aio

DOMAIN = Domain.load(str(ROOT / "bot" / "domain"))
AT = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.timezone.utc)
SCHEDULE = Retention.load()  # the shipped defaults: 30, 30, 2, 30, 30, 1 and 365 days
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
BASES = [sms_store.Base, queue.Base, transcript.Base, console.Base, referrals.Base, trends.Base]


def days(n: float) -> dt.datetime:
    return AT - dt.timedelta(days=n)


def fresh_postgresql(name: str) -> str:
    with create_engine(f"{PG_SERVER}/postgres", future=True, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f"drop database if exists {name} with (force)"))
        connection.execute(text(f"create database {name}"))
    return name


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request, tmp_path):
    """(app database url, tracker store), empty."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.db'}"
        store = EncryptedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    else:
        url = f"{PG_SERVER}/{fresh_postgresql('vwa_purge_app')}"
        tracker = fresh_postgresql("vwa_purge_tracker")
        store = EncryptedSQLTrackerStore(
            DOMAIN, dialect="postgresql", host="127.0.0.1", port=5432, db=tracker, username="postgres"
        )
    for base in BASES:
        base.metadata.create_all(db.engine(url))
    yield url, store
    store.engine.dispose()
    db.engine(url).dispose()


def conversation(sender: str, last_message_days_ago: float) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    when = days(last_message_days_ago).timestamp()
    for happened in [ActionExecuted("action_listen", timestamp=when - 60), UserUttered("hello", timestamp=when)]:
        tracker.update(happened)
    return tracker


def seed(url: str, store) -> None:
    """For each rule, rows just past its period (named *-gone) and just within it (*-kept)."""
    for sender, age in [("web-gone", 31), ("web-kept", 29), ("web-handed-off", 31)]:
        aio.run(store.save(conversation(sender, age)))
    with db.session(url) as session, session.begin():
        session.add(console.Advocate(id=1, username="avery", display_name="Avery", role="advocate", password_hash="x"))
        for name, status, created, lines in [
            ("handoff-gone", "closed", 40, [35, 31]),
            ("handoff-kept", "closed", 40, [35, 29]),
            ("web-handed-off", "waiting", 40, [31]),
            ("cancelled-gone", "cancelled", 31, []),
        ]:
            with clock.fixed_at(days(created)):
                request_id = queue.request(session, name, "socketio", queue.OTHER, {"help": "a lawyer"}).id
            session.get(queue.HandoffRequest, request_id).status = status
            session.add(console.Seen(request_id=request_id, advocate_id=1, line_id=0))  # goes with its handoff
            for age in lines:
                with clock.fixed_at(days(age)):
                    transcript.add(session, request_id, transcript.PERSON, "hello")
                    transcript.add_note(session, request_id, 1, "called back")
        for cid, created in [("sms-gone", 40), ("sms-kept-active", 40), ("sms-kept-new", 1)]:
            session.add(sms_store.Contact(conversation_id=cid, number_encrypted="x", created_at=days(created)))
        for cid, opted_out in [("sms-stopped", days(1 / 24)), ("sms-stopped-just-now", days(5 / 1440))]:
            session.add(sms_store.Contact(conversation_id=cid, number_encrypted="x", created_at=days(40)))
            session.flush()
            contact = session.get(sms_store.Contact, cid)
            contact.opted_out, contact.opted_out_at = True, db.naive(opted_out)
        for sid, status, age in [("SM-gone", "done", 3), ("SM-kept", "done", 1), ("SM-waiting", "received", 10)]:
            session.add(sms_store.Inbound(message_sid=sid, conversation_id="sms-kept-new", body_encrypted="b",
                                          status=status, received_at=days(age)))  # fmt: skip
        for cid, age in [("sms-gone", 31), ("sms-kept-active", 29)]:
            session.add(sms_store.Outbound(conversation_id=cid, status="delivered", created_at=days(age)))
            linked = sms_store.LineText(twilio_sid=f"SM-{cid}", line_id=1, conversation_id=cid, created_at=days(age))
            session.add(linked)
        session.add(console.ConsoleSession(token_hash="gone", advocate_id=1, csrf_token="c", expires_at=days(1 / 1440)))
        session.add(console.ConsoleSession(token_hash="kept", advocate_id=1, csrf_token="c", expires_at=days(-0.4)))
        session.add(console.LoginFailure(username="gone", at=days(25 / 24)))
        session.add(console.LoginFailure(username="kept", at=days(23 / 24)))
        for name, ended, expires in [
            ("referral-ended-gone", days(31), days(-20)),
            ("referral-ended-kept", days(29), days(-20)),
            ("referral-expired-gone", None, days(31)),  # its release ran out; nobody opened it since
            ("referral-live-kept", None, days(-5)),
        ]:
            session.add(referrals.Referral(
                request_id=1, conversation_id=name, advocate_id=1, partner_id="p", partner_name="P",
                status="withdrawn" if ended else "sent", expires_at=db.naive(expires),
                ended_at=db.naive(ended) if ended else None,
            ))  # fmt: skip
        session.add(console.AuditEntry(action="gone", at=days(366)))
        session.add(console.AuditEntry(action="kept", at=days(364)))


EXPECTED = {
    "events": 2,  # web-gone's two events
    "handoff_messages": 2,
    "handoff_notes": 2,
    "handoff_requests": 2,  # handoff-gone and cancelled-gone
    "console_seen": 2,  # their advocates' read markers
    "referrals": 2,
    "sms_inbound bodies": 2,  # the answered texts keep only their ids
    "sms_inbound": 1,
    "sms_outbound": 1,
    "sms_line_texts": 1,
    "sms_contacts": 1,
    "sms_contacts numbers": 1,  # sms-stopped is remembered as its hash alone
    "console_sessions": 1,
    "console_sign_in_failures": 1,
    "console_audit": 1,
}


def remaining(url: str, store) -> dict:
    with store.session_scope() as session:
        senders = {s for (s,) in session.query(store.SQLEvent.sender_id).distinct()}
    with db.session(url) as session:
        return {
            "senders": senders,
            "requests": set(session.scalars(select(queue.HandoffRequest.conversation_id))),
            "lines": len(session.scalars(select(transcript.HandoffMessage)).all()),
            "contacts": {c.conversation_id: c.number_encrypted for c in session.scalars(select(sms_store.Contact))},
            "inbound": {i.message_sid: i.body_encrypted for i in session.scalars(select(sms_store.Inbound))},
            "outbound": set(session.scalars(select(sms_store.Outbound.conversation_id))),
            "line_texts": set(session.scalars(select(sms_store.LineText.conversation_id))),
            "seen": len(session.scalars(select(console.Seen)).all()),
            "sessions": set(session.scalars(select(console.ConsoleSession.token_hash))),
            "failures": set(session.scalars(select(console.LoginFailure.username))),
            "audit": set(session.scalars(select(console.AuditEntry.action))),
            "referrals": set(session.scalars(select(referrals.Referral.conversation_id))),
        }


def test_exactly_the_expired_rows_go_and_the_dry_run_counts_them(stores):
    url, store = stores
    seed(url, store)
    before = remaining(url, store)
    with db.session(url) as session:
        assert purge.purge(session, store, SCHEDULE, AT, dry_run=True) == EXPECTED
        session.commit()
    assert remaining(url, store) == before  # the dry run deleted nothing
    with db.session(url) as session:
        assert purge.purge(session, store, SCHEDULE, AT) == EXPECTED
        session.commit()
    left = remaining(url, store)
    assert left["senders"] == {"web-kept", "web-handed-off"}  # an open handoff keeps its conversation
    assert left["requests"] == {"handoff-kept", "web-handed-off"} and left["lines"] == 3
    assert left["contacts"] == {
        "sms-kept-active": "x",
        "sms-kept-new": "x",
        "sms-stopped": "",
        "sms-stopped-just-now": "x",
    }
    assert left["inbound"] == {"SM-kept": "", "SM-waiting": "b"}  # an unanswered text keeps its body
    assert left["outbound"] == left["line_texts"] == {"sms-kept-active"}
    assert left["seen"] == 2  # handoff-kept's and web-handed-off's
    assert (left["sessions"], left["failures"], left["audit"]) == ({"kept"}, {"kept"}, {"kept"})
    assert left["referrals"] == {"referral-ended-kept", "referral-live-kept"}
    with db.session(url) as session:
        assert purge.purge(session, store, SCHEDULE, AT) == dict.fromkeys(EXPECTED, 0)  # nothing left due


def test_sqlite_overwrites_what_it_deleted(tmp_path):
    marker = "web-Marrowgate-0451"
    store = EncryptedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    for n in range(30):
        aio.run(store.save(conversation(f"{marker}-{n}", 31)))
    aio.run(store.save(conversation("web-kept", 1)))
    url = f"sqlite:///{tmp_path / 'app.db'}"
    for base in BASES:
        base.metadata.create_all(db.engine(url))
    with db.session(url) as session:
        assert purge.purge(session, store, SCHEDULE, AT)["events"] == 60
        session.commit()
    purge.forget_old_pages(db.engine(url), store)  # as the server's hourly purge and `make purge` do after it
    files = sorted(tmp_path.glob("tracker.db*"))
    assert tmp_path / "tracker.db-wal" in files  # the log is there, and emptied: not only the database
    assert all(marker.encode() not in f.read_bytes() for f in files), [f.name for f in files]
    assert b"web-kept" in (tmp_path / "tracker.db").read_bytes()  # what is not due stays


def test_secure_delete_is_on_even_where_sqlite_is_built_without_it(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'built-without.db'}", future=True)
    event.listen(engine, "connect", lambda connection, _: connection.execute("PRAGMA secure_delete = OFF"))
    with engine.connect() as connection:  # as a build whose default is off opens it
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 0
    with db.overwrite_deleted(engine).connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


@pytest.mark.parametrize(
    "change, error",
    [
        ("handoff_days: 0", "handoff_days must be a whole number of days, at least 1"),
        ("handoff_days: forever", "handoff_days must be a whole number"),
        ("keep_everything: true", "unknown setting keep_everything"),
    ],
)
def test_a_schedule_with_a_mistake_is_refused(tmp_path, change, error):
    shipped = (ROOT / "bot" / "retention.yml").read_text()
    key = change.split(":")[0]
    lines = [line for line in shipped.splitlines() if not line.startswith(f"{key}:")]
    (tmp_path / "retention.yml").write_text("\n".join([*lines, change]) + "\n")
    with pytest.raises(ValueError, match=error):
        Retention.load(tmp_path / "retention.yml")


def test_make_purge_prints_what_is_due_and_its_dry_run_deletes_nothing(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    store = EncryptedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    for base in BASES:
        base.metadata.create_all(db.engine(url))
    seed(url, store)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"tracker_store:\n  type: {TRACKER_STORE}\n  dialect: sqlite\n  db: {tmp_path / 'tracker.db'}\n"
    )
    monkeypatch.setenv("APP_DB_URL", url)
    db.engine.cache_clear()
    try:
        with clock.fixed_at(AT):
            assert purge.main(["--endpoints", str(endpoints), "--dry-run"]) == 0
            dry = capsys.readouterr().out
            assert remaining(url, store)["requests"] == {
                "handoff-gone",
                "handoff-kept",
                "web-handed-off",
                "cancelled-gone",
            }
            assert purge.main(["--endpoints", str(endpoints)]) == 0
            done = capsys.readouterr().out
    finally:
        db.engine.cache_clear()
    assert "handoff_requests                  2 due" in dry and "events                            2 due" in dry
    assert "handoff_requests                  2 deleted" in done
    assert remaining(url, store)["requests"] == {"handoff-kept", "web-handed-off"}


@pytest.mark.parametrize(("minutes", "seconds"), [(None, 3600), ("0.05", 3), ("0", None)])
def test_the_servers_purge_on_their_own_clock_unless_a_scheduled_job_does(monkeypatch, minutes, seconds):
    """PURGE_EVERY_MINUTES=0, as the Kubernetes manifests set it beside their purge CronJob,
    leaves the purge to that job."""
    if minutes is None:
        monkeypatch.delenv("PURGE_EVERY_MINUTES", raising=False)
    else:
        monkeypatch.setenv("PURGE_EVERY_MINUTES", minutes)
    interval = schedule.interval()
    assert interval is None if seconds is None else interval == pytest.approx(seconds)
