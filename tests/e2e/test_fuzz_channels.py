"""Random and malformed input to every public endpoint of the bot's server: the REST channel, the
signed SMS webhook and status callback, the web chat's socket.io events and the relay. Never a
500 or a crash, a clear error for what is wrong, nothing a fuzzer wrote in the logs, and the
channel still answers a normal message afterwards. Invented people, fictional numbers."""

import json
import uuid

import requests
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bot import db, settings
from bot.channels import sms_store
from bot.channels.rest import MAX_MESSAGE_CHARS, MAX_SENDER_CHARS
from bot.channels.sms import MAX_BODY
from bot.handoff import queue
from tests.e2e.fuzz import Logs, as_json, fuzz, header_values, huge_text, json_values, messages, odd_text
from tests.e2e.people import Client, fictional_number, lines_of, wait_for, webhook

OK_OR_REFUSED = (200, 400, 403, 413, 429)  # 429: the rate limits (bot/limits.py), lifted for this stack
SURROGATE = "\ud800"
OTHER_CHANNELS_IDS = [f"web-{'0' * 32}", f"sms-{'0' * 40}"]  # the REST channel may name neither


def rest(stack, body: bytes) -> requests.Response:
    headers = {"Content-Type": "application/json", **stack.rest_headers()}
    return requests.post(f"{stack.url}/webhooks/rest/webhook", data=body, headers=headers, timeout=60)


def answered(reply: requests.Response) -> str:
    assert reply.status_code == 200, reply.text
    return " ".join(message.get("text", "") for message in reply.json())


REST_BODIES = st.one_of(
    st.binary(max_size=200),
    json_values().map(as_json),
    st.fixed_dictionaries(
        {},
        optional={
            "sender": st.one_of(
                odd_text(surrogates=True), huge_text(MAX_SENDER_CHARS), st.sampled_from(OTHER_CHANNELS_IDS)
            ),
            "message": messages(MAX_MESSAGE_CHARS, surrogates=True) | json_values(),
            "metadata": json_values(),
            "extra": json_values(),
        },
    ).map(as_json),
)


def test_the_rest_channel_answers_any_body_with_replies_or_a_clear_error(stack):
    logs = Logs(stack)

    @fuzz(40)
    @given(body=REST_BODIES)
    @example(body=as_json({"sender": f"fuzz-{SURROGATE}", "message": "hi"}))  # Rasa's store exited the server
    @example(body=as_json({"sender": "fuzz-\x00", "message": "hi"}))  # would stop a PostgreSQL store the same way
    @example(body=b'{"sender": "fuzz", "message": "hi", "metadata": {"language": ["en"]}}')  # a list for a code
    def send(body: bytes) -> None:
        reply = rest(stack, body)
        assert reply.status_code in OK_OR_REFUSED, reply.text
        if reply.status_code == 200:
            sent = json.loads(body)
            assert isinstance(sent["sender"], str) and isinstance(sent["message"], str)
            assert isinstance(reply.json(), list)
        else:
            assert reply.json()["error"]

    send()
    assert "confidential" in answered(
        rest(stack, as_json({"sender": f"fuzz-{uuid.uuid4().hex}", "message": "is it private"}))
    )
    logs.assert_clean()


def test_the_rest_channel_answers_odd_messages_or_says_what_is_wrong(stack):
    logs = Logs(stack)

    @fuzz(25)
    @given(message=messages(MAX_MESSAGE_CHARS, surrogates=True), sender=st.uuids())
    @example(message=f"i need help {SURROGATE}", sender=uuid.UUID(int=1))  # no store, no text message can carry it
    def send(message: str, sender: uuid.UUID) -> None:
        reply = rest(stack, as_json({"sender": f"fuzz-{sender.hex}", "message": message}))
        if len(message) > MAX_MESSAGE_CHARS:
            assert reply.status_code == 413, reply.text
        elif any("\ud800" <= char <= "\udfff" for char in message):
            assert reply.status_code == 400 and "Unicode" in reply.json()["error"]
        else:
            assert reply.status_code in (200, 429), reply.text

    send()
    logs.assert_clean()


