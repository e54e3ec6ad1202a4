"""Imports an agency's spreadsheet of partners (CSV) into its jurisdiction file.

    python -m bot.directory import-csv partners.csv data/jurisdictions/il-cook-county.yml

Each row is checked as the loader checks a partner (bot/directory/loader.py); a row that cannot be
read is reported with its line number and every problem, and the others are written into the
file: a row whose id is already there replaces that partner, a new id is added at the end. The
rest of the file stays as it was written, comments and layout included (ruamel.yaml's round trip,
which Rasa already installs), so a review sees only what the spreadsheet changed. The columns are
in data/jurisdictions/README.md ("Importing a spreadsheet"); lists are separated by semicolons and
yes/no columns take yes, no, true or false.
"""

import csv
import datetime as dt
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq

from bot.directory.loader import Checker, entry

COLUMNS = [
    "id", "name", "role", "categories", "offers_en", "offers_es", "phone", "text_number", "text_keyword",
    "chat_url", "website", "address", "hours", "languages", "cost", "confidential", "justice_system",
    "police_report_required", "police_report_note_en", "police_report_note_es", "referrals_en", "referrals_es",
    "source_url", "source_checked", "source_verified", "source_note", "active",
]  # fmt: skip
_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


def _flag(row: dict, column: str, problems: list[str], default: bool | None = None) -> bool | None:
    value = (row.get(column) or "").strip().lower()
    if not value:
        return default
    if value in _YES | _NO:
        return value in _YES
    problems.append(f"{column} must be yes or no, got {value!r}")
    return None


def _texts(row: dict, column: str) -> dict | None:
    texts = {lang: (row.get(f"{column}_{lang}") or "").strip() for lang in ("en", "es")}
    return {lang: text for lang, text in texts.items() if text} or None


def _list(row: dict, column: str) -> list[str]:
    return [part.strip() for part in (row.get(column) or "").split(";") if part.strip()]


def partner(row: dict) -> tuple[dict, list[str]]:
    """The partner a row describes, as a jurisdiction file holds it, and the row's problems."""
    problems: list[str] = []
    raw: dict = {"id": (row.get("id") or "").strip(), "name": (row.get("name") or "").strip(),
                 "role": (row.get("role") or "").strip(), "categories": _list(row, "categories"),
                 "offers": _texts(row, "offers")}  # fmt: skip
    for column in ("phone", "chat_url", "website", "address", "hours", "cost"):
        if (row.get(column) or "").strip():
            raw[column] = row[column].strip()
    if (row.get("text_number") or "").strip():
        keyword = (row.get("text_keyword") or "").strip() or None
        raw["text"] = {"number": row["text_number"].strip(), "keyword": keyword}
    if _list(row, "languages"):
        raw["languages"] = _list(row, "languages")
    raw["confidential"] = _flag(row, "confidential", problems, default=False)
    raw["justice_system"] = _flag(row, "justice_system", problems)
    raw["police_report"] = {"required": _flag(row, "police_report_required", problems)}
    if _texts(row, "police_report_note"):
        raw["police_report"]["note"] = _texts(row, "police_report_note")
    if _texts(row, "referrals"):
        raw["referrals"] = _texts(row, "referrals")
    checked = (row.get("source_checked") or "").strip()
    try:
        checked = dt.date.fromisoformat(checked)
    except ValueError:
        problems.append(f"source_checked must be a date (YYYY-MM-DD), got {checked!r}")
    raw["source"] = {"url": (row.get("source_url") or "").strip() or None, "checked": checked,
                     "verified": _flag(row, "source_verified", problems, default=False),
                     "note": (row.get("source_note") or "").strip() or None}  # fmt: skip
    raw["active"] = _flag(row, "active", problems, default=True)
    return raw, problems


def import_csv(csv_path: Path, jurisdiction_path: Path) -> tuple[int, list[str]]:
    """Write the readable rows into the jurisdiction file; returns how many, and each bad row's problems."""
    yaml = _round_trip()
    data = yaml.load(jurisdiction_path.read_text(encoding="utf-8")) or {}
    state = data.get("state")
    good: list[dict] = []
    bad: list[str] = []
    with csv_path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        required = ("id", "name", "role", "justice_system", "source_checked")
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            return 0, [f"{csv_path.name}: missing columns {', '.join(missing)} (see data/jurisdictions/README.md)"]
        for line, row in enumerate(reader, start=2):  # line 1 is the header
            raw, problems = partner(row)
            check = Checker()
            entry(raw, f"line {line}", state, check, partner=True)
            prefix = f"line {line} [{raw['id']}]"
            problems += [p.removeprefix(prefix).removeprefix(f"line {line}").lstrip(": ") for p in check.problems]
            if problems:
                where = f"{csv_path.name} line {line} [{raw['id'] or 'no id'}]"
                bad.append(f"{where}: " + "; ".join(dict.fromkeys(problems)))
            else:
                good.append(_without_empty(raw))
    partners = data.setdefault("partners", CommentedSeq())
    at = {p.get("id"): i for i, p in enumerate(partners)}
    for new in map(_as_written, good):
        if new["id"] in at:
            partners[at[new["id"]]] = new
        else:
            partners.append(new)
    with jurisdiction_path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    return len(good), bad


def _as_written(value):
    """Lists on one line, "categories: [legal_aid, shelter]", as the files write them."""
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        flow = CommentedSeq(value)
        flow.fa.set_flow_style()
        return flow
    return value


def _round_trip() -> YAML:
    """A YAML reader and writer that gives back a file as it was written, in the layout of data/jurisdictions."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # long lines stay whole, as people write them
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _without_empty(value):
    """The partner without the fields the row left empty, as a person would write the file."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v is not None}
    return value
