"""The held-out language set (data/eval/language.yml, measured by bench/language_id.py) is
well-formed and stays held out: nothing in it is also a training example in data/nlu."""

import re
from collections import Counter

import yaml
from rasa.shared.nlu.training_data.loading import load_data

from bot.settings import ROOT

ENTRIES = yaml.safe_load((ROOT / "data" / "eval" / "language.yml").read_text(encoding="utf-8"))


def _same(text: str) -> str:
    """The text as compared: lower case, words only, so "Hola!" and "hola" count as the same."""
    return " ".join(re.findall(r"\w+", text.lower()))


def test_every_entry_has_a_text_and_a_language_and_each_language_has_200():
    assert all(set(e) == {"text", "lang"} and isinstance(e["text"], str) and e["text"].strip() for e in ENTRIES)
    counts = Counter(e["lang"] for e in ENTRIES)
    assert set(counts) == {"en", "es"}
    assert counts["en"] >= 200 and counts["es"] >= 200


def test_no_entry_is_repeated():
    repeated = [t for t, n in Counter(_same(e["text"]) for e in ENTRIES).items() if n > 1]
    assert not repeated


def test_no_entry_is_a_training_example():
    training = {_same(m.get("text")) for m in load_data(str(ROOT / "data" / "nlu")).training_examples}
    assert not [e["text"] for e in ENTRIES if _same(e["text"]) in training]
