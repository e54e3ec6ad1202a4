"""The console's web app (Sanic): sign-in and sign-out, the live queue, claiming, releasing and
reassigning, the conversation view (bot/console/conversation.py), live updates
(bot/console/live.py) and the audit log.

Every page needs a session except the sign-in form; every POST needs the CSRF token of its
session (the sign-in form: a double-submit token); see bot/console/web.py.
"""

import re
import secrets
from pathlib import Path

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import select

from bot import db, settings
from bot.console import accounts, conversation, delivery, lists, live, pages, shift, trends
from bot.console import referrals as console_referrals
from bot.console.models import Advocate, AuditEntry
from bot.console.web import (
    COOKIE,
    HEADERS,
    LANGUAGE_COOKIE,
    LOGIN_CSRF_COOKIE,
    console_language,
    page,
    problem,
    set_cookie,
    signed_in,
)
from bot.console.web import Advocate as WebAdvocate
from bot.handoff import queue, relay, transcript
from bot.i18n import languages, render
from bot.referrals import contacts, notify, partner_page

STATIC = Path(__file__).resolve().parent / "static"


def row_id(segment: str) -> int:
    """A request id in a path: ASCII digits that a database integer holds. Anything else is not
    found (Sanic routes on the ValueError), where <:int> took "٣" for 3 and let a longer number
    overflow into a 500."""
    if not (segment.isascii() and segment.isdigit() and len(segment) <= 18):
        raise ValueError("not a request id")
    return int(segment)


