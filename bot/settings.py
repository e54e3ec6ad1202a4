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
