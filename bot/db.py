"""One SQLAlchemy engine per process for the app's own tables (not Rasa's tracker store)."""

from functools import cache

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot import settings


@cache
def engine(url: str | None = None) -> Engine:
    return create_engine(url or settings.app_db_url(), future=True, pool_pre_ping=True)


def session(url: str | None = None) -> Session:
    return Session(engine(url), future=True)