def sms_forms(numbers: list[str]) -> st.SearchStrategy[dict]:
    """Twilio's fields, odd or missing, and some it never sends."""
    full = st.fixed_dictionaries(
        {
            "MessageSid": st.one_of(st.uuids().map(lambda u: f"SM{u.hex}"), odd_text(), huge_text(64)),
            "From": st.one_of(st.sampled_from(numbers), odd_text() | huge_text(20)),
            "Body": messages(MAX_BODY),
        },
        optional={
            "NumMedia": st.sampled_from(["0", "1", "10", "-1", "²", "٣", "9" * 5000, "1" * 30]) | odd_text(),
            "To": odd_text(),
            "Extra": odd_text(),
        },
    )
    drop = st.sets(st.sampled_from(["MessageSid", "From", "Body"]), max_size=2)
    return st.builds(lambda form, gone: {k: v for k, v in form.items() if k not in gone}, full, drop)


def twilio_id(sid: str) -> bool:
    """What the SMS channel takes for a MessageSid: printable ASCII that fits its 64-character
    column (Twilio's are 34); anything else is refused before it reaches the database."""
    return len(sid) <= 64 and sid.isascii() and sid.isprintable()


def unanswered(stack, numbers: list[str]) -> int:
    cids = [sms_store.conversation_id(number) for number in numbers]
    query = select(sms_store.Inbound).where(sms_store.Inbound.conversation_id.in_(cids))
    with db.session(stack.env["APP_DB_URL"]) as session:
        return sum(row.status != "done" for row in session.scalars(query))


def test_signed_texts_are_taken_answered_or_refused_clearly(stack, fake_twilio):
    logs, numbers = Logs(stack), [fictional_number() for _ in range(3)]

    @fuzz(30)
    @given(form=sms_forms(numbers))
    @example(form={"MessageSid": "SMfuzz-media", "From": numbers[0], "Body": "hi", "NumMedia": "²"})  # was a 500
    @example(form={"MessageSid": "SMfuzz-digits", "From": numbers[0], "Body": "9" * 5000})  # never answered
    @example(form={"MessageSid": "SMfuzz-sup", "From": numbers[0], "Body": "²"})  # never answered
    def text(form: dict) -> None:
        reply = webhook(stack, form)
        sid, number, body = form.get("MessageSid"), form.get("From"), form.get("Body", "")
        if not sid or not twilio_id(sid) or not number or number not in numbers:
            assert reply.status_code == 400 and reply.text.startswith("Bad request"), reply.text
        elif len(body) > MAX_BODY:
            assert reply.status_code == 413, reply.text
        else:
            assert reply.status_code == 200 and "<Response>" in reply.text, reply.text

    text()
    someone = fictional_number()
    assert webhook(stack, {"MessageSid": f"SM{uuid.uuid4().hex}", "From": someone, "Body": "i need a shelter"}).ok
    wait_for(lambda: any("Domestic Violence Hotline" in t for t in fake_twilio.texts_to(someone)))
    wait_for(lambda: unanswered(stack, numbers) == 0, timeout=60)  # every text taken was answered
    logs.assert_clean()


FORGERIES = st.one_of(
    st.none(),  # no signature
    header_values(),
    st.sampled_from(["for other fields", "for the other path"]),
)


