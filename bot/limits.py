"""Rate limits for every public channel, in one place, counted by the `limits` library: in Redis
when REDIS_HOST is set (production: the replicas share the counts), in memory otherwise.

In memory, the counts are bot/limit_windows.py's rather than limits' own MemoryStorage.

Rules (each a `limits` string, overridable by its setting):
- per conversation (a REST sender, a texting number, a web chat session): 20 messages a minute,
  300 an hour; a person types far slower, a script does not;
- per client address (REST and web chat): 120 requests a minute, whatever they carry, so a flood
  of malformed requests is refused before it is parsed; generous, since a shelter or library
  puts many people behind one address;
- new web chats per client address: 20 an hour (a chat id costs the server a conversation);
- the polite "slow down" reply: once a minute per conversation, so a flood never makes the
  server flood back (every text sent costs money).
The reply carries 911 and 988 (limits.slow_down), so a person in crisis who is refused still
has them. If Redis cannot be reached the message is let through: a person in danger must not be
refused because a counter is down. Keys are keyed hashes (pseudonym), never an address or id.

Every `limits` release since 2.5 needs `packaging>=21`, and Rasa 3.6 pins `packaging<21`, so
this is limits 2.4, which has no async Redis client without an extra compiled dependency: the
synchronous limiter runs in a worker thread when it talks to Redis.
"""

import asyncio
import functools
import hashlib
import hmac
import logging

from limits import RateLimitItem, parse_many
from limits.storage import RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter
from sanic import Blueprint
from sanic.request import Request

from bot import settings
from bot.limit_windows import MemoryWindows

logger = logging.getLogger(__name__)

RULES = {
    "conversation": ("RATE_LIMIT_PER_CONVERSATION", "20/minute;300/hour"),
    "address": ("RATE_LIMIT_PER_ADDRESS", "120/minute"),
    "new_chat": ("RATE_LIMIT_NEW_CHATS_PER_ADDRESS", "20/hour"),
    "notice": ("RATE_LIMIT_NOTICES", "1/minute"),
}


@functools.cache
def _storage() -> Storage:
    url = settings.redis_url()
    return RedisStorage(url, socket_timeout=1, socket_connect_timeout=1) if url else MemoryWindows()


@functools.cache
def _limiter() -> MovingWindowRateLimiter:
    return MovingWindowRateLimiter(_storage())  # which keeps only a weak reference to the storage


@functools.cache
def items(rule: str) -> tuple[RateLimitItem, ...]:
    name, default = RULES[rule]
    return tuple(parse_many(settings.setting(name, default)))


def pseudonym(value: str) -> str:
    """A keyed hash of an address or conversation id: counters and presence rows hold no address."""
    key = settings.secret("WEBCHAT_TOKEN_KEY").encode()
    return hmac.new(key, f"client:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def _hit(rule: str, key: str) -> bool:
    limiter = _limiter()
    return all([limiter.hit(item, rule, key) for item in items(rule)])  # a list: every window counts


async def allow(rule: str, value: str) -> bool:
    """Count one more for value under rule; False when it is over any of the rule's limits."""
    key = pseudonym(value)
    if not settings.setting("REDIS_HOST"):
        return _hit(rule, key)
    try:
        return await asyncio.to_thread(_hit, rule, key)
    except Exception as error:  # noqa: BLE001 - counting is down: let the person through
        logger.error("limits: cannot count (%s); letting the message through", type(error).__name__)
        return True


def client_address(request: Request) -> str:
    """The client's address: the proxy's X-Forwarded-For entry when BOT_PROXIES_COUNT proxies
    stand in front (a load balancer, as in production), else the connection's peer."""
    return request.remote_addr or request.ip or "unknown"


def register(blueprint: Blueprint) -> None:
    """Every channel registers this: the bot's server trusts BOT_PROXIES_COUNT proxies (0 by
    default) for the client's address, as the console does with CONSOLE_PROXIES_COUNT."""

    @blueprint.listener("before_server_start")
    async def trust_proxies(app, _loop) -> None:  # noqa: ANN001 - Sanic's listener signature
        app.config.PROXIES_COUNT = int(settings.setting("BOT_PROXIES_COUNT", "0"))
