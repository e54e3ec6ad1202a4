"""Accounts and sign-in: argon2 password hashes, throttled failures, server-side sessions.

Failures are throttled per (username, client address) with a growing delay, so someone guessing
from elsewhere cannot lock an advocate out, and whoever waits the delay out may try again. An
unknown username costs the same argon2 check as a known one, so timing does not tell which names
exist. Every failure is audited and kept (bot/retention.yml), also after a success.

A session is a random token in an HttpOnly, SameSite=Strict cookie; the database keeps only its
SHA-256, so a copy of the database cannot be used to sign in. Each session has its own CSRF token.
"""

import datetime as dt
import hashlib
import math
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot import db
from bot.console.models import ROLES, Advocate, AuditEntry, Away, Base, ConsoleSession, LoginFailure
from bot.db import now

HASHER = PasswordHasher()
UNKNOWN_USER_HASH = HASHER.hash("no account has this password")  # checked when the name is unknown
SESSION_HOURS = 10  # one shift
FREE_FAILURES = 5  # then a delay: 30 s, doubling with each failure, at most 15 minutes
FIRST_DELAY = dt.timedelta(seconds=30)
MAX_DELAY = dt.timedelta(minutes=15)
FAILURE_WINDOW = dt.timedelta(days=1)  # older failures no longer count
MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why."""


def create_tables() -> None:
    db.create_tables(Base.metadata)


def create_account(session: Session, username: str, display_name: str, role: str, password: str) -> Advocate:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(Advocate).where(Advocate.username == username)) is not None:
        raise AccountError(f"the username {username!r} is taken")
    advocate = Advocate(username=username, display_name=display_name, role=role, password_hash=HASHER.hash(password))
    session.add(advocate)
    session.flush()
    return advocate


def retry_after(session: Session, username: str, address: str) -> int:
    """Seconds this client must wait before trying this username again (0: go ahead). Failures
    count since the account's last sign-in, within FAILURE_WINDOW."""
    since = now() - FAILURE_WINDOW
    last_success = session.scalar(
        select(func.max(AuditEntry.at))
        .join(Advocate, Advocate.id == AuditEntry.advocate_id)
        .where(Advocate.username == username, AuditEntry.action == "sign_in")
    )
    since = max(since, last_success) if last_success else since
    query = select(LoginFailure.at).where(
        LoginFailure.username == username, LoginFailure.address == address, LoginFailure.at > since
    )
    failures = sorted(session.scalars(query), reverse=True)
    if len(failures) < FREE_FAILURES:
        return 0
    delay = min(FIRST_DELAY * 2 ** (len(failures) - FREE_FAILURES), MAX_DELAY)
    return max(0, math.ceil((failures[0] + delay - now()).total_seconds()))


def sign_in(session: Session, username: str, password: str, address: str = "") -> tuple[str, ConsoleSession] | None:
    """A new session (cookie token, row) for right credentials; None, and a recorded and audited
    failure, otherwise."""
    advocate = session.scalar(select(Advocate).where(Advocate.username == username, Advocate.active.is_(True)))
    try:
        ok = HASHER.verify(advocate.password_hash if advocate else UNKNOWN_USER_HASH, password) and advocate is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        session.add(LoginFailure(username=username[:64], address=address[:64]))
        audit(session, advocate.id if advocate else None, "sign_in_failed")
        return None
    token = secrets.token_urlsafe(32)
    row = ConsoleSession(
        token_hash=_digest(token),
        advocate_id=advocate.id,
        csrf_token=secrets.token_urlsafe(32),
        expires_at=now() + dt.timedelta(hours=SESSION_HOURS),
    )
    session.add(row)
    session.execute(delete(Away).where(Away.advocate_id == advocate.id))  # a new shift starts available
    audit(session, advocate.id, "sign_in")
    return token, row


def current(session: Session, token: str | None) -> tuple[ConsoleSession, Advocate] | None:
    if not token:
        return None
    row = session.get(ConsoleSession, _digest(token))
    if row is None or row.expires_at < now():
        return None
    advocate = session.get(Advocate, row.advocate_id)
    return (row, advocate) if advocate is not None and advocate.active else None


def sign_out(session: Session, token: str) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == _digest(token)))


def audit(
    session: Session,
    advocate_id: int | None,
    action: str,
    conversation_id: str | None = None,
    detail: str | None = None,
) -> None:
    session.add(AuditEntry(advocate_id=advocate_id, action=action, conversation_id=conversation_id, detail=detail))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
