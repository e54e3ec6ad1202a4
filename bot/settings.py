"""Settings from the environment, with development defaults that refuse to run in production.

APP_ENV=production turns the defaults off: the app database must then be named explicitly.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_URL = f"sqlite:///{ROOT / 'var' / 'app.db'}"


class ConfigurationError(RuntimeError):
    """A setting that production needs is missing."""


def production() -> bool:
    return os.environ.get("APP_ENV", "development") == "production"


def app_db_url() -> str:
    """The SQL store for the directory (and later handoffs): SQLite by default, PostgreSQL in production."""
    url = os.environ.get("APP_DB_URL")
    if url:
        return url
    if production():
        raise ConfigurationError("APP_DB_URL must be set when APP_ENV=production")
    (ROOT / "var").mkdir(exist_ok=True)
    return DEFAULT_DB_URL


# Development stand-ins for the secrets: they work on a laptop and in tests, and
# production refuses them (see secret()).
_DEVELOPMENT_SECRETS = {
    "TWILIO_ACCOUNT_SID": "AC-development-stand-in",
    "TWILIO_AUTH_TOKEN": "development-auth-token",
    "SMS_ID_KEY": "development-sms-id-key",
    "APP_ENCRYPTION_KEY": "ZGV2ZWxvcG1lbnQta2V5LW5vdC1hLXNlY3JldC0wMDA=",
    "HANDOFF_RELAY_TOKEN": "development-relay-token",
}


def secret(name: str) -> str:
    """A secret from the environment; in development a published stand-in, in production an error."""
    value = os.environ.get(name)
    if value:
        return value
    if production():
        raise ConfigurationError(f"{name} must be set when APP_ENV=production")
    return _DEVELOPMENT_SECRETS[name]


def setting(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name) or default
