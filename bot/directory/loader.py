"""Reads data/resources/*.yml and data/jurisdictions/*.yml, checks every entry, and rebuilds the
directory tables from them.

A mistake in the data (an unparseable phone number, an unknown category or role, a missing source)
stops the load with every problem listed, naming the file and entry, so a bad edit never reaches a
person; the tables are replaced in one transaction, so readers see the old directory or the new
one, never half. They hold nothing but what the files say, so a load recreates them, which also
brings their columns up to date.

A jurisdiction's partners (data/jurisdictions/README.md) are directory entries with a role, a
plain statement of whether contacting them involves the justice system, and how they take
referrals; what they offer is their description.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
import yaml
from sqlalchemy.orm import Session

from bot.directory.models import Base, Jurisdiction, Resource, ResourceCategory
from bot.location import STATES
from bot.settings import ROOT

RESOURCES_DIR = ROOT / "data" / "resources"
JURISDICTIONS_DIR = ROOT / "data" / "jurisdictions"

CATEGORIES = frozenset(
    """hotline legal_aid protective_order victim_rights medical forensic_exam compensation
    emergency_funds shelter counseling support_group immigration child_abuse elder_abuse
    homicide_grief trafficking stalking domestic_violence sexual_violence intimidation
    safety_planning self_harm local_help lgbtq native youth tech_safety""".split()
)
COSTS = frozenset({"free", "sliding_scale", "varies"})
# The partners the guide names: who can play a role for a victim or witness in a community.
ROLES = frozenset(
    """law_enforcement_victim_services prosecutor_victim_witness us_attorney_victim_witness
    fbi_victim_services family_justice_center child_advocacy_center domestic_violence_program
    sexual_assault_program homicide_survivor_support victim_notification county_victim_services
    community_shelter housing_authority hospital_violence_intervention street_outreach legal_aid
    counseling_center community_organization""".split()
)
# Roles that are part of the justice system: contacting them always involves it.
JUSTICE_ROLES = frozenset(
    {"law_enforcement_victim_services", "prosecutor_victim_witness", "us_attorney_victim_witness",
     "fbi_victim_services", "victim_notification"}
)  # fmt: skip
KINDS = frozenset({"county", "city", "tribal_nation", "judicial_district"})
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HOURS_RE = re.compile(
    r"^(24/7|(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,(mon|tue|wed|thu|fri|sat|sun))*"
    r" \d\d:\d\d-\d\d:\d\d [A-Za-z_]+/[A-Za-z_]+)$"
)
_SHORT_CODE_RE = re.compile(r"^\d{5,6}$")


class DirectoryError(ValueError):
    """The directory data has problems; the message lists each one with its file and entry."""


@dataclass
class Checker:
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


def entry(raw: dict, where: str, state: str | None, check: Checker, partner: bool = False) -> Resource | None:
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
    cost = raw.get("cost", None if partner else "free")  # a partner's cost is stated, never assumed
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
    description = raw.get("offers" if partner else "description")
    resource = Resource(
        id=rid,
        name=name,
        state=state,
        description=check.texts(f"{where} {'offers' if partner else 'description'}", description, required=True) or {},
        phone=check.phone(f"{where} phone", raw["phone"]) if raw.get("phone") else None,
        short_number=str(short_number) if short_number is not None else None,
        text_number=text_number,
        text_keyword=text.get("keyword"),
        chat_url=check.url(f"{where} chat_url", raw.get("chat_url")),
        website=check.url(f"{where} website", raw.get("website")),
        hours=str(hours) if hours is not None else None,
        languages=list(languages),
        cost=cost,
        confidential=bool(raw.get("confidential", not partner)),  # a partner's only when its source says so
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
    if partner:
        _partner(raw, where, resource, check)
    return resource


def _partner(raw: dict, where: str, resource: Resource, check: Checker) -> None:
    """What a jurisdiction's partner says beyond a directory entry."""
    resource.role = raw.get("role")
    if resource.role not in ROLES:
        check.fail(where, f"role must be one of the list in data/jurisdictions/README.md: {resource.role!r}")
    justice = raw.get("justice_system")
    if not isinstance(justice, bool):
        check.fail(where, "justice_system must say plainly whether contacting it involves the justice system")
    elif resource.role in JUSTICE_ROLES and not justice:
        check.fail(where, f"a {resource.role} is part of the justice system: justice_system must be true")
    resource.justice_system = bool(justice)
    resource.referrals = check.texts(f"{where} referrals", raw.get("referrals"))
    address = raw.get("address")
    resource.address = str(address).strip() if address else None


