"""Rasa's stores, wrapped where the project needs more than Rasa gives (encryption at rest), and
the two ways the project's own code reaches Rasa's tracker store."""

from pathlib import Path
from typing import Any

from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore
from rasa.utils.endpoints import read_endpoint_config

from bot.i18n import DEFAULT_LANGUAGE


def unwrapped(store: Any) -> Any:
    """The store itself, out of Rasa's FailSafeTrackerStore (bot/channels/store_errors.py)."""
    return store._tracker_store if isinstance(store, FailSafeTrackerStore) else store


def from_endpoints(endpoints: Path) -> SQLTrackerStore:
    """The tracker store an endpoints file names, for the commands (make rekey, make purge)."""
    store = unwrapped(TrackerStore.create(read_endpoint_config(str(endpoints), "tracker_store")))
    if not isinstance(store, SQLTrackerStore):
        raise SystemExit(f"{endpoints}: the tracker store is not an SQL store")
    return store


async def conversation_language(store: Any, conversation_id: str) -> str:
    """The conversation's language (Rasa's `language` slot), for replies made outside a turn."""
    tracker = await unwrapped(store).retrieve(conversation_id)
    return (tracker.get_slot("language") if tracker else None) or DEFAULT_LANGUAGE