def test_unsigned_and_forged_webhooks_are_refused_and_nothing_is_sent(stack, fake_twilio):
    logs, numbers = Logs(stack), [fictional_number() for _ in range(2)]
    validator = RequestValidator(settings.secret("TWILIO_AUTH_TOKEN"))

    @fuzz(30)
    @given(
        path=st.sampled_from(["webhook", "status"]),
        form=sms_forms(numbers) | st.binary(max_size=100),
        forgery=FORGERIES,
    )
    def forge(path: str, form: dict | bytes, forgery: str | None) -> None:
        url = f"{stack.url}/webhooks/sms/{path}"
        headers = {} if forgery is None else {"X-Twilio-Signature": forgery.encode("latin-1")}
        if forgery == "for other fields" and isinstance(form, dict):
            headers["X-Twilio-Signature"] = validator.compute_signature(url, {**form, "Body": "something else"})
        elif forgery == "for the other path" and isinstance(form, dict):
            other = "status" if path == "webhook" else "webhook"
            headers["X-Twilio-Signature"] = validator.compute_signature(f"{stack.url}/webhooks/sms/{other}", form)
        reply = requests.post(url, data=form, headers=headers, timeout=30)
        assert reply.status_code == 403, reply.text

    forge()
    assert all(fake_twilio.texts_to(number) == [] for number in numbers)
    logs.assert_clean()


def test_status_callbacks_are_recorded_or_refused_clearly(stack):
    logs = Logs(stack)
    states = st.sampled_from(["delivered", "undelivered", "failed", "sent", "queued"]) | odd_text()
    fields = {
        "MessageSid": odd_text() | huge_text(64),
        "MessageStatus": states,
        "ErrorCode": odd_text() | huge_text(200),
    }

    @fuzz(25)
    @given(form=st.fixed_dictionaries({}, optional=fields))
    def report(form: dict) -> None:
        reply = webhook(stack, form, path="status")
        sid = form.get("MessageSid")
        assert reply.status_code == (204 if sid and twilio_id(sid) else 400), reply.text

    report()
    logs.assert_clean()


def relay_token() -> str:
    return settings.secret("HANDOFF_RELAY_TOKEN")


RELAY_BODIES = st.one_of(
    st.binary(max_size=100),
    json_values().map(as_json),
    # No small positive ids: those are real transcript lines of other tests.
    st.one_of(
        st.integers(max_value=0), st.integers(min_value=10**9), json_values().filter(lambda v: type(v) is not int)
    )
    .map(lambda line_id: {"line_id": line_id})
    .map(as_json),
)


def test_the_relay_takes_nothing_but_a_known_line_with_its_token(stack):
    logs = Logs(stack)
    tokens = st.one_of(st.just(relay_token()), st.none() | header_values())

    @fuzz(40)
    @given(channel=st.sampled_from(["sms", "socketio"]), body=RELAY_BODIES, token=tokens)
    @example(channel="sms", body=as_json({"line_id": 10**30}), token=relay_token())  # was a 500
    @example(channel="socketio", body=as_json({"line_id": 1}), token="é")  # was a 500
    def relay(channel: str, body: bytes, token: str | None) -> None:
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}".encode("latin-1")
        reply = requests.post(f"{stack.url}/webhooks/{channel}/relay", data=body, headers=headers, timeout=30)
        if token != relay_token():
            assert reply.status_code == 401, reply.text
        else:
            assert reply.status_code in (400, 404), reply.text

    relay()
    logs.assert_clean()


def still_answers(client: Client) -> None:
    """The socket still works: an over-long message is refused at once, without the bot."""
    count = len(client.messages)
    client.sio.emit("user_uttered", {"message": "x" * (MAX_MESSAGE_CHARS + 1)})
    with client.arrived:
        arrived = client.arrived.wait_for(
            lambda: any("too long" in m.get("text", "") for m in client.messages[count:]), timeout=10
        )
    assert arrived, client.messages[count:]


