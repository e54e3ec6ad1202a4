"""The worst cost of one message to the checks that read every message as text: the crisis
patterns (bot/crisis.py, run in the NLU pipeline and again for the handoff priority) and the
language markers (bot/language.py), on adversarial 10 kB inputs built to make patterns backtrack.

    .venv/bin/python bench/adversarial_input.py

Prints milliseconds per message (median of five runs) for each input, and the worst.
"""

import statistics
import time

from bot import crisis, language

LIMIT = 10_000  # the longest message any channel accepts
INPUTS = {
    "one 'pills' then filler": "pills " + "a " * LIMIT,
    "'take them all' repeated": "take them all " * LIMIT,
    "'pills' repeated": "pills " * LIMIT,
    "Spanish past-time guard": "hace " * LIMIT,
    "near-miss danger phrases": "he is outside my " * LIMIT,
    "one long word": "a" * LIMIT,
    "emoji and other scripts": "\U0001f64f\u6211\u9700\u8981 " * LIMIT,
    "digits and leet": "k1ll 0v3rd0s3 " * LIMIT,
}


def cost_ms(text: str) -> float:
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        crisis.detect(text)
        language.detect(text)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    worst = 0.0
    for name, text in INPUTS.items():
        ms = cost_ms(text[:LIMIT])
        worst = max(worst, ms)
        print(f"{name:28} {ms:7.1f} ms")
    print(f"{'worst':28} {worst:7.1f} ms per 10 kB message")


if __name__ == "__main__":
    main()
