"""Floods against the production configuration (two replicas sharing their counts in Redis,
tests/e2e/production.py), each from its own documentation address (2001:db8::/32) given as a load
balancer gives it: too many requests are refused politely with 911 and 988, one address cannot
fill the advocates' queue, and a waiting web chat whose tab is gone leaves the queue."""

import secrets
import time
import uuid

import requests
from sqlalchemy import create_engine, select

from bot.handoff.queue import HandoffRequest
from tests.e2e.people import CONSENT, Advocate, Client, create_account, replies, request_of, settle, wait_for
from tests.e2e.people import text as text_message
from tests.e2e.production import PG_SERVER, unused_number

CRISIS_LINES = ("911", "988")


def an_address() -> str:
    """A documentation address no other test or earlier run used: the counts live in Redis."""
    return f"2001:db8::{secrets.token_hex(2)}:{secrets.token_hex(2)}"


def rest(url: str, headers: dict, body) -> requests.Response:
    return requests.post(f"{url}/webhooks/rest/webhook", data=body, headers=headers, timeout=60)


def test_a_flood_from_one_address_is_refused_on_every_replica_and_others_are_still_answered(production):
    flooder = {**production.rest_headers(), "X-Forwarded-For": an_address(), "Content-Type": "application/json"}
    first, second = production.urls()
    answers = [rest(url, flooder, "not json").status_code for _ in range(60) for url in (first, second)]
    assert answers == [400] * 120  # the limit counts malformed requests too, across both replicas
    refused = rest(first, flooder, '{"sender": "prod-flood", "message": "hi"}')
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
    assert all(number in refused.json()["error"] for number in CRISIS_LINES)
    someone_else = {**production.rest_headers(), "X-Forwarded-For": an_address()}
    assert production_say(second, someone_else, f"prod-{uuid.uuid4().hex}", "is this confidential")


def production_say(url: str, headers: dict, sender: str, message: str) -> list[dict]:
    reply = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, headers=headers, timeout=60
    )
    assert reply.status_code == 200, reply.text
    return reply.json()


def test_one_conversation_that_sends_too_fast_is_refused_and_another_is_not(production):
    headers = {**production.rest_headers(), "X-Forwarded-For": an_address()}
    sender, urls = f"prod-{uuid.uuid4().hex}", production.urls()
    for n in range(12):  # the production stack allows 12 a minute per conversation
        production_say(urls[n % 2], headers, sender, "hi")
    refused = requests.post(
        f"{urls[0]}/webhooks/rest/webhook", json={"sender": sender, "message": "hi"}, headers=headers, timeout=60
    )
    assert refused.status_code == 429
    assert all(number in refused.json()["error"] for number in CRISIS_LINES)
    assert production_say(urls[1], headers, f"prod-{uuid.uuid4().hex}", "hi")  # same address, other person


def test_texts_beyond_the_limit_get_one_reply_with_911_and_988_and_stop_still_works(
    production, fake_twilio, monkeypatch
):
    monkeypatch.setenv("SMS_ID_KEY", production.env["SMS_ID_KEY"])
    number = unused_number(production)
    for _ in range(12):
        assert text_message(production, number, "hi").status_code == 200
    replies(fake_twilio, number, 13)  # the first-contact notice and twelve answers
    answered = len(settle(fake_twilio, number))
    for _ in range(3):
        assert text_message(production, number, "hi again").status_code == 200
    after = settle(fake_twilio, number)[answered:]
    assert len(after) == 1 and all(line in after[0] for line in CRISIS_LINES), after
    text_message(production, number, "STOP")  # always honoured, over the limit or not
    assert "any more messages from this number" in wait_for(lambda: fake_twilio.texts_to(number)[answered + 1 :])[0]


def ask(client: Client, text: str) -> str:
    """What the bot answers, without waiting long for more."""
    return client.say(text, settle=0.3)


def test_a_hundred_handoff_requests_from_one_address_leave_at_most_the_cap_in_the_queue(production):
    address, url = an_address(), production.urls()[0]
    sessions, refused_chats, refused_handoffs = [], 0, 0
    clients = []
    try:
        for _ in range(100):
            client = Client(url, headers={"X-Forwarded-For": address})
            clients.append(client)
            if client.request_session() is None:
                assert all(line in client.messages[-1]["text"] for line in CRISIS_LINES)
                refused_chats += 1
                client.close()
                continue
            sessions.append(client.session)
            said = ask(client, "can i talk to a real person")
            if CONSENT not in said:
                assert "already waiting for an advocate" in said, said
                refused_handoffs += 1
                continue
            for answer in ("yes", "skip", "skip", "skip", "skip"):
                said = ask(client, answer)
            assert "BACK" in said, said  # queued: "To go back to the automated assistant, send BACK."
        with create_engine(f"{PG_SERVER}/test", future=True).connect() as connection:
            waiting = connection.execute(
                select(HandoffRequest.id).where(
                    HandoffRequest.conversation_id.in_(sessions), HandoffRequest.status == "waiting"
                )
            ).all()
        assert len(waiting) == 3  # WEBCHAT_MAX_WAITING_PER_ADDRESS
        assert refused_chats >= 80 and refused_handoffs >= 1  # 20 new chats an hour per address
        elsewhere = Client(url, headers={"X-Forwarded-For": an_address()})
        clients.append(elsewhere)
        assert elsewhere.request_session()
        assert CONSENT in ask(elsewhere, "can I talk to a real person")  # another network is not held back
    finally:
        for client in clients:
            client.close()


def test_a_waiting_web_chat_whose_tab_is_gone_leaves_the_queue_and_the_console_says_why(production):
    create_account(production, "quill", "Quill")
    advocate = Advocate(production, "quill", behind_tls=True)
    person = Client(production.urls()[0], headers={"X-Forwarded-For": an_address()})
    try:
        person.request_session()
        assert CONSENT in ask(person, "can i talk to a real person")
        for answer in ("yes", "skip", "skip", "skip", "skip"):
            ask(person, answer)
        request = request_of(production, person.session)
        assert request.status == "waiting"
        # Four times the 3 s the stack allows: the open tab on the first replica keeps the request
        # in the queue, though the second replica, which has no socket of it, tidies the queue too.
        deadline = time.monotonic() + 12
        while time.monotonic() < deadline:
            assert request_of(production, person.session).status == "waiting"
            time.sleep(1)
    finally:
        person.close()
    wait_for(lambda: request_of(production, person.session).status == "cancelled", timeout=30)
    home = advocate.http.get(f"{advocate.url}/", timeout=10).text
    assert "closed the chat and did not come back" in home.split("Left the queue")[1]


def test_a_web_chat_that_writes_too_fast_is_told_once_with_911_and_988(production):
    person = Client(production.urls()[0], headers={"X-Forwarded-For": an_address()})
    try:
        person.request_session()
        for _ in range(15):  # 12 a minute are allowed on this stack
            person.sio.emit("user_uttered", {"message": "hi", "session_id": person.session})
        told = wait_for(lambda: [m["text"] for m in person.messages if "faster than I can answer" in m["text"]])
        assert all(line in told[0] for line in CRISIS_LINES)
        time.sleep(2)
        assert len([m for m in person.messages if "faster than I can answer" in m["text"]]) == 1
    finally:
        person.close()
