"""Jurisdiction packs (data/jurisdictions): each partner is checked like a directory entry plus
its role and a plain statement about the justice system, errors name the file and the entry, and
`make stale` covers partners."""

import datetime as dt
import textwrap

import pytest

from bot import db
from bot.directory import loader, queries

PACK = """
id: zz-example-county
name: Example County, Illinois
kind: county
state: IL
counties: [Example]
partners:
  - id: zz-example-dv
    name: Example Safe Harbor
    role: {role}
    categories: [domestic_violence, shelter]
    offers: {{en: Shelter and advocacy for anyone hurt by a partner., es: Refugio y apoyo.}}
    phone: "+1 312-555-0142"
    cost: free
    justice_system: {justice}
    police_report: {{required: false, note: {{en: Does not report to police.}}}}
    referrals: {{en: Call the line; an advocate takes it from there.}}
    source: {{url: https://example.org/help, checked: {checked}, verified: true}}
    active: true
"""


def pack(tmp_path, **fields):
    """A resources directory with no entries and a jurisdictions directory with one pack."""
    values = {"role": "domestic_violence_program", "justice": "false", "checked": "2026-11-30", **fields}
    resources, jurisdictions = tmp_path / "resources", tmp_path / "jurisdictions"
    (resources / "states").mkdir(parents=True, exist_ok=True)
    (resources / "national.yml").write_text("resources: []\n")
    jurisdictions.mkdir(exist_ok=True)
    (jurisdictions / "zz-example-county.yml").write_text(textwrap.dedent(PACK.format(**values)))
    return resources, jurisdictions


def test_a_partner_loads_with_its_role_its_justice_statement_and_its_jurisdiction(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    loader.load(db.session(url), *pack(tmp_path))
    with db.session(url) as session:
        partner = session.get(loader.Resource, "zz-example-dv")
        place = session.get(loader.Jurisdiction, "zz-example-county")
        assert (partner.jurisdiction_id, partner.role) == (place.id, "domestic_violence_program")
        assert partner.justice_system is False
        assert partner.state == "IL" and place.counties == ["Example"]
        assert partner.description["en"].startswith("Shelter") and partner.referrals["en"].startswith("Call")


@pytest.mark.parametrize(
    "fields, problem",
    [
        ({"role": "bakery"}, "role must be one of"),
        ({"justice": "maybe"}, "justice_system must say plainly"),
        ({"role": "prosecutor_victim_witness"}, "is part of the justice system"),
    ],
)
def test_a_bad_partner_is_refused_naming_the_file_and_the_entry(tmp_path, fields, problem):
    with pytest.raises(loader.DirectoryError, match=problem) as refused:
        loader.read(*pack(tmp_path, **fields))
    assert "jurisdictions/zz-example-county.yml [zz-example-dv]" in str(refused.value)


def test_a_pack_without_counties_is_refused(tmp_path):
    resources, jurisdictions = pack(tmp_path)
    path = jurisdictions / "zz-example-county.yml"
    path.write_text(path.read_text().replace("counties: [Example]", "counties: []"))
    with pytest.raises(loader.DirectoryError, match="zz-example-county.yml: counties must list"):
        loader.read(resources, jurisdictions)


def test_stale_lists_old_partners(tmp_path):
    [old] = loader.read(*pack(tmp_path, checked="2025-06-01"))
    assert [r.id for r in queries.stale([old], dt.date(2026, 12, 7))] == ["zz-example-dv"]


def test_the_shipped_packs_load_and_every_justice_system_partner_says_so():
    places, entries = loader.read_all()
    partners = [r for r in entries if r.jurisdiction_id]
    assert len(places) >= 2 and partners
    assert all(r.justice_system for r in partners if r.role in loader.JUSTICE_ROLES)


NATIONAL = """
resources:
  - id: zz-national-line
    name: National Line
    categories: [shelter, victim_rights]
    description: {en: A national line.}
    phone: "+1 800-555-0199"
    police_report: {required: false}
    source: {url: https://example.org, checked: 2026-11-30, verified: true}
"""
MORE_PARTNERS = """
  - id: zz-example-shelter-two
    name: Second Safe Place
    role: community_shelter
    categories: [shelter]
    offers: {en: A second shelter.}
    website: https://example.org/two
    cost: free
    justice_system: false
    police_report: {required: false}
    source: {url: https://example.org/two, checked: 2026-11-30, verified: true}
  - id: zz-example-shelter-three
    name: Third Safe Place
    role: community_shelter
    categories: [shelter]
    offers: {en: A third shelter.}
    website: https://example.org/three
    cost: free
    justice_system: false
    police_report: {required: false}
    source: {url: https://example.org/three, checked: 2026-11-30, verified: true}
  - id: zz-example-prosecutor
    name: Example County Prosecutor, Victim Witness Unit
    role: prosecutor_victim_witness
    categories: [victim_rights, shelter]
    offers: {en: Help for victims in prosecuted cases.}
    website: https://example.org/prosecutor
    cost: free
    justice_system: true
    police_report: {required: true}
    source: {url: https://example.org/prosecutor, checked: 2026-11-30, verified: true}
"""


@pytest.fixture
def loaded(tmp_path):
    resources, jurisdictions = pack(tmp_path)
    (resources / "national.yml").write_text(textwrap.dedent(NATIONAL))
    path = jurisdictions / "zz-example-county.yml"
    path.write_text(path.read_text() + MORE_PARTNERS)
    url = f"sqlite:///{tmp_path / 'app.db'}"
    loader.load(db.session(url), resources, jurisdictions)
    return url


def ids(url, category, **where):
    with db.session(url) as session:
        return [r.id for r in queries.find(session, category, **where)]


def test_in_the_county_at_most_two_partners_come_first_and_a_national_line_still_shows(loaded):
    found = ids(loaded, "shelter", state="IL", counties=["Example"])
    partners = {"zz-example-dv", "zz-example-shelter-two", "zz-example-shelter-three"}
    assert len(found) == 3 and set(found[:2]) <= partners and found[2] == "zz-national-line"


def test_on_a_county_line_the_partners_of_either_county_come_first(loaded):
    found = ids(loaded, "shelter", state="IL", counties=["Lake", "example"])
    assert set(found[:2]) <= {"zz-example-dv", "zz-example-shelter-two", "zz-example-shelter-three"}


def test_elsewhere_the_answer_is_state_and_national_as_before(loaded):
    assert ids(loaded, "shelter", state="IL", counties=["Lake"]) == ["zz-national-line"]
    assert ids(loaded, "shelter", state="IL") == ["zz-national-line"]
    assert ids(loaded, "shelter") == ["zz-national-line"]


def test_a_justice_system_partner_comes_only_when_asked_for(loaded):
    assert "zz-example-prosecutor" not in ids(loaded, "victim_rights", state="IL", counties=["Example"])
    asked = ids(loaded, "victim_rights", state="IL", counties=["Example"], justice=True)
    assert asked[0] == "zz-example-prosecutor"
