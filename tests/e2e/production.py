"""The production configuration of the end-to-end tests: bot/endpoints.production.yml with the
PostgreSQL tracker store and Redis lock store on this machine, APP_ENV=production, invented
secrets, and the limits that ship (bot/limits.py), counted in Redis."""

from pathlib import Path

import pytest
import redis
from sqlalchemy import create_engine, text

from bot.channels import sms_store
from bot.stack import Stack
from bot.stores import from_endpoints
from tests import aio
from tests.e2e.people import fictional_number

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
ENDPOINTS = Path(__file__).resolve().parents[2] / "bot" / "endpoints.production.yml"
DATABASE = "vwa_e2e"


def reachable() -> bool:
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=2).ping()
        create_engine(f"{PG_SERVER}/postgres", future=True).connect().close()
        return True
    except Exception:
        return False


def create_database() -> None:
    """Operators create the tracker database once; Rasa only creates its tables."""
    with create_engine(f"{PG_SERVER}/postgres", future=True, isolation_level="AUTOCOMMIT").connect() as connection:
        exists = connection.execute(text("select 1 from pg_database where datname = :d"), {"d": DATABASE}).first()
        if not exists:
            connection.execute(text(f"create database {DATABASE}"))


def production_env(tracker_port: int, twilio_url: str) -> dict[str, str]:
    return {
        "APP_ENV": "production",
        "APP_DB_URL": f"{PG_SERVER}/test",
        "TRACKER_DB_HOST": "127.0.0.1",
        "TRACKER_DB_PORT": str(tracker_port),
        "TRACKER_DB_NAME": DATABASE,
        "TRACKER_DB_USER": "postgres",
        "TRACKER_DB_PASSWORD": "",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "6379",
        "REDIS_DB": "0",
        # Invented secrets: production refuses the development stand-ins.
        "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
        "TWILIO_AUTH_TOKEN": "production-test-auth-token",
        "SMS_ID_KEY": "production-test-id-key",
        "APP_ENCRYPTION_KEY": "cHJvZHVjdGlvbi10ZXN0LWtleS0wMDAwMDAwMDAwMDA=",
        "HANDOFF_RELAY_TOKEN": "production-test-relay-token",
        "WEBCHAT_TOKEN_KEY": "production-test-webchat-key",
        "REST_API_TOKEN": "production-test-rest-token",
        "TWILIO_API_BASE_URL": twilio_url,
        # Behind a load balancer, as in production: the client's address is X-Forwarded-For's, so
        # each test can speak from its own (documentation) address.
        "BOT_PROXIES_COUNT": "1",
        # Fewer messages a minute per conversation than the 20 that ship, to keep the test short.
        "RATE_LIMIT_PER_CONVERSATION": "12/minute;300/hour",
        # A tab gone for 3 s leaves the queue (5 minutes in production), to keep the test short.
        "WEBCHAT_ABANDONED_MINUTES": "0.05",
    }


def unused_number(stack: Stack) -> str:
    """A fictional number no earlier run has used: these databases outlive a test run."""
    with create_engine(f"{PG_SERVER}/{DATABASE}", future=True).connect() as connection:
        while True:
            number = fictional_number()
            sender = sms_store.conversation_id(number)
            used = connection.execute(text("select 1 from events where sender_id = :s"), {"s": sender}).first()
            if not used:
                return number


def said(stack: Stack, conversation_id: str) -> list[str]:
    """The person's messages as the replicas' tracker store holds them, in its order."""
    with pytest.MonkeyPatch.context() as env:
        for key, value in stack.env.items():
            env.setenv(key, value)
        tracker = aio.run(from_endpoints(ENDPOINTS).retrieve_full_tracker(conversation_id))
    return [e.text for e in tracker.events if e.type_name == "user"] if tracker else []
