"""Sends texts through Twilio's Messages API without blocking the server, and keeps the outcome.

Transient failures (Twilio 429 and 5xx, network errors) are retried with a bounded backoff; every
text ends up in sms_outbound as sent, failed or blocked (the number opted out), and Twilio's
status callbacks later mark delivery failures. TWILIO_API_BASE_URL points tests at a local fake.
"""

import asyncio
import logging

from aiohttp import ClientError
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from bot import crypto, db, settings
from bot.channels import sms_store, twilio_copies

logger = logging.getLogger(__name__)
# Twilio's client logs each request's parameters (the recipient's number, the text) at INFO.
_twilio_log = logging.getLogger("bot.channels.twilio_http")
_twilio_log.setLevel(logging.WARNING)

BACKOFF_SECONDS = (0.5, 1.0, 2.0)  # after the 1st, 2nd and 3rd failed try; then give up


def transient(error: Exception) -> bool:
    if isinstance(error, TwilioRestException):
        return error.status == 429 or error.status >= 500
    return isinstance(error, (ClientError, asyncio.TimeoutError, ConnectionError))


class Sender:
    def __init__(self) -> None:
        self.client = Client(
            settings.secret("TWILIO_ACCOUNT_SID"),
            settings.secret("TWILIO_AUTH_TOKEN"),
            http_client=AsyncTwilioHttpClient(timeout=10, logger=_twilio_log),
        )
        self.client.api.base_url = settings.setting("TWILIO_API_BASE_URL", "https://api.twilio.com")
        self.sender = settings.setting("SMS_FROM", "+15005550006")  # Twilio's test number in development
        self.status_callback = settings.setting("SMS_STATUS_CALLBACK_URL")

    async def send(
        self, conversation_id: str, texts: list[str], force: bool = False, line_id: int | None = None
    ) -> list[str]:
        """Send texts in order to the conversation's number, unless it opted out (`force` is
        only for the one confirmation of an opt-out); each text's outcome: sent, failed or blocked.
        The texts of a handoff transcript line (line_id) are linked to it for delivery reports."""
        outcomes = []
        for text in texts:
            with db.session() as session, session.begin():
                contact = session.get(sms_store.Contact, conversation_id)
                if contact is None:
                    return outcomes + ["failed"] * (len(texts) - len(outcomes))
                record = sms_store.Outbound(conversation_id=conversation_id, status="sending", attempts=0)
                session.add(record)
                if contact.opted_out and not force:
                    record.status, record.error = "blocked", "opted out"
                    outcomes.append("blocked")
                    continue
                number = crypto.decrypt(contact.number_encrypted)
                session.flush()
                record_id = record.id
            status, twilio_sid, error, attempts = await self._deliver(number, text)
            with db.session() as session, session.begin():
                record = session.get(sms_store.Outbound, record_id)
                record.status, record.twilio_sid, record.error, record.attempts = status, twilio_sid, error, attempts
                if line_id is not None and twilio_sid:
                    # merge: a sid seen before (a test double's, or one restored from a backup) is relinked
                    # rather than failing the send after the text went out
                    session.merge(
                        sms_store.LineText(twilio_sid=twilio_sid, line_id=line_id, conversation_id=conversation_id)
                    )
                twilio_copies.forget(session, [twilio_sid])
            if status == "failed":
                logger.warning("sms: a text could not be sent after %s tries (%s)", attempts, error)
            outcomes.append(status)
        return outcomes

    async def _deliver(self, number: str, text: str) -> tuple[str, str | None, str | None, int]:
        """(status, Twilio's message sid, error, tries): up to 1 + len(BACKOFF_SECONDS) tries."""
        options = {"to": number, "from_": self.sender, "body": text}
        if self.status_callback:
            options["status_callback"] = self.status_callback
        attempt, reason = 0, None
        for attempt, pause in enumerate([*BACKOFF_SECONDS, None], start=1):
            try:
                message = await self.client.messages.create_async(**options)
                return "sent", message.sid, None, attempt
            except Exception as error:  # noqa: BLE001 - every failure is recorded, transient ones retried
                reason = f"{type(error).__name__} {getattr(error, 'status', '')}".strip()
                if not transient(error) or pause is None:
                    break
                await asyncio.sleep(pause)
        return "failed", None, reason, attempt
