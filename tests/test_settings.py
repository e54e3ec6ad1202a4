"""Development defaults work on a laptop, and only there: anything but an explicit
APP_ENV=development is production, which needs every secret and refuses the published ones."""

import os
import subprocess
import sys

import pytest

from bot import settings


def test_development_uses_a_local_sqlite_database(monkeypatch):
    monkeypatch.setenv("APP_ENV", "development")
    monkeypatch.delenv("APP_DB_URL", raising=False)
    assert settings.app_db_url().startswith("sqlite:///")


def test_production_refuses_the_development_database(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.delenv("APP_DB_URL", raising=False)
    with pytest.raises(settings.ConfigurationError, match="APP_DB_URL"):
        settings.app_db_url()


def test_production_uses_the_database_it_is_given(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("APP_DB_URL", "postgresql://assistant@db.invalid/app")
    assert settings.app_db_url() == "postgresql://assistant@db.invalid/app"


def test_the_action_server_refuses_to_start_in_production_without_a_database():
    env = {k: v for k, v in os.environ.items() if k != "APP_DB_URL"} | {"APP_ENV": "production"}
    result = subprocess.run([sys.executable, "-c", "import actions"], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "APP_DB_URL must be set" in result.stderr


SECRETS = [
    "TWILIO_AUTH_TOKEN",
    "TWILIO_ACCOUNT_SID",
    "SMS_ID_KEY",
    "APP_ENCRYPTION_KEY",
    "HANDOFF_RELAY_TOKEN",
    "WEBCHAT_TOKEN_KEY",
    "REST_API_TOKEN",
]


@pytest.mark.parametrize(
    "server",
    [
        ["-c", "import actions"],
        ["-m", "bot.console", "serve", "--port", "9"],
        ["-m", "bot.serve", "run", "--model", "models/assistant.tar.gz", "--port", "9"],
    ],
    ids=["action server", "console", "rasa"],
)
def test_a_server_started_without_app_env_and_secrets_refuses_to_start(server, tmp_path):
    """A forgotten APP_ENV is production: no published stand-in quietly takes a secret's place."""
    env = {k: v for k, v in os.environ.items() if k not in {"APP_ENV", *SECRETS}}
    env["APP_DB_URL"] = f"sqlite:///{tmp_path / 'app.db'}"
    result = subprocess.run([sys.executable, *server], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "must be set" in result.stderr, result.stderr[-2000:]


def test_a_published_development_value_is_refused_outside_development(monkeypatch):
    monkeypatch.delenv("APP_ENV", raising=False)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "development-auth-token")
    with pytest.raises(settings.ConfigurationError, match="published development value"):
        settings.secret("TWILIO_AUTH_TOKEN")
    monkeypatch.setenv("APP_ENV", "development")
    assert settings.secret("TWILIO_AUTH_TOKEN") == "development-auth-token"


def test_production_refuses_the_development_secrets(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    for name in SECRETS:
        monkeypatch.delenv(name, raising=False)
        with pytest.raises(settings.ConfigurationError, match=name):
            settings.secret(name)
    monkeypatch.setenv("SMS_ID_KEY", "set-by-the-operator")
    assert settings.secret("SMS_ID_KEY") == "set-by-the-operator"
