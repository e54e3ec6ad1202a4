"""Which language a person is writing in, from their own words: predictable word lists, not a
model, so that a reviewer can see why the bot switched. The lists are data, one file per
language beside its catalog (locales/<lang>/language.yml), so a new language brings its own.

Three signals, strongest first:
- an explicit choice: the whole message is "español", "spanish", "ES", "english", "EN", "en
  español por favor", ...;
- the widget's choice (its language toggle, or the page's `lang` on a new chat), sent as message
  metadata {"language": "es"};
- the message itself, only when it is clearly in one language: at least two marker words of one
  language and fewer than a third as many of the other, so Spanglish and short replies ("ok", "si",
  "no", a state name) never switch anything.
"""

import re
from functools import cache, lru_cache

import yaml

from bot.i18n import LOCALES_DIR, languages
from bot.text import without_marks


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
