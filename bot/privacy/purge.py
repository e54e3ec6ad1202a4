"""Deletes what the retention schedule (bot/retention.yml) says is due, from Rasa's tracker store
and the app database alike, on SQLite and PostgreSQL.

Rasa has no retention of its own, so this is ours. Each rule is one condition on one table, used
both to count (the dry run) and to delete, so the dry run's counts are what a purge removes.
Deleted means the rows are gone: nothing is flagged, and SQLite overwrites deleted content
(secure_delete, bot/db.py) and empties its write-ahead log of the old pages (forget_old_pages).
It runs hourly in every Rasa server (bot/privacy/schedule.py) and as `make purge`
(`make purge DRY_RUN=1` prints the counts and deletes nothing).
"""

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import delete, exists, func, inspect, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.schema import Table

from bot import clock, db, referrals, stores
from bot.channels import sms_store
from bot.console import models as console
from bot.handoff import queue, transcript
from bot.privacy.retention import Retention
from bot.settings import ROOT

ENDED = ("closed", "cancelled", "deleted")  # deleted: emptied by the person (bot/privacy/erase.py)
# A number that texted STOP is kept until its one confirmation has surely gone out.
OPT_OUT_GRACE = dt.timedelta(minutes=10)
BATCH = 500


def _apply(session: Session, table: Table, where: ColumnElement, dry_run: bool, values: dict | None = None) -> int:
    if dry_run:
        return session.scalar(select(func.count()).select_from(table).where(where)) or 0
    statement = update(table).where(where).values(**values) if values else delete(table).where(where)
    return session.execute(statement).rowcount


def _in_batches(session: Session, table: Table, column, ids: list, dry_run: bool) -> int:
    return sum(_apply(session, table, column.in_(ids[i : i + BATCH]), dry_run) for i in range(0, len(ids), BATCH))


def purge_app(session: Session, schedule: Retention, at: dt.datetime, dry_run: bool = False) -> dict[str, int]:
    """Rows removed (or blanked) per table of the app database."""
    counts: dict[str, int] = {}
    # Handoffs: the request, its transcript and notes, once it ended and its last line is old.
    handoffs = schedule.cutoff("handoff_days", at)
    requests, lines, notes = queue.HandoffRequest, transcript.HandoffMessage, transcript.HandoffNote
    recent_line = exists().where(lines.request_id == requests.id, lines.at >= handoffs)
    ended = select(requests.id).where(requests.status.in_(ENDED), requests.created_at < handoffs, ~recent_line)
    ids = list(session.scalars(ended))
    counts["handoff_messages"] = _in_batches(session, lines.__table__, lines.request_id, ids, dry_run)
    counts["handoff_notes"] = _in_batches(session, notes.__table__, notes.request_id, ids, dry_run)
    counts["handoff_requests"] = _in_batches(session, requests.__table__, requests.id, ids, dry_run)
    counts["console_seen"] = _in_batches(session, console.Seen.__table__, console.Seen.request_id, ids, dry_run)
    # Referrals: as long as a handoff, counted from the day the release ended or ran out (none
    # yet where the servers have not created the table since an upgrade).
    made = referrals.Referral
    gone = (made.ended_at < handoffs) | (made.expires_at < handoffs)
    present = inspect(session.connection()).has_table(made.__tablename__)
    counts["referrals"] = _apply(session, made.__table__, gone, dry_run) if present else 0
    # Texts: answered bodies at once, the ids later; the record of texts sent; forgotten numbers.
    inbound, outbound, contacts = sms_store.Inbound, sms_store.Outbound, sms_store.Contact
    answered = (inbound.status == "done") & (inbound.body_encrypted != "")
    counts["sms_inbound bodies"] = _apply(session, inbound.__table__, answered, dry_run, {"body_encrypted": ""})
    old_ids = (inbound.status == "done") & (inbound.received_at < schedule.cutoff("text_id_days", at))
    counts["sms_inbound"] = _apply(session, inbound.__table__, old_ids, dry_run)
    counts["sms_outbound"] = _apply(
        session, outbound.__table__, outbound.created_at < schedule.cutoff("sent_text_days", at), dry_run
    )
    linked = sms_store.LineText
    counts["sms_line_texts"] = _apply(
        session, linked.__table__, linked.created_at < schedule.cutoff("sent_text_days", at), dry_run
    )
    quiet = schedule.cutoff("contact_days", at)
    inactive = (
        ~contacts.opted_out
        & (contacts.created_at < quiet)
        & ~exists().where(inbound.conversation_id == contacts.conversation_id, inbound.received_at >= quiet)
        & ~exists().where(outbound.conversation_id == contacts.conversation_id, outbound.created_at >= quiet)
    )
    counts["sms_contacts"] = _apply(session, contacts.__table__, inactive, dry_run)
    opted_out = contacts.opted_out & (contacts.number_encrypted != "")
    opted_out &= contacts.opted_out_at < db.naive(at) - OPT_OUT_GRACE
    counts["sms_contacts numbers"] = _apply(session, contacts.__table__, opted_out, dry_run, {"number_encrypted": ""})
    # The console: expired sessions, old failed sign-ins, the audit log after its own period.
    sessions, failures, audit = console.ConsoleSession, console.LoginFailure, console.AuditEntry
    counts["console_sessions"] = _apply(session, sessions.__table__, sessions.expires_at < db.naive(at), dry_run)
    failed_before = schedule.cutoff("sign_in_failure_days", at)
    counts["console_sign_in_failures"] = _apply(session, failures.__table__, failures.at < failed_before, dry_run)
    counts["console_audit"] = _apply(session, audit.__table__, audit.at < schedule.cutoff("audit_days", at), dry_run)
    return counts


