"""Compares candidate NLU pipelines on the same held-out split: macro F1, accuracy, training
time and parse latency. Candidates live in bench/nlu_candidates/; the shipped one is bot/config.yml.

    .venv/bin/python bench/nlu_compare.py [candidate.yml ...]
"""

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rasa.core.agent import load_agent
from rasa.shared.nlu.training_data.loading import load_data

from bot.nlu_eval import evaluate
from bot.settings import ROOT


async def parse_latency_ms(model: Path, test_file: Path) -> tuple[float, float]:
    agent = await load_agent(model_path=str(model))
    texts = [m.get("text") for m in load_data(str(test_file)).intent_examples]
    timings = []
    for text in texts:
        start = time.perf_counter()
        await agent.parse_message(text)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95)]


def main(paths: list[str]) -> None:
    shipped = ROOT / "bot" / "config.yml"
    candidates = [Path(p) for p in paths] or [shipped, *sorted((ROOT / "bench" / "nlu_candidates").glob("*.yml"))]
    print(f"{'candidate':32} {'macro F1':>8} {'accuracy':>8} {'train s':>8} {'p50 ms':>7} {'p95 ms':>7}")
    for config in candidates:
        with tempfile.TemporaryDirectory() as workdir:
            start = time.perf_counter()
            result = evaluate(config, Path(workdir), langs=["en"])["en"]
            seconds = time.perf_counter() - start
            p50, p95 = asyncio.run(parse_latency_ms(result.model, result.test_file))
        name = config.relative_to(ROOT) if config.is_relative_to(ROOT) else config
        scores = f"{result.macro_f1:8.3f} {result.accuracy:8.3f} {seconds:8.1f} {p50:7.1f} {p95:7.1f}"
        print(f"{str(name):32} {scores}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
