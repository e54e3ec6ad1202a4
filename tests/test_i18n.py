"""Every message the code asks for exists in the English catalog, with the placeholders it fills."""

import ast
import re
import string
from pathlib import Path

import pytest

from actions.topics import TOPICS
from bot.crisis import DANGER, SELF_HARM
from bot.i18n import MissingMessage, catalog, languages, render

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*ROOT.glob("actions/*.py"), *ROOT.glob("bot/**/*.py")]
KEY = re.compile(r"^[a-z_]+(\.[a-z_]+)*$")


def requested_keys() -> dict[str, set[str]]:
    """key -> placeholder names, for every literal key passed to say()/render() or a lead=/button."""
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                args = node.args[:1] if name in {"say", "render"} else []
                args += [k.value for k in node.keywords if k.arg == "lead"]
                for arg in args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and KEY.match(arg.value):
                        found[arg.value] = {k.arg for k in node.keywords if k.arg not in {None, "lead"}}
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("button."):
                found.setdefault(node.value, set())
    return found


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_the_code_asks_for_many_keys():
    assert len(requested_keys()) > 30


@pytest.mark.parametrize("key", sorted(requested_keys()))
def test_every_requested_key_exists_in_english(key):
    assert key in catalog("en")


def test_placeholders_match_what_the_code_fills():
    for key, given in requested_keys().items():
        if key in {"report_requirement.item", "resource.line"} or not given:
            continue
        assert placeholders(catalog("en")[key]) <= given, key


def test_every_topic_and_crisis_has_its_message():
    for category in {t.category for t in TOPICS.values()} | {"intimidation", "safety_planning"}:
        assert f"topic.{category}.lead" in catalog("en")
    for kind in (DANGER, SELF_HARM):
        assert f"crisis.{kind}" in catalog("en")


def test_render_fills_placeholders_and_refuses_unknown_keys():
    assert "Ohio" in render("location.noted", "en", state="Ohio")
    with pytest.raises(MissingMessage):
        render("no.such.key")


def test_an_unknown_language_falls_back_to_english():
    assert render("greet", "xx") == render("greet", "en")


def test_english_is_the_default_language():
    assert languages()[0] == "en"


@pytest.mark.parametrize("lang", [lang for lang in languages() if lang != "en"])
def test_every_message_is_translated_with_its_placeholders(lang):
    english, translated = catalog("en"), catalog(lang)
    missing = [key for key in english if not translated.get(key)]
    assert missing == [], f"{lang} lacks {missing}"
    dropped = [key for key in english if placeholders(english[key]) != placeholders(translated[key])]
    assert dropped == [], f"{lang} changes the placeholders of {dropped}"


def test_the_catalogs_compile(tmp_path):
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from bot.i18n import LOCALES_DIR

    for lang in languages():
        with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            po = read_po(handle, locale=lang)
        assert not list(po.check()), lang  # babel's own checks: format strings, plurals
        with (tmp_path / f"{lang}.mo").open("wb") as out:
            write_mo(out, po)


def test_a_language_code_from_a_request_never_reaches_a_file_nor_grows_the_cache():
    from bot.i18n import _read

    for code in ["../../../etc/passwd", "en/../es", "x" * 5000, *(f"q{n}" for n in range(500))]:
        assert render("webchat.send", code) == render("webchat.send", "en")  # the default language
    assert _read.cache_info().currsize <= len(languages())
