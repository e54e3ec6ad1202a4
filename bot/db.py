"""One SQLAlchemy engine per process for the app's own tables (not Rasa's tracker store)."""

import datetime as dt
from functools import cache

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot import clock, settings


@cache
def engine(url: str | None = None) -> Engine:
    return create_engine(url or settings.app_db_url(), future=True, pool_pre_ping=True)


def session(url: str | None = None) -> Session:
    return Session(engine(url), future=True)


def now() -> dt.datetime:
    """UTC without a time zone: how every table of the app stores its times (SQLite keeps none)."""
    return clock.now().replace(tzinfo=None)
