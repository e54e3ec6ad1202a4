"""An agency's spreadsheet of partners comes into its jurisdiction file: every row that cannot be
read is reported with its line and problems, the rest are written and load (issue 14)."""

import csv
import shutil
import subprocess
import sys

import yaml

from bot.directory import csv_import, loader
from bot.settings import ROOT

GOOD = {
    "id": "il-cook-zz-safe-harbor", "name": "Example Safe Harbor", "role": "domestic_violence_program",
    "categories": "domestic_violence;shelter", "offers_en": "Shelter and advocacy.", "offers_es": "Refugio y apoyo.",
    "phone": "+1 312-555-0142", "languages": "en;es", "cost": "free", "justice_system": "no",
    "police_report_required": "no", "police_report_note_en": "Does not report to police.",
    "source_url": "https://example.org/help", "source_checked": "2026-11-30", "source_verified": "yes",
}  # fmt: skip


def spreadsheet(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=csv_import.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def jurisdiction(tmp_path):
    """A copy of the shipped Cook County file, in a jurisdictions folder of its own."""
    folder = tmp_path / "jurisdictions"
    folder.mkdir()
    return shutil.copy(ROOT / "data" / "jurisdictions" / "il-cook-county.yml", folder / "il-cook-county.yml")


def test_a_new_row_leaves_the_hand_written_file_as_it_was_and_adds_its_partner_in_the_same_layout(tmp_path):
    target = jurisdiction(tmp_path)
    before = target.read_text()
    assert csv_import.import_csv(spreadsheet(tmp_path / "partners.csv", [GOOD]), target) == (1, [])
    after = target.read_text()
    assert after.startswith(before)  # comments, quotes, blank lines and long lines untouched
    added = after[len(before) :]
    assert "  - id: il-cook-zz-safe-harbor\n" in added and "    categories: [domestic_violence, shelter]\n" in added


def test_bad_rows_are_each_reported_and_the_good_ones_load(tmp_path):
    target = jurisdiction(tmp_path)
    before = yaml.safe_load(target.read_text())["partners"]
    rows = [
        GOOD,
        {**GOOD, "id": "il-cook-zz-bad-phone", "phone": "555-01"},
        {**GOOD, "id": "il-cook-zz-bad-role", "role": "bakery", "justice_system": "perhaps"},
        {**GOOD, "id": "il-cook-zz-second", "name": "Second Example", "phone": "", "website": "https://example.org/2"},
    ]
    imported, bad = csv_import.import_csv(spreadsheet(tmp_path / "partners.csv", rows), target)
    assert imported == 2 and len(bad) == 2
    assert "line 3 [il-cook-zz-bad-phone]" in bad[0] and "not a valid phone number" in bad[0]
    assert "line 4 [il-cook-zz-bad-role]" in bad[1] and "justice_system must be yes or no" in bad[1]
    assert "role must be one of" in bad[1]
    text = target.read_text()
    assert text.startswith("# Local partner organisations for Cook County")  # the file's own comments stay
    (tmp_path / "resources" / "states").mkdir(parents=True)
    (tmp_path / "resources" / "national.yml").write_text("resources: []\n")
    partners = loader.read(tmp_path / "resources", tmp_path / "jurisdictions")
    ids = {p.id for p in partners}
    assert {"il-cook-zz-safe-harbor", "il-cook-zz-second"} <= ids and len(ids) == len(before) + 2
    harbor = next(p for p in partners if p.id == "il-cook-zz-safe-harbor")
    assert harbor.phone == "+13125550142" and harbor.justice_system is False and harbor.category_names[1] == "shelter"


def test_a_row_with_a_known_id_replaces_that_partner(tmp_path):
    target = jurisdiction(tmp_path)
    row = {**GOOD, "id": "il-cook-wings", "name": "WINGS Safe House (renamed)", "role": "community_shelter"}
    imported, bad = csv_import.import_csv(spreadsheet(tmp_path / "partners.csv", [row]), target)
    partners = yaml.safe_load(target.read_text())["partners"]
    assert (imported, bad) == (1, [])
    assert [p["name"] for p in partners if p["id"] == "il-cook-wings"] == ["WINGS Safe House (renamed)"]


def test_the_command_lists_bad_rows_and_fails(tmp_path):
    target = jurisdiction(tmp_path)
    sheet = spreadsheet(tmp_path / "partners.csv", [GOOD, {**GOOD, "id": "Not An Id"}])
    done = subprocess.run(
        [sys.executable, "-m", "bot.directory", "import-csv", str(sheet), str(target)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 1
    assert "line 3" in done.stderr and "bad or missing id" in done.stderr
    assert "1 partners imported, 1 rows could not be read" in done.stdout
