"""Encryption at rest for what would hurt someone if a copy of the app database leaked: phone
numbers and the text of messages (SMS bodies waiting to be answered, handoff transcripts).

One Fernet key, APP_ENCRYPTION_KEY, from the environment; development uses a published stand-in
that production refuses (bot/settings.py).
"""

from functools import cache

from cryptography.fernet import Fernet

from bot import settings


@cache
def _fernet() -> Fernet:
    return Fernet(settings.secret("APP_ENCRYPTION_KEY").encode())


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()
