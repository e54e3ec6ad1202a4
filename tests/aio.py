"""Running a coroutine from a test, whatever the main thread is doing.

Playwright's sync API (the session's browser fixture) keeps an event loop running in the main
thread, where asyncio.run refuses to start another; a worker thread has none of its own.
"""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
