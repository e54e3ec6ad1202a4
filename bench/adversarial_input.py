"""The worst cost of one message to the checks that read every message as text, on adversarial
10,000-character inputs (the longest any channel accepts) built to make them slow: words every
crisis pattern can start with, unbounded gaps, letters stretched so the crisis check reads two
forms, many state codes, ZIP codes and Spanish words that are also state names.

    .venv/bin/python bench/adversarial_input.py

For each input, the milliseconds (median of five runs, on this machine) of each check:
- crisis: bot/crisis.detect, run in the NLU pipeline (bot/nlu/crisis_override.py) and again in
  the action server (actions/crisis.py, the handoff form);
- language: bot/language.chosen and detect (bot/nlu/language_check.py);
- location: bot/location.find_state (bot/nlu/location_check.py, and the actions that read a state);
- all: what the NLU pipeline runs on each message, in its order: the language check (which asks
  bot/crisis.language_of when the language is unclear), the location check, the crisis override.
Then the worst of each. Every check runs on Rasa's event loop: its cost is a stall of every
channel. (The handoff priority, actions/handoff.priority_of, reads the intents the pipeline
already gave each message, so it no longer runs any check again.)
"""

import random
import statistics
import time
from collections.abc import Callable

from bot import crisis, language, location

LIMIT = 10_000  # the longest message any channel accepts
random.seed(2026)
_CRISIS_STARTS = sorted(" ".join(pair) for pair in crisis._PAIRS)
INPUTS = {
    "one 'pills' then filler": "pills " + "a " * LIMIT,
    "'take them all' repeated": "take them all " * LIMIT,
    "'pills' repeated": "pills " * LIMIT,
    "Spanish past-time guard": "hace " * LIMIT,
    "near-miss danger phrases": "he is outside my " * LIMIT,
    "one long word": "a" * LIMIT,
    "emoji and other scripts": "\U0001f64f\u6211\u9700\u8981 " * LIMIT,
    "digits and leet": "k1ll 0v3rd0s3 " * LIMIT,
    "pattern starts, shuffled": " ".join(random.sample(_CRISIS_STARTS, len(_CRISIS_STARTS))),
    "'me va a' repeated": "me va a " * LIMIT,
    "'esta el' (a bounded gap)": "esta el " * LIMIT,
    "stretched: two forms to read": "dieeee " + "esta el " * LIMIT,
    "filler, crisis at the end": ("the bus was late again today " * LIMIT)[: LIMIT - 20] + " i want to die",
    "state codes in capitals": "TX TX " * LIMIT,
    "codes after a non-place": "the VA " * LIMIT,
    "ZIP codes no state uses": "00000 " * LIMIT,
    "ZIP codes that are money": "pagar 15000 " * LIMIT,
    "Spanish words, state names": "hubo una nevada " * LIMIT,
}


def _pipeline(text: str) -> None:
    """The NLU pipeline's checks of one message, in order (bot/config.yml)."""
    _ = language.chosen(text) or language.detect(text) or crisis.language_of(text)
    location.find_state(text)
    crisis.detect(text)


CHECKS: dict[str, Callable[[str], object]] = {
    "crisis": crisis.detect,
    "language": lambda text: (language.chosen(text), language.detect(text)),
    "location": location.find_state,
    "all": _pipeline,
}


def cost_ms(check: Callable[[str], object], text: str) -> float:
    runs = []
    for _ in range(5):
        for cached in (crisis._matches, language._words):  # each keeps its last message: measure a new one
            cached.cache_clear()
        start = time.perf_counter()
        check(text)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    texts = {name: text[:LIMIT] for name, text in INPUTS.items()}
    print(f"{'10,000 characters of':30}" + "".join(f"{name:>10}" for name in CHECKS) + "  (ms)")
    worst = dict.fromkeys(CHECKS, 0.0)
    for name, text in texts.items():
        costs = {check: cost_ms(run, text) for check, run in CHECKS.items()}
        worst = {check: max(worst[check], ms) for check, ms in costs.items()}
        print(f"{name:30}" + "".join(f"{ms:10.1f}" for ms in costs.values()))
    print(f"{'worst':30}" + "".join(f"{ms:10.1f}" for ms in worst.values()) + "  per 10 kB message")


if __name__ == "__main__":
    main()
