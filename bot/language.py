"""Which language a person is writing in, from their own words. The lists are data, one file per
language beside its catalog (locales/<lang>/language.yml), so a new language brings its own.

Signals, strongest first (bot/nlu/language_check.py asks them in this order):
- an explicit choice: the whole message is "español", "spanish", "ES", "english", "EN", "en
  español por favor", ...;
- the widget's choice (its language toggle, or the page's `lang` on a new chat), sent as message
  metadata {"language": "es"};
- marker words, when the message is clearly in one language: at least two marker words of one
  language and fewer than a third as many of the other; predictable, so a reviewer can see why
  the bot switched;
- the crisis patterns a message too short to tell matched (bot/crisis.py);
- a learned model (bot/nlu/language_model.py), for what the words leave open: greetings, two-word
  texts, words the lists lack. It is weighed against the conversation's own language (`decide`).
"""

import re
from collections.abc import Callable
from functools import cache, lru_cache

import yaml

from bot.i18n import LOCALES_DIR, languages
from bot.location import find_state
from bot.text import without_marks

# How sure the model must be, as a probability. A conversation that has no language yet takes the
# model's answer at 4 to 1; one that has a language changes it on the model's word only at 19 to 1
# and for three words or more, so a name, a "muchas gracias" or an "ok thanks" changes nothing.
FIRST = 0.8
SWITCH = 0.95
SWITCH_WORDS = 3
# A message of this many words or fewer that names a state ("LA", "puerto rico", "new mexico,
# albuquerque") says where the person is, not which language they speak: the model, which reads
# Spanish in many place names, is not asked.
PLACE_WORDS = 4


@cache
def _rules() -> dict[str, tuple[set[str], set[str]]]:
    """lang -> (phrases that choose it, marker words), from locales/<lang>/language.yml."""
    rules = {}
    for lang in languages():
        path = LOCALES_DIR / lang / "language.yml"
        if path.exists():
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            choose = {" ".join(_words(phrase)) for phrase in raw.get("choose") or []}
            rules[lang] = (choose, set(_words(raw.get("markers") or "")))
    return rules


@lru_cache(maxsize=1)
def _words(text: str) -> list[str]:
    """The message's words, lower-case and without accents. The language check asks chosen() and then detect() about
    each message, so the last message's words are kept, and only the last."""
    return re.findall(r"[a-z]+", without_marks(text.lower()))


def chosen(text: str) -> str | None:
    """The language a person explicitly asked for, if the message is nothing but that."""
    phrase = " ".join(_words(text))
    return next((lang for lang, (phrases, _) in _rules().items() if phrase in phrases), None)


def detect(text: str) -> str | None:
    """The language the message is clearly written in, or None when it is not clear."""
    words = _words(text)
    counts = {lang: sum(map(markers.__contains__, words)) for lang, (_, markers) in _rules().items()}
    for lang, count in counts.items():
        others = sum(counts.values()) - count
        if count >= 2 and others * 3 < count:
            return lang
    return None


def decide(text: str, probabilities: Callable[[str], dict[str, float]], settled: bool) -> str | None:
    """The model's answer for `text`, if it may be trusted: `probabilities` is the model (text ->
    language -> probability), and `settled` says whether the conversation already has a language.
    A short message that names a state is left to the marker words."""
    words = text.split()
    if len(words) <= PLACE_WORDS and find_state(text):
        return None
    found = probabilities(text)
    if not found:
        return None
    lang = max(found, key=found.get)
    if not settled:
        return lang if found[lang] >= FIRST else None
    return lang if found[lang] >= SWITCH and len(words) >= SWITCH_WORDS else None