def _jurisdiction(path: Path, where: str, check: Checker) -> tuple[Jurisdiction | None, list[Resource]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        check.fail(where, f"cannot be read: {error}")
        return None, []
    state, counties = data.get("state"), data.get("counties")
    problems = len(check.problems)
    if data.get("id") != path.stem:
        check.fail(where, f"id must match the file name ({path.stem!r}), got {data.get('id')!r}")
    if state not in STATES:
        check.fail(where, f"state must be an upper-case USPS code, got {state!r}")
    if data.get("kind") not in KINDS:
        check.fail(where, f"kind must be one of {sorted(KINDS)}, got {data.get('kind')!r}")
    if not counties or not all(isinstance(c, str) and c.strip() for c in counties):
        check.fail(where, "counties must list the county names it covers (without 'County')")
    if not str(data.get("name") or "").strip():
        check.fail(where, "needs a name")
    if len(check.problems) > problems:
        return None, []
    jurisdiction = Jurisdiction(id=path.stem, name=data["name"].strip(), kind=data["kind"], state=state,
                                counties=[c.strip() for c in counties])  # fmt: skip
    partners = []
    for raw in data.get("partners") or []:
        resource = entry(raw, where, state, check, partner=True)
        if resource is not None:
            resource.jurisdiction_id = jurisdiction.id
            partners.append(resource)
    return jurisdiction, partners


def read(directory: Path = RESOURCES_DIR, jurisdictions: Path | None = None) -> list[Resource]:
    """Every entry of the directory (national, state, and each jurisdiction's partners) as unsaved
    rows; DirectoryError lists all problems."""
    return read_all(directory, jurisdictions)[1]


def read_all(
    directory: Path = RESOURCES_DIR, jurisdictions: Path | None = None
) -> tuple[list[Jurisdiction], list[Resource]]:
    """Every jurisdiction and every entry, as unsaved rows; DirectoryError lists all problems. The
    jurisdictions are read from `jurisdictions`, by default data/jurisdictions when `directory` is
    data/resources (a test's own directory has none unless it gives them)."""
    if jurisdictions is None and directory == RESOURCES_DIR:
        jurisdictions = JURISDICTIONS_DIR
    check = Checker()
    resources: list[Resource] = []
    places: list[Jurisdiction] = []
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
            resource = entry(raw, where, state, check)
            if resource is not None:
                resources.append(resource)
    for path in sorted(jurisdictions.glob("*.yml")) if jurisdictions else []:
        place, partners = _jurisdiction(path, f"jurisdictions/{path.name}", check)
        places += [place] if place else []
        resources += partners
    seen: set[str] = set()
    for resource in resources:
        if resource.id in seen:
            check.fail(resource.id, "id used twice")
        seen.add(resource.id)
    if check.problems:
        raise DirectoryError("\n".join(check.problems))
    return places, resources


def load(session: Session, directory: Path = RESOURCES_DIR, jurisdictions: Path | None = None) -> int:
    """Replace the directory tables with the YAML data in one transaction; returns the entry count."""
    places, resources = read_all(directory, jurisdictions)
    tables = [ResourceCategory.__table__, Resource.__table__, Jurisdiction.__table__]
    with session.begin():
        Base.metadata.drop_all(session.connection(), tables=tables)
        Base.metadata.create_all(session.connection(), tables=tables[::-1])
        session.add_all(places)
        session.flush()
        session.add_all(resources)
    return len(resources)
