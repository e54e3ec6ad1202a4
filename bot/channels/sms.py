"""The SMS channel: Twilio messaging webhooks in, texts out, for a short code or a long number.

Rasa's own Twilio channel does not check that a webhook comes from Twilio, keys conversations by
the raw phone number, blocks the server while it sends and knows nothing of short-code rules, so
this channel is ours:
- every webhook's X-Twilio-Signature is checked (SMS_PUBLIC_URL when behind a proxy); a bad one
  gets 403 and nothing is kept;
- the conversation id is a keyed hash of the number, and the number is kept only encrypted
  (bot/channels/sms_store.py); no number or text is logged;
- the text is written down and Twilio answered at once; the bot's work happens after, once per
  MessageSid, one text of a number at a time in the order received (bot/channels/sms_store.py),
  and texts left unanswered by a restart are answered when the server is back;
- STOP and its synonyms opt the number out until START; HELP answers with the program's details;
- buttons become numbered choices and a reply of "1" picks the first; texts are GSM-7 where
  possible and at most three segments (bot/channels/sms_text.py);
- while an advocate has the conversation (bot/handoff/relay.py), texts go to the advocate, and
  the advocate's replies go out through the same sender, so a STOP still silences them;
- one number's texts are rate-limited (bot/limits.py); a signed webhook comes from Twilio, so
  there is no limit per address.
"""

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

import phonenumbers
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot import crypto, db, limits, settings, stores
from bot.channels import sms_store, sms_text, store_errors, twilio_copies
from bot.channels.sms_sender import Sender
from bot.directory import format, queries
from bot.handoff import queue, relay, transcript
from bot.i18n import render
from bot.privacy import DELETE_WORDS, erase, schedule

logger = logging.getLogger(__name__)

STOP = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ALTO"}
START = {"START", "UNSTOP", "YES"}
HELP = {"HELP", "INFO", "AYUDA"}
SPANISH = {"ALTO", "AYUDA", "BORRAR"}
MAX_BODY = 10_000
STUCK_AFTER = dt.timedelta(minutes=2)
SAFE_WINDOW = dt.timedelta(minutes=30)  # a person who wrote this recently is in the conversation
RETRY_EVERY_SECONDS = 60
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def keyword(body: str) -> str:
    """The message as a keyword candidate: "  stop. " -> "STOP"."""
    return body.strip().strip(".!").strip().upper()


