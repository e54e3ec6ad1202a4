"""The console's tables in the app database: advocates, their sign-in sessions, failed sign-ins
(for throttling), the audit log, who is away, and what each advocate has read."""

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base

from bot.db import now

Base = declarative_base()
ROLES = ("advocate", "supervisor", "admin")


class Advocate(Base):
    __tablename__ = "console_advocates"

    id = Column(Integer, primary_key=True, autoincrement=True)
    username = Column(String(64), unique=True, nullable=False)
    display_name = Column(String(64), nullable=False)  # the first name people see, or "Advocate"
    role = Column(String(16), nullable=False)
    password_hash = Column(String(200), nullable=False)  # argon2
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=now)


class ConsoleSession(Base):
    __tablename__ = "console_sessions"

    token_hash = Column(String(64), primary_key=True)  # sha256 of the cookie's token
    advocate_id = Column(Integer, ForeignKey("console_advocates.id", ondelete="CASCADE"), nullable=False)
    csrf_token = Column(String(64), nullable=False)
    expires_at = Column(DateTime, nullable=False)


class LoginFailure(Base):
    """A failed sign-in, per username and client address (the throttle's unit), kept a day."""

    __tablename__ = "console_sign_in_failures"  # replaces console_login_failures, which had no address

    id = Column(Integer, primary_key=True, autoincrement=True)
    username = Column(String(64), nullable=False, index=True)
    address = Column(String(64), nullable=False, default="")
    at = Column(DateTime, nullable=False, default=now, index=True)


class AuditEntry(Base):
    __tablename__ = "console_audit"

    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime, nullable=False, default=now, index=True)
    advocate_id = Column(Integer, ForeignKey("console_advocates.id"), nullable=True)
    action = Column(String(32), nullable=False)  # sign_in, sign_out, view, claim, message, close
    conversation_id = Column(String(64))
    detail = Column(Text)


class Away(Base):
    """An advocate who set themselves away: signed in, but not taking people now. Available is
    the default (no row), and signing in again clears it: a new shift starts available."""

    __tablename__ = "console_away"

    advocate_id = Column(Integer, ForeignKey("console_advocates.id", ondelete="CASCADE"), primary_key=True)
    since = Column(DateTime, nullable=False, default=now)


class Seen(Base):
    """The last transcript line an advocate has seen of a conversation: what makes the unread
    count beside each of their conversations. Ids only; erased and purged with the handoff."""

    __tablename__ = "console_seen"

    request_id = Column(Integer, primary_key=True)
    advocate_id = Column(Integer, ForeignKey("console_advocates.id", ondelete="CASCADE"), primary_key=True)
    line_id = Column(Integer, nullable=False)
