"""This project against a stock `rasa init` bot built with the same Rasa, side by side in one run.

Both bots are sent the same conversations through the REST channel: 10 concurrent 5-turn
conversations (throughput, p50, p95), and long conversations (median latency around turn 5 and
turn 150). It also prints how long each took from start to its first answer and the memory (PSS)
of each running stack. The last columns run the project on PostgreSQL and Redis as in production,
with one Rasa worker process and with one per core (the README's recommendation). The stock bot
is built once, under var/bench/stock (`rasa init`).

Each stack is first started alone, timed to its first answer, warmed up and its memory taken
(alone, so that no page is shared with another stack). Then all are started again, stay
up and are measured in turn, round after round, and each figure is the median of its rounds:
this shared machine's speed drifts by a third within minutes, and taking the rounds in turn lets
every bot meet the same drift.

    .venv/bin/python bench/versus_stock.py [--rounds 3] [--conversations 200] [--long 3] [--workers 1 2]
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
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


@dataclass
class Running:
    url: str
    pids: list[int]
    started_s: float
    memory_mb: float = 0.0
    rounds: list[tuple[float, list[float], list[list[float]]]] = field(default_factory=list)

    def result(self) -> Result:
        """The median of the rounds' throughputs and of each latency figure."""
        latencies = [ms for _, run, _ in self.rounds for ms in run]
        longs = [run for _, _, runs in self.rounds for run in runs]
        return Result(
            self.started_s,
            statistics.median(throughput for throughput, _, _ in self.rounds),
            statistics.median(latencies),
            percentile(latencies, 0.95),
            statistics.median(ms for run in longs for ms in run[2:7]),
            statistics.median(ms for run in longs for ms in run[145:150]),
            self.memory_mb,
        )


def tree(pids: list[int]) -> list[int]:
    """The processes and all their children, alive now."""
    seen, todo = [], list(pids)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
        seen.append(pid)
    return seen


def pss_of(pid: int) -> float:
    """One process's proportional set size in MB (0 once it is gone)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")) / 1024


def pss_mb(pids: list[int]) -> float:
    """Proportional set size of the processes and their children: shared pages counted once."""
    return sum(pss_of(pid) for pid in tree(pids))


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


def measure_round(bot: Running, conversations: int, long: int) -> None:
    with ThreadPoolExecutor(10) as pool:
        list(pool.map(lambda _: conversation(bot.url, 5), range(20)))  # warm-up: every worker, every code path
        start = time.perf_counter()
        latencies = [ms for run in pool.map(lambda _: conversation(bot.url, 5), range(conversations)) for ms in run]
        throughput = len(latencies) / (time.perf_counter() - start)
    bot.rounds.append((throughput, latencies, [conversation(bot.url, 150) for _ in range(long)]))


def start_stock(stack: ExitStack) -> Running:
    model, port = stock_model(), free_port()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    args = [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(port)]
    started = time.monotonic()
    process = subprocess.Popen(args, cwd=STOCK, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stack.callback(process.wait)
    stack.callback(process.terminate)
    url = f"http://127.0.0.1:{port}"
    return Running(url, [process.pid], wait_answering(url, started))


def start_project(stack: ExitStack, workers: int = 0) -> Running:
    """As `make run` starts it (SQLite, one Rasa process), or with `workers` Rasa worker processes
    on the production stores (PostgreSQL, Redis), as the README recommends for a machine."""
    workdir = stack.enter_context(tempfile.TemporaryDirectory())
    if workers:
        env, endpoints = production_env(f"vwa_bench_{workers}", workers), ENDPOINTS
    else:
        env, endpoints = {"APP_ENV": "development", "APP_DB_URL": f"sqlite:///{workdir}/app.db", **UNLIMITED}, None
    project = Stack(Path(workdir), endpoints_file=endpoints, env=env)
    started = time.monotonic()
    project.start()
    stack.callback(project.stop)
    return Running(project.url, [p.pid for p in project.processes], wait_answering(project.url, started))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=200, help="5-turn conversations, 10 at a time")
    parser.add_argument("--long", type=int, default=3, help="150-turn conversations")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=sorted({1, os.cpu_count() or 1}), help="Rasa workers in production"
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of measurements, each bot in turn")
    args = parser.parse_args()
    starts = {"stock rasa init": start_stock, "this project": start_project}
    for workers in args.workers:
        starts[f"production, {workers} worker{'s' * (workers > 1)}"] = partial(start_project, workers=workers)
    alone = {}
    for name, start in starts.items():
        with ExitStack() as stack:
            bot = start(stack)
            with ThreadPoolExecutor(10) as pool:
                list(pool.map(lambda _, url=bot.url: conversation(url, 5), range(70)))
            alone[name] = (bot.started_s, pss_mb(bot.pids))
    with ExitStack() as stack:
        bots = {name: start(stack) for name, start in starts.items()}
        for name, bot in bots.items():
            bot.started_s, bot.memory_mb = alone[name]
        for _ in range(args.rounds):
            for bot in bots.values():
                measure_round(bot, args.conversations, args.long)
        columns = {name: bot.result() for name, bot in bots.items()}
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
    for label, unit, attribute, fmt in rows:
        print(
            f"{label + ' (' + unit + ')':36}"
            + "".join(f"{fmt.format(getattr(c, attribute)):>24}" for c in columns.values())
        )
    ratios = [f"{c.throughput / stock.throughput:.1f}x" for c in columns.values()]
    print(f"{'throughput / stock':36}" + "".join(f"{r:>24}" for r in ratios))
    growth = [f"{c.turn150 / c.turn5:.1f}x" for c in columns.values()]
    print(f"{'turn 150 / turn 5':36}" + "".join(f"{g:>24}" for g in growth))


if __name__ == "__main__":
    main()
