"""The web chat: Rasa's socket.io channel, its input checked, and the embeddable widget it serves.

The protocol is Rasa's own (session_request, session_confirm, user_uttered, bot_uttered, session
persistence), so the widget works with a plain Rasa server and Rasa's socket.io clients work
with this one. What is added: sessions that work with the python-socketio Rasa installs (see
session_request), a message that is not an object with a text is refused instead of crashing the
handler, a store outage answers "please send it again" instead of resetting the
conversation (bot/channels/store_errors.py), the widget's files and a demo page are served
from bot/webchat/ so a page needs no third-party request, and while an advocate has the
conversation (bot/handoff/relay.py) messages go to the advocate and the advocate's come back.
Abuse is kept out: a socket speaks only in its own session (webchat_sessions.py), messages, new
chats and addresses are rate-limited (bot/limits.py), and a waiting request whose tab is gone
leaves the queue (bot/handoff/presence.py).
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import socketio
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import db, limits, settings
from bot.channels import store_errors, webchat_sessions
from bot.handoff import presence, relay, transcript
from bot.i18n import render
from bot.privacy import ERASE_REQUEST, asks_to_delete, erase, schedule

logger = logging.getLogger(__name__)

WIDGET_DIR = Path(__file__).resolve().parent.parent / "webchat"
FILES = {
    "widget.js": "application/javascript",
    "widget.css": "text/css",
    "demo.html": "text/html",
    "demo-es.html": "text/html",  # the same demo in Spanish: the widget follows the page's language
}
MAX_MESSAGE_CHARS = 10_000
LABELS = [
    f"webchat.{key}"
    for key in "launcher exit exit_hint close clear delete delete_hint delete_confirm input_label send typing offline "
    "you bot switch_language "
    "switch_language_hint switch_to".split()
]
# The widget's files carry no secrets and change only with a deploy; pages embed them freely.
HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


class ErasableOutput(SocketIOOutput):
    """Rasa's socket.io output, which notes action_delete_conversation's request to erase (the
    channel erases once the turn is saved) instead of sending it to the page."""

    erase_asked = False

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        if json_message == ERASE_REQUEST:
            self.erase_asked = True
            return
        await super().send_custom_json(recipient_id, json_message, **kwargs)


class WebchatInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "WebchatInput":
        credentials = credentials or {}
        return cls(session_persistence=credentials.get("session_persistence", True))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        self.sockets = webchat_sessions.Sockets()
        # Rasa's server answers no CORS and checks no Origin: the partner sites are listed instead.
        self.sio.eio.cors_allowed_origins = webchat_sessions.allowed_origin
        store_errors.register(webhook)
        schedule.register(webhook)
        limits.register(webhook)
        self._share_rooms_across_replicas()

        @webhook.listener("after_server_start")
        async def start(app, _loop) -> None:  # noqa: ANN001 - Sanic's listener signature
            relay.prepare()
            presence.create_tables()
            self.app = app
            app.add_task(self._keep_the_queue_tidy(), name="webchat.tidy_queue")  # named: cancelled at stop

        relay.add_route(webhook, self.name(), self._deliver_line)

        # A client can send any event with no argument or with several: each handler takes both.
        async def handle_message(sid: str, data: Any = None, *_: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                return
            text, session = data.get("message", ""), self.sockets.held(sid, data.get("session_id"))
            if session is None:
                return  # no session yet, or another one: a socket writes only in its own
            if not await self._within_limits(sid, session):
                return
            if len(text) > MAX_MESSAGE_CHARS:
                await self.sio.emit(self.bot_message_evt, {"text": render("webchat.too_long")}, room=sid)
                return
            text = text.encode("utf-8", "replace").decode()  # a lone surrogate (half an emoji) can't be stored: "?"
            output = ErasableOutput(self.sio, self.bot_message_evt)
            try:
                if asks_to_delete(text):  # works while an advocate has the conversation, too
                    await self._erase(session)
                    return
                handed_off = relay.person_said(session, text)
                if handed_off is not None and handed_off.back:
                    await relay.resume(self.app, session)
                    await self.sio.emit(self.bot_message_evt, {"text": render("handoff.back", handed_off.language)},
                                        room=session)  # fmt: skip
                    return
                hint = data.get("customData")  # the widget's language, with a new chat's first message
                metadata = {"language": hint["language"]} if isinstance(hint, dict) and "language" in hint else None
                await on_new_message(UserMessage(text, output, session, input_channel=self.name(), metadata=metadata))
                if output.erase_asked:
                    await self._erase(session)
            except store_errors.STORE_ERRORS as error:
                logger.error("webchat: conversation store unavailable: %s", type(error).__name__)
                await self.sio.emit(self.bot_message_evt, {"text": render("webchat.unavailable")}, room=sid)

        async def session_request(sid: str, data: Any = None, *_: Any) -> None:
            """Rasa's handler, but awaiting enter_room (in the python-socketio that Rasa 3.6 installs
            it is a coroutine, and Rasa's un-awaited call leaves the client out of its session's
            room), and joining only a session whose token is presented (webchat_sessions.py)."""
            requested = data.get("session_id") if isinstance(data, dict) else None
            presented = data.get("token") if isinstance(data, dict) else None
            address = self._address(sid)
            if not await limits.allow("address", address):
                await self._say(sid, "limits.slow_down")
                return
            if webchat_sessions.valid(requested, presented):
                session = requested
            elif await limits.allow("new_chat", address):
                session = webchat_sessions.new_session()
            else:
                await self._say(sid, "limits.new_chats")
                return
            self.sockets.hold(sid, session)
            self._note_presence(session, address)
            await self.sio.enter_room(sid, session, namespace=self.namespace)
            confirm = {"session_id": session, "token": webchat_sessions.token(session)}
            await self.sio.emit("session_confirm", confirm, room=sid)

        async def delete_conversation(sid: str, data: Any = None, *_: Any) -> None:
            """The widget's Delete button: works while an advocate has the conversation too."""
            session = self.sockets.held(sid, data.get("session_id") if isinstance(data, dict) else None)
            if session is None:
                return
            try:
                await self._erase(session)
            except store_errors.STORE_ERRORS as error:
                logger.error("webchat: cannot delete a conversation now: %s", type(error).__name__)
                await self.sio.emit(self.bot_message_evt, {"text": render("webchat.unavailable")}, room=sid)

        async def disconnect(sid: str) -> None:
            self.sockets.drop(sid)

        self.sio.on("disconnect", namespace=self.namespace)(disconnect)
        self.sio.on("delete_conversation", namespace=self.namespace)(delete_conversation)
        self.sio.on("session_request", namespace=self.namespace)(session_request)
        self.sio.on(self.user_message_evt, namespace=self.namespace)(handle_message)

        @webhook.route("/labels", methods=["GET"])
        async def labels(request: Request) -> HTTPResponse:
            """The widget's words in the page's language, from the catalog."""
            lang = request.args.get("lang", "en")[:8]
            words = {key.split(".", 1)[1]: render(key, lang) for key in LABELS}
            origin = request.headers.get("Origin")
            allowed = origin and webchat_sessions.allowed_origin(origin, {"HTTP_HOST": request.host})
            return response.json(
                words, headers={**HEADERS, **({"Access-Control-Allow-Origin": origin} if allowed else {})}
            )

        @webhook.route("/<name:str>", methods=["GET"])
        async def widget_file(request: Request, name: str) -> HTTPResponse:
            if name not in FILES:
                return response.text("Not found", status=404)
            body = (WIDGET_DIR / name).read_text(encoding="utf-8")
            return response.text(body, content_type=f"{FILES[name]}; charset=utf-8", headers=HEADERS)

        return webhook

    def _address(self, sid: str) -> str:
        """The client's address, as the HTTP request that opened the socket had it."""
        request = (self.sio.get_environ(sid, namespace=self.namespace) or {}).get("sanic.request")
        return limits.client_address(request) if request is not None else "unknown"

    async def _say(self, sid: str, key: str) -> None:
        await self.sio.emit(self.bot_message_evt, {"text": render(key)}, room=sid)

    async def _within_limits(self, sid: str, session: str) -> bool:
        """Per address and per conversation; the first refusal of a minute says why (with 911/988)."""
        if await limits.allow("address", self._address(sid)) and await limits.allow("conversation", session):
            return True
        if await limits.allow("notice", session):
            await self._say(sid, "limits.slow_down")
        return False

    @staticmethod
    def _note_presence(session: str, address: str) -> None:
        try:
            with db.session() as s, s.begin():
                presence.joined(s, session, limits.pseudonym(address))
        except store_errors.STORE_ERRORS as error:  # the chat goes on; the queue is tidied later
            logger.error("webchat: cannot note an open chat: %s", type(error).__name__)

    async def _keep_the_queue_tidy(self) -> None:
        """Note the sessions with a tab open here, and take abandoned ones out of the queue."""
        every = min(60.0, presence.abandoned_after().total_seconds() / 3)
        while True:
            await asyncio.sleep(every)
            try:
                with db.session() as session, session.begin():
                    presence.seen(session, self.sockets.sessions())
                    presence.sweep(session)
            except Exception as error:  # noqa: BLE001 - tried again next time
                logger.error("webchat: cannot tidy the queue: %s", type(error).__name__)

    async def _erase(self, session: str) -> None:
        """Erase the conversation, then tell every tab of it, which clears itself."""
        lang = await erase.erase(self.app.ctx.agent, session)
        await self.sio.emit(self.bot_message_evt, {"text": render("privacy.deleted_web", lang), "erased": True},
                            room=session)  # fmt: skip

    def _share_rooms_across_replicas(self) -> None:
        """With several replicas (production, REDIS_HOST set) a person's socket is on one of them,
        while a relay call from the console may reach another: python-socketio's Redis manager
        passes the emit to the replica that has the socket. Rasa's channel builds its own
        AsyncServer and offers no setting for this, so the manager is swapped in before first use."""
        url = settings.redis_url()
        if not url:
            return
        manager = socketio.AsyncRedisManager(url, channel="vwa-socketio")
        manager.set_server(self.sio)
        self.sio.manager = manager

    async def _deliver_line(self, line: relay.Line) -> str | None:
        """To the person's session room, so every tab and a reloaded page gets it; an advocate's
        message carries their name in `sender`, which the widget shows. With no tab open nobody
        would see it (socket.io keeps nothing for later), so the advocate is told instead."""
        shared = isinstance(self.sio.manager, socketio.AsyncRedisManager)  # the tab may be on another replica
        if not shared and not any(self.sio.manager.get_participants(self.namespace or "/", line.conversation_id)):
            return "not_connected"
        message = {"text": line.text}
        if line.sender == transcript.ADVOCATE:
            message["sender"] = render("handoff.from_advocate", line.language, name=line.name)
        await self.sio.emit(self.bot_message_evt, message, room=line.conversation_id)
        return None
