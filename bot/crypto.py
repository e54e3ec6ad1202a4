"""Encryption at rest for what would hurt someone if a copy of a database leaked: phone numbers,
the text of messages (Rasa's tracker events, SMS bodies waiting to be answered, handoff
transcripts and notes) and handoff summaries.

APP_ENCRYPTION_KEY holds one Fernet key, or several separated by commas, newest first: new data
is encrypted with the first, and data under any of them can be read, so a key is rotated by
putting a new one in front and running `make rekey` (bot/stores/rekey.py) before the old one is
dropped. Development uses a published stand-in that production refuses (bot/settings.py).
"""

import json
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from sqlalchemy.types import JSON, TypeDecorator

from bot import settings


@cache
def _fernet() -> MultiFernet:
    keys = [key.strip() for key in settings.secret("APP_ENCRYPTION_KEY").split(",") if key.strip()]
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def encrypt_json(value: object) -> str:
    return encrypt(json.dumps(value))


def rotate(token: str) -> str:
    """The same text encrypted with the newest key."""
    return _fernet().rotate(token.encode()).decode()


class EncryptedJSON(TypeDecorator):
    """A JSON value stored as one encrypted JSON string, so the column keeps its JSON type and a row
    written before encryption (a plain JSON object) still reads."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else encrypt_json(value)

    def process_result_value(self, value, dialect):
        return json.loads(decrypt(value)) if isinstance(value, str) else value