def form(request: Request) -> dict[str, str]:
    """Twilio's form fields, empty ones included: Sanic drops them, but Twilio signs them."""
    try:
        return dict(parse_qsl(request.body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        return {}


def message_sid(sid: str) -> bool:
    """Twilio's message ids are "SM" or "MM" and 32 hex digits; anything printable up to the
    column's 64 ASCII characters is kept, anything else refused before it reaches the database."""
    return len(sid) <= 64 and sid.isascii() and sid.isprintable()


def e164(raw: str) -> str | None:
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def help_text(lang: str) -> str:
    """The HELP reply: program name, how to reach a person (a line from the directory), opt-out."""
    with db.session() as session:
        line = queries.get(session, "victimconnect")
        reach = format.contacts(line, lang)[0] if line else render("handoff.live_lines", lang)
    program = settings.setting("SMS_PROGRAM_NAME", "Victim and Witness Help")
    return render("sms.help", lang, program=program, line=f"{line.name}, {reach}" if line else reach)


def safe_to_write(cid: str) -> bool:
    """Whether an advocate may text this person now: they said yes to "is it safe to write to you
    here, even later?", or they wrote within SAFE_WINDOW and so are in the conversation now."""
    with db.session() as session:
        request = queue.open_request(session, cid)
        if request is None or request.summary.get("safe_to_text") == "yes":
            return True
        last = transcript.last_from_person(session, request.id)
    return last is not None and db.now() - last <= SAFE_WINDOW


class SmsInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "sms"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "SmsInput":
        return cls()

    def __init__(self) -> None:
        self.validator = RequestValidator(settings.secret("TWILIO_AUTH_TOKEN"))
        self.public_url = (settings.setting("SMS_PUBLIC_URL") or "").rstrip("/")
        self.sender: Sender | None = None
        self.app: Sanic | None = None

    def _signed(self, request: Request, params: dict[str, str]) -> bool:
        signature = request.headers.get("X-Twilio-Signature", "")
        url = request.url
        if self.public_url:
            url = self.public_url + request.path + (f"?{request.query_string}" if request.query_string else "")
        return bool(signature) and self.validator.validate(url, params, signature)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("sms_webhook", __name__)
        store_errors.register(webhook)
        schedule.register(webhook)
        limits.register(webhook)

        @webhook.listener("after_server_start")
        async def start(app, _loop) -> None:  # noqa: ANN001 - Sanic's listener signature
            sms_store.create_tables()
            relay.prepare()
            self.sender, self.app = Sender(), app
            # Named, so that Sanic cancels them when the server stops (it leaves unnamed ones
            # pending, and asyncio logs each at ERROR as the loop closes).
            app.add_task(self._answer_unanswered(on_new_message), name="sms.answer_unanswered")
            app.add_task(twilio_copies.keep_deleting(self.sender.client), name="sms.delete_copies")

        relay.add_route(webhook, self.name(), self._deliver_line)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            params = form(request)
            if not self._signed(request, params):
                return response.text("Forbidden: the request is not signed by Twilio.", status=403)
            sid, sender, body = params.get("MessageSid"), params.get("From"), params.get("Body", "")
            if not sid or not sender:
                return response.text("Bad request: MessageSid and From are required.", status=400)
            if not message_sid(sid):
                return response.text("Bad request: MessageSid is not a Twilio message id.", status=400)
            number = e164(sender)
            if number is None:
                return response.text("Bad request: From is not a valid phone number.", status=400)
            if len(body) > MAX_BODY:
                return response.text(f"Bad request: Body is longer than {MAX_BODY} characters.", status=413)
            count = params.get("NumMedia") or "0"  # Twilio sends 0-10; isdigit() would pass "²", which int() refuses
            media = int(count) if count.isdecimal() and len(count) <= 2 else 0
            cid = sms_store.conversation_id(number)
            if not await self._within_limits(request.app, cid, body):
                return response.text(EMPTY_TWIML, content_type="text/xml")
            try:
                with db.session() as session, session.begin():
                    sms_store.contact(session, number)
                    fresh = sms_store.record_inbound(session, sid, cid, body, media)
            except store_errors.STORE_ERRORS as error:
                logger.error("sms: cannot store an inbound text: %s", type(error).__name__)
                return response.text("Service unavailable: please retry.", status=503)
            if fresh:
                request.app.add_task(self._answer(on_new_message, cid))
            return response.text(EMPTY_TWIML, content_type="text/xml")

        @webhook.route("/status", methods=["POST"])
        async def status(request: Request) -> HTTPResponse:
            params = form(request)
            if not self._signed(request, params):
                return response.text("Forbidden: the request is not signed by Twilio.", status=403)
            sid, state = params.get("MessageSid"), params.get("MessageStatus", "")
            if not sid or not message_sid(sid):
                return response.text("Bad request: MessageSid must be a Twilio message id.", status=400)
            code = params.get("ErrorCode") or None
            code = code if code is None or (code.isascii() and code.isalnum() and len(code) <= 16) else "unknown"
            if state in {"delivered", "undelivered", "failed"}:
                try:
                    with db.session() as session, session.begin():
                        sms_store.record_delivery(session, sid, state, code)
                except store_errors.STORE_ERRORS as error:  # Twilio tries the callback again later
                    logger.error("sms: cannot record a delivery status: %s", type(error).__name__)
                    return response.text("Service unavailable: please retry.", status=503)
                if state != "delivered":
                    logger.warning("sms: a text was not delivered (Twilio error %s)", code)
            return response.empty()

        return webhook

    async def _within_limits(self, app: Sanic, cid: str, body: str) -> bool:
        """Texts from one number beyond its rate limit (bot/limits.py) are not kept or answered;
        the first of a minute gets one text saying so, with 911 and 988. STOP, START, HELP and
        DELETE always go through: the law and the person's safety come before any limit."""
        word = keyword(body)
        if word in STOP | START | HELP | DELETE_WORDS or await limits.allow("conversation", cid):
            return True
        if await limits.allow("notice", cid):
            app.add_task(self._slow_down(cid))
        return False

    async def _slow_down(self, cid: str) -> None:
        lang = await self._language(cid)
        await self.sender.send(cid, sms_text.for_sms(render("limits.slow_down", lang)))

    async def _answer_unanswered(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """Answer texts a stopped server left behind, now and then every minute."""
        while True:
            try:
                with db.session() as session:
                    waiting = sms_store.unanswered(session, STUCK_AFTER)
                for cid in waiting:
                    await self._answer(on_new_message, cid)
            except store_errors.STORE_ERRORS as error:
                logger.error("sms: cannot read unanswered texts: %s", type(error).__name__)
            await asyncio.sleep(RETRY_EVERY_SECONDS)

    async def _answer(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], cid: str) -> None:
        """Answer the conversation's waiting texts one by one, oldest first; nothing when another
        worker is answering it, since that worker takes the newer texts after its own."""
        while True:
            with db.session() as session, session.begin():
                inbound = sms_store.next_text(session, cid, STUCK_AFTER)
                if inbound is None:
                    return
                sid, body, media = inbound.message_sid, crypto.decrypt(inbound.body_encrypted), inbound.num_media
            try:
                await self._reply(on_new_message, cid, body, media, sid)
            except Exception as error:  # the text stays unanswered, first in line, and is tried again later
                logger.error("sms: answering a text failed: %s", type(error).__name__)
                with db.session() as session, session.begin():
                    sms_store.let_go(session, cid, sid, answered=False)
                return
            with db.session() as session, session.begin():
                sms_store.let_go(session, cid, sid, answered=True)
                twilio_copies.forget(session, [sid])

    async def _reply(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]], cid: str, body: str, media: int, sid: str
    ) -> None:
        word = keyword(body)
        if word in DELETE_WORDS:
            await self._erase(cid, "es" if word in SPANISH else None)
            return
        lang = "es" if word in SPANISH else await self._language(cid) if word in STOP | START | HELP else "en"
        with db.session() as session, session.begin():
            contact = session.get(sms_store.Contact, cid)
            opted_out, greeted, choices = contact.opted_out, contact.greeted, contact.choices or []
            if word in STOP:
                contact.opted_out, contact.opted_out_at = True, db.now()
            elif opted_out and word in START:
                contact.opted_out = False
            elif not opted_out and word not in HELP:
                contact.greeted = True
        if word in STOP:
            relay.person_said(cid, body, sid)  # an advocate who has the conversation sees why it went quiet
            if not opted_out:  # one confirmation, then silence
                await self.sender.send(cid, sms_text.for_sms(render("sms.stopped", lang)), force=True)
            return
        if opted_out:
            if word in START:
                await self.sender.send(cid, sms_text.for_sms(render("sms.started", lang)))
            return  # nothing else reaches a number that opted out
        if word in HELP:
            await self.sender.send(cid, sms_text.for_sms(help_text(lang)))
            return
        handed_off = relay.person_said(cid, body or "[a picture or other media, not kept]", sid)
        if handed_off is not None:  # the advocate has this conversation; the paused bot only records it
            if handed_off.back:
                await relay.resume(self.app, cid)
                await self.sender.send(cid, sms_text.for_sms(render("handoff.back", handed_off.language)))
                return
            await on_new_message(UserMessage(body, CollectingOutputChannel(), cid, input_channel=self.name()))
            return
        texts = [] if greeted else [render("sms.first_contact", lang)]
        if media:
            texts.append(render("sms.media", lang))
        text = body.strip()
        if text.isdecimal() and len(text) <= 2 and 1 <= int(text) <= len(choices):  # not "²", nor 5,000 digits
            text = choices[int(text) - 1]
        if text or not media:
            collector = CollectingOutputChannel()
            await on_new_message(UserMessage(text, collector, cid, input_channel=self.name()))
            if erase.asked(collector.messages):
                await self._erase(cid)
                return
            texts.append(self._turn_text(collector.messages, cid, lang))
        outgoing = [piece for t in texts if t for piece in sms_text.for_sms(t)]
        await self.sender.send(cid, outgoing)

    async def _erase(self, cid: str, lang: str | None = None) -> None:
        """The person asked to delete the conversation: one text says what was erased (none to a
        number that opted out), then everything goes, that text and Twilio's copies included."""
        with db.session() as session:
            contact = session.get(sms_store.Contact, cid)
            opted_out = contact is None or contact.opted_out
        lang = lang or await self._language(cid)
        if not opted_out:
            await self.sender.send(cid, sms_text.for_sms(render("privacy.deleted_sms", lang)))
        await erase.erase(self.app.ctx.agent, cid)

    async def _language(self, cid: str) -> str:
        return await stores.conversation_language(self.app.ctx.agent.tracker_store, cid)

    async def _deliver_line(self, line: relay.Line) -> str | None:
        """An advocate's message (with their name first) or a notice, as texts; STOP is honoured,
        and so is the answer to "is it safe to write to you here, even later?" (safe_to_write)."""
        if not safe_to_write(line.conversation_id):
            return "not_safe_later"
        text = line.text
        if line.sender == transcript.ADVOCATE:
            text = f"{render('handoff.from_advocate', line.language, name=line.name)}: {text}"
        outcomes = await self.sender.send(line.conversation_id, sms_text.for_sms(text), line_id=line.id)
        if "blocked" in outcomes:
            return "opted_out"
        return "send_failed" if "failed" in outcomes or not outcomes else None

    @staticmethod
    def _turn_text(messages: list[dict[str, Any]], cid: str, lang: str) -> str:
        """The bot's messages of one turn as one text, buttons as numbered choices (remembered)."""
        parts, payloads = [], []
        for message in messages:
            buttons = message.get("buttons") or []
            text = message.get("text") or ""
            if buttons:
                titles = [b.get("title", "") for b in buttons]
                text = sms_text.with_choices(text, titles, render("sms.choice", lang))
                payloads = [b.get("payload", "") for b in buttons]
            parts.append(text)
        with db.session() as session, session.begin():
            session.get(sms_store.Contact, cid).choices = payloads
        return "\n\n".join(p for p in parts if p)
