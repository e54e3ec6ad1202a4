"""The page a partner opens from its notice (served by the console's web app): the referral,
after the code the advocate gave them by phone, showing only the fields the person agreed to
share, in the partner's language (page.html, Jinja2 with autoescaping).

Every opening and every wrong code is in the audit log. The link answers "no longer available"
once the release has ended (withdrawn, expired, refused) or the partner has marked it received,
and after MAX_FAILURES wrong codes, so a leaked link cannot be guessed open.
"""

import secrets
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import select

from bot import db, referrals, trends
from bot.console.web import HEADERS
from bot.i18n import render
from bot.referrals import FIELDS, LINK_LIVE, MAX_FAILURES, Referral, contacts, end, live, token_hash


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["html"]))


def html(lang: str, **values) -> str:
    def t(key: str, **kwargs) -> str:
        return render(key, lang, **kwargs)

    return _environment().get_template("page.html").render(lang=lang, t=t, **values)


def referral_html(referral: Referral, lang: str, token: str, code: str) -> str:
    """The referral as the partner reads it: only the fields the person agreed to share."""
    shared = [(field, referral.shared[field]) for field in FIELDS if field in (referral.shared or {})]
    expires = referral.expires_at.date().isoformat()
    return html(lang, token=token, referral=referral, shared=shared, code=code, expires=expires)


def _page(lang: str, status: int = 200, **values) -> HTTPResponse:
    return response.html(html(lang, **values), status=status, headers=HEADERS)


def _found(session, token: str) -> Referral | None:
    if not (0 < len(token) <= 64 and token.isascii()):
        return None
    return session.scalar(select(Referral).where(Referral.token_hash == token_hash(token)))


def _language(referral: Referral | None) -> str:
    known = contacts.load().get(referral.partner_id) if referral else None
    return known.language if known else (referral.partner_language if referral else "en")


def add_routes(app: Sanic) -> None:
    @app.get("/referral/<token:str>")
    async def ask_code(request: Request, token: str) -> HTTPResponse:
        with db.session() as session, session.begin():
            referral = _found(session, token)
            lang = _language(referral)
            if referral is None or not live(referral) or referral.status not in LINK_LIVE:
                return _page(lang, 410, token=token, done=render("referral.page_gone", lang))
        return _page(lang, token=token)

    @app.post("/referral/<token:str>")
    async def open_with_code(request: Request, token: str) -> HTTPResponse:
        return _with_code(request, token, received=False)

    @app.post("/referral/<token:str>/received")
    async def received(request: Request, token: str) -> HTTPResponse:
        return _with_code(request, token, received=True)


def _with_code(request: Request, token: str, received: bool) -> HTTPResponse:
    code = ((request.form or {}).get("code") or "").strip()
    with db.session() as session, session.begin():
        referral = _found(session, token)
        lang = _language(referral)
        if referral is None or not live(referral) or referral.status not in LINK_LIVE:
            return _page(lang, 410, token=token, done=render("referral.page_gone", lang))
        expected = referral.code["code"]
        if not (code.isascii() and secrets.compare_digest(code, expected)):
            referral.failures += 1
            referrals.audit(session, "referral_wrong_code", referral)
            if referral.failures >= MAX_FAILURES:
                end(referral, "locked")
                return _page(lang, 410, token=token, done=render("referral.page_gone", lang))
            return _page(lang, 403, token=token, problem=render("referral.page_wrong_code", lang))
        if received:
            referral.status = "accepted"
            referrals.audit(session, "referral_received", referral)
            trends.count_in(session, "referral", "accepted")
            return _page(lang, token=token, done=render("referral.page_thanks", lang))
        referral.status = "opened"
        referrals.audit(session, "referral_opened", referral)
        return response.html(referral_html(referral, lang, token, code), headers=HEADERS)
