"""Referrals to partners, only with the person's informed, written, time-limited consent.

A federally funded victim service may share what identifies a person only with a release that is
informed, written, limited in time, refusable without losing help, and revocable (VAWA 34 U.S.C.
12291(b)(2), FVPSA, VOCA; NNEDV's guidance: one release per agency, naming what is shared and
until when). So a referral here is:

1. proposed by the advocate who has the conversation, in the console: one partner, the few fields
   to share (FIELDS, nothing else is ever sent), their values, why, and for how many days;
2. asked of the person in the conversation, in their language and plain words: who the partner
   is (and that it is part of the justice system, when it is), exactly what would be shared, until
   when, that no changes nothing about their help, and how to take it back (WITHDRAW);
3. a release only on an explicit yes (AGREE, YES, SÍ, ACEPTO ... alone), stored encrypted with the
   person's own words, channel and time; a no is recorded as a no and the details are dropped;
4. delivered without identifying information in transit: the partner's email holds only a link
   (bot/referrals/notify.py); the page opens with a code the advocate gives the partner by
   phone (bot/referrals/partner_page.py), every opening is audited, and the link dies at expiry,
   on withdrawal, after the partner marks it received, or after MAX_FAILURES wrong codes.

Statuses: asked -> refused | sent -> opened -> accepted -> contacted -> closed; any live one ->
withdrawn or expired (or locked, after too many wrong codes). Rows follow the handoff's retention
and are erased with the conversation (bot/privacy).
"""

import datetime as dt
import hashlib
import re
import secrets

from babel.dates import format_date
from sqlalchemy import Boolean, Column, DateTime, Integer, String, select
from sqlalchemy.orm import Session, declarative_base

from bot import db, trends
from bot.console.models import AuditEntry
from bot.crypto import EncryptedJSON
from bot.db import now
from bot.text import without_marks

Base = declarative_base()

# What may be shared, in the order the person reads it; nothing else ever reaches a partner.
FIELDS = ("alias", "contact", "language", "needs", "summary")
LIVE = ("sent", "opened", "accepted", "contacted")  # a release in force
LINK_LIVE = ("sent", "opened")  # the partner's link opens
ENDED = ("refused", "closed", "withdrawn", "expired", "locked")
DEFAULT_DAYS, MAX_DAYS = 30, 90
MAX_FAILURES = 5  # wrong codes before the link dies
WITHDRAW = {"WITHDRAW", "RETIRAR", "REVOCAR"}
_YES = {"yes", "y", "agree", "i agree", "yes i agree", "yes please", "si", "si acepto", "acepto", "de acuerdo"}
_NO = {"no", "n", "no thanks", "no thank you", "i dont agree", "no gracias", "no acepto"}
# Once the advocate has written something else since the question, a bare yes or no may answer
# that ("are you somewhere safe?"), so only the words the question asks for count.
_ASKED_YES = {"agree", "i agree", "yes i agree", "acepto", "si acepto"}
_ASKED_NO = {"i dont agree", "no i dont agree", "no acepto"}


class Referral(Base):
    __tablename__ = "referrals"

    id = Column(Integer, primary_key=True, autoincrement=True)
    request_id = Column(Integer, nullable=False, index=True)  # the handoff it was made in
    conversation_id = Column(String(64), nullable=False, index=True)
    advocate_id = Column(Integer, nullable=False)
    partner_id = Column(String(80), nullable=False)
    partner_name = Column(String(200), nullable=False)
    justice_system = Column(Boolean, nullable=False, default=False)
    partner_language = Column(String(8), nullable=False, default="en")
    # {field: value} for the consented fields only, the advocate's reason, and the person's
    # consent ({"words", "channel", "at"}): all encrypted, as the person's own words are.
    shared = Column(EncryptedJSON)
    reason = Column(EncryptedJSON)
    consent = Column(EncryptedJSON)
    status = Column(String(12), nullable=False, default="asked")
    created_at = Column(DateTime, nullable=False, default=now)
    answered_at = Column(DateTime)
    expires_at = Column(DateTime, nullable=False)
    ended_at = Column(DateTime)
    token_hash = Column(String(64), unique=True)  # the partner link's token, as SHA-256
    code = Column(EncryptedJSON)  # the advocate reads it to the partner by phone
    failures = Column(Integer, nullable=False, default=0)
    notified_at = Column(DateTime)  # the partner's email went out


def create_tables() -> None:
    db.create_tables(Base.metadata)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z]+", without_marks(text).lower().replace("'", "")))


