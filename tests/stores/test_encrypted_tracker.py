"""Rasa's tracker store keeps nothing a person wrote, nor the bot's answers or slot values, in the
clear; it still reads rows from before encryption, and `make rekey` moves everything to a new key."""

import sqlite3

import pytest
from cryptography.fernet import Fernet
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import select

from bot import crypto, db, referrals, trends
from bot.channels import sms_store
from bot.handoff import queue, transcript
from bot.settings import ROOT
from bot.stack import TRACKER_STORE
from bot.stores import rekey
from bot.stores.encrypted_tracker import EncryptedSQLTrackerStore, QueryValueError
from tests import aio

DOMAIN = Domain.load(str(ROOT / "bot" / "domain"))
PHRASE = "Quillbrook orchard at the blue gate"  # invented
HELP = "Ravelstone wants a lawyer"  # invented


@pytest.fixture
def keys(monkeypatch):
    """Sets APP_ENCRYPTION_KEY (newest first) for the code under test."""

    def use(*keys: str) -> None:
        monkeypatch.setenv("APP_ENCRYPTION_KEY", ",".join(keys))
        crypto._fernet.cache_clear()

    yield use
    crypto._fernet.cache_clear()


def conversation(sender: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    intent = {"name": "ask_shelter", "confidence": 0.9}
    said = UserUttered(PHRASE, intent, [{"entity": "state", "value": "Ohio", "start": 0, "end": 4}])
    for event in [
        ActionExecuted("action_listen"),
        said,
        SlotSet("handoff_help", HELP),
        BotUttered(f"You said {PHRASE}"),
    ]:
        tracker.update(event)
    return tracker


def raw_rows(path) -> str:
    with sqlite3.connect(path) as connection:
        return repr(connection.execute("select * from events").fetchall())


def test_no_word_of_the_conversation_reaches_the_database_and_all_of_it_comes_back(tmp_path):
    store = EncryptedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    aio.run(store.save(conversation("web-1")))
    stored = raw_rows(tmp_path / "tracker.db")
    assert "web-1" in stored  # the rows are there...
    for secret in [PHRASE, HELP, "Ohio", "ask_shelter", "handoff_help"]:
        assert secret not in stored, secret  # ...and say nothing
    back = aio.run(store.retrieve("web-1"))
    assert back.latest_message.text == PHRASE and back.get_slot("handoff_help") == HELP
    assert back.latest_message.entities[0]["value"] == "Ohio"
    assert [e.text for e in back.events if isinstance(e, BotUttered)] == [f"You said {PHRASE}"]


def test_rows_from_before_encryption_still_read_and_rekey_encrypts_them(tmp_path):
    path = tmp_path / "tracker.db"
    aio.run(SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path)).save(conversation("sms-old")))
    assert PHRASE in raw_rows(path)
    store = EncryptedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path))
    assert aio.run(store.retrieve("sms-old")).latest_message.text == PHRASE
    assert rekey.rekey_tracker(store) == len(conversation("sms-old").events)
    assert PHRASE not in raw_rows(path) and "ask_shelter" not in raw_rows(path)
    assert aio.run(store.retrieve("sms-old")).latest_message.text == PHRASE


def test_a_new_key_takes_over_after_rekey_and_the_old_one_can_go(tmp_path, keys):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    keys(old)
    store = EncryptedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    aio.run(store.save(conversation("web-2")))
    url = f"sqlite:///{tmp_path / 'app.db'}"
    for tables in (sms_store.Base, queue.Base, transcript.Base, referrals.Base, trends.Base):
        tables.metadata.create_all(db.engine(url))
    with db.session(url) as session, session.begin():
        sms_store.contact(session, "+12025550143")  # fictional
        request_id = queue.request(session, "web-2", "socketio", queue.OTHER, {"help": HELP}).id
        transcript.add(session, request_id, transcript.PERSON, PHRASE)
        partner = {"id": "p", "name": "P", "justice_system": False, "language": "en"}
        referral = referrals.propose(session, request_id, "web-2", 1, partner, {"alias": "Marisol"}, "why", 30)
        referrals.answer(session, referral, "yes", "socketio")
    keys(new, old)
    with db.session(url) as session, session.begin():
        assert rekey.rekey_app(session) == 4
    assert rekey.rekey_tracker(store) > 0
    keys(new)
    assert aio.run(store.retrieve("web-2")).latest_message.text == PHRASE
    with db.session(url) as session:
        assert crypto.decrypt(session.scalar(select(sms_store.Contact)).number_encrypted) == "+12025550143"
        assert session.scalar(select(queue.HandoffRequest)).summary == {"help": HELP}
        assert [line.text for line in transcript.lines(session, request_id)] == [PHRASE]
        agreed = session.scalar(select(referrals.Referral))
        assert agreed.shared == {"alias": "Marisol"} and agreed.consent["words"] == "yes"


def test_a_handoff_summary_is_stored_encrypted(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    for tables in (queue.Base, trends.Base):
        tables.metadata.create_all(db.engine(url))
    with db.session(url) as session, session.begin():
        queue.request(session, "web-3", "socketio", queue.OTHER, {"help": HELP, "safe_to_text": "no"})
    with sqlite3.connect(tmp_path / "app.db") as connection:
        assert HELP not in repr(connection.execute("select * from handoff_requests").fetchall())
    with db.session(url) as session:
        assert session.scalar(select(queue.HandoffRequest)).summary["help"] == HELP


def test_make_rekey_encrypts_the_tracker_store_the_endpoints_file_names(tmp_path, monkeypatch, capsys):
    path = tmp_path / "tracker.db"
    aio.run(SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path)).save(conversation("sms-cli")))
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: {TRACKER_STORE}\n  dialect: sqlite\n  db: {path}\n")
    monkeypatch.setenv("APP_DB_URL", f"sqlite:///{tmp_path / 'app.db'}")
    db.engine.cache_clear()
    try:
        for tables in (sms_store.Base, queue.Base, transcript.Base, trends.Base):
            tables.metadata.create_all(db.engine())
        assert rekey.main(["--endpoints", str(endpoints)]) == 0
    finally:
        db.engine.cache_clear()
    assert "0 app rows and 4 tracker events" in capsys.readouterr().out
    assert PHRASE not in raw_rows(path)
    files = sorted(tmp_path.glob("tracker.db*"))  # nor in the files, SQLite's write-ahead log with them
    assert len(files) > 1 and all(PHRASE.encode() not in f.read_bytes() for f in files), [f.name for f in files]


def test_a_conversation_id_the_database_cannot_take_is_an_error_not_the_end_of_the_server(tmp_path):
    """Rasa's store exits the process on any ValueError from a query (found by fuzzing the REST
    channel: a sender with a lone surrogate stopped the server)."""
    store = EncryptedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    with pytest.raises(QueryValueError):
        aio.run(store.retrieve("rest-\ud800"))
    aio.run(store.save(conversation("web-1")))
    assert aio.run(store.retrieve("web-1")).latest_message.text == PHRASE