def open_conversations(session: Session) -> set[str]:
    """Conversations handed to an advocate and not yet back: their tracker is kept."""
    requests = queue.HandoffRequest
    return set(session.scalars(select(requests.conversation_id).where(requests.status.in_(queue.OPEN))))


def purge_tracker(
    store: SQLTrackerStore, schedule: Retention, at: dt.datetime, keep: Iterable[str] = (), dry_run: bool = False
) -> dict[str, int]:
    """Every event of each conversation whose last message is older than its period."""
    events = store.SQLEvent
    before = (at - dt.timedelta(days=schedule.conversation_days)).timestamp()  # Rasa stores epoch seconds
    with store.session_scope() as session:
        last = select(events.sender_id).group_by(events.sender_id).having(func.max(events.timestamp) < before)
        senders = sorted(set(session.scalars(last)) - set(keep))
        count = _in_batches(session, events.__table__, events.sender_id, senders, dry_run)
        session.commit()
    return {"events": count}


def purge(
    app: Session, store: SQLTrackerStore | None, schedule: Retention, at: dt.datetime, dry_run: bool = False
) -> dict[str, int]:
    """The whole schedule at `at`: the tracker store (when given) and the app database."""
    counts = purge_tracker(store, schedule, at, open_conversations(app), dry_run) if store is not None else {}
    return counts | purge_app(app, schedule, at, dry_run)


def forget_old_pages(app: Engine, store: object) -> None:
    """After a deletion's commit: SQLite's write-ahead logs emptied of what it deleted (bot/db.py),
    the tracker store's too where it is Rasa's SQL one."""
    db.forget_old_pages(app)
    if isinstance(store, SQLTrackerStore):
        db.forget_old_pages(store.engine)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.privacy.purge", description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", type=Path, default=ROOT / "bot" / "endpoints.yml")
    parser.add_argument("--dry-run", action="store_true", help="count what is due, delete nothing")
    args = parser.parse_args(argv)
    store = stores.from_endpoints(args.endpoints)
    with db.session() as session:
        counts = purge(session, store, Retention.load(), clock.now(), args.dry_run)
        session.commit()
    forget_old_pages(db.engine(), store)
    verb = "due" if args.dry_run else "deleted"
    for table, count in counts.items():
        print(f"{table:28} {count:6} {verb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
