"""Writes a directory entry as a short message in a person's language.

Numbers are formatted by phonenumbers the way a phone dials them, hours by babel for the locale,
and every word around them comes from the catalog; nothing here invents a number.
"""

import datetime as dt

import phonenumbers
from babel.dates import format_time, get_day_names, get_timezone_name

from bot.directory.models import Resource
from bot.i18n import render

_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def localised(texts: dict | None, lang: str) -> str | None:
    if not texts:
        return None
    return texts.get(lang) or texts.get("en")


def phone(e164: str) -> str:
    """(800) 799-7233: the form people in the US read and dial."""
    number = phonenumbers.parse(e164, "US")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def hours(spec: str | None, lang: str) -> str | None:
    """'24/7' or 'mon-fri 08:00-17:00 America/Chicago' as 'Open Mon-Fri, 8:00 AM-5:00 PM CT'."""
    if not spec:
        return None
    if spec == "24/7":
        return render("hours.always", lang)
    days, times, zone = spec.split(" ")
    names = get_day_names("abbreviated", locale=lang)
    day_text = ", ".join("\u2013".join(names[_DAYS.index(d)] for d in part.split("-")) for part in days.split(","))
    opens, closes = (dt.time.fromisoformat(t) for t in times.split("-"))
    return render(
        "hours.schedule",
        lang,
        days=day_text,
        opens=format_time(opens, "short", locale=lang),
        closes=format_time(closes, "short", locale=lang),
        zone=get_timezone_name(zone, width="short", locale=lang),
    )


def contacts(resource: Resource, lang: str) -> list[str]:
    """How to reach the service, most direct first; a number that takes calls and texts shows once."""
    lines = []
    voice = resource.short_number or resource.phone
    texts_voice_number = resource.text_number is not None and resource.text_number == voice
    if voice:
        shown = voice if voice == resource.short_number else phone(voice)
        key = "contact.call_or_text" if texts_voice_number and not resource.text_keyword else "contact.call"
        lines.append(render(key, lang, number=shown))
    if resource.text_number and (resource.text_keyword or not texts_voice_number):
        number = resource.text_number if resource.text_number.isdigit() else phone(resource.text_number)
        key = "contact.text_keyword" if resource.text_keyword else "contact.text"
        lines.append(render(key, lang, number=number, keyword=resource.text_keyword))
    if resource.chat_url:
        lines.append(render("contact.chat", lang, url=resource.chat_url))
    if resource.website and resource.website != resource.chat_url:
        lines.append(render("contact.web", lang, url=resource.website))
    return lines


def police_report(resource: Resource, lang: str) -> str:
    """What the service asks about police reports, as facts from the directory, never advice."""
    if not resource.police_report_required:
        return render("police.not_needed", lang)
    within = localised(resource.police_report_within, lang)
    text = render("police.needed_within", lang, within=within) if within else render("police.needed", lang)
    note = localised(resource.police_report_note, lang)
    return f"{text} {note}" if note else text


def describe(resource: Resource, lang: str, with_police: bool = True) -> str:
    """The entry as a few short lines: what it is, how to reach it, when, and police/deadlines."""
    lines = [render("resource.line", lang, name=resource.name, description=localised(resource.description, lang))]
    if resource.jurisdiction is not None:  # a jurisdiction's partner: say it is local, and what it is part of
        lines.append(render("resource.local", lang, place=resource.jurisdiction.name))
        if resource.justice_system:
            lines.append(render("resource.justice_system", lang))
    lines.extend(contacts(resource, lang))
    opening = hours(resource.hours, lang)
    if opening:
        lines.append(opening)
    if with_police:
        lines.append(police_report(resource, lang))
    limit = localised(resource.filing_limit, lang)
    if limit:
        lines.append(render("filing.limit", lang, limit=limit))
    return "\n".join(lines)
