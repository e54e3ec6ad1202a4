"""Runs the purge (bot/privacy/purge.py) in every Rasa server: soon after it starts, then every
PURGE_EVERY_MINUTES (60). Several replicas purging at once is harmless: each deletes what is due.
PURGE_EVERY_MINUTES=0 leaves the purge to a scheduled job (the Kubernetes CronJob in deploy/).

Registered by every channel, started once per server. A failed purge is logged by the kind of
error only and tried again next time; it never stops the server.
"""

import asyncio
import logging

from sanic import Blueprint

from bot import clock, db, settings, stores
from bot.channels import sms_store
from bot.console import accounts
from bot.handoff import presence, queue, transcript
from bot.privacy import purge
from bot.privacy.retention import Retention

logger = logging.getLogger(__name__)


def run_once(store) -> dict[str, int]:  # noqa: ANN001 - Rasa's tracker store, or None
    for module in (sms_store, queue, transcript, accounts, presence):  # the tables it purges or erases
        module.create_tables()
    store = stores.unwrapped(store)
    store = store if isinstance(store, purge.SQLTrackerStore) else None
    with db.session() as session:
        counts = purge.purge(session, store, Retention.load(), clock.now())
        session.commit()
    purge.forget_old_pages(db.engine(), store)
    return counts


async def _every(app, seconds: float) -> None:  # noqa: ANN001 - the Sanic app
    await asyncio.sleep(5)  # the server is up first
    while True:
        agent = getattr(app.ctx, "agent", None)
        try:
            counts = await asyncio.to_thread(run_once, agent.tracker_store if agent else None)
            logger.info("purge: %s", ", ".join(f"{table} {n}" for table, n in counts.items() if n) or "nothing due")
        except Exception as error:  # noqa: BLE001 - tried again next time
            logger.error("purge failed: %s", type(error).__name__)
        await asyncio.sleep(seconds)


def interval() -> float | None:
    """Seconds between the server's purges, or None when a scheduled job purges instead."""
    minutes = float(settings.setting("PURGE_EVERY_MINUTES", "60"))
    return 60 * minutes if minutes > 0 else None


def register(blueprint: Blueprint) -> None:
    @blueprint.listener("after_server_start")
    async def start(app, _loop) -> None:  # noqa: ANN001 - Sanic's listener signature
        seconds = interval()
        if seconds and not getattr(app.ctx, "purging", False):
            app.ctx.purging = True
            app.add_task(_every(app, seconds), name="privacy.purge")  # named: Sanic cancels it at stop
