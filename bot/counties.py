"""The county a ZIP code lies in, from the zipcodes package, which ships the U.S. ZIP data inside
it (no download, no hand-typed table): a jurisdiction's partners are matched by county
(data/jurisdictions).

The package gives one county per ZIP code, the one most of the ZIP lies in; a ZIP that crosses a
county line is matched to that county only. Names are given without the word "County" (or
"Parish", "Borough", ...), as the jurisdiction files list them.
"""

import re

import zipcodes

_SUFFIX = re.compile(r"\s+(County|Parish|Borough|City and Borough|Census Area|Municipality|Municipio)$")


def county_of_zip(code: str) -> tuple[str, str] | None:
    """(county, state) for a 5-digit ZIP code, or None when the ZIP is unknown."""
    try:
        found = zipcodes.matching(code)
    except (TypeError, ValueError):  # not a 5-digit code
        return None
    for entry in found:
        if entry.get("county") and entry.get("state"):
            return _SUFFIX.sub("", entry["county"].strip()), entry["state"]
    return None
