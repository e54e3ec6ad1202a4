"""Rasa's REST channel with its input checked first.

Same URL and protocol as Rasa's own (POST /webhooks/rest/webhook with {"sender", "message"}),
but Rasa's accepts a request without a sender and files it under the shared conversation
"default" (one person would read another's answers), crashes with a 500 on a missing message or
a JSON array, logs the message text when something fails, and carries on with a blank
conversation when its database is down. Here such requests get a clear 400, 413 or 503 and
nothing is processed, and no log line carries what a person wrote. Too many requests from one
address or for one sender get 429 (bot/limits.py).
"""

import hmac
import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import limits, settings
from bot.channels import store_errors
from bot.i18n import render
from bot.privacy import ERASE_REQUEST, asks_to_delete, erase, schedule

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 10_000
MAX_SENDER_CHARS = 128
# The other channels' conversation ids (sms_store.conversation_id, webchat_sessions.PREFIX): the
# REST channel can address none of them.
OTHER_CHANNELS = ("sms-", "web-")


class BadRequest(ValueError):
    """What is wrong with a request, in words the caller can act on."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def parse(request: Request) -> tuple[str, str, dict | None]:
    """sender, message and metadata from a request body, or BadRequest."""
    try:
        body = request.json
    except Exception as error:  # Sanic raises its own InvalidUsage for unparseable JSON
        raise BadRequest("The body must be JSON.") from error
    if not isinstance(body, dict):
        raise BadRequest('The body must be a JSON object: {"sender": "...", "message": "..."}.')
    sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata")
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest('"sender" must be a non-empty string that identifies the conversation.')
    if len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f'"sender" must be at most {MAX_SENDER_CHARS} characters.')
    if not sender.isprintable():  # a NUL or lone surrogate is no id a database can keep
        raise BadRequest('"sender" must be printable text (no control or invisible characters).')
    if sender.startswith(OTHER_CHANNELS):
        raise BadRequest('"sender" names a conversation of another channel.', status=403)
    if not isinstance(message, str):
        raise BadRequest('"message" must be a string.')
    if len(message) > MAX_MESSAGE_CHARS:
        raise BadRequest(f"Messages can be at most {MAX_MESSAGE_CHARS} characters.", status=413)
    if any("\ud800" <= char <= "\udfff" for char in message):  # half an emoji: nothing can store or send it
        raise BadRequest('"message" must be valid Unicode text (it has a lone surrogate).')
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest('"metadata" must be a JSON object when given.')
    return sender, message, metadata


def authorised(request: Request) -> bool:
    """The REST channel is for development, tests and trusted back ends: outside development a
    request must carry REST_API_TOKEN as a bearer token."""
    if settings.development():
        return True
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # compare_digest raises on text that is not ASCII, which any header can carry
    return bool(sent) and sent.isascii() and hmac.compare_digest(sent, settings.secret("REST_API_TOKEN"))


def slow_down() -> HTTPResponse:
    """429, in words a person can act on, 911 and 988 included (bot/limits.py)."""
    return response.json({"error": render("limits.slow_down")}, status=429, headers={"Retry-After": "60"})


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        store_errors.register(webhook)
        schedule.register(webhook)
        limits.register(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not authorised(request):
                return response.json({"error": "The REST channel needs its token (REST_API_TOKEN)."}, status=401)
            if not await limits.allow("address", limits.client_address(request)):
                return slow_down()
            try:
                sender, text, metadata = parse(request)
            except BadRequest as error:
                return response.json({"error": str(error)}, status=error.status)
            if not await limits.allow("conversation", f"rest:{sender}"):
                return slow_down()
            collector = CollectingOutputChannel()
            try:
                if asks_to_delete(text):
                    collector.messages.append({"custom": ERASE_REQUEST})
                else:
                    await on_new_message(
                        UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
                    )
            except store_errors.STORE_ERRORS as error:
                logger.error("rest: conversation store unavailable: %s", type(error).__name__)
                return response.json(
                    {"error": "The assistant can't reach its storage right now. Please send it again in a minute."},
                    status=503,
                )
            except CancelledError:
                logger.error("rest: handling a message timed out")
                return response.json({"error": "The assistant took too long. Please send it again."}, status=503)
            except Exception as error:  # the person gets a clear error, the log gets no message text
                logger.error("rest: handling a message failed: %s", type(error).__name__)
                return response.json({"error": "Something went wrong. Please send it again."}, status=500)
            if erase.asked(collector.messages):
                lang = await erase.erase(request.app.ctx.agent, sender)
                return response.json([{"recipient_id": sender, "text": render("privacy.deleted_web", lang)}])
            return response.json(collector.messages)

        return webhook
