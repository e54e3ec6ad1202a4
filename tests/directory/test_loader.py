"""Bad directory data is refused with every problem named; switched-off entries stay out."""

import datetime as dt
import shutil

import pytest

from bot import clock, db
from bot.directory import loader, queries

ENTRY = """
resources:
  - id: {id}
    name: Example Helpline
    categories: [{category}]
    description: {{en: A helpline for testing.}}
    phone: "{phone}"
    website: https://example.org
    police_report: {{required: false}}
    source: {{url: https://example.org, checked: {checked}, verified: true}}
    active: {active}
"""


def write(tmp_path, **fields):
    values = {"id": "example", "category": "hotline", "phone": "+1 202-555-0100", "checked": "2026-01-05"}
    values = {**values, "active": "true", **fields}
    (tmp_path / "states").mkdir(exist_ok=True)
    (tmp_path / "national.yml").write_text(ENTRY.format(**values))
    return tmp_path


def test_a_good_entry_loads_with_its_phone_in_e164(tmp_path):
    [resource] = loader.read(write(tmp_path, phone="(202) 555-0100"))
    assert resource.phone == "+12025550100"


@pytest.mark.parametrize(
    "fields, problem",
    [
        ({"phone": "555-0100"}, "not a valid phone number"),
        ({"category": "cooking"}, "categories must be from the list"),
        ({"id": "Bad Id"}, "bad or missing id"),
        ({"checked": "last year"}, "source.checked must be a date"),
    ],
)
def test_bad_entries_are_refused_with_the_reason(tmp_path, fields, problem):
    with pytest.raises(loader.DirectoryError, match=problem):
        loader.read(write(tmp_path, **fields))


def test_a_state_file_must_match_its_name(tmp_path):
    write(tmp_path)
    (tmp_path / "states" / "tx.yml").write_text("state: OK\nname: Oklahoma\nresources: []\n")
    with pytest.raises(loader.DirectoryError, match="states/tx.yml"):
        loader.read(tmp_path)


def test_a_switched_off_entry_is_kept_but_never_offered(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    loader.load(db.session(url), write(tmp_path, active="false"))
    with db.session(url) as session:
        assert session.get(loader.Resource, "example") is not None
        assert queries.find(session, "hotline") == []


def test_a_failed_load_keeps_the_previous_directory(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    loader.load(db.session(url), write(tmp_path))
    with pytest.raises(loader.DirectoryError):
        loader.load(db.session(url), write(tmp_path, phone="12"))
    with db.session(url) as session:
        assert [r.id for r in queries.find(session, "hotline")] == ["example"]


def test_stale_lists_entries_not_verified_in_twelve_months(tmp_path):
    fresh = loader.read(write(tmp_path, checked="2026-06-01"))[0]
    old = loader.read(write(tmp_path, checked="2025-06-01"))[0]
    today = dt.date(2026, 11, 25)
    assert queries.stale([fresh], today) == []
    assert queries.stale([old], today) == [old]


def make_stale_at(today: dt.date, capsys) -> tuple[int, str]:
    """`make stale` as it runs on `today` (bot/clock.py), whatever today really is."""
    from bot.directory.__main__ import main

    with clock.fixed_at(dt.datetime.combine(today, dt.time(12), dt.timezone.utc)):
        code = main(["stale"])
    return code, capsys.readouterr().out


def test_make_stale_lists_the_unverified_entries_of_the_real_directory(capsys):
    resources = loader.read()
    newest = max(r.source_checked for r in resources)
    code, out = make_stale_at(newest, capsys)
    unverified = [r.id for r in resources if not r.source_verified]
    assert code == 0 and unverified and all(rid in out for rid in unverified)
    assert f"{len(queries.stale(resources, newest))} entries need checking" in out


def test_a_year_after_the_last_check_every_entry_is_reported_stale_not_an_error(capsys):
    resources = loader.read()
    code, out = make_stale_at(max(r.source_checked for r in resources) + dt.timedelta(days=366), capsys)
    assert code == 0 and f"{len(resources)} entries need checking" in out
    assert all(r.id in out for r in resources)


def test_the_shipped_directory_can_be_copied_and_loaded(tmp_path):
    shutil.copytree(loader.RESOURCES_DIR, tmp_path / "resources")
    assert len(loader.read(tmp_path / "resources")) > 100
