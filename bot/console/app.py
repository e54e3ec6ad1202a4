"""The console's web app (Sanic): sign-in, sign-out, the signed-in home and the audit log.

Every page needs a session except the sign-in form; every POST needs the CSRF token of its
session (the sign-in form: a double-submit token); every response forbids caching, framing and
third-party content, since it is used on shared laptops and holds the most sensitive data here.
"""

import secrets
from collections.abc import Awaitable, Callable
from functools import wraps

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import select

from bot import db, settings
from bot.console import accounts, pages
from bot.console.models import Advocate, AuditEntry
from bot.handoff import queue

COOKIE = "vwa_console"
LOGIN_CSRF_COOKIE = "vwa_login_csrf"
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

Handler = Callable[..., Awaitable[HTTPResponse]]


def page(body: str, status: int = 200) -> HTTPResponse:
    return response.html(body, status=status, headers=HEADERS)


def set_cookie(reply: HTTPResponse, name: str, value: str, max_age: int) -> None:
    reply.cookies[name] = value
    cookie = reply.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["secure"] = settings.production()
    cookie["path"] = "/"
    cookie["max-age"] = max_age


def signed_in(roles: tuple[str, ...] | None = None) -> Callable[[Handler], Handler]:
    """Only for a valid session (else 303 to /login for pages, 401 for POSTs), only for `roles`,
    and for POSTs only with the session's CSRF token."""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        async def checked(request: Request, *args, **kwargs) -> HTTPResponse:
            with db.session() as session, session.begin():
                found = accounts.current(session, request.cookies.get(COOKIE))
                if found is None:
                    if request.method == "GET":
                        return response.redirect("/login", status=303, headers=HEADERS)
                    return page(pages.message("Sign in first."), status=401)
                row, advocate = found
                if request.method != "GET":
                    sent = request.headers.get("X-CSRF-Token") or (request.form.get("csrf") if request.form else None)
                    if not sent or not secrets.compare_digest(sent, row.csrf_token):
                        return page(pages.message("This form has expired. Reload the page and try again."), 403)
                if roles and advocate.role not in roles:
                    return page(pages.message("Your role cannot open this page."), status=403)
                request.ctx.advocate_id, request.ctx.csrf = advocate.id, row.csrf_token
                request.ctx.name, request.ctx.role = advocate.display_name, advocate.role
            return await handler(request, *args, **kwargs)

        return checked

    return decorate


def create_app() -> Sanic:
    accounts.create_tables()
    queue.create_tables()
    app = Sanic("vwa_console")

    @app.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        token = secrets.token_urlsafe(32)
        reply = page(pages.login(token))
        set_cookie(reply, LOGIN_CSRF_COOKIE, token, max_age=1800)
        return reply

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        form = request.form or {}
        sent, expected = form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE)
        if not sent or not expected or not secrets.compare_digest(sent, expected):
            return page(pages.message("This form has expired. Reload the page and try again."), status=403)
        username, password = (form.get("username") or "")[:64], form.get("password") or ""
        with db.session() as session, session.begin():
            if accounts.throttled(session, username):
                return page(pages.message("Too many failed sign-ins. Wait 15 minutes."), status=429)
            signed = accounts.sign_in(session, username, password)
        if signed is None:
            return page(pages.login(expected, error="Wrong username or password."), status=401)
        reply = response.redirect("/", status=303, headers=HEADERS)
        set_cookie(reply, COOKIE, signed[0], max_age=accounts.SESSION_HOURS * 3600)
        return reply

    @app.post("/logout")
    @signed_in()
    async def logout(request: Request) -> HTTPResponse:
        with db.session() as session, session.begin():
            accounts.audit(session, request.ctx.advocate_id, "sign_out")
            accounts.sign_out(session, request.cookies.get(COOKIE))
        reply = response.redirect("/login", status=303, headers=HEADERS)
        set_cookie(reply, COOKIE, "", max_age=0)
        return reply

    @app.get("/")
    @signed_in()
    async def home(request: Request) -> HTTPResponse:
        with db.session() as session:
            rows = [
                (r.id, queue.PRIORITY_NAMES[r.priority], queue.wait_minutes(r), r.channel, r.language, r.summary)
                for r in queue.waiting(session)
            ]
        return page(pages.home(request.ctx.name, request.ctx.role, request.ctx.csrf, rows))

    @app.post("/claim/<request_id:int>")
    @signed_in()
    async def claim(request: Request, request_id: int) -> HTTPResponse:
        try:
            with db.session() as session, session.begin():
                claimed = queue.claim(session, request_id, request.ctx.advocate_id)
                accounts.audit(session, request.ctx.advocate_id, "claim", claimed.conversation_id)
        except queue.ClaimError as error:
            return page(pages.message(str(error).capitalize() + "."), status=409)
        return response.redirect("/", status=303, headers=HEADERS)

    @app.post("/release/<request_id:int>")
    @signed_in()
    async def release(request: Request, request_id: int) -> HTTPResponse:
        try:
            with db.session() as session, session.begin():
                queue.release(session, request_id, request.ctx.advocate_id)
                accounts.audit(session, request.ctx.advocate_id, "release", str(request_id))
        except queue.ClaimError as error:
            return page(pages.message(str(error).capitalize() + "."), status=409)
        return response.redirect("/", status=303, headers=HEADERS)

    @app.post("/reassign/<request_id:int>")
    @signed_in(roles=("supervisor", "admin"))
    async def reassign(request: Request, request_id: int) -> HTTPResponse:
        username = (request.form.get("advocate") if request.form else "") or ""
        with db.session() as session, session.begin():
            target = session.scalar(select(Advocate).where(Advocate.username == username, Advocate.active.is_(True)))
            if target is None:
                return page(pages.message("There is no active advocate with that username."), status=400)
            try:
                queue.reassign(session, request_id, target.id)
            except queue.ClaimError as error:
                return page(pages.message(str(error).capitalize() + "."), status=409)
            accounts.audit(session, request.ctx.advocate_id, "reassign", str(request_id))
        return response.redirect("/", status=303, headers=HEADERS)

    @app.get("/audit")
    @signed_in(roles=("admin",))
    async def audit_log(request: Request) -> HTTPResponse:
        with db.session() as session, session.begin():
            accounts.audit(session, request.ctx.advocate_id, "view_audit")
            rows = session.execute(
                select(AuditEntry, Advocate.username)
                .outerjoin(Advocate, Advocate.id == AuditEntry.advocate_id)
                .order_by(AuditEntry.id.desc())
                .limit(500)
            ).all()
            entries = [(e.at, name or "-", e.action, e.conversation_id or "") for e, name in rows]
        return page(pages.audit(entries, request.ctx.csrf))

    return app
