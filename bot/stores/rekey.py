"""`make rekey`: everything encrypted at rest, under the newest key.

Run it after putting a new key in front of APP_ENCRYPTION_KEY (bot/crypto.py), before the old key
is dropped, and once after upgrading from a version that kept tracker events in plaintext. It is
safe to run again: a row already under the newest key is rewritten under the same key.
"""

import argparse
import sys
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from bot import crypto, db, referrals, stores
from bot.channels import sms_store
from bot.handoff import queue, transcript
from bot.privacy import purge
from bot.settings import ROOT
from bot.stores.encrypted_tracker import event_data

# The app's encrypted text columns: (model, column).
ENCRYPTED_TEXT = [
    (sms_store.Contact, "number_encrypted"),
    (sms_store.Inbound, "body_encrypted"),
    (transcript.HandoffMessage, "text_encrypted"),
    (transcript.HandoffNote, "text_encrypted"),
]

# The app's encrypted JSON columns (bot.crypto.EncryptedJSON): (model, columns).
ENCRYPTED_JSON = [
    (queue.HandoffRequest, ("summary",)),
    (referrals.Referral, ("shared", "reason", "consent", "code")),
]


def rekey_app(session: Session) -> int:
    """Re-encrypt the app database's encrypted columns; the number of rows rewritten. A table this
    version added and the servers have not yet created is skipped: it holds nothing."""
    count, present = 0, set(inspect(session.connection()).get_table_names())
    for model, column in ENCRYPTED_TEXT:
        for row in session.scalars(select(model)) if model.__tablename__ in present else []:
            setattr(row, column, crypto.rotate(getattr(row, column)))
            count += 1
    for model, columns in ENCRYPTED_JSON:
        for row in session.scalars(select(model)) if model.__tablename__ in present else []:
            for column in columns:
                flag_modified(row, column)  # written back through EncryptedJSON, with the newest key
            count += 1
    return count


def rekey_tracker(store: SQLTrackerStore) -> int:
    """Encrypt (or re-encrypt) every event of Rasa's tracker store, and empty the name columns."""
    events, count, last = store.SQLEvent, 0, 0
    with store.session_scope() as session:
        while rows := session.query(events).filter(events.id > last).order_by(events.id).limit(500).all():
            for row in rows:
                row.data = crypto.encrypt_json(event_data(row.data))
                row.intent_name = row.action_name = None
            session.commit()
            count, last = count + len(rows), rows[-1].id
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.stores.rekey", description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", type=Path, default=ROOT / "bot" / "endpoints.yml")
    args = parser.parse_args(argv)
    with db.session() as session, session.begin():
        app = rekey_app(session)
    store = stores.from_endpoints(args.endpoints)
    tracker = rekey_tracker(store)
    purge.forget_old_pages(db.engine(), store)  # the rows under the old key (or none) out of SQLite's files too
    print(f"rekey: {app} app rows and {tracker} tracker events encrypted with the newest key")
    return 0


if __name__ == "__main__":
    sys.exit(main())
