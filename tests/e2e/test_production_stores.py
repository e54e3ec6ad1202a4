"""The production configuration, for real: bot/endpoints.production.yml with the PostgreSQL
tracker store and Redis lock store on this machine, two Rasa replicas, APP_ENV=production."""

import time
import uuid

import requests
from sqlalchemy import create_engine, text

from bot.channels import sms_store
from bot.stack import Stack
from tests.deploy.manifests import DEPLOY, documents, find, pod_spec
from tests.e2e.at_rest import every_row, spellings, tell_everything, unique_phrase
from tests.e2e.people import (
    Advocate,
    Client,
    create_account,
    hand_off_by_text,
    hand_off_on_the_web,
    replies,
    request_of,
    settle,
    wait_for,
)
from tests.e2e.people import text as text_message
from tests.e2e.production import DATABASE, PG_SERVER, said, unused_number


def test_a_conversation_moves_between_replicas_without_losing_its_state(production):
    sender = f"prod-{uuid.uuid4().hex}"
    first, second = production.urls()
    asked = production.say(sender, "how do i get help paying my medical bills after the attack", url=first)
    assert any("Each state runs its own program" in m["text"] for m in asked)
    answer = " ".join(m["text"] for m in production.say(sender, "oregon", url=second))
    assert "Oregon" in answer
    later = " ".join(m["text"] for m in production.say(sender, "what about funeral costs", url=first))
    assert "Each state runs its own program" not in later and "Oregon" in later


def test_the_conversation_is_stored_in_postgresql(production):
    sender = f"prod-{uuid.uuid4().hex}"
    production.say(sender, "is this confidential")
    with create_engine(f"{PG_SERVER}/{DATABASE}", future=True).connect() as connection:
        count = connection.execute(text("select count(*) from events where sender_id = :s"), {"s": sender}).scalar()
    assert count > 3


def test_the_directory_is_served_from_postgresql(production):
    with create_engine(f"{PG_SERVER}/test", future=True).connect() as connection:
        count = connection.execute(text("select count(*) from directory_resources")).scalar()
    assert count > 100


def send(stack: Stack, sender: str, message: str) -> requests.Response:
    body = {"sender": sender, "message": message}
    return requests.post(f"{stack.url}/webhooks/rest/webhook", json=body, headers=stack.rest_headers(), timeout=60)


def test_a_database_outage_is_a_clear_error_and_the_conversation_survives_it(production, tracker_db_link):
    sender = f"prod-{uuid.uuid4().hex}"
    assert "Each state runs its own program" in send(production, sender, "how do i apply for victim compensation").text
    tracker_db_link.stop()
    try:
        down = send(production, sender, "nevada")
        assert down.status_code == 503
        assert "send it again" in down.json()["error"] and "Traceback" not in down.text
    finally:
        tracker_db_link.start()
    for _ in range(5):  # the first try after the outage may meet a dead pooled connection: 503 again
        again = send(production, sender, "nevada")
        if again.status_code != 503:
            break
        time.sleep(1)
    assert again.status_code == 200
    text_ = " ".join(m["text"] for m in again.json())
    assert "Nevada" in text_ and "Hi, I'm" not in text_  # the same conversation, not a new one


def test_a_handoff_works_across_replicas_on_postgresql_and_redis(production, fake_twilio, monkeypatch):
    """Paused on one replica, still paused on the other; the advocate's messages go out; after
    Close the other replica's bot answers again. Every table is in PostgreSQL."""
    monkeypatch.setenv("SMS_ID_KEY", production.env["SMS_ID_KEY"])  # to find the conversation's hashed id
    second = production.urls()[1]
    number = unused_number(production)
    hand_off_by_text(production, fake_twilio, number)
    request = request_of(production, sms_store.conversation_id(number))
    assert request.status == "waiting"
    create_account(production, "pat", "Pat")  # the database outlives the test run: may exist already
    pat = Advocate(production, "pat", behind_tls=True)
    assert pat.claim(request.id).status_code == 303
    assert pat.send(request.id, text="Hello from the console")["status"] == "sent"
    wait_for(lambda: "Pat (advocate): Hello from the console" in fake_twilio.texts_to(number))
    before = len(fake_twilio.texts_to(number))
    text_message(production, number, "hello from the other replica", server=second)
    wait_for(lambda: "hello from the other replica" in pat.page(request.id))
    assert settle(fake_twilio, number)[before:] == []
    pat.post(f"/conversation/{request.id}/close")
    wait_for(lambda: any("has ended this chat" in t for t in fake_twilio.texts_to(number)))
    before = len(fake_twilio.texts_to(number))
    text_message(production, number, "how do i get a protective order", server=second)
    assert "WomensLaw" in " ".join(replies(fake_twilio, number, before + 1))


