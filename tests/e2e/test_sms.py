"""Texting the assistant: signed Twilio webhooks into the running server, texts out through a
local fake of Twilio's API. All numbers are fictional (555-01xx)."""

import sqlite3
import time
import uuid

import pytest
import requests
from twilio.request_validator import RequestValidator

from bot import db, settings
from bot.channels import sms_store
from tests.e2e.people import fictional_number, replies, settle, text, wait_for, webhook


def test_a_question_gets_an_answer_with_the_first_contact_line(stack, fake_twilio):
    number = fictional_number()
    assert text(stack, number, "how do i get a restraining order").status_code == 200
    sent = " ".join(replies(fake_twilio, number, 2))
    assert "delete these messages" in sent and "Text STOP to end" in sent
    assert "WomensLaw" in " ".join(settle(fake_twilio, number))


def tracker_rows(stack, number) -> int:
    with sqlite3.connect(stack.workdir / "tracker.db") as connection:
        query = "select count(*) from events where sender_id = ?"
        return connection.execute(query, (sms_store.conversation_id(number),)).fetchone()[0]


def test_unsigned_and_tampered_webhooks_are_refused_and_leave_no_trace(stack, fake_twilio):
    number = fictional_number()
    params = {"MessageSid": f"SM{uuid.uuid4().hex}", "From": number, "Body": "hi", "NumMedia": "0"}
    assert webhook(stack, params, sign=False).status_code == 403
    url = f"{stack.url}/webhooks/sms/webhook"
    signature = RequestValidator(settings.secret("TWILIO_AUTH_TOKEN")).compute_signature(url, params)
    tampered = {**params, "Body": "something else"}
    reply = requests.post(url, data=tampered, headers={"X-Twilio-Signature": signature}, timeout=30)
    assert reply.status_code == 403
    time.sleep(2)
    assert tracker_rows(stack, number) == 0 and fake_twilio.texts_to(number) == []


def test_stop_silences_the_number_until_start(stack, fake_twilio):
    number = fictional_number()
    text(stack, number, "hi")
    before = len(settle(fake_twilio, number))
    text(stack, number, "  Stop ")
    confirmation = replies(fake_twilio, number, before + 1)[-1]
    assert "won't get any more messages" in confirmation
    text(stack, number, "STOP")
    text(stack, number, "i need a shelter")
    text(stack, number, "HELP")
    assert len(settle(fake_twilio, number)) == before + 1  # one confirmation, then nothing
    text(stack, number, "start")
    assert "Welcome back" in replies(fake_twilio, number, before + 2)[-1]
    text(stack, number, "i need a shelter")
    assert "National Domestic Violence Hotline" in " ".join(settle(fake_twilio, number)[before + 2 :])


@pytest.mark.parametrize(
    "word, parts",
    [
        ("HELP", ["Msg frequency varies", "Reply STOP to opt out", "Msg & data rates may apply"]),
        ("info", ["Msg frequency varies", "Reply STOP to opt out", "Msg & data rates may apply"]),
        # The Spanish keyword, answered in Spanish (GSM-7 has no í: "varía" arrives as "varia").
        (" Ayuda ", ["La frecuencia de los mensajes varia", "ALTO o STOP", "tarifas de mensajes y datos"]),
    ],
)
def test_help_gives_the_program_a_person_frequency_opt_out_and_rates(stack, fake_twilio, word, parts):
    number = fictional_number()
    text(stack, number, word)
    sent = " ".join(settle(fake_twilio, number))
    for part in ["Victim and Witness Help", "VictimConnect", *parts]:
        assert part in sent


def test_alto_opts_out_too_in_spanish(stack, fake_twilio):
    number = fictional_number()
    text(stack, number, "ALTO")
    confirmation = replies(fake_twilio, number, 1)[0]
    assert "START" in confirmation and "won't" not in confirmation
    text(stack, number, "hola")
    assert len(settle(fake_twilio, number)) == 1


def test_a_number_picks_a_numbered_choice(stack, fake_twilio):
    number = fictional_number()
    text(stack, number, "blorp")
    menu = " ".join(settle(fake_twilio, number))
    assert "Reply 2 for Money after a crime" in menu
    count = len(fake_twilio.texts_to(number))
    text(stack, number, "2")
    replies(fake_twilio, number, count + 1)
    assert "Each state runs its own program" in " ".join(settle(fake_twilio, number)[count:])


def test_a_retried_webhook_is_answered_once(stack, fake_twilio):
    number = fictional_number()
    sid = f"SM{uuid.uuid4().hex}"
    assert text(stack, number, "is this confidential", sid=sid).status_code == 200
    assert text(stack, number, "is this confidential", sid=sid).status_code == 200
    sent = settle(fake_twilio, number)
    assert sum("confidential. I'm not the police" in t for t in sent) == 1


def test_replies_are_gsm7_and_at_most_three_segments(stack, fake_twilio):
    from bot.channels.sms_text import is_gsm, segments

    number = fictional_number()
    text(stack, number, "who pays my hospital bills after i got shot")
    text(stack, number, "texas")
    sent = settle(fake_twilio, number)
    assert any("800-983-9933" in t for t in sent)  # written the way a phone dials it
    assert all(is_gsm(t) and segments(t) <= 3 for t in sent)


