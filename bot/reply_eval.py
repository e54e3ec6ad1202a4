"""End-to-end evaluation of whole replies (issue 13): messages written apart from the training data
(data/eval/replies_<lang>.yml), each with what its first reply must and must not contain. This
module loads the files and scores replies; tests/e2e/test_reply_eval.py sends the messages."""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.settings import ROOT

EVAL_DIR = ROOT / "data" / "eval"
LANGUAGES = ("en", "es")

# Phrases that show a reply (or part of one) is in a language. Resource names stay in English in
# Spanish replies ("National Domestic Violence Hotline"), so these are phrases of the catalog's
# sentences and contact lines, not single common words.
LANGUAGE_MARKERS = {
    "en": (
        "you can",
        "you're",
        "you are",
        " you ",
        "i'm ",
        "sorry",
        "which state",
        "call or text",
        "police report",
        "open 24/7",
        "help near you",
        "help you",
    ),
    "es": (
        "puedes",
        "llama al",
        "estás",
        "tienes",
        "necesitas",
        "lo siento",
        "ayudarte",
        "denuncia",
        "por favor",
        " tu ",
        "aquí",
    ),
}


@dataclass(frozen=True)
class Entry:
    """One evaluation message and what its reply must (every group, one of each) and must not contain."""

    text: str
    topic: str
    language: str
    must: tuple[tuple[str, ...], ...]
    must_not: tuple[str, ...] = ()
    first: str | None = None


@dataclass
class Score:
    """The verdict on one reply: passed, and why not."""

    entry: Entry
    reasons: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.reasons


def load(language: str, directory: Path = EVAL_DIR) -> list[Entry]:
    """The entries of one language's file, with the file's `must_not_all` added to each."""
    data = yaml.safe_load((directory / f"replies_{language}.yml").read_text(encoding="utf-8"))
    common = tuple(data.get("must_not_all", []))
    return [
        Entry(
            text=item["text"],
            topic=item["topic"],
            language=language,
            must=tuple(tuple(group) for group in item["must"]),
            must_not=common + tuple(item.get("must_not", [])),
            first=item.get("first"),
        )
        for item in data["entries"]
    ]


def other_language_markers(text: str, language: str) -> list[str]:
    """Markers of the language(s) other than `language` found in `text`."""
    padded = f" {' '.join(text.lower().split())} "
    return [m for lang, marks in LANGUAGE_MARKERS.items() if lang != language for m in marks if m in padded]


def score(entry: Entry, messages: list[str]) -> Score:
    """Score the bot's messages (in order) answering `entry`: every `must` group has a string in the
    reply, no `must_not` string is in it, nothing in it is in the other language, and `first` is in
    the first message. Matching ignores case."""
    reply = "\n".join(messages).lower()
    result = Score(entry)
    if not messages:
        result.reasons.append("no reply")
    for group in entry.must:
        if not any(option.lower() in reply for option in group):
            result.reasons.append(f"missing {group[0]!r}")
    result.reasons += [f"contains {bad!r}" for bad in entry.must_not if bad.lower() in reply]
    foreign = other_language_markers(reply, entry.language)
    if foreign:
        result.reasons.append(f"other language ({foreign[0].strip()!r})")
    if entry.first and not (messages and entry.first.lower() in messages[0].lower()):
        result.reasons.append(f"first message lacks {entry.first!r}")
    return result


def summary(scores: list[Score]) -> tuple[float, dict[str, float]]:
    """The share of passed replies overall and per topic (topics in alphabetical order)."""
    per_topic: dict[str, list[bool]] = defaultdict(list)
    for s in scores:
        per_topic[s.entry.topic].append(s.passed)
    overall = sum(s.passed for s in scores) / len(scores) if scores else 0.0
    return overall, {topic: sum(v) / len(v) for topic, v in sorted(per_topic.items())}


def report(language: str, scores: list[Score], misses_shown: int = 40) -> list[str]:
    """Lines for the end of the test run: the scores, then the misses (topic, first 60 characters)."""
    overall, per_topic = summary(scores)
    topics = ", ".join(f"{topic} {share:.2f}" for topic, share in per_topic.items())
    lines = [f"reply evaluation ({language}): {overall:.2f} overall; per topic: {topics}"]
    misses = [s for s in scores if not s.passed]
    for s in misses[:misses_shown]:
        lines.append(f"  miss ({language}) {s.entry.topic}: {s.entry.text[:60]!r}: {'; '.join(s.reasons)}")
    if len(misses) > misses_shown:
        lines.append(f"  ... and {len(misses) - misses_shown} more misses ({language})")
    return lines
