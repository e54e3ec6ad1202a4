"""One SQLAlchemy engine per process for the app's own tables (not Rasa's tracker store)."""

import datetime as dt
from functools import cache

from sqlalchemy import MetaData, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot import clock, settings


@cache
def engine(url: str | None = None) -> Engine:
    # hide_parameters: a database error logs its statement, never the values (a person's words).
    created = create_engine(url or settings.app_db_url(), future=True, pool_pre_ping=True, hide_parameters=True)
    return overwrite_deleted(created)


def overwrite_deleted(engine: Engine) -> Engine:
    """SQLite keeps deleted rows' bytes in free pages until they are reused; secure_delete makes it
    overwrite them, so a deleted conversation cannot be read back from the file."""
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA secure_delete = ON"))
        engine.dispose()  # connections opened before the listener get it too
    return engine


# Any fixed number: the key of the PostgreSQL advisory lock that create_tables takes.
TABLES_LOCK = 0x76776174


def create_tables(metadata: MetaData) -> None:
    """The tables of `metadata` that do not exist yet, created by one server at a time. Workers
    and replicas that start together on a new PostgreSQL database would otherwise each see a table
    missing and create it, and all but one would fail to start ("duplicate key value violates
    unique constraint pg_type_typname_nsp_index"), leaving the stack a worker short. The lock is
    PostgreSQL's, held until the transaction ends; SQLite runs one Rasa worker, and the embedded
    stack's servers create their tables seconds apart."""
    with engine().begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": TABLES_LOCK})
        metadata.create_all(connection)


def session(url: str | None = None) -> Session:
    return Session(engine(url), future=True)


def now() -> dt.datetime:
    """UTC without a time zone: how every table of the app stores its times (SQLite keeps none)."""
    return naive(clock.now())


def naive(at: dt.datetime) -> dt.datetime:
    """A timezone-aware time in the tables' form."""
    return at.astimezone(dt.timezone.utc).replace(tzinfo=None)
