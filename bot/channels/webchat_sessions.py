"""Who may speak in a web chat: the server names each conversation and signs the name.

Rasa's socket.io channel lets a client name any session id and then reads and writes that
conversation, so an id that leaks (a page script, a log, a database copy) is a key to it. Here
the server issues the id ("web-" and 128 random bits) with an HMAC token (WEBCHAT_TOKEN_KEY) the
widget keeps beside it; a socket joins only a session whose token it presents, and every message
and delete it sends is for that session only. A client that presents no valid token (Rasa's
standard clients, which send only the id) gets a fresh session, never someone else's. The "web-"
prefix is this channel's namespace: the REST channel refuses ids of another channel's form.
Only pages of the allowed origins (allowed_origin) may open the socket.
"""

import hashlib
import hmac
import secrets

from bot import settings

PREFIX = "web-"


def new_session() -> str:
    return PREFIX + secrets.token_hex(16)


def token(session: str) -> str:
    key = settings.secret("WEBCHAT_TOKEN_KEY").encode()
    return hmac.new(key, session.encode(), hashlib.sha256).hexdigest()


def valid(session: object, presented: object) -> bool:
    return (
        isinstance(session, str)
        and isinstance(presented, str)
        and session.startswith(PREFIX)
        and len(session) <= 128
        and session.isascii()  # as every id the server issues; and compare_digest takes no other text
        and presented.isascii()
        and hmac.compare_digest(token(session), presented)
    )


class Sockets:
    """The session each connected socket holds (in this process: a socket talks to one server)."""

    def __init__(self) -> None:
        self._held: dict[str, str] = {}

    def hold(self, sid: str, session: str) -> None:
        self._held[sid] = session

    def held(self, sid: str, named: object) -> str | None:
        """The socket's session when it names that one (or none); None for any other."""
        session = self._held.get(sid)
        return session if session is not None and named in (None, session) else None

    def drop(self, sid: str) -> None:
        self._held.pop(sid, None)

    def sessions(self) -> list[str]:
        """The sessions with a socket open here."""
        return sorted(set(self._held.values()))


def allowed_origin(origin: str | None, environ: dict | None = None) -> bool:
    """Whether a page of this origin may use the web chat (python-engineio asks for each
    connection, WebSocket and polling alike, and answers CORS with it). WEBCHAT_ALLOWED_ORIGINS
    lists the partner sites (comma-separated, "*" for any); unset, development allows any and
    production only the bot's own pages."""
    configured = settings.setting("WEBCHAT_ALLOWED_ORIGINS")
    if configured is None:
        return settings.development() or origin == _own_origin(environ or {})
    allowed = {o.strip().rstrip("/") for o in configured.split(",") if o.strip()}
    return "*" in allowed or origin in allowed or origin == _own_origin(environ or {})


def _own_origin(environ: dict) -> str | None:
    host = environ.get("HTTP_HOST")
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}" if host else None
