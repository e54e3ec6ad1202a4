"""Referral information sheets (issue 14): for each jurisdiction and language, one printable page
of its partners grouped by need, each marked when it needs no police report, with the text line
and a QR code to the web chat. Agencies print them for police cars, courthouses and hospitals.

The content comes from the directory's tables (data/jurisdictions, loaded by `make directory`);
this module gathers it, bot/sheets/pdf.py draws the PDF with ReportLab, and page.html is the same
sheet as a web page (Jinja2, autoescaped), which the bot serves (bot/channels/sheets.py).
`make sheets` writes both for every jurisdiction and language (python -m bot.sheets).

Partners that are part of the justice system are listed last, in a group of their own that says
so, for a person who wants them; the bot itself shows them only when asked.
"""

from dataclasses import dataclass, field

import phonenumbers
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import settings
from bot.directory import format
from bot.directory.models import Jurisdiction, Resource
from bot.i18n import render

# Needs, in the order a frightened reader looks for them, and the categories that answer each.
GROUPS = [
    ("safety", {"hotline", "domestic_violence", "sexual_violence", "safety_planning", "child_abuse", "elder_abuse",
                "trafficking", "stalking", "self_harm"}),
    ("witnesses", {"intimidation"}),
    ("housing", {"shelter"}),
    ("legal", {"legal_aid", "protective_order", "victim_rights", "immigration"}),
    ("medical", {"medical", "forensic_exam"}),
    ("money", {"compensation", "emergency_funds"}),
    ("counseling", {"counseling", "support_group", "homicide_grief", "lgbtq", "youth", "local_help"}),
]  # fmt: skip
JUSTICE = "justice"
# Where the QR code leads when WEBCHAT_PAGE_URL is not set, in development only: the demo pages.
DEVELOPMENT_CHAT = {"en": "http://localhost:5005/webhooks/socketio/demo.html",
                    "es": "http://localhost:5005/webhooks/socketio/demo-es.html"}  # fmt: skip


@dataclass
class Partner:
    name: str
    offers: str
    contacts: list[str]
    hours: str | None
    no_report: str | None  # "No police report needed." when it needs none


@dataclass
class Sheet:
    jurisdiction: str  # its id
    place: str  # its name
    lang: str
    groups: list[tuple[str, list[Partner]]] = field(default_factory=list)  # (heading, partners)
    text_line: str | None = None
    chat_url: str | None = None

    def text(self, key: str, **params) -> str:
        return render(f"sheet.{key}", self.lang, **params)


def group_of(resource: Resource) -> str:
    """The first need the partner's categories answer, in the partner's own order of categories."""
    if resource.justice_system:
        return JUSTICE
    for category in resource.category_names:
        for name, categories in GROUPS:
            if category in categories:
                return name
    return "counseling"


def text_line() -> str | None:
    """The number people text, as they would dial it (SMS_FROM: a short code or a phone number)."""
    number = settings.setting("SMS_FROM", "+15005550006" if settings.development() else None)
    if not number or number.isdigit():
        return number
    return phonenumbers.format_number(phonenumbers.parse(number, "US"), phonenumbers.PhoneNumberFormat.NATIONAL)


def chat_url(lang: str) -> str | None:
    """The public page with the web chat (WEBCHAT_PAGE_URL, `{lang}` replaced by the language)."""
    page = settings.setting("WEBCHAT_PAGE_URL")
    if page:
        return page.replace("{lang}", lang)
    return DEVELOPMENT_CHAT.get(lang, DEVELOPMENT_CHAT["en"]) if settings.development() else None


def base_url() -> str | None:
    """The bot's public address for sheet links: SHEETS_BASE_URL, else SMS_PUBLIC_URL, else, in
    development only, the local server; None when the sheets have no public address."""
    base = settings.setting("SHEETS_BASE_URL") or settings.setting("SMS_PUBLIC_URL")
    return base or ("http://localhost:5005" if settings.development() else None)


def sheet_url(jurisdiction_id: str, lang: str) -> str | None:
    """Where the bot serves the sheet (bot/channels/sheets.py)."""
    base = base_url()
    return f"{base.rstrip('/')}/webhooks/sheets/{jurisdiction_id}/{lang}" if base else None


def build(session: Session, jurisdiction_id: str, lang: str) -> Sheet | None:
    """The sheet of one jurisdiction in one language, or None when there is no such jurisdiction."""
    place = session.get(Jurisdiction, jurisdiction_id)
    if place is None:
        return None
    query = select(Resource).where(Resource.jurisdiction_id == place.id, Resource.active.is_(True))
    partners = sorted(session.scalars(query), key=lambda r: (lang not in (r.languages or []), r.priority, r.name))
    sheet = Sheet(place.id, place.name, lang, text_line=text_line(), chat_url=chat_url(lang))
    for name in [g for g, _ in GROUPS] + [JUSTICE]:
        members = [
            Partner(
                name=r.name,
                offers=format.localised(r.description, lang) or "",
                contacts=format.contacts(r, lang),
                hours=format.hours(r.hours, lang),
                no_report=None if r.police_report_required else render("police.not_needed", lang),
            )
            for r in partners
            if group_of(r) == name
        ]
        if members:
            sheet.groups.append((sheet.text(f"group.{name}"), members))
    return sheet


def jurisdiction_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Jurisdiction.id).order_by(Jurisdiction.id)))
