"""Live updates for the console over a websocket: the queue and the advocate's own conversations
(with unread counts) as they change, and the open conversation's new lines and delivery statuses
as they happen.

The bot and the console are separate processes (and in production separate hosts) that share
only the app database, which is also where every message is written first. So the socket reads
the database once a second and sends what changed: nothing is missed across a restart of either
process, and no message broker is needed. Only a signed-in advocate gets a socket, only from the
console's own pages (the Origin is checked), and only for a conversation they may read; the
session and role are checked again on every poll, so a sign-out, expiry, deactivation or role
change closes it, and opening a conversation over it is audited.
"""

import asyncio
import json
from urllib.parse import urlparse

from sanic import Sanic
from sanic.request import Request
from websockets.exceptions import ConnectionClosed

from bot import db
from bot.console import accounts, shift
from bot.console.conversation import line_view, readable, watch_after
from bot.console.lists import my_rows, queue_rows
from bot.console.web import advocate_of
from bot.handoff import transcript

POLL_SECONDS = 1.0


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
        sent_queue, sent_mine, statuses, state, audited = None, None, {}, None, False
        try:
            while True:
                update = {}  # what changed since the last poll, as one message
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
                            audited = True
                        for line in transcript.lines(session, request_id, after):
                            if statuses.get(line.id) != (line.status, line.error):
                                statuses[line.id] = (line.status, line.error)
                                update.setdefault("lines", []).append(line_view(line, advocate.lang))
                        after = watch_after({i: s for i, (s, _) in statuses.items()}, found.channel, after)
                        if "lines" in update:  # on the page now: read
                            shift.mark_seen(session, advocate.id, request_id, max(statuses))
                        if found.status != state:
                            state = found.status
                            update["state"] = state
                        session.commit()
                    rows = queue_rows(session, advocate.lang)
                    if rows != sent_queue:
                        sent_queue = rows
                        update["queue"] = rows
                    mine = my_rows(session, advocate.id, advocate.lang)
                    if mine != sent_mine:
                        sent_mine = mine
                        update["mine"] = mine
                if update:
                    await ws.send(json.dumps(update))
                await asyncio.sleep(POLL_SECONDS)
        except ConnectionClosed:
            return
