"""The warm handoff through the running servers: a person on the web chat or texting asks for a
person, gives consent and a few optional facts, waits honestly, talks with an advocate through the
console, and is handed back to the bot. Invented people, fictional numbers."""

import datetime as dt

import pytest
import requests
from sqlalchemy import select, update

from bot import db, settings
from bot.channels import sms_store
from bot.console.models import AuditEntry
from bot.handoff import queue
from bot.handoff.transcript import HandoffMessage
from tests.e2e.people import (
    CONSENT,
    Advocate,
    Client,
    create_account,
    fictional_number,
    hand_off_by_text,
    hand_off_on_the_web,
    lines_of,
    replies,
    request_of,
    settle,
    text,
    wait_for,
)

QUEUED = "in line"
HALF_AN_HOUR = dt.timedelta(minutes=31)


@pytest.fixture(scope="module")
def ana(stack):
    create_account(stack, "ana", "Ana")
    return Advocate(stack, "ana")


@pytest.fixture
def web(stack):
    client = Client(stack.url)
    client.start()
    yield client
    client.close()


def test_a_person_consents_gives_optional_facts_and_is_told_the_wait(stack, web, ana):
    assert CONSENT in web.say("can i talk to a real person")
    assert "What would you like help with?" in web.say("yes")
    asked = web.say("my landlord found out i testified")
    assert "safe for an advocate to write to you here" in asked and "only writes to you later if you say yes" in asked
    assert "Which language" in web.say("no")
    assert "Which state" in web.say("skip")
    said = web.say("ohio")
    assert "next in line" in said or "minutes" in said, said
    assert "send BACK" in said
    request = request_of(stack, web.session)
    assert request.status == "waiting" and request.channel == "socketio"
    assert request.summary["help"] == "my landlord found out i testified"
    assert request.summary["safe_to_text"] == "no" and request.summary["preferred_language"] == "skip"
    assert request.summary["state"] == "OH"
    # The bot is paused: what the person writes now is for the advocate, and the bot stays silent.
    assert web.say("are you there?", settle=2.0) == ""
    assert ("person", "are you there?", "received", None) in lines_of(stack, request.id)
    # BACK cancels the request and the bot answers again.
    assert "back with the automated assistant" in web.say("BACK")
    assert request_of(stack, web.session).status == "cancelled"
    assert "LawHelp" in web.say("i need a free lawyer")


def test_the_conversation_so_far_is_in_the_transcript_for_the_advocate(stack, web):
    web.say("how do i get money for medical bills after a crime")
    hand_off_on_the_web(web)
    said = web.say("actually can a person help me", settle=2.0)
    request = request_of(stack, web.session)
    senders_and_texts = [(sender, line) for sender, line, _, _ in lines_of(stack, request.id)]
    assert senders_and_texts[0] == ("person", "how do i get money for medical bills after a crime")
    assert any(sender == "bot" and "in line" in line for sender, line in senders_and_texts)
    assert said == ""
    web.say("BACK")


def test_threats_and_crisis_disclosures_offer_a_person_and_come_first_in_the_queue(stack, web, fake_twilio):
    number = fictional_number()
    said = hand_off_by_text(stack, fake_twilio, number, first="his cousin said i better not testify or else")
    assert QUEUED in said
    threats = request_of(stack, sms_store.conversation_id(number))
    crisis = Client(stack.url)
    crisis.start()
    try:
        first = crisis.say("he is outside my door with a knife")
        assert first.index("911") < first.index(CONSENT)
        crisis.say("yes")
        for answer in ["skip", "skip", "skip", "skip"]:
            crisis.say(answer)
        danger = request_of(stack, crisis.session)
        asked = Client(stack.url)
        asked.start()
        hand_off_on_the_web(asked)
        other = request_of(stack, asked.session)
        assert (danger.priority, threats.priority, other.priority) == (queue.DANGER, queue.THREAT, queue.OTHER)
        with db.session(stack.env["APP_DB_URL"]) as session:
            order = [r.id for r in queue.waiting(session) if r.id in {danger.id, threats.id, other.id}]
        assert order == [danger.id, threats.id, other.id]
        asked.say("BACK")
        asked.close()
        crisis.say("BACK")
    finally:
        crisis.close()
    text(stack, number, "BACK")


def test_a_crisis_while_answering_the_questions_gets_911_at_once(web):
    assert CONSENT in web.say("i want an advocate")
    web.say("yes")
    answer = web.say("he just broke in and has a gun")
    assert "911" in answer and "safe for an advocate" in answer
    for reply in ["skip", "skip", "skip"]:
        web.say(reply)
    web.say("BACK")


