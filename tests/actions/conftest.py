"""What the action tests share: the actions' app database."""

import pytest

from bot import db
from bot.handoff import presence, queue
from bot.settings import ROOT


@pytest.fixture
def app_db(directory_url, monkeypatch):
    """The actions' default app database is this run's copy of the directory."""
    monkeypatch.setenv("APP_DB_URL", directory_url)
    monkeypatch.setenv("HANDOFF_HOURS_FILE", str(ROOT / "bot" / "handoff.yml"))
    db.engine.cache_clear()
    queue.create_tables()  # as the bot's server does at start
    presence.create_tables()
    yield
    db.engine.cache_clear()
