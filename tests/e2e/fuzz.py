"""What the fuzz tests (test_fuzz_*.py) share: hypothesis strategies for malformed and odd input,
settings that keep them reproducible and inside CI's time, and a look at what the servers logged
meanwhile (nothing crashed, and nothing a fuzzer wrote is there)."""

import json

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st


def fuzz(examples: int) -> settings:
    """Settings for `examples` requests to a real server: the same ones on every run
    (derandomize), so a failure in CI replays here; no shrinking, which would replay a slow
    failure for minutes (the failing example is reported as found); no example database left in
    the checkout."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow],  # slow because each example is a real request
    )


CANARY = "quillfeather"  # in fuzzed messages, so the logs can be searched for them; letters only
ODD = [
    "\x00",
    "\x1b[2J",
    "\r\n",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200d",  # zero-width joiner
    "\u200b",  # zero-width space
    "\ufeff",  # byte order mark
    "\u2028",  # line separator
    "e\u0301",  # a combining accent
    "👩‍👩‍👧",
    "🏳️‍🌈",
    "²",  # a digit to str.isdigit(), not to int()
    "٣",
    "𝟘",
    "ﷺ",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{7*7}}",
    "%s%n",
    "../../etc/passwd",
    # Words that change a conversation's course: opt-out, erasure, leaving the queue, a numbered choice.
    "STOP",
    "DELETE",
    "BACK",
    "1",
]
SURROGATES = ["\ud800", "\udfff", "a\ud83d"]  # halves of a pair: JSON can carry them, a form cannot


def odd_text(surrogates: bool = False) -> st.SearchStrategy[str]:
    """Short text: random Unicode, or pieces of ODD (and lone surrogates, where the transport
    carries them)."""
    # Hypothesis's characters() can draw lone surrogates too: a form or a query string cannot carry them.
    chars = st.characters(exclude_categories=() if surrogates else ("Cs",))
    pieces = st.sampled_from(ODD + SURROGATES if surrogates else ODD)
    return st.one_of(
        st.text(chars, max_size=30), st.lists(pieces | st.text(chars, max_size=4), max_size=6).map("".join)
    )


def huge_text(limit: int) -> st.SearchStrategy[str]:
    """Text just under, at and over a limit in characters, whatever their size in bytes."""
    sizes = st.sampled_from([limit - 1, limit, limit + 1, 3 * limit])
    return st.builds(lambda char, size: char * size, st.sampled_from(["a", "é", "😀", "\u200d", " "]), sizes)


def messages(limit: int, surrogates: bool = False) -> st.SearchStrategy[str]:
    """What a person might send, oddly: odd text (often with CANARY), or huge text."""
    odd = odd_text(surrogates)
    return st.one_of(odd, st.tuples(odd, odd).map(lambda ends: f"{ends[0]} {CANARY} {ends[1]}"), huge_text(limit))


def json_values() -> st.SearchStrategy:
    """Any JSON value: scalars of every type (integers past 64 bits, lone surrogates), lists and
    objects."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=2**63),
        st.floats(allow_nan=False, allow_infinity=False),
        odd_text(surrogates=True),
    )
    return st.recursive(
        scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    )


def header_values() -> st.SearchStrategy[str]:
    """What an HTTP header can carry (Latin-1, no line breaks): forged signatures and tokens."""
    return st.text(st.characters(max_codepoint=255, exclude_characters="\r\n\x00"), max_size=40)


def as_json(value: object) -> bytes:
    """JSON as a client sends it; lone surrogates travel as \\ud800 escapes."""
    return json.dumps(value).encode()


class Logs:
    """What a stack's servers log from the moment this is made."""

    # Logged at ERROR while refusing bad input, so not a crash: Sanic cannot parse a form body.
    REFUSALS = ("Failed when parsing form",)

    def __init__(self, stack) -> None:
        self.start = {path: path.stat().st_size for path in stack.workdir.glob("*.log")}

    def new(self) -> str:
        logged = []
        for path, offset in self.start.items():
            with path.open("rb") as log:
                log.seek(offset)
                logged.append(log.read().decode(errors="replace"))
        return "".join(logged)

    def assert_clean(self) -> None:
        """No error logged (a 500, a failed socket.io handler or background task, a text left
        unanswered) and no word a fuzzer sent, as the README promises for every log line."""
        logged = self.new()
        errors = [line for line in logged.splitlines() if "ERROR" in line and not any(r in line for r in self.REFUSALS)]
        assert not errors, "\n".join(errors)
        assert CANARY not in logged
