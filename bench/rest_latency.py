"""Latency and throughput of the assistant through the REST channel, as `make run` starts it.

Prints p50/p95 latency and messages per second at 1 and 10 concurrent 5-turn conversations,
and the latency at turns 5, 100 and 150 of long conversations. All traffic stays on 127.0.0.1.

    .venv/bin/python bench/rest_latency.py [--rounds N]
"""

import argparse
import statistics
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from bot.stack import Stack

TURNS = [
    "hi",
    "my ex keeps following me and showing up at my job",
    "can i get help without going to the police",
    "who pays my hospital bills after i got shot",
    "texas",
    "i need a safe place to stay",
    "is this confidential",
    "thank you",
]


def timed_turn(session: requests.Session, url: str, sender: str, text: str) -> float:
    start = time.perf_counter()
    reply = session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
    reply.raise_for_status()
    return (time.perf_counter() - start) * 1000


def conversation(url: str, turns: int) -> list[float]:
    sender = f"bench-{uuid.uuid4().hex}"
    with requests.Session() as session:
        return [timed_turn(session, url, sender, TURNS[i % len(TURNS)]) for i in range(turns)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def concurrent_run(url: str, users: int, conversations: int, turns: int = 5) -> None:
    start = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        latencies = [ms for run in pool.map(lambda _: conversation(url, turns), range(conversations)) for ms in run]
    elapsed = time.perf_counter() - start
    print(
        f"{users:>3} concurrent, {conversations} conversations x {turns} turns: "
        f"p50 {statistics.median(latencies):6.1f} ms  p95 {percentile(latencies, 0.95):6.1f} ms  "
        f"{len(latencies) / elapsed:6.1f} messages/s",
        flush=True,
    )


def long_conversations(url: str, count: int, turns: int = 150) -> None:
    """Median latency around turns 5, 100 and 150 (five turns each) of `count` conversations."""
    runs = [conversation(url, turns) for _ in range(count)]
    around = {turn: statistics.median(ms for run in runs for ms in run[turn - 3 : turn + 2]) for turn in (5, 100, 148)}
    print(
        f"long conversations ({count} x {turns} turns): median turn 5 {around[5]:.1f} ms, "
        f"turn 100 {around[100]:.1f} ms ({around[100] / around[5]:.2f}x), "
        f"turn 150 {around[148]:.1f} ms ({around[148] / around[5]:.2f}x)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=1, help="repeat the concurrency runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        stack = Stack(Path(workdir), env={"APP_DB_URL": f"sqlite:///{workdir}/app.db"}).start()
        try:
            conversation(stack.url, 5)  # warm-up
            for _ in range(args.rounds):
                concurrent_run(stack.url, users=1, conversations=20)
                concurrent_run(stack.url, users=10, conversations=60)
            long_conversations(stack.url, count=3)
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