def test_odd_webhooks_are_handled(stack, fake_twilio):
    number = fictional_number()
    assert text(stack, number, ("my ex keeps following me. " * 70)[:1600]).status_code == 200
    assert "Stalking is serious" in " ".join(settle(fake_twilio, number))
    mms = fictional_number()
    assert text(stack, mms, "", media=1).status_code == 200
    assert "only read text" in replies(fake_twilio, mms, 1)[-1]
    assert webhook(stack, {"MessageSid": "SM1", "Body": "hi"}).status_code == 400  # no From
    assert webhook(stack, {"MessageSid": "SM2", "From": "+1 123", "Body": "hi"}).status_code == 400
    other = fictional_number()
    assert text(stack, other, "我需要帮助，我很害怕").status_code == 200
    assert settle(fake_twilio, other)


def test_failed_sends_are_retried_and_delivery_failures_recorded(stack, fake_twilio):
    number = fictional_number()
    fake_twilio.failures = [500, 503]
    text(stack, number, "thanks")
    assert replies(fake_twilio, number, 1)
    settle(fake_twilio, number)
    with sqlite3.connect(stack.workdir / "app.db") as connection:
        cid = sms_store.conversation_id(number)
        rows = connection.execute("select twilio_sid, attempts from sms_outbound where conversation_id = ?", (cid,))
        rows = rows.fetchall()
    assert max(attempts for _, attempts in rows) == 3
    twilio_sid = rows[0][0]
    params = {"MessageSid": twilio_sid, "MessageStatus": "undelivered", "ErrorCode": "30003"}
    assert webhook(stack, params, path="status").status_code == 204
    assert webhook(stack, params, sign=False, path="status").status_code == 403
    with sqlite3.connect(stack.workdir / "app.db") as connection:
        query = "select status, error from sms_outbound where twilio_sid = ?"
        assert connection.execute(query, (twilio_sid,)).fetchone() == ("undelivered", "30003")


def test_no_phone_number_in_any_form_in_the_tracker_store_or_logs(stack, fake_twilio):
    number = fictional_number()
    text(stack, number, "my name is Quillon and my number is private")
    settle(fake_twilio, number)
    national = number[2:]
    forms = [number, national, f"({national[:3]}) {national[3:6]}-{national[6:]}", f"{national[3:6]}-{national[6:]}"]
    stored = (stack.workdir / "tracker.db").read_bytes() + (stack.workdir / "app.db").read_bytes()
    logs = stack.logs()
    for form in forms:
        assert form.encode() not in stored, form
        assert form not in logs, form
    assert "Quillon" not in logs


def test_a_conversation_survives_a_restart_with_the_same_hashed_id(tmp_path, fake_twilio):
    from bot.stack import Stack
    from tests.e2e.conftest import stack_env

    number = fictional_number()
    first = Stack(tmp_path, env=stack_env(tmp_path, fake_twilio)).start()
    try:
        text(first, number, "how do i get victim compensation")
        assert "Each state runs its own program" in " ".join(settle(fake_twilio, number))
    finally:
        first.stop()
    count = len(fake_twilio.texts_to(number))
    # A text that was acknowledged to Twilio just before the server stopped, not yet answered.
    waiting = fictional_number()
    with db.session(stack_env(tmp_path, fake_twilio)["APP_DB_URL"]) as session, session.begin():
        contact, _ = sms_store.contact(session, waiting)
        sms_store.record_inbound(session, f"SM{uuid.uuid4().hex}", contact.conversation_id, "i need a shelter", 0)
    second = Stack(tmp_path, env=stack_env(tmp_path, fake_twilio)).start()
    try:
        text(second, number, "ohio")
        replies(fake_twilio, number, count + 1)
        answer = " ".join(settle(fake_twilio, number)[count:])  # the answer can take several texts
        assert "Ohio" in answer and "delete these messages" not in answer  # same conversation, not a first contact
        assert "National Domestic Violence Hotline" in " ".join(settle(fake_twilio, waiting))
    finally:
        second.stop()


def test_a_refused_send_is_not_retried_and_is_recorded_as_failed(stack, fake_twilio):
    number = fictional_number()
    fake_twilio.failures = [400] * 3  # Twilio refuses: retrying would not help
    text(stack, number, "bye")
    time.sleep(4)
    with sqlite3.connect(stack.workdir / "app.db") as connection:
        query = "select status, attempts from sms_outbound where conversation_id = ?"
        rows = connection.execute(query, (sms_store.conversation_id(number),)).fetchall()
    fake_twilio.failures = []
    assert rows and all(status == "failed" and attempts == 1 for status, attempts in rows[:1])
    assert fake_twilio.texts_to(number) == []


def test_twilio_keeps_no_copy_of_a_text_once_it_is_answered(stack, fake_twilio):
    number, sid = fictional_number(), f"SM{uuid.uuid4().hex}"
    text(stack, number, "i need a shelter", sid=sid)
    assert settle(fake_twilio, number)
    copies = [sid, *fake_twilio.sids_to(number)]  # the text and each reply
    wait_for(lambda: set(copies) <= set(fake_twilio.deleted), timeout=30)