def test_not_being_understood_twice_brings_the_offer_of_a_person(web):
    assert CONSENT not in web.say("zxqv blorf")
    assert CONSENT in web.say("qwpo flimb")


def test_outside_hours_the_web_chat_gets_the_24_7_lines_and_no_queue(stack, web, off_shift):
    said = web.say("i want to talk to a real person")
    assert "No advocate is on shift right now" in said and "answer 24/7" in said
    assert "(800) 799-7233" in said or "988" in said
    assert CONSENT not in said
    assert request_of(stack, web.session) is None


def test_outside_hours_a_text_is_queued_for_later_when_the_person_says_it_is_safe(stack, fake_twilio, off_shift):
    number = fictional_number()
    said = hand_off_by_text(stack, fake_twilio, number, answers=["skip", "yes", "skip", "skip"])
    assert "text you back on this number when the shift starts" in said and "24/7" in said
    assert request_of(stack, sms_store.conversation_id(number)).status == "waiting"
    text(stack, number, "BACK")


@pytest.mark.parametrize("safe", ["skip", "no", "only after 6pm"])
def test_outside_hours_nobody_texts_later_unless_the_person_said_it_is_safe(stack, fake_twilio, off_shift, safe):
    number = fictional_number()
    said = hand_off_by_text(stack, fake_twilio, number, answers=["skip", safe, "skip", "skip"])
    assert "no one will text you later" in said and "24/7" in said and "text you back" not in said
    assert request_of(stack, sms_store.conversation_id(number)) is None
    before = len(fake_twilio.texts_to(number))
    text(stack, number, "i need a shelter")  # the bot was not paused: it answers
    assert "National Domestic Violence Hotline" in " ".join(replies(fake_twilio, number, before + 1)[before:])


def test_messages_flow_both_ways_and_an_advocate_is_marked_as_a_person(stack, web, fake_twilio, ana):
    number = fictional_number()
    hand_off_by_text(stack, fake_twilio, number, answers=["someone is threatening me", "yes", "es", "tx"])
    by_text = request_of(stack, sms_store.conversation_id(number))
    assert ana.claim(by_text.id).status_code == 303
    joined = wait_for(lambda: [t for t in fake_twilio.texts_to(number) if "se unio a este chat" in t])
    assert "Ana" in joined[0]
    assert ana.send(by_text.id, text="Hola, estoy aqui para ayudarte")["status"] == "sent"
    assert wait_for(lambda: "Ana (persona de apoyo): Hola, estoy aqui para ayudarte" in fake_twilio.texts_to(number))
    before = len(fake_twilio.texts_to(number))
    text(stack, number, "gracias, tengo miedo de ir a la corte")
    wait_for(
        lambda: ("person", "gracias, tengo miedo de ir a la corte", "received", None) in lines_of(stack, by_text.id)
    )
    assert settle(fake_twilio, number)[before:] == []  # the paused bot does not answer
    assert "gracias, tengo miedo de ir a la corte" in ana.page(by_text.id)

    hand_off_on_the_web(web)
    on_the_web = request_of(stack, web.session)
    ana.claim(on_the_web.id)
    wait_for(lambda: any("has joined this chat" in m.get("text", "") for m in web.messages))
    ana.send(on_the_web.id, text="Hi, I'm here.")
    message = wait_for(lambda: [m for m in web.messages if m.get("text") == "Hi, I'm here."])[0]
    assert message["sender"] == "Ana (advocate)"

    # A reload (a new socket with the same session) still gets the advocate's messages.
    reloaded = Client(stack.url)
    reloaded.start(web.session, web.token)
    ana.send(on_the_web.id, text="Still here after your reload.")
    wait_for(lambda: any(m.get("text") == "Still here after your reload." for m in reloaded.messages))
    reloaded.close()

    # Close: a closing message, and the bot answers again.
    assert ana.post(f"/conversation/{on_the_web.id}/close").status_code == 303
    wait_for(lambda: any("has ended this chat" in m.get("text", "") for m in web.messages))
    assert request_of(stack, web.session).status == "closed"
    assert "LawHelp" in web.say("i need a free lawyer")
    ana.post(f"/conversation/{by_text.id}/close")
    wait_for(lambda: any("termino este chat" in t for t in fake_twilio.texts_to(number)))
    before = len(fake_twilio.texts_to(number))
    text(stack, number, "necesito un abogado gratis")
    assert replies(fake_twilio, number, before + 1)


