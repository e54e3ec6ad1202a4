"""The action server: one module per feature. Start with `python -m rasa_sdk --actions actions`."""

from actions import conversation, crisis, handoff, location, police, resources, safety  # noqa: F401  (registers the actions)
from bot import settings

settings.app_db_url()  # in production, refuse to start without a database rather than fail per message
