"""The action server: one module per feature. Start with `python -m actions.serve --actions actions`
(rasa_sdk, with failed actions answered by the error's kind only: actions/serve.py)."""

from actions import conversation, crisis, handoff, location, police, referrals, resources, safety  # noqa: F401  (registers the actions)
from bot import places, settings

settings.require()  # outside development, refuse to start without the database and secrets rather than fail per message
places.warm()  # towns and counties by name (bot/places.py), read before the first message needs them