def test_canned_replies_resources_and_sheets_go_in_the_conversation_language_and_fit_a_text(stack, fake_twilio, ana):
    number = fictional_number()
    hand_off_by_text(stack, fake_twilio, number, answers=["skip", "yes", "es", "skip"])
    request = request_of(stack, sms_store.conversation_id(number))
    assert request.language == "es"
    ana.claim(request.id)
    page = ana.page(request.id)
    assert "Hola, soy una persona de apoyo" in page  # the canned replies are offered in Spanish
    assert ana.send(request.id, canned="console.canned.hello")["status"] == "sent"
    assert ana.send(request.id, resource="rainn")["status"] == "sent"
    sent = wait_for(lambda: [t for t in fake_twilio.texts_to(number) if "RAINN" in t])
    assert any("Hola, soy una persona de apoyo" in t for t in fake_twilio.texts_to(number))
    assert "(800) 656-4673" in " ".join(sent) or "800-656-4673" in " ".join(sent)
    assert ana.send(request.id, sheet="il-cook-county")["status"] == "sent"  # a referral sheet's link, in Spanish
    sheet = wait_for(lambda: [t for t in fake_twilio.texts_to(number) if "/webhooks/sheets/il-cook-county/es" in t])
    assert "Ayuda cerca de ti en Cook County, Illinois" in sheet[0]
    ana.post(f"/conversation/{request.id}/close")


def test_notes_stay_in_the_console(stack, web, ana):
    hand_off_on_the_web(web)
    request = request_of(stack, web.session)
    ana.claim(request.id)
    assert ana.post(f"/conversation/{request.id}/note", note="Prefers to be called after 6pm").status_code == 303
    assert "Prefers to be called after 6pm" in ana.page(request.id)
    ana.send(request.id, text="a message after the note")
    wait_for(lambda: any(m.get("text") == "a message after the note" for m in web.messages))
    assert not any("after 6pm" in m.get("text", "") for m in web.messages)
    assert not any("after 6pm" in line for _, line, _, _ in lines_of(stack, request.id))
    ana.post(f"/conversation/{request.id}/close")


def test_releasing_tells_the_person_and_puts_them_back_in_the_queue(stack, web, ana):
    hand_off_on_the_web(web)
    request = request_of(stack, web.session)
    ana.claim(request.id)
    assert ana.post(f"/release/{request.id}").status_code == 303
    wait_for(lambda: any("had to leave this chat" in m.get("text", "") for m in web.messages))
    assert request_of(stack, web.session).status == "waiting"
    web.say("BACK")


def test_an_advocate_is_told_when_the_web_chat_is_no_longer_open(stack, ana):
    person = Client(stack.url)
    person.start()
    hand_off_on_the_web(person)
    request = request_of(stack, person.session)
    ana.claim(request.id)
    person.close()  # the page is closed
    answer = ana.send(request.id, text="Are you still there?")
    assert answer["status"] == "blocked" and "chat is not open" in answer["note"]
    ana.post(f"/conversation/{request.id}/close")


def test_a_message_to_someone_who_texted_stop_is_not_sent_and_the_advocate_is_told(stack, fake_twilio, ana):
    number = fictional_number()
    hand_off_by_text(stack, fake_twilio, number)
    request = request_of(stack, sms_store.conversation_id(number))
    ana.claim(request.id)
    text(stack, number, "STOP")
    wait_for(lambda: any("won't get any more messages" in t for t in fake_twilio.texts_to(number)))
    assert ("person", "STOP", "received", None) in lines_of(stack, request.id)  # the advocate sees it
    before = len(fake_twilio.texts_to(number))
    answer = ana.send(request.id, text="Are you safe?")
    assert answer["status"] == "blocked" and "texted STOP" in answer["note"]
    assert settle(fake_twilio, number)[before:] == []
    assert "texted STOP" in ana.page(request.id)
    ana.post(f"/conversation/{request.id}/close")


def test_every_view_claim_message_and_close_is_in_the_audit_log(stack, web, ana):
    hand_off_on_the_web(web)
    request = request_of(stack, web.session)
    ana.claim(request.id)
    ana.page(request.id)
    ana.send(request.id, text="Hello from the audit test")
    ana.post(f"/conversation/{request.id}/close")
    with db.session(stack.env["APP_DB_URL"]) as session:
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.conversation_id == web.session)))
    assert {"claim", "view", "message", "close"} <= actions
    create_account(stack, "olu", "Olu", role="admin")
    assert web.session in Advocate(stack, "olu").http.get(f"{stack.console_url}/audit").text