def answer_of(text: str, strict: bool = False) -> str | None:
    """'yes' or 'no' when the message is nothing but an explicit answer; None for anything else
    ("ok", "maybe", "who are they?"), which is no consent and goes to the advocate as it is.
    `strict`: the advocate wrote since the question, and only AGREE / ACEPTO (or their no) count."""
    said = _words(text)
    yes, no = (_ASKED_YES, _ASKED_NO) if strict else (_YES, _NO)
    return "yes" if said in yes else "no" if said in no else None


def audit(session: Session, action: str, referral: Referral, advocate_id: int | None = None) -> None:
    """Each step in the console's audit log: which referral and partner, never what it shares."""
    detail = f"referral {referral.id} to {referral.partner_id}"
    session.add(
        AuditEntry(advocate_id=advocate_id, action=action, conversation_id=referral.conversation_id, detail=detail)
    )


def expires(referral: Referral, lang: str) -> str:
    """The release's last day, as the person reads dates ("January 6, 2027", "6 de enero de 2027")."""
    return format_date(referral.expires_at.date(), "long", locale=lang)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def propose(
    session: Session,
    request_id: int,
    conversation_id: str,
    advocate_id: int,
    partner: dict,
    shared: dict[str, str],
    reason: str,
    days: int,
) -> Referral:
    """A referral waiting for the person's answer; an earlier unanswered one is replaced."""
    unknown = set(shared) - set(FIELDS)
    if unknown or not shared:
        raise ValueError(f"only these fields can be shared: {', '.join(FIELDS)}")
    for earlier in session.scalars(
        select(Referral).where(Referral.request_id == request_id, Referral.status == "asked")
    ):
        end(earlier, "withdrawn")  # replaced before the person answered
    referral = Referral(
        request_id=request_id, conversation_id=conversation_id, advocate_id=advocate_id,
        partner_id=partner["id"], partner_name=partner["name"], justice_system=partner["justice_system"],
        partner_language=partner["language"], shared={f: shared[f] for f in FIELDS if f in shared},
        reason={"text": reason}, expires_at=now() + dt.timedelta(days=max(1, min(days, MAX_DAYS))),
    )  # fmt: skip
    session.add(referral)
    session.flush()
    return referral


def asked(session: Session, conversation_id: str) -> Referral | None:
    """The referral waiting for this person's answer, if any."""
    query = select(Referral).where(Referral.conversation_id == conversation_id, Referral.status == "asked")
    return session.scalar(query.order_by(Referral.id.desc()))


def answer(session: Session, referral: Referral, text: str, channel: str, strict: bool = False) -> str | None:
    """Record an explicit yes (the release, in the person's words) or no (nothing of the details is
    kept); None when the message is neither (see answer_of). A yes makes the partner's link and code."""
    said = answer_of(text, strict)
    if said is None:
        return None
    referral.answered_at = now()
    if said == "no":
        end(referral, "refused")
        referral.reason = None
        return said
    trends.count_in(session, "referral", "made", channel=channel)
    token = secrets.token_urlsafe(32)
    referral.status, referral.token_hash = "sent", token_hash(token)
    referral.code = {"code": f"{secrets.randbelow(10**6):06d}", "token": token}
    referral.consent = {"words": text[:500], "channel": channel, "at": now().isoformat(timespec="seconds")}
    return said


def end(referral: Referral, status: str) -> None:
    """The release ends: what it shared and the partner's code go with it."""
    referral.status, referral.ended_at, referral.shared, referral.code = status, now(), None, None


def live(referral: Referral) -> bool:
    """Whether the release is in force; one past its expiry is ended as expired on the way."""
    if referral.status in LIVE and referral.expires_at <= now():
        end(referral, "expired")
    return referral.status in LIVE


def withdraw(session: Session, conversation_id: str) -> list[Referral]:
    """End every release and unanswered request of the conversation at once; the ones ended."""
    ended = []
    for referral in session.scalars(select(Referral).where(Referral.conversation_id == conversation_id)):
        if referral.status == "asked" or live(referral):
            end(referral, "withdrawn")
            ended.append(referral)
    return ended


def of_conversation(session: Session, conversation_id: str) -> list[Referral]:
    """The conversation's referrals, oldest first, expired ones marked so."""
    found = list(
        session.scalars(select(Referral).where(Referral.conversation_id == conversation_id).order_by(Referral.id))
    )
    for referral in found:
        live(referral)
    return found
