"""The production lock store (bot/stores/redis_lock.py) on the real Redis: it keeps Rasa's lock as
Rasa's own RedisLockStore does, step by step, and replicas that take the same conversation at the
same moment are still served one at a time."""

import asyncio
import threading
import time
import uuid

import pytest
import redis
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.stores.redis_lock import AtomicRedisLockStore
from tests import aio

DB = 7  # a database of its own, emptied by each test


@pytest.fixture
def redis_db():
    client = redis.Redis(host="127.0.0.1", port=6379, db=DB)
    client.flushdb()
    yield client
    client.flushdb()


def atomic() -> AtomicRedisLockStore:
    return AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=DB, key_prefix="vwa", type="x"))


def rasas() -> RedisLockStore:
    return RedisLockStore(host="127.0.0.1", port=6379, db=DB, key_prefix="vwa")


def tickets(store: RedisLockStore, conversation_id: str) -> list[int] | None:
    lock = store.get_lock(conversation_id)
    return None if lock is None else [ticket.number for ticket in lock.tickets]


def steps(store: RedisLockStore) -> list:
    """Issue, give back and let expire tickets, as two replicas' messages and a stalled one do."""
    seen = []
    seen.append(store.issue_ticket("c1", 60))
    seen.append(store.issue_ticket("c1", 60))
    seen.append(tickets(store, "c1"))
    store.cleanup("c1", 0)  # the first message is done: the second's turn
    seen.append((tickets(store, "c1"), store.get_lock("c1").is_locked(1)))
    store.issue_ticket("c2", 0.05)  # a ticket whose holder stalled past its lifetime
    time.sleep(0.1)
    store.update_lock("c2")
    seen.append(tickets(store, "c2"))
    seen.append(store.issue_ticket("c2", 60))  # numbering starts again, as no live ticket is left
    store.cleanup("c1", 1)
    store.cleanup("c2", 0)
    seen.append((tickets(store, "c1"), tickets(store, "c2")))
    store.cleanup("c3", 5)  # giving back a ticket of a lock that is gone changes nothing
    seen.append(tickets(store, "c3"))
    return seen


def test_each_step_leaves_the_lock_as_rasas_own_store_does(redis_db):
    expected = steps(rasas())
    redis_db.flushdb()
    assert steps(atomic()) == expected


def test_rasas_code_and_this_store_read_each_others_locks(redis_db):
    ours, theirs = atomic(), rasas()
    assert theirs.issue_ticket("c1", 60) == 0
    assert ours.issue_ticket("c1", 60) == 1
    assert theirs.issue_ticket("c1", 60) == 2
    ours.cleanup("c1", 0)
    assert tickets(theirs, "c1") == [1, 2] and not theirs.get_lock("c1").is_locked(1)


def issue_at_once(stores: list[RedisLockStore], conversation_id: str, each: int) -> list[int]:
    """Every store issues `each` tickets for the conversation, all stores at the same time."""
    numbers, start = [], threading.Barrier(len(stores))

    def issue(store: RedisLockStore) -> None:
        start.wait()
        for _ in range(each):
            numbers.append(store.issue_ticket(conversation_id, 60))

    threads = [threading.Thread(target=issue, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return numbers


def test_replicas_issuing_tickets_at_the_same_moment_never_get_the_same_one(redis_db):
    numbers = issue_at_once([atomic() for _ in range(4)], f"sms-{uuid.uuid4().hex}", 50)
    assert sorted(numbers) == list(range(200))


def test_two_replicas_handle_one_conversations_messages_one_at_a_time(redis_db):
    """Each message holds the conversation's lock while it is handled, as Rasa's agent holds it."""
    inside, most, handled = [0], [0], []

    async def message(store: RedisLockStore, n: int) -> None:
        async with store.lock("sms-same-person", wait_time_in_seconds=0.01):
            inside[0] += 1
            most[0] = max(most[0], inside[0])
            await asyncio.sleep(0.005)
            handled.append(n)
            inside[0] -= 1

    async def both() -> None:
        replicas = [atomic(), atomic()]
        await asyncio.gather(*(message(replicas[n % 2], n) for n in range(20)))

    aio.run(both())
    assert most[0] == 1 and sorted(handled) == list(range(20))
    assert tickets(rasas(), "sms-same-person") is None  # the last one out removed the lock
