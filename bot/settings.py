"""Settings from the environment, with development defaults that only development gets.

Fail closed: the defaults (a local SQLite database, the published stand-in secrets) apply only
when APP_ENV=development is set explicitly, as the Makefile does for `make run` and `make test`.
Anything else is production: every secret must come from the environment, a published stand-in
is refused, and each server checks this when it starts (require()), not at its first message.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_URL = f"sqlite:///{ROOT / 'var' / 'app.db'}"


class ConfigurationError(RuntimeError):
    """A setting that production needs is missing."""


def development() -> bool:
    return os.environ.get("APP_ENV") == "development"


def production() -> bool:
    """Everything but an explicit APP_ENV=development (a forgotten setting must not open the door)."""
    return not development()


def app_db_url() -> str:
    """The SQL store for the directory (and later handoffs): SQLite by default, PostgreSQL in production."""
    url = os.environ.get("APP_DB_URL")
    if url:
        return url
    if production():
        raise ConfigurationError("APP_DB_URL must be set (or APP_ENV=development for the local default)")
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
    "WEBCHAT_TOKEN_KEY": "development-webchat-token-key",
    "REST_API_TOKEN": "development-rest-token",
}


def secret(name: str) -> str:
    """A secret from the environment; in development a published stand-in, otherwise an error."""
    value = os.environ.get(name)
    if value and production() and value == _DEVELOPMENT_SECRETS[name]:
        raise ConfigurationError(f"{name} is the published development value: set a secret of your own")
    if value:
        return value
    if production():
        raise ConfigurationError(f"{name} must be set (or APP_ENV=development for the published stand-in)")
    return _DEVELOPMENT_SECRETS[name]


def require() -> None:
    """Every server calls this as it starts: outside development, a missing or published secret,
    or a missing database, stops it with a message naming the setting."""
    app_db_url()
    for name in _DEVELOPMENT_SECRETS:
        secret(name)


def setting(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name) or default


def redis_url() -> str | None:
    """The shared Redis (REDIS_HOST, _PORT, _DB) that replicas use for rooms and rate limits; None
    without one (one process: everything stays in memory)."""
    host = setting("REDIS_HOST")
    return f"redis://{host}:{setting('REDIS_PORT', '6379')}/{setting('REDIS_DB', '0')}" if host else None
