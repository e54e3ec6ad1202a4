"""Entries read the way a person needs them: dialable numbers, hours in their locale, police facts."""

import datetime as dt

from bot.directory import format
from bot.directory.models import Resource


def entry(**fields):
    values = dict(
        id="x",
        name="Example Line",
        description={"en": "Listens and helps."},
        phone="+18005550123",
        short_number=None,
        text_number=None,
        text_keyword=None,
        chat_url=None,
        website="https://example.org",
        hours=None,
        languages=["en"],
        cost="free",
        confidential=True,
        police_report_required=False,
        police_report_within=None,
        police_report_note=None,
        filing_limit=None,
        priority=50,
        source_url=None,
        source_checked=dt.date(2026, 1, 1),
        source_verified=True,
        source_note=None,
        active=True,
    )
    values.update(fields)
    return Resource(**values)


def test_phone_numbers_are_written_the_way_people_dial_them():
    assert "Call (800) 555-0123" in format.describe(entry(), "en")


def test_a_number_that_takes_calls_and_texts_is_shown_once():
    text = format.describe(entry(text_number="+18005550123"), "en")
    assert "Call or text (800) 555-0123" in text
    assert text.count("555-0123") == 1


def test_short_numbers_and_keywords():
    text = format.describe(entry(phone=None, short_number="988", text_number="988"), "en")
    assert "Call or text 988" in text
    assert "Text HOME to 741741" in format.describe(entry(text_number="741741", text_keyword="HOME"), "en")


def test_hours_are_formatted_for_the_locale():
    assert "Open 24/7" in format.describe(entry(hours="24/7"), "en")
    text = format.describe(entry(hours="mon-fri 08:00-17:00 America/Chicago"), "en")
    assert "Mon\u2013Fri" in text and "8:00\u202fAM" in text.replace(" AM", "\u202fAM") and "CT" in text


def test_police_report_facts_come_from_the_entry():
    assert "No police report needed." in format.describe(entry(), "en")
    required = entry(
        police_report_required=True,
        police_report_within={"en": "72 hours"},
        police_report_note={"en": "A forensic exam counts instead."},
        filing_limit={"en": "3 years from the crime"},
    )
    text = format.describe(required, "en")
    assert "Asks for a police report within 72 hours. A forensic exam counts instead." in text
    assert "Apply within 3 years from the crime." in text
