"""The referral sheets on the bot's own server (bot/sheets), for anyone with the link: an agency
printing them, an advocate sending one. Rasa serves HTTP routes only through channels, so this is
a channel with no messages, just two pages per jurisdiction and language:

    GET /webhooks/sheets/<jurisdiction>/<lang>       the sheet as a web page
    GET /webhooks/sheets/<jurisdiction>/<lang>.pdf   the same, printable

The page loads nothing from elsewhere (its QR code is inline SVG), so its content-security policy
allows nothing but its own inline style. A database outage is a 503, an unknown sheet a 404.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import db
from bot.channels.store_errors import STORE_ERRORS
from bot.i18n import languages
from bot.sheets import build
from bot.sheets.html import render_html
from bot.sheets.pdf import render_pdf

logger = logging.getLogger(__name__)
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}


def _render(jurisdiction: str, lang: str, pdf: bool) -> bytes | str | None:
    with db.session() as session:
        sheet = build(session, jurisdiction, lang)
        if sheet is None:
            return None
    return render_pdf(sheet) if pdf else render_html(sheet)


class SheetsInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "sheets"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sheets = Blueprint("sheets_webhook", __name__)

        @sheets.route("/<jurisdiction:str>/<name:str>", methods=["GET"])
        async def sheet(request: Request, jurisdiction: str, name: str) -> HTTPResponse:
            lang, _, kind = name.partition(".")
            if lang not in languages() or kind not in ("", "pdf"):
                return response.text("Not found", status=404, headers=HEADERS)
            try:
                body = await asyncio.to_thread(_render, jurisdiction[:80], lang, kind == "pdf")
            except STORE_ERRORS as error:
                logger.error("sheets: cannot read the directory now: %s", type(error).__name__)
                return response.text("The sheet cannot be shown right now. Please try again.", status=503)
            if body is None:
                return response.text("Not found", status=404, headers=HEADERS)
            if kind == "pdf":
                return response.raw(body, content_type="application/pdf", headers=HEADERS)
            return response.html(body, headers=HEADERS)

        return sheets