def test_texts_of_one_number_taken_by_both_replicas_reach_the_bot_in_the_order_sent(
    production, fake_twilio, monkeypatch
):
    """Each webhook goes to the other replica, the next one before the last is answered: the
    texts reach the bot in the order sent, and each is answered once."""
    monkeypatch.setenv("SMS_ID_KEY", production.env["SMS_ID_KEY"])
    number, urls = unused_number(production), production.urls()
    sent = ["is this confidential", "what is victim compensation", "i need a safe place to stay"]
    sent += ["how do i get a protective order", "can i get counseling", "thank you"]
    for i, message in enumerate(sent):
        assert text_message(production, number, message, server=urls[i % 2]).status_code == 200
    cid = sms_store.conversation_id(number)
    wait_for(lambda: len(said(production, cid)) >= len(sent), timeout=90)
    assert said(production, cid) == sent
    assert "WomensLaw" in " ".join(settle(fake_twilio, number))  # the protective order question's answer


def test_a_web_chat_on_one_replica_gets_the_advocate_through_another(production):
    """The console's relay reaches the first replica; the person's socket is on the second.
    python-socketio's Redis manager (bot/channels/webchat.py) carries the message across."""
    person = Client(production.urls()[1])
    person.start()
    try:
        hand_off_on_the_web(person)
        request = request_of(production, person.session)
        create_account(production, "pat", "Pat")
        pat = Advocate(production, "pat", behind_tls=True)
        assert pat.claim(request.id).status_code == 303
        wait_for(lambda: any("Pat, an advocate, has joined" in m.get("text", "") for m in person.messages))
        assert pat.send(request.id, text="Hello across replicas")["status"] == "sent"
        message = wait_for(lambda: [m for m in person.messages if m.get("text") == "Hello across replicas"])[0]
        assert message["sender"] == "Pat (advocate)"
        pat.post(f"/conversation/{request.id}/close")
    finally:
        person.close()


def test_no_word_or_number_a_person_gives_is_stored_in_the_clear_in_postgresql(production, fake_twilio, monkeypatch):
    monkeypatch.setenv("SMS_ID_KEY", production.env["SMS_ID_KEY"])
    phrase, number = unique_phrase(), unused_number(production)
    create_account(production, "pat", "Pat")
    advocate = Advocate(production, "pat", behind_tls=True)
    tell_everything(production, fake_twilio, advocate, phrase, number, web_url=production.urls()[1])
    tracker, app = every_row(f"{PG_SERVER}/{DATABASE}"), every_row(f"{PG_SERVER}/test")
    assert sms_store.conversation_id(number) in tracker and sms_store.conversation_id(number) in app
    for secret in [phrase, *spellings(number)]:
        assert secret not in tracker, secret
        assert secret not in app, secret


def test_the_rest_channel_needs_its_token_in_production(production):
    body = {"sender": f"prod-{uuid.uuid4().hex}", "message": "hi"}
    assert requests.post(f"{production.url}/webhooks/rest/webhook", json=body, timeout=30).status_code == 401
    forged = {"Authorization": "Bearer development-rest-token"}
    assert (
        requests.post(f"{production.url}/webhooks/rest/webhook", json=body, headers=forged, timeout=30).status_code
        == 401
    )
    assert send(production, body["sender"], "hi").status_code == 200


def test_the_kubernetes_probes_answer_on_the_production_servers(production):
    """The probe paths in deploy/kubernetes answer 200 on the servers they watch, run as the
    manifests run them (production settings, two replicas on PostgreSQL and Redis)."""
    docs = documents(DEPLOY / "kubernetes" / "base")
    ports = {"rasa": production.urls(), "actions": [f"http://127.0.0.1:{production.action_port}"]}
    ports["console"] = [production.console_url]
    for server, urls in ports.items():
        container = pod_spec(find(docs, "Deployment", server))["containers"][0]
        kinds = ("readinessProbe", "livenessProbe", "startupProbe")
        probes = [container[kind]["httpGet"]["path"] for kind in kinds if kind in container]
        for url in urls:
            for path in probes:
                assert requests.get(url + path, timeout=10).status_code == 200, (server, path)
