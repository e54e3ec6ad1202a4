"""This project against a stock `rasa init` bot built with the same Rasa, side by side in one run.

Both bots are sent the same conversations through the REST channel: 10 concurrent 5-turn
conversations (throughput, p50, p95), and long conversations (median latency around turn 5 and
turn 150). It also prints how long each took from start to its first answer and the memory (PSS)
of each running stack. A third column runs the project as the README recommends for production:
one Rasa worker process per core on PostgreSQL and Redis. The stock bot is built once, under
var/bench/stock (`rasa init`).

    .venv/bin/python bench/versus_stock.py [--long 3] [--conversations 60] [--workers N]
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests
from production import ENDPOINTS, UNLIMITED, production_env
from rest_latency import conversation, percentile

from bot.settings import ROOT
from bot.stack import BIN, Stack, free_port

STOCK = ROOT / "var" / "bench" / "stock"


@dataclass
class Result:
    started_s: float
    throughput: float
    p50: float
    p95: float
    turn5: float
    turn150: float
    memory_mb: float


def pss_mb(pids: list[int]) -> float:
    """Proportional set size of the processes and their children: shared pages counted once."""
    total, seen, todo = 0, set(), list(pids)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024


def stock_model() -> Path:
    models = sorted((STOCK / "models").glob("*.tar.gz")) if STOCK.exists() else []
    if not models:
        STOCK.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(STOCK)], cwd=STOCK, check=True)
        models = sorted((STOCK / "models").glob("*.tar.gz"))
    return models[-1]


def wait_answering(url: str, started: float) -> float:
    while True:
        try:
            if requests.post(f"{url}/webhooks/rest/webhook", json={"sender": "start", "message": "hi"}, timeout=5).ok:
                return time.monotonic() - started
        except requests.RequestException:
            time.sleep(0.2)


def measure(url: str, pids: list[int], started_s: float, conversations: int, long: int) -> Result:
    with ThreadPoolExecutor(10) as pool:
        list(pool.map(lambda _: conversation(url, 5), range(20)))  # warm-up: every worker, every code path
        start = time.perf_counter()
        latencies = [ms for run in pool.map(lambda _: conversation(url, 5), range(conversations)) for ms in run]
        throughput = len(latencies) / (time.perf_counter() - start)
    runs = [conversation(url, 150) for _ in range(long)]
    turn5 = statistics.median(ms for run in runs for ms in run[2:7])
    turn150 = statistics.median(ms for run in runs for ms in run[145:150])
    return Result(
        started_s, throughput, statistics.median(latencies), percentile(latencies, 0.95), turn5, turn150, pss_mb(pids)
    )


def run_stock(conversations: int, long: int) -> Result:
    model, port = stock_model(), free_port()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    args = [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(port)]
    started = time.monotonic()
    process = subprocess.Popen(args, cwd=STOCK, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        return measure(url, [process.pid], wait_answering(url, started), conversations, long)
    finally:
        process.terminate()
        process.wait()


def run_project(conversations: int, long: int, workers: int = 0) -> Result:
    """As `make run` starts it (SQLite, one Rasa process), or with `workers` Rasa worker processes
    on the production stores (PostgreSQL, Redis), as the README recommends for a machine."""
    with tempfile.TemporaryDirectory() as workdir:
        if workers:
            env, endpoints = production_env("vwa_bench", workers), ENDPOINTS
        else:
            env, endpoints = {"APP_ENV": "development", "APP_DB_URL": f"sqlite:///{workdir}/app.db", **UNLIMITED}, None
        stack = Stack(Path(workdir), endpoints_file=endpoints, env=env)
        started = time.monotonic()
        stack.start()
        try:
            pids = [p.pid for p in stack.processes]
            return measure(stack.url, pids, wait_answering(stack.url, started), conversations, long)
        finally:
            stack.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=200, help="5-turn conversations, 10 at a time")
    parser.add_argument("--long", type=int, default=3, help="150-turn conversations")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="Rasa workers on the production stores")
    args = parser.parse_args()
    columns = {
        "stock rasa init": run_stock(args.conversations, args.long),
        "this project": run_project(args.conversations, args.long),
        f"production, {args.workers} workers": run_project(args.conversations, args.long, args.workers),
    }
    rows = [
        ("start to first answer", "s", "started_s", "{:.1f}"),
        ("throughput at 10 concurrent", "msg/s", "throughput", "{:.1f}"),
        ("p50 at 10 concurrent", "ms", "p50", "{:.0f}"),
        ("p95 at 10 concurrent", "ms", "p95", "{:.0f}"),
        ("median latency, turn 5", "ms", "turn5", "{:.0f}"),
        ("median latency, turn 150", "ms", "turn150", "{:.0f}"),
        ("memory of the running stack (PSS)", "MB", "memory_mb", "{:.0f}"),
    ]
    stock = columns["stock rasa init"]
    print(f"{'':36}" + "".join(f"{name:>24}" for name in columns))
    for label, unit, field, fmt in rows:
        print(
            f"{label + ' (' + unit + ')':36}"
            + "".join(f"{fmt.format(getattr(c, field)):>24}" for c in columns.values())
        )
    ratios = [f"{c.throughput / stock.throughput:.1f}x" for c in columns.values()]
    print(f"{'throughput / stock':36}" + "".join(f"{r:>24}" for r in ratios))
    growth = [f"{c.turn150 / c.turn5:.1f}x" for c in columns.values()]
    print(f"{'turn 150 / turn 5':36}" + "".join(f"{g:>24}" for g in growth))


if __name__ == "__main__":
    main()
