"""The console's HTML, from the Jinja2 templates beside this file, with autoescape on: names,
summaries and transcripts are user-supplied and must show as text. Every word of the console's
own comes from the catalogs, in the advocate's language (`t` in the templates). Style and script
are files under static/ (the CSP allows nothing inline); the script adds live updates, alerts and
switching between conversations, and every page also works without it."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from bot.console import labels
from bot.i18n import DEFAULT_LANGUAGE, languages, render

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _languages(lang: str) -> list[tuple[str, str]]:
    """(code, name in the advocate's language) of every language the console speaks."""
    return [(code, labels.language(code, lang)) for code in languages()]


TEMPLATES.globals["advocate_languages"] = _languages  # also for the macros of parts.html


def _render(template: str, lang: str, **values: object) -> str:
    def t(key: str, **params: object) -> str:
        return render(key, lang, **params)

    return TEMPLATES.get_template(template).render(lang=lang, t=t, **values)


def fragment(template: str, lang: str, **values: object) -> Markup:
    """Part of a page (the referrals panel), rendered on its own."""
    return Markup(_render(template, lang, **values))


def page(title: str, body: str, csrf: str = "", lang: str = DEFAULT_LANGUAGE) -> str:
    """A page around HTML built elsewhere (trends), which escaped what it holds itself."""
    return _render("base.html", lang, title=title, body=Markup(body), csrf=csrf)


def _title(key: str, lang: str) -> str:
    return f"{render(key, lang)} - {render('console.title', lang)}"


def login(csrf: str, lang: str = DEFAULT_LANGUAGE, error: str = "") -> str:
    return _render("login.html", lang, title=_title("console.login.title", lang), login_csrf=csrf, csrf="", error=error)


def message(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _render("message.html", lang, title=render("console.title", lang), text=text, csrf="")


def shift(advocate, waiting: list[dict], mine: list[dict], left: list[dict], conversation: dict | None = None) -> str:
    """The queue (most urgent first, live, with alerts), the advocate's conversations with what
    they have not read, who left the queue lately and why; and, when one is open, the conversation
    with its summary, tools and notes (bot/console/conversation.py builds `conversation`)."""
    lang = advocate.lang
    title = _title("console.conversation.title", lang) if conversation else render("console.title", lang)
    current = conversation["id"] if conversation else None
    return _render(
        "shift.html", lang, title=title, csrf=advocate.csrf, advocate=advocate, waiting=waiting, mine=mine,
        left=left, conversation=conversation, current=current,
    )  # fmt: skip


def audit(advocate, entries: list[tuple]) -> str:
    lang = advocate.lang
    return _render("audit.html", lang, title=_title("console.audit", lang), csrf=advocate.csrf, advocate=advocate,
                   entries=entries)  # fmt: skip


def team(advocate, members: list[dict], available: int) -> str:
    lang = advocate.lang
    return _render("team.html", lang, title=_title("console.team.title", lang), csrf=advocate.csrf,
                   advocate=advocate, team=members, available=available)  # fmt: skip
