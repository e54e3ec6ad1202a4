"""The handoff inside the bot's server (Rasa): a handed-off person's messages go to the advocate,
and what the console sends reaches the person on their channel.

Rasa pauses a conversation (ConversationPaused, from action_request_handoff) but cannot pass
messages between a paused conversation and someone outside Rasa, so this part is ours:
- the channels call person_said() before the bot sees a message: while the conversation is handed
  off, the message is written to the transcript (the bot, paused, stays silent); BACK (VOLVER)
  cancels the request and resumes the bot;
- the console writes each advocate message, join, leave and close as a `pending` transcript line,
  then calls POST /webhooks/<channel>/relay with only the line's id and HANDOFF_RELAY_TOKEN; the
  channel delivers the line and marks it sent or blocked (a STOP), and a close resumes the bot.
  Carrying only an id means the endpoint can send nothing that is not already in the transcript.
Resuming appends Rasa's ConversationResumed event under Rasa's lock store, as Rasa's own
/tracker/events API would; that API is not enabled, since it would open every tracker to a token.
"""

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from babel.lists import format_list
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ConversationResumed
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import db, referrals, settings
from bot.handoff import queue, transcript
from bot.handoff.queue import HandoffRequest
from bot.handoff.transcript import HandoffMessage
from bot.i18n import render

logger = logging.getLogger(__name__)

BACK = {"BACK", "VOLVER", "REGRESAR"}


@dataclass(frozen=True)
class Line:
    """A pending transcript line to deliver, read out of its database session."""

    id: int
    conversation_id: str
    language: str
    sender: str
    kind: str
    name: str | None
    text: str


# Delivers a line on a channel; returns None when sent, else why not ("opted_out", ...).
Deliver = Callable[[Line], Awaitable[str | None]]


@dataclass(frozen=True)
class HandedOff:
    back: bool  # the person asked to go back to the bot
    language: str


def prepare() -> None:
    """At start: the tables, and the relay's secret, so that production refuses to start without it."""
    settings.secret("HANDOFF_RELAY_TOKEN")
    queue.create_tables()
    transcript.create_tables()
    referrals.create_tables()


def _advocate_wrote_since(session: Session, referral: referrals.Referral) -> bool:
    """Whether the advocate wrote more than the consent question since asking it."""
    query = select(func.count()).where(
        HandoffMessage.request_id == referral.request_id,
        HandoffMessage.sender == transcript.ADVOCATE,
        HandoffMessage.at >= referral.created_at,
    )
    return (session.scalar(query) or 0) > 1


def _referral_answer(session: Session, request: HandoffRequest, text: str) -> None:
    """WITHDRAW ends the person's releases; an explicit yes or no answers a referral waiting for
    it. Either way the advocate sees a notice and the person one reply, which the console
    delivers as it delivers the advocate's own lines (bot/console/delivery.py)."""
    lang = request.language
    if text.strip().strip(".!").upper() in referrals.WITHDRAW:
        ended = referrals.withdraw(session, request.conversation_id)
        for referral in ended:
            referrals.audit(session, "referral_withdrawn", referral)
        names = format_list(sorted({r.partner_name for r in ended}), locale=lang)
        notice = f"The person withdrew their consent: {names} can no longer open the referral." if ended else None
        reply = (
            render("referral.withdrawn", lang, partners=names)
            if ended
            else render("referral.nothing_to_withdraw", lang)
        )
    else:
        waiting = referrals.asked(session, request.conversation_id)
        said = (
            referrals.answer(session, waiting, text, request.channel, _advocate_wrote_since(session, waiting))
            if waiting
            else None
        )
        if said is None:
            return
        referrals.audit(session, "referral_consented" if said == "yes" else "referral_refused", waiting)
        notice = (
            f"The person agreed to the referral to {waiting.partner_name}, until {waiting.expires_at.date()}."
            if said == "yes"
            else f"The person said no to the referral to {waiting.partner_name}: nothing is shared."
        )
        expiry = referrals.expires(waiting, lang)
        reply = (
            render("referral.agreed", lang, partner=waiting.partner_name, expires=expiry)
            if said == "yes"
            else render("referral.declined", lang)
        )
    if notice:
        transcript.add(session, request.id, transcript.NOTICE, notice)
    transcript.add(session, request.id, transcript.BOT, reply, status="pending")


def person_said(conversation_id: str, text: str, external_id: str | None = None) -> HandedOff | None:
    """None when the bot should answer; otherwise the message is the advocate's to read."""
    with db.session() as session, session.begin():
        request = queue.open_request(session, conversation_id)
        if request is None:
            return None
        if transcript.add(session, request.id, transcript.PERSON, text, external_id=external_id) is not None:
            _referral_answer(session, request, text)
        back = text.strip().strip(".!").upper() in BACK
        if back:
            transcript.add(session, request.id, transcript.NOTICE, "The person went back to the assistant.")
            queue.finish(session, request.id, "cancelled")
        return HandedOff(back, request.language)


async def resume(app: Sanic, conversation_id: str) -> None:
    """Let the bot answer this conversation again. The bot was paused after its own last action,
    so it is marked as listening, as after any turn: the rules then see the next message as new."""
    agent = app.ctx.agent
    async with agent.lock_store.lock(conversation_id):
        tracker = await agent.tracker_store.retrieve(conversation_id)
        if tracker is not None and tracker.is_paused():
            tracker.update(ConversationResumed())
            tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
            await agent.tracker_store.save(tracker)


def authorised(request: Request) -> bool:
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # compare_digest raises on text that is not ASCII, which any header can carry
    return bool(sent) and sent.isascii() and secrets.compare_digest(sent, settings.secret("HANDOFF_RELAY_TOKEN"))


def _pending_line(line_id: int, channel: str) -> tuple[Line | None, str | None]:
    with db.session() as session, session.begin():
        found = session.get(HandoffMessage, line_id)
        request = session.get(HandoffRequest, found.request_id) if found else None
        if found is None or request is None or found.status != "pending" or request.channel != channel:
            return None, "unknown_line"
        if request.status not in queue.OPEN:
            transcript.mark(session, line_id, "blocked", "not_handed_off")
            return None, "not_handed_off"
        line = Line(found.id, request.conversation_id, request.language, found.sender, found.kind, found.name,
                    found.text)  # fmt: skip
        return line, None


def add_route(blueprint: Blueprint, channel: str, deliver: Deliver) -> None:
    """POST <channel>/relay {"line_id": N}: deliver one pending line from the console."""

    @blueprint.route("/relay", methods=["POST"])
    async def relay(request: Request) -> HTTPResponse:
        if not authorised(request):
            return response.json({"error": "unauthorised"}, status=401)
        body = request.json if request.body else None
        line_id = body.get("line_id") if isinstance(body, dict) else None
        if type(line_id) is not int or not 0 < line_id < 2**63:  # not true/false; what a database holds
            return response.json({"error": "line_id (a positive integer) is required"}, status=400)
        line, problem = _pending_line(line_id, channel)
        if line is None:
            return response.json({"error": problem}, status=404 if problem == "unknown_line" else 409)
        error = await deliver(line)
        if line.kind == transcript.CLOSED:
            await resume(request.app, line.conversation_id)
        with db.session() as session, session.begin():
            transcript.mark(session, line.id, "blocked" if error else "sent", error)
            if line.kind == transcript.CLOSED:
                request_id = session.get(HandoffMessage, line.id).request_id
                queue.finish(session, request_id, "closed")
        if error:
            logger.info("handoff: a %s line was not delivered: %s", line.kind, error)
            return response.json({"status": "blocked", "error": error}, status=409)
        return response.json({"status": "sent"})
