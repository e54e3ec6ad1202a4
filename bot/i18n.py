"""The one place that turns a message key into text in a person's language.

Every user-facing string lives once, in `locales/<lang>/LC_MESSAGES/messages.po`, keyed by a
stable msgid such as "topic.shelter.lead"; the English catalog holds the English text. Catalogs
are read from the .po files with babel when first needed (no compiled .mo to go stale), and a
language is added by adding its catalog. Placeholders use str.format syntax: "{name}".
"""

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_LANGUAGE = "en"


class MissingMessage(KeyError):
    """A key that no catalog defines: a bug in the code or a catalog, never shown to a person."""


def catalog(lang: str) -> dict[str, str]:
    """msgid -> translated text for one language (empty strings are untranslated, left out). A
    code comes from requests and slots: only a language that has a catalog is looked up, so no
    code reaches a file path and the cache holds one entry per catalog."""
    return _read(lang) if lang in languages() else {}


@cache
def _read(lang: str) -> dict[str, str]:
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        po = read_po(handle, locale=lang)
    return {m.id: m.string for m in po if m.id and isinstance(m.string, str) and m.string}


@cache
def languages() -> tuple[str, ...]:
    """The languages that have a catalog, default first."""
    found = sorted(p.name for p in LOCALES_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())
    return tuple(sorted(found, key=lambda lang: lang != DEFAULT_LANGUAGE))


def render(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text for key in lang (falling back to the default language), placeholders filled."""
    text = catalog(lang).get(key) or catalog(DEFAULT_LANGUAGE).get(key)
    if text is None:
        raise MissingMessage(key)
    return text.format(**params) if params else text
