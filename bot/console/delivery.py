"""Hands the console's pending transcript lines to the bot's server, which delivers them on the
person's channel (bot/handoff/relay.py), and retries until it has.

A line is written as `pending` before anything is sent, so an advocate's message survives a
restart of either process: the console retries every few seconds and at start. The bot's server
marks each line sent or blocked (and why); the console only reads that back. RASA_URL names the
bot's server, HANDOFF_RELAY_TOKEN is the secret both share.
"""

import asyncio
import logging

import aiohttp

from bot import db, settings
from bot.handoff import queue, transcript
from bot.handoff.transcript import HandoffMessage

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
TIMEOUT = aiohttp.ClientTimeout(total=15)
_in_flight: set[int] = set()


def _status(line_id: int) -> tuple[str, str | None]:
    with db.session() as session:
        line = session.get(HandoffMessage, line_id)
        return line.status, line.error


async def deliver(line_id: int) -> tuple[str, str | None]:
    """Ask the bot's server to deliver one line; (status, error) as it stands afterwards."""
    with db.session() as session:
        line = session.get(HandoffMessage, line_id)
        if line is None or line.status != "pending" or line_id in _in_flight:
            return (line.status, line.error) if line else ("blocked", "unknown_line")
        channel = session.get(queue.HandoffRequest, line.request_id).channel
        earlier = [e.id for e in transcript.pending(session) if e.request_id == line.request_id and e.id < line_id]
    for earlier_id in earlier:  # in order: a person must not read the second message first
        if (await deliver(earlier_id))[0] == "pending":
            return "pending", None
    url = f"{settings.setting('RASA_URL', 'http://127.0.0.1:5005').rstrip('/')}/webhooks/{channel}/relay"
    headers = {"Authorization": f"Bearer {settings.secret('HANDOFF_RELAY_TOKEN')}"}
    _in_flight.add(line_id)
    try:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            async with http.post(url, json={"line_id": line_id}, headers=headers) as reply:
                if reply.status >= 500 or reply.status == 401:
                    logger.warning("handoff: the bot's server answered %s to a relay", reply.status)
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        logger.warning("handoff: the bot's server cannot be reached (%s); will retry", type(error).__name__)
    finally:
        _in_flight.discard(line_id)
    return _status(line_id)


async def retry_forever() -> None:
    """Deliver what is still pending: lines written while the bot's server was away."""
    while True:
        try:
            with db.session() as session:
                waiting = [line.id for line in transcript.pending(session)]
            for line_id in waiting:
                await deliver(line_id)
        except Exception as error:  # noqa: BLE001 - the loop must outlive a database outage
            logger.error("handoff: retrying pending messages failed: %s", type(error).__name__)
        await asyncio.sleep(RETRY_SECONDS)
