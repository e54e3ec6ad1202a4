"""Makes a tracker or lock store outage an error the person sees, instead of a silent reset.

Rasa wraps every tracker store in FailSafeTrackerStore: when the database cannot be read it
hands back no conversation, so the person silently starts over (the state they gave, the
question in progress, gone), and when it cannot be written it keeps the conversation in the
memory of one replica, where the other replicas never see it and a restart loses it. For people
in danger that is worse than an error, and Rasa has no setting to turn it off. So, once the
server has loaded its agent, the wrapper is taken away again, and the channels answer a store
outage with 503 "please send it again": nothing is processed, nothing is lost.
"""

from rasa.core.agent import Agent
from rasa.core.lock_store import LockError
from rasa.core.tracker_store import FailSafeTrackerStore
from sanic import Blueprint

try:  # the lock store's client, when Redis is used
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a Rasa dependency
    RedisError = OSError

from sqlalchemy.exc import SQLAlchemyError

STORE_ERRORS = (SQLAlchemyError, RedisError, LockError, ConnectionError, TimeoutError)


def without_silent_fallback(agent: Agent) -> None:
    store = agent.tracker_store
    if isinstance(store, FailSafeTrackerStore):
        agent.tracker_store = store._tracker_store
        if agent.processor is not None:
            agent.processor.tracker_store = store._tracker_store


def register(blueprint: Blueprint) -> None:
    """Unwrap the store once the server (and so the agent) has started."""

    @blueprint.listener("after_server_start")
    async def unwrap(app, _loop) -> None:  # noqa: ANN001 - Sanic's listener signature
        agent = getattr(app.ctx, "agent", None)
        if agent is not None:
            without_silent_fallback(agent)