def socket_events(victim: Client) -> st.SearchStrategy[tuple[str, tuple]]:
    """An event of the web chat with no argument, one, or two; other people's ids, forged tokens."""
    ids = st.one_of(st.just(victim.session), st.none(), odd_text(surrogates=True), json_values())
    tokens = st.one_of(st.just("0" * 64), st.just(victim.token[::-1]), odd_text(surrogates=True), json_values())
    payloads = st.one_of(
        json_values(),
        st.fixed_dictionaries(
            {},
            optional={
                "session_id": ids,
                "token": tokens,
                "message": messages(MAX_MESSAGE_CHARS, surrogates=True) | json_values(),
                "customData": json_values() | st.fixed_dictionaries({"language": json_values()}),
            },
        ),
    )
    arguments = st.one_of(st.just(()), payloads.map(lambda p: (p,)), st.tuples(payloads, payloads))
    return st.tuples(st.sampled_from(["session_request", "user_uttered", "delete_conversation"]), arguments)


def test_the_web_chat_survives_any_event_and_no_socket_reaches_another_conversation(stack):
    logs, victim, fuzzer = Logs(stack), Client(stack.url), Client(stack.url)
    confirmed = []

    def confirm(data: object) -> None:
        confirmed.append(data)
        fuzzer._confirm(data)

    fuzzer.sio.on("session_confirm", confirm)  # every session the fuzzer was given, not only the last
    try:
        victim.start()
        assert "Each state runs its own program" in victim.say("who pays my hospital bills after i got shot")
        fuzzer.start()

        @fuzz(30)
        @given(event=socket_events(victim))
        @example(event=("user_uttered", ()))  # each handler crashed without its argument...
        @example(event=("session_request", ({}, {})))  # ...or with two
        @example(event=("session_request", ({"session_id": f"web-{SURROGATE}", "token": "x"},)))  # crashed
        @example(event=("session_request", ({"session_id": victim.session, "token": "é"},)))  # crashed
        def emit(event: tuple[str, tuple]) -> None:
            name, arguments = event
            fuzzer.sio.emit(name, arguments)
            still_answers(fuzzer)

        emit()
        assert victim.session not in [c.get("session_id") for c in confirmed if isinstance(c, dict)]
        assert "Texas Crime Victims' Compensation Program" in victim.say("texas")  # still there, still asking
        assert not any("Texas Crime Victims' Compensation" in m.get("text", "") for m in fuzzer.messages)
    finally:
        victim.close()
        fuzzer.close()
    someone = Client(stack.url)
    try:
        someone.start()
        assert "confidential" in someone.say("is this private", settle=0.5)
    finally:
        someone.close()
    logs.assert_clean()


def test_every_message_of_a_handed_off_web_chat_reaches_the_advocate(stack):
    logs, person = Logs(stack), Client(stack.url)

    def waiting() -> int:
        """The person's request, in the queue again if a message took it out (BACK, DELETE)."""
        with db.session(stack.env["APP_DB_URL"]) as session, session.begin():
            return queue.request(session, person.session, "socketio", queue.OTHER, {"help": "skip"}).id

    def still_waiting_and_said(request_id: int) -> tuple[bool, int]:
        with db.session(stack.env["APP_DB_URL"]) as session:
            still = session.get(queue.HandoffRequest, request_id).status == "waiting"
        return still, sum(sender == "person" for sender, *_ in lines_of(stack, request_id))

    try:
        person.start()

        @fuzz(15)
        @given(message=messages(MAX_MESSAGE_CHARS, surrogates=True))
        @example(message=f"help {SURROGATE}")  # the transcript could not store it: the handler crashed
        def send(message: str) -> None:
            request_id = waiting()
            _, before = still_waiting_and_said(request_id)
            person.sio.emit("user_uttered", {"message": message, "session_id": person.session})
            if len(message) > MAX_MESSAGE_CHARS:
                still_answers(person)
            else:  # in the transcript, unless it took the person out of the queue
                wait_for(lambda: still_waiting_and_said(request_id) != (True, before), timeout=10)

        send()
    finally:
        person.close()
        with db.session(stack.env["APP_DB_URL"]) as session, session.begin():
            queue.finish(session, waiting(), "cancelled")
    logs.assert_clean()
