"""One SQLAlchemy engine per process for the app's own tables (not Rasa's tracker store)."""

import datetime as dt
import logging
from functools import cache

from sqlalchemy import MetaData, create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from bot import clock, settings

logger = logging.getLogger(__name__)


# SQLAlchemy 1.4 opens a new SQLite connection for every session (NullPool). Opening one costs more
# than most queries, and with the write-ahead log the last one to close also checkpoints the log.
# Kept open in one pool instead, each used by one thread at a time.
SQLITE_KEPT_OPEN = {"poolclass": QueuePool, "connect_args": {"check_same_thread": False}}


@cache
def engine(url: str | None = None) -> Engine:
    url = make_url(url or settings.app_db_url())
    kept = SQLITE_KEPT_OPEN if url.get_backend_name() == "sqlite" else {}
    # hide_parameters: a database error logs its statement, never the values (a person's words).
    created = create_engine(url, future=True, pool_pre_ping=True, hide_parameters=True, **kept)
    return overwrite_deleted(created)


def overwrite_deleted(engine: Engine) -> Engine:
    """SQLite keeps deleted rows' bytes in free pages until they are reused; secure_delete makes it
    overwrite them, so a deleted conversation cannot be read back from the file. The same engine
    writes ahead to a log (WAL), see _sqlite_settings."""
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_settings)
        engine.dispose()  # connections opened before the listener get it too
    return engine


def _sqlite_settings(connection, _record) -> None:  # noqa: ANN001 - a DBAPI connection
    """With SQLite's default journal a commit waits for the disk three times (the journal, the
    database, the journal's removal): a ninth of a message's time in the Rasa server, which holds
    up every other conversation meanwhile. With a write-ahead log it waits once, and each commit is
    still on the disk before it returns (synchronous FULL), so nothing is lost on a power cut.
    The log keeps earlier versions of the pages it wrote; forget_old_pages empties it after a
    deletion. A write-ahead log needs every process that opens the file on one machine, as the
    embedded stack is (not on a network file system); production uses PostgreSQL."""
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")


def forget_old_pages(engine: Engine) -> None:
    """After a person's data is deleted: the write-ahead log still holds the pages as they were
    before the deletion (secure_delete overwrote only their newest versions). A TRUNCATE checkpoint
    copies the newest pages into the database and empties the log file. It waits up to SQLite's
    busy timeout (5 s) for readers of an older version; if they outlast it, the hourly purge
    empties the log next time."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
    if busy:
        logger.warning("the write-ahead log of %s is in use; emptied at the next purge", engine.url.database)


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
