"""The counties a ZIP code lies in, so a jurisdiction's partners can be matched by county
(data/jurisdictions). Nothing here is typed by hand:

- the zipcodes package ships the U.S. ZIP data inside it and gives each ZIP code one county, the
  one most of it lies in;
- data/zip_counties.csv, written from HUD-USPS's crosswalk by `python -m bot.zip_crosswalk`,
  lists the ZIP codes whose homes lie in more than one county, with each county's share. Such a
  ZIP code gives all its counties, largest first, and the bot says it crosses a county line.

Names are given without the word "County" (or "Parish", "Borough", ...), as the jurisdiction
files list them.
"""

import csv
import functools
import re

import zipcodes

from bot.settings import ROOT

CROSSWALK = ROOT / "data" / "zip_counties.csv"
_SUFFIX = re.compile(r"\s+(County|Parish|Borough|City and Borough|Census Area|Municipality|Municipio)$")


def without_suffix(county: str) -> str:
    """'Cook County' -> 'Cook'."""
    return _SUFFIX.sub("", county.strip())


@functools.cache
def _on_county_lines() -> dict[str, list[tuple[str, str]]]:
    """ZIP -> [(county, state)], largest share of homes first, for ZIPs on county lines."""
    found: dict[str, list[tuple[str, str]]] = {}
    with CROSSWALK.open(encoding="utf-8", newline="") as lines:
        for row in csv.DictReader(line for line in lines if not line.startswith("#")):
            found.setdefault(row["zip"], []).append((row["county"], row["state"]))
    return found


def on_county_line(code: str) -> list[tuple[str, str]]:
    """[(county, state)] of a ZIP code on a county line, largest share first; [] for the others."""
    return list(_on_county_lines().get(code, []))


def counties_of_zip(code: str) -> list[tuple[str, str]]:
    """[(county, state)] for a 5-digit ZIP code, the county most of it lies in first; one entry
    for most codes, several on a county line, none when the ZIP is unknown."""
    try:
        found = zipcodes.matching(code)
    except (TypeError, ValueError):  # not a 5-digit code
        return []
    if found and on_county_line(code):
        return on_county_line(code)
    return [(without_suffix(e["county"]), e["state"]) for e in found if e.get("county") and e.get("state")][:1]
