"""Live updates for the console over a websocket: the queue as it changes, and a conversation's
new lines and delivery statuses as they happen.

The bot and the console are separate processes (and in production separate hosts) that share
only the app database, which is also where every message is written first. So the socket reads
the database once a second and sends what changed: nothing is missed across a restart of either
process, and no message broker is needed. Only a signed-in advocate gets a socket, only from the
console's own pages (the Origin is checked), and only for a conversation they may read; the
session and role are checked again on every poll, so a sign-out, expiry, deactivation or role
change closes it, and opening a conversation over it is audited.
"""

import asyncio
import datetime as dt
import json
from urllib.parse import urlparse

from sanic import Sanic
from sanic.request import Request
from sqlalchemy import select
from sqlalchemy.orm import Session
from websockets.exceptions import ConnectionClosed

from bot import db
from bot.console import accounts, labels
from bot.console.conversation import line_view, readable
from bot.console.web import advocate_of
from bot.handoff import queue, transcript

POLL_SECONDS = 1.0


def queue_rows(session: Session, lang: str) -> list[dict]:
    """The waiting requests as the queue shows them, most urgent first, in the advocate's words
    (bot/console/labels.py). The wait is in whole minutes, so the live socket sends the queue again
    when a minute has passed, and the page shows no clock of its own."""
    return [
        {
            "id": r.id,
            **labels.priority(r.priority, lang),
            "wait": queue.wait_minutes(r),
            "channel": labels.channel(r.channel, lang),
            "language": labels.language(r.language, lang),
            **labels.summary(r.summary, lang),
        }
        for r in queue.waiting(session)
    ]


def left_the_queue(session: Session, lang: str, since: dt.timedelta = dt.timedelta(hours=1)) -> list[dict]:
    """Requests that left the queue on their own lately, with why (their transcript's notice: the
    person went back to the assistant, or closed the chat and did not come back), so an advocate
    knows where someone went. Nothing the person wrote is shown."""
    requests, lines = queue.HandoffRequest, transcript.HandoffMessage
    query = (
        select(requests, lines)
        .join(lines, lines.request_id == requests.id)
        .where(requests.status == "cancelled", requests.advocate_id.is_(None))
        .where(lines.sender == transcript.NOTICE, lines.at >= db.now() - since)
        .order_by(lines.at.desc())
        .limit(20)
    )
    return [
        {
            "priority": labels.priority(r.priority, lang)["priority_label"],
            "channel": labels.channel(r.channel, lang),
            "at": f"{line.at:%H:%M}",
            "why": line.text,
        }
        for r, line in session.execute(query)
    ]


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("Origin", "")
    return bool(origin) and urlparse(origin).netloc == request.host


def _int(value: str | None) -> int:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) <= 18 else 0  # not "²"


def add_routes(app: Sanic) -> None:
    @app.websocket("/live")
    async def feed(request: Request, ws) -> None:  # noqa: ANN001 - Sanic's websocket
        advocate = advocate_of(request)
        if advocate is None or not _same_origin(request):
            await ws.close(code=4401, reason="sign in first")
            return
        request_id, after = _int(request.args.get("request")), _int(request.args.get("after"))
        sent_queue, statuses, state, audited = None, {}, None, False
        try:
            while True:
                updates = []
                advocate = advocate_of(request)  # every poll: a sign-out, expiry or deactivation ends it
                if advocate is None:
                    await ws.close(code=4401, reason="signed out")
                    return
                with db.session() as session:
                    if request_id:
                        found = readable(session, request_id, advocate)  # and a role that no longer may
                        if found is None:
                            await ws.close(code=4403, reason="not yours")
                            return
                        if not audited:
                            accounts.audit(session, advocate.id, "view_live", found.conversation_id)
                            session.commit()
                            audited = True
                        for line in transcript.lines(session, request_id, after):
                            view = line_view(line)
                            if statuses.get(line.id) != (line.status, line.error):
                                statuses[line.id] = (line.status, line.error)
                                updates.append({"line": view})
                        waiting = [i for i, (status, _) in statuses.items() if status == "pending"]
                        after = min(waiting) - 1 if waiting else max(statuses, default=after)
                        if found.status != state:
                            state = found.status
                            updates.append({"state": state})
                    else:
                        rows = queue_rows(session, advocate.lang)
                        if rows != sent_queue:
                            sent_queue = rows
                            updates.append({"queue": rows})
                for update in updates:
                    await ws.send(json.dumps(update))
                await asyncio.sleep(POLL_SECONDS)
        except ConnectionClosed:
            return