def test_the_relay_needs_the_token_and_a_line_id(stack, fake_twilio):
    url = f"{stack.url}/webhooks/sms/relay"
    assert requests.post(url, json={"line_id": 1}, timeout=10).status_code == 401
    forged = {"Authorization": "Bearer not-the-token"}
    assert requests.post(url, json={"line_id": 1}, headers=forged, timeout=10).status_code == 401
    token = {"Authorization": f"Bearer {settings.secret('HANDOFF_RELAY_TOKEN')}"}
    assert requests.post(url, data="{not json", headers=token, timeout=10).status_code == 400
    assert requests.post(url, json={"line": "x"}, headers=token, timeout=10).status_code == 400
    assert requests.post(url, json={"line_id": 10**9}, headers=token, timeout=10).status_code == 404


# The servers' own long-running tasks; what else a stop leaves pending (engineio's pings of web
# chats still open) is not theirs.
BACKGROUND = (
    "_every",
    "_answer_unanswered",
    "keep_deleting",
    "_keep_the_queue_tidy",
    "retry_forever",
    "notify_forever",
)


def stopped_cleanly(log: str) -> bool:
    """No connection to the action server and no background task of ours left open at a stop."""
    pending = [line for line in log.splitlines() if line.startswith("task: <Task pending")]
    return "Unclosed connector" not in log and not [line for line in pending if any(t in line for t in BACKGROUND)]


def test_restarting_the_bot_or_the_console_mid_handoff_loses_no_message(stack, fake_twilio, ana):
    number = fictional_number()
    hand_off_by_text(stack, fake_twilio, number)
    request = request_of(stack, sms_store.conversation_id(number))
    ana.claim(request.id)
    wait_for(lambda: any("has joined" in t for t in fake_twilio.texts_to(number)))

    stack.stop_process("rasa0")  # the bot's server is away: the advocate's message waits
    answer = ana.send(request.id, text="Written while the bot was restarting")
    assert answer["status"] == "pending" and "will be sent" in answer["note"]
    stack.start_process("rasa0")
    wait_for(lambda: "Ana (advocate): Written while the bot was restarting" in fake_twilio.texts_to(number), 60)

    before = len(fake_twilio.texts_to(number))
    text(stack, number, "still paused after the restart?")
    wait_for(lambda: any(line == "still paused after the restart?" for _, line, _, _ in lines_of(stack, request.id)))
    assert settle(fake_twilio, number)[before:] == []  # the bot is still paused for this person

    stack.stop_process("console")  # the console is away: the person's messages are kept
    text(stack, number, "written while the console was down")
    stack.start_process("console")
    assert "written while the console was down" in Advocate(stack, "ana").page(request.id)
    assert [s for _, _, s, _ in lines_of(stack, request.id) if s == "pending"] == []
    Advocate(stack, "ana").post(f"/conversation/{request.id}/close")
    assert stopped_cleanly(stack.log("rasa0").read_text()) and stopped_cleanly(stack.log("console").read_text())


def test_an_advocate_cannot_text_later_someone_who_did_not_say_it_is_safe(stack, fake_twilio, ana):
    """Within 30 minutes of the person's last message the advocate is in their conversation; after
    that only a person who said yes can be texted."""
    number = fictional_number()
    hand_off_by_text(stack, fake_twilio, number, answers=["skip", "no", "skip", "skip"])
    request_id = request_of(stack, sms_store.conversation_id(number)).id
    assert ana.claim(request_id).status_code == 303
    assert ana.send(request_id, text="I'm here now")["status"] == "sent"
    with db.session(stack.env["APP_DB_URL"]) as session, session.begin():  # as if they wrote 31 minutes ago
        session.execute(
            update(HandoffMessage).where(HandoffMessage.request_id == request_id).values(at=db.now() - HALF_AN_HOUR)
        )
    before = len(fake_twilio.texts_to(number))
    answer = ana.send(request_id, text="Checking in hours later")
    assert answer["status"] == "blocked" and "did not say it is safe to text them later" in answer["note"]
    assert settle(fake_twilio, number)[before:] == []
    text(stack, number, "still here")  # they write again: the advocate can answer
    wait_for(lambda: "still here" in ana.page(request_id))
    assert ana.send(request_id, text="Glad you wrote")["status"] == "sent"
    ana.post(f"/conversation/{request_id}/close")
