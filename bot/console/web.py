"""What every console route shares: the safe response headers, the session cookie, and the check
that a request comes from a signed-in advocate with the right role and (for POSTs) CSRF token.

The console is used on shared laptops and holds the most sensitive data here, so every response
forbids caching, framing and third-party content.
"""

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import db, settings
from bot.console import accounts, pages, shift
from bot.i18n import DEFAULT_LANGUAGE, languages, render

COOKIE = "vwa_console"
LANGUAGE_COOKIE = "vwa_console_lang"  # the console's own words; a person's messages are as written
LOGIN_CSRF_COOKIE = "vwa_login_csrf"
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

Handler = Callable[..., Awaitable[HTTPResponse]]


@dataclass(frozen=True)
class Advocate:
    """The signed-in advocate of a request."""

    id: int
    name: str
    role: str
    csrf: str
    lang: str = DEFAULT_LANGUAGE
    away: bool = False  # set themselves away: signed in, not taking people now (bot/console/shift.py)

    @property
    def supervises(self) -> bool:
        return self.role in ("supervisor", "admin")


def page(body: str, status: int = 200) -> HTTPResponse:
    return response.html(body, status=status, headers=HEADERS)


def problem(request: Request, key: str, status: int, **params: object) -> HTTPResponse:
    """A page saying why an action was refused, in the console's language (console.problem.<key>)."""
    lang = console_language(request)
    return page(pages.message(render(f"console.problem.{key}", lang, **params), lang), status=status)


def set_cookie(reply: HTTPResponse, name: str, value: str, max_age: int) -> None:
    reply.cookies[name] = value
    cookie = reply.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["secure"] = settings.production()
    cookie["path"] = "/"
    cookie["max-age"] = max_age


def advocate_of(request: Request) -> Advocate | None:
    with db.session() as session:
        found = accounts.current(session, request.cookies.get(COOKIE))
        if found is None:
            return None
        row, advocate = found
        away = shift.is_away(session, advocate.id)
        return Advocate(
            advocate.id, advocate.display_name, advocate.role, row.csrf_token, console_language(request), away
        )


def console_language(request: Request) -> str:
    """The language the advocate chose for the console's words (a cookie: it is the browser's
    choice, like the zoom), English until they choose."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    return chosen if chosen in languages() else DEFAULT_LANGUAGE


def signed_in(roles: tuple[str, ...] | None = None) -> Callable[[Handler], Handler]:
    """Only for a valid session (else 303 to /login for pages, 401 for POSTs), only for `roles`,
    and for POSTs only with the session's CSRF token. The advocate is request.ctx.advocate."""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        async def checked(request: Request, *args, **kwargs) -> HTTPResponse:
            advocate = advocate_of(request)
            if advocate is None:
                if request.method == "GET":
                    return response.redirect("/login", status=303, headers=HEADERS)
                return problem(request, "sign_in_first", 401)
            if request.method != "GET":
                sent = request.headers.get("X-CSRF-Token") or (request.form.get("csrf") if request.form else None)
                if not sent or not sent.isascii() or not secrets.compare_digest(sent, advocate.csrf):
                    return problem(request, "expired", 403)
            if roles and advocate.role not in roles:
                return problem(request, "role", 403)
            request.ctx.advocate = advocate
            return await handler(request, *args, **kwargs)

        return checked

    return decorate
