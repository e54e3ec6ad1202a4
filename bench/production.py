"""The production stores on this machine, for the benchmarks: PostgreSQL (the tracker store and the
app database, each created afresh) and Redis (the lock store, rate limits and web chat rooms),
as bot/endpoints.production.yml reads them. BENCH_POSTGRESQL and BENCH_REDIS point elsewhere."""

import os
from urllib.parse import urlparse

import redis
from sqlalchemy import create_engine, text

from bot.settings import ROOT

ENDPOINTS = ROOT / "bot" / "endpoints.production.yml"
POSTGRESQL = os.environ.get("BENCH_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432")
REDIS = urlparse(os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/5"))
# One machine sends everything: the abuse limits (tested in tests/e2e/test_abuse.py) would
# measure themselves instead of the servers.
UNLIMITED = {
    "RATE_LIMIT_PER_CONVERSATION": "100000/minute",
    "RATE_LIMIT_PER_ADDRESS": "1000000/minute",
    "RATE_LIMIT_NEW_CHATS_PER_ADDRESS": "1000000/hour",
    "WEBCHAT_MAX_WAITING_PER_ADDRESS": "100000",
}


def fresh_database(name: str) -> str:
    server = urlparse(POSTGRESQL)
    with create_engine(f"{POSTGRESQL}/postgres", future=True, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f"drop database if exists {name} with (force)"))
        connection.execute(text(f"create database {name}"))
    return server.hostname or "127.0.0.1"


def production_env(name: str, workers: int = 1) -> dict[str, str]:
    """Development secrets (a benchmark has nothing to protect) with the production stores."""
    server = urlparse(POSTGRESQL)
    fresh_database(f"{name}_tracker")
    fresh_database(f"{name}_app")
    redis.Redis(host=REDIS.hostname, port=REDIS.port or 6379, db=int(REDIS.path.strip("/") or 0)).flushdb()
    return {
        "APP_ENV": "development",
        "APP_DB_URL": f"{POSTGRESQL}/{name}_app",
        "TRACKER_DB_HOST": server.hostname or "127.0.0.1",
        "TRACKER_DB_PORT": str(server.port or 5432),
        "TRACKER_DB_NAME": f"{name}_tracker",
        "TRACKER_DB_USER": server.username or "postgres",
        "TRACKER_DB_PASSWORD": server.password or "",
        "REDIS_HOST": REDIS.hostname or "127.0.0.1",
        "REDIS_PORT": str(REDIS.port or 6379),
        "REDIS_DB": REDIS.path.strip("/") or "0",
        "SANIC_WORKERS": str(workers),
        **UNLIMITED,
    }