def create_app() -> Sanic:
    accounts.create_tables()
    relay.prepare()  # the handoff's tables and the referrals'
    contacts.load()  # a wrong referral partners file stops the console here, not on a page

    app = Sanic("vwa_console")
    app.router.register_pattern("id", row_id, r"^[0-9]{1,18}$")  # <request_id:id>
    # Behind a TLS proxy, the client's address comes from X-Forwarded-For (sign-in throttling).
    app.config.PROXIES_COUNT = int(settings.setting("CONSOLE_PROXIES_COUNT", "0"))
    app.static("/static", str(STATIC), name="static")
    conversation.add_routes(app)
    console_referrals.add_routes(app)
    trends.add_routes(app)
    partner_page.add_routes(app)
    live.add_routes(app)

    @app.listener("after_server_start")
    async def start(app: Sanic, _loop) -> None:  # noqa: ANN001 - Sanic's listener signature
        # Named, so that Sanic cancels them when the server stops instead of leaving them pending.
        app.add_task(delivery.retry_forever(), name="console.retry_delivery")
        app.add_task(notify.notify_forever(), name="console.notify_partners")

    @app.on_request
    async def no_control_characters(request: Request) -> HTTPResponse | None:
        """A NUL is no text PostgreSQL can keep (psycopg2 raises before the query): a form carrying
        one is refused here, as one clear error, not a 500 in whichever handler. (Query strings
        reach no query: the live socket reads only numbers from its own.)"""
        try:
            values = [v for vs in (request.form or {}).values() for v in vs]
        except Exception:  # noqa: BLE001 - a body Sanic cannot parse as a form: the handlers answer it
            return None
        if any("\x00" in value for value in values):
            return problem(request, "nul", 400)
        return None

    @app.on_response
    async def safe_headers(request: Request, reply: HTTPResponse) -> None:
        for name, value in HEADERS.items():
            reply.headers.setdefault(name, value)

    @app.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        token = secrets.token_urlsafe(32)
        reply = page(pages.login(token, console_language(request)))
        set_cookie(reply, LOGIN_CSRF_COOKIE, token, max_age=1800)
        return reply

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        form = request.form or {}
        sent, expected = form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE)
        if not sent or not expected or not (sent + expected).isascii() or not secrets.compare_digest(sent, expected):
            return problem(request, "expired", 403)
        username, password = (form.get("username") or "")[:64], form.get("password") or ""
        address = request.remote_addr or request.ip  # the client's, behind CONSOLE_PROXIES_COUNT proxies
        with db.session() as session, session.begin():
            wait = accounts.retry_after(session, username, address)
            if wait:
                reply = problem(request, "too_many_sign_ins", 429, seconds=wait)
                reply.headers["Retry-After"] = str(wait)
                return reply
            signed = accounts.sign_in(session, username, password, address)
        if signed is None:
            lang = console_language(request)
            return page(pages.login(expected, lang, error=render("console.login.wrong", lang)), status=401)
        reply = response.redirect("/", status=303, headers=HEADERS)
        set_cookie(reply, COOKIE, signed[0], max_age=accounts.SESSION_HOURS * 3600)
        return reply

    @app.post("/logout")
    @signed_in()
    async def logout(request: Request) -> HTTPResponse:
        with db.session() as session, session.begin():
            accounts.audit(session, request.ctx.advocate.id, "sign_out")
            accounts.sign_out(session, request.cookies.get(COOKIE))
        reply = response.redirect("/login", status=303, headers=HEADERS)
        set_cookie(reply, COOKIE, "", max_age=0)
        return reply

    @app.get("/")
    @signed_in()
    async def home(request: Request) -> HTTPResponse:
        advocate = request.ctx.advocate
        lang = advocate.lang
        with db.session() as session:
            rows, left = lists.queue_rows(session, lang), lists.left_the_queue(session, lang)
            mine = lists.my_rows(session, advocate.id, lang)
        return page(pages.shift(advocate, rows, mine, left))

    @app.post("/language")
    @signed_in()
    async def choose_language(request: Request) -> HTTPResponse:
        chosen = (request.form.get("lang") if request.form else "") or ""
        if chosen not in languages():
            return problem(request, "no_language", 400)
        reply = response.redirect("/", status=303, headers=HEADERS)
        set_cookie(reply, LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600)
        return reply

    @app.post("/availability")
    @signed_in()
    async def availability(request: Request) -> HTTPResponse:
        """Available or away: the wait the bot tells people counts only those available."""
        chosen = (request.form.get("status") if request.form else "") or ""
        if chosen not in ("available", "away"):
            return problem(request, "availability", 400)
        with db.session() as session, session.begin():
            shift.set_away(session, request.ctx.advocate.id, chosen == "away")
            accounts.audit(session, request.ctx.advocate.id, chosen)
        back = request.form.get("back") or "/"
        return response.redirect(
            back if re.fullmatch(r"/(conversation/[0-9]{1,18})?", back) else "/", status=303, headers=HEADERS
        )

    @app.get("/team")
    @signed_in(roles=("supervisor", "admin"))
    async def team(request: Request) -> HTTPResponse:
        """Who is on, available or away, and how many conversations each has."""
        with db.session() as session:
            members, available = shift.team(session), shift.available(session)
        return page(pages.team(request.ctx.advocate, members, available))

    @app.post("/claim/<request_id:id>")
    @signed_in()
    async def claim(request: Request, request_id: int) -> HTTPResponse:
        name = request.ctx.advocate.name
        refused = await conversation.change_and_tell(
            request, request_id, queue.claim, "claim", transcript.JOINED,
            lambda lang: render("handoff.joined", lang, name=name),
        )  # fmt: skip
        return refused or response.redirect(f"/conversation/{request_id}", status=303, headers=HEADERS)

    @app.post("/release/<request_id:id>")
    @signed_in()
    async def release(request: Request, request_id: int) -> HTTPResponse:
        name = request.ctx.advocate.name
        refused = await conversation.change_and_tell(
            request, request_id, queue.release, "release", transcript.LEFT,
            lambda lang: render("handoff.left", lang, name=name),
        )  # fmt: skip
        return refused or response.redirect("/", status=303, headers=HEADERS)

    @app.post("/reassign/<request_id:id>")
    @signed_in(roles=("supervisor", "admin"))
    async def reassign(request: Request, request_id: int) -> HTTPResponse:
        username = (request.form.get("advocate") if request.form else "") or ""
        with db.session() as session, session.begin():
            target = session.scalar(select(Advocate).where(Advocate.username == username, Advocate.active.is_(True)))
            if target is None:
                return problem(request, "no_advocate", 400)
            try:
                queue.reassign(session, request_id, target.id)
            except queue.ClaimError as error:
                return problem(request, f"claim.{error}", 409)
            found = session.get(queue.HandoffRequest, request_id)
            conversation_id, lang = found.conversation_id, found.language
            accounts.audit(
                session, request.ctx.advocate.id, "reassign", conversation_id, detail=f"to {target.username}"
            )
            new = WebAdvocate(target.id, target.display_name, target.role, "")
        notice = render("handoff.joined", lang, name=new.name)  # the person is told who has them now
        await delivery.deliver(conversation.send(request_id, new, transcript.NOTICE, notice, transcript.JOINED))
        return response.redirect("/", status=303, headers=HEADERS)

    @app.get("/audit")
    @signed_in(roles=("admin",))
    async def audit_log(request: Request) -> HTTPResponse:
        with db.session() as session, session.begin():
            accounts.audit(session, request.ctx.advocate.id, "view_audit")
            rows = session.execute(
                select(AuditEntry, Advocate.username)
                .outerjoin(Advocate, Advocate.id == AuditEntry.advocate_id)
                .order_by(AuditEntry.id.desc())
                .limit(500)
            ).all()
            entries = [(e.at, name or "-", e.action, e.conversation_id or "") for e, name in rows]
        return page(pages.audit(request.ctx.advocate, entries))

    return app
