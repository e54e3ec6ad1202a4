"""Tells a partner that a referral waits for them: an email holding only a link, never a name,
number or story, so nothing identifying travels through mail servers. The page behind the link
opens with a code the advocate gives the partner by phone (bot/referrals/partner_page.py).

The console sends these from a loop, as it delivers transcript lines: a referral the person
agreed to (in the bot's server) is mailed within seconds, and one whose mail failed (the SMTP
server is down) is tried again, so none is lost. SMTP_HOST, SMTP_PORT, SMTP_FROM, optional
SMTP_USERNAME / SMTP_PASSWORD and SMTP_STARTTLS configure the server; CONSOLE_PUBLIC_URL is the
console's public address, which the link starts with.
"""

import asyncio
import logging
import smtplib
from email.message import EmailMessage

from sqlalchemy import select

from bot import db, settings
from bot.i18n import render
from bot.referrals import Referral, contacts

logger = logging.getLogger(__name__)

EVERY_SECONDS = 2.0


def link(token: str) -> str:
    base = settings.setting("CONSOLE_PUBLIC_URL", "http://localhost:5080")
    return f"{base.rstrip('/')}/referral/{token}"


def message(to: str, token: str, lang: str, expires: str) -> EmailMessage:
    """The notice: a link and how to open it, in the partner's language; nothing of the person."""
    mail = EmailMessage()
    mail["Subject"] = render("referral.mail_subject", lang)
    mail["From"] = settings.setting("SMTP_FROM", "referrals@localhost")
    mail["To"] = to
    mail.set_content(render("referral.mail_body", lang, link=link(token), expires=expires))
    return mail


def _send(mail: EmailMessage) -> None:
    host, port = settings.setting("SMTP_HOST", "127.0.0.1"), int(settings.setting("SMTP_PORT", "25"))
    with smtplib.SMTP(host, port, timeout=15) as smtp:
        if settings.setting("SMTP_STARTTLS", "false").lower() == "true":
            smtp.starttls()
        if settings.setting("SMTP_USERNAME"):
            smtp.login(settings.setting("SMTP_USERNAME"), settings.setting("SMTP_PASSWORD", ""))
        smtp.send_message(mail)


async def send_due() -> int:
    """Mail every agreed referral not yet mailed; how many went."""
    known = contacts.load()
    with db.session() as session:
        due = [
            (r.id, known[r.partner_id], r.code["token"], r.expires_at.date().isoformat())
            for r in session.scalars(select(Referral).where(Referral.status == "sent", Referral.notified_at.is_(None)))
            if r.partner_id in known and r.code
        ]
    sent = 0
    for referral_id, contact, token, expires in due:
        try:
            await asyncio.to_thread(_send, message(contact.email, token, contact.language, expires))
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("referrals: a partner's notice could not be mailed (%s); will retry", type(error).__name__)
            continue
        with db.session() as session, session.begin():
            session.get(Referral, referral_id).notified_at = db.now()
        sent += 1
    return sent


async def notify_forever() -> None:
    while True:
        try:
            await send_due()
        except Exception as error:  # noqa: BLE001 - the loop outlives a database that is down
            logger.warning("referrals: the notice loop failed (%s); will retry", type(error).__name__)
        await asyncio.sleep(EVERY_SECONDS)
