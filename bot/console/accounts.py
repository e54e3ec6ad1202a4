"""Accounts and sign-in: argon2 password hashes, throttled failures, server-side sessions.

A session is a random token in an HttpOnly, SameSite=Strict cookie; the database keeps only its
SHA-256, so a copy of the database cannot be used to sign in. Each session has its own CSRF token.
"""

import datetime as dt
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot import db
from bot.console.models import ROLES, Advocate, AuditEntry, Base, ConsoleSession, LoginFailure
from bot.db import now

HASHER = PasswordHasher()
SESSION_HOURS = 10  # one shift
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why."""


def create_tables() -> None:
    Base.metadata.create_all(db.engine())


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


def throttled(session: Session, username: str) -> bool:
    since = now() - FAILURE_WINDOW
    query = select(func.count()).select_from(LoginFailure).where(LoginFailure.username == username)
    return session.scalar(query.where(LoginFailure.at >= since)) >= MAX_FAILURES


def sign_in(session: Session, username: str, password: str) -> tuple[str, ConsoleSession] | None:
    """A new session (cookie token, row) for right credentials; None, and a recorded failure, otherwise."""
    advocate = session.scalar(select(Advocate).where(Advocate.username == username, Advocate.active.is_(True)))
    try:
        ok = advocate is not None and HASHER.verify(advocate.password_hash, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        session.add(LoginFailure(username=username[:64]))
        return None
    session.execute(delete(LoginFailure).where(LoginFailure.username == username))
    token = secrets.token_urlsafe(32)
    row = ConsoleSession(
        token_hash=_digest(token),
        advocate_id=advocate.id,
        csrf_token=secrets.token_urlsafe(32),
        expires_at=now() + dt.timedelta(hours=SESSION_HOURS),
    )
    session.add(row)
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


def audit(session: Session, advocate_id: int | None, action: str, conversation_id: str | None = None) -> None:
    session.add(AuditEntry(advocate_id=advocate_id, action=action, conversation_id=conversation_id))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
