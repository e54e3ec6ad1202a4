"""Reads data/resources/*.yml, checks every entry, and rebuilds the directory tables from it.

A mistake in the data (an unparseable phone number, an unknown category, a missing source) stops
the load with every problem listed, so a bad edit never reaches a person; the tables are
replaced in one transaction, so readers see the old directory or the new one, never half.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
import yaml
from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.directory.models import Base, Resource, ResourceCategory
from bot.location import STATES
from bot.settings import ROOT

RESOURCES_DIR = ROOT / "data" / "resources"

CATEGORIES = frozenset(
    """hotline legal_aid protective_order victim_rights medical forensic_exam compensation
    emergency_funds shelter counseling support_group immigration child_abuse elder_abuse
    homicide_grief trafficking stalking domestic_violence sexual_violence intimidation
    safety_planning self_harm local_help lgbtq native youth tech_safety""".split()
)
COSTS = frozenset({"free", "sliding_scale", "varies"})
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HOURS_RE = re.compile(
    r"^(24/7|(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,(mon|tue|wed|thu|fri|sat|sun))*"
    r" \d\d:\d\d-\d\d:\d\d [A-Za-z_]+/[A-Za-z_]+)$"
)
_SHORT_CODE_RE = re.compile(r"^\d{5,6}$")


class DirectoryError(ValueError):
    """The directory data has problems; the message lists each one with its file and entry."""


@dataclass
class _Checker:
    problems: list[str] = field(default_factory=list)

    def fail(self, where: str, problem: str) -> None:
        self.problems.append(f"{where}: {problem}")

    def phone(self, where: str, value: object) -> str | None:
        try:
            number = phonenumbers.parse(str(value), "US")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            self.fail(where, f"not a valid phone number: {value!r}")
            return None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def texts(self, where: str, value: object, required: bool = False) -> dict | None:
        if value is None and not required:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("en"), str) or not value["en"].strip():
            self.fail(where, "needs an English text under 'en'")
            return None
        return {lang: str(text).strip() for lang, text in value.items()}

    def url(self, where: str, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not re.match(r"^https?://\S+$", value):
            self.fail(where, f"not an http(s) URL: {value!r}")
            return None
        return value


def _resource(raw: dict, where: str, state: str | None, check: _Checker) -> Resource | None:
    rid = raw.get("id")
    if not isinstance(rid, str) or not _ID_RE.match(rid):
        check.fail(where, f"bad or missing id {rid!r}")
        return None
    where = f"{where} [{rid}]"
    categories = raw.get("categories") or []
    unknown = [c for c in categories if c not in CATEGORIES]
    if not categories or unknown:
        check.fail(where, f"categories must be from the list in data/resources/README.md: {unknown or 'none'}")
    text = raw.get("text") or {}
    text_number = text.get("number")
    if text_number is not None:
        text_number = str(text_number)
        if not _SHORT_CODE_RE.match(text_number) and text_number != str(raw.get("short_number")):
            text_number = check.phone(f"{where} text.number", text_number)
    short_number = raw.get("short_number")
    if short_number is not None and not re.match(r"^\d{3}$", str(short_number)):
        check.fail(where, f"short_number must have 3 digits: {short_number!r}")
    hours = raw.get("hours")
    if hours is not None and not _HOURS_RE.match(str(hours)):
        check.fail(where, f"hours must be '24/7' or like 'mon-fri 08:00-17:00 America/Chicago': {hours!r}")
    languages = raw.get("languages") or ["en"]
    if not all(isinstance(lang, str) and re.match(r"^[a-z]{2,3}$", lang) for lang in languages):
        check.fail(where, f"languages must be ISO 639-1 codes: {languages!r}")
    cost = raw.get("cost", "free")
    if cost not in COSTS:
        check.fail(where, f"cost must be one of {sorted(COSTS)}: {cost!r}")
    police = raw.get("police_report") or {}
    if not isinstance(police.get("required"), bool):
        check.fail(where, "police_report.required must be true or false")
    source = raw.get("source") or {}
    checked = source.get("checked")
    if not isinstance(checked, dt.date):
        check.fail(where, "source.checked must be a date (YYYY-MM-DD)")
        checked = None
    if not source.get("url") and source.get("verified"):
        check.fail(where, "a verified entry needs source.url")
    name = str(raw.get("name") or "").strip()
    if not name:
        check.fail(where, "needs a name")
    contact = [raw.get("phone"), short_number, text_number, raw.get("chat_url"), raw.get("website")]
    if not any(contact):
        check.fail(where, "needs at least one way to reach it (phone, text, chat or website)")
    resource = Resource(
        id=rid,
        name=name,
        state=state,
        description=check.texts(f"{where} description", raw.get("description"), required=True) or {},
        phone=check.phone(f"{where} phone", raw["phone"]) if raw.get("phone") else None,
        short_number=str(short_number) if short_number is not None else None,
        text_number=text_number,
        text_keyword=text.get("keyword"),
        chat_url=check.url(f"{where} chat_url", raw.get("chat_url")),
        website=check.url(f"{where} website", raw.get("website")),
        hours=str(hours) if hours is not None else None,
        languages=list(languages),
        cost=cost,
        confidential=bool(raw.get("confidential", True)),
        police_report_required=bool(police.get("required")),
        police_report_within=check.texts(f"{where} police_report.within", police.get("within")),
        police_report_note=check.texts(f"{where} police_report.note", police.get("note")),
        filing_limit=check.texts(f"{where} filing_limit", raw.get("filing_limit")),
        priority=int(raw.get("priority", 50)),
        source_url=source.get("url"),
        source_checked=checked,
        source_verified=bool(source.get("verified")),
        source_note=source.get("note"),
        active=bool(raw.get("active", True)),
    )
    resource.categories = [ResourceCategory(category=c, position=i) for i, c in enumerate(dict.fromkeys(categories))]
    return resource


def read(directory: Path = RESOURCES_DIR) -> list[Resource]:
    """Every entry of the directory as unsaved Resource rows; DirectoryError lists all problems."""
    check = _Checker()
    resources: list[Resource] = []
    files = [directory / "national.yml", *sorted((directory / "states").glob("*.yml"))]
    for path in files:
        where = str(path.relative_to(directory))
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            check.fail(where, f"cannot be read: {error}")
            continue
        state = data.get("state")
        if path.parent.name == "states" and (state not in STATES or path.stem != str(state).lower()):
            check.fail(where, f"state must be the upper-case code matching the file name, got {state!r}")
            continue
        for raw in data.get("resources") or []:
            resource = _resource(raw, where, state, check)
            if resource is not None:
                resources.append(resource)
    seen: set[str] = set()
    for resource in resources:
        if resource.id in seen:
            check.fail(resource.id, "id used twice")
        seen.add(resource.id)
    if check.problems:
        raise DirectoryError("\n".join(check.problems))
    return resources


def load(session: Session, directory: Path = RESOURCES_DIR) -> int:
    """Replace the directory tables with the YAML data in one transaction; returns the count."""
    resources = read(directory)
    Base.metadata.create_all(session.get_bind())
    with session.begin():
        session.execute(delete(ResourceCategory))
        session.execute(delete(Resource))
        session.add_all(resources)
    return len(resources)
