"""Servers that start together on a new PostgreSQL database (the workers of one machine, the
replicas of a deployment) all create the app's tables at once, and every one of them starts."""

import multiprocessing

from tests.e2e.production import PG_SERVER
from tests.privacy.test_purge import fresh_postgresql

STARTING = 6


def start_like_a_worker(url: str, barrier, failures) -> None:  # noqa: ANN001 - multiprocessing's objects
    """What the SMS channel's and the console's start listeners create, at the same moment."""
    import os

    os.environ["APP_DB_URL"] = url
    from bot.channels import sms_store
    from bot.console import accounts
    from bot.handoff import presence, relay

    barrier.wait()
    try:
        sms_store.create_tables()
        relay.prepare()
        presence.create_tables()
        accounts.create_tables()
    except Exception as error:  # noqa: BLE001 - reported to the test
        failures.put(f"{type(error).__name__}: {str(error).splitlines()[0]}")


def test_workers_starting_together_on_a_new_database_all_start():
    url = f"{PG_SERVER}/{fresh_postgresql('vwa_tables_race')}"
    context = multiprocessing.get_context("spawn")
    barrier, failures = context.Barrier(STARTING), context.Queue()
    workers = [context.Process(target=start_like_a_worker, args=(url, barrier, failures)) for _ in range(STARTING)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    found = []
    while not failures.empty():
        found.append(failures.get())
    assert found == []
    assert [w.exitcode for w in workers] == [0] * STARTING
