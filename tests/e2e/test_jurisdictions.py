"""Each community's own partners (data/jurisdictions, issue 14), end to end: a person who gives a
ZIP code in Cook County gets its partners first for shelter, legal help, counseling and threats,
in English and Spanish, each said to be near them, as does a city or county named later, and a
ZIP code on a county line says so; a ZIP elsewhere gets state and national
answers as before; the police and prosecutor's partners come only to someone who asks for them,
labelled as part of the justice system."""

import pytest
import requests
from sqlalchemy import select

from bot import db
from bot.directory.models import Resource


@pytest.fixture(scope="module")
def names(stack):
    """Every entry's name in the directory the stack loaded."""
    with db.session(stack.env["APP_DB_URL"]) as session:
        return set(session.scalars(select(Resource.name)))


@pytest.fixture(scope="module")
def cook(stack):
    """name -> whether it is part of the justice system, for Cook County's active partners."""
    with db.session(stack.env["APP_DB_URL"]) as session:
        rows = session.scalars(select(Resource).where(Resource.jurisdiction_id == "il-cook-county"))
        return {r.name: r.justice_system for r in rows if r.active}


def entries(answer: str, names: set[str]) -> list[str]:
    """The names of the directory entries in an answer, in order (each starts a paragraph)."""
    return [n for p in answer.split("\n\n") for n in names if p.startswith(f"{n}: ")]


def first_entry_is_local(answer: str, names: set[str], cook: dict[str, bool]) -> bool:
    found = entries(answer, names)
    return bool(found) and found[0] in cook


NEAR, CERCA = "Near you, in Cook County", "Cerca de ti, en Cook County"
QUESTIONS = [
    ("he threw me out, where can i sleep safely tonight? my zip is 60614", NEAR),
    ("i need a free lawyer for an order of protection, zip code 60614", NEAR),
    ("is there counseling for me after what he did? i live in 60623", NEAR),
    ("the shooters friends keep threatening me because i saw it, im in 60624", NEAR),
    ("me corrió de la casa, dónde puedo dormir seguro esta noche? mi código postal es 60614", CERCA),
    ("necesito un abogado gratis para una orden de protección, código postal 60614", CERCA),
    ("hay consejería para mí después de lo que me hizo? vivo en el 60623", CERCA),
    ("los amigos del que disparó me amenazan porque lo vi, estoy en el 60624", CERCA),
]


@pytest.mark.parametrize("message, local", QUESTIONS)
def test_a_zip_in_cook_county_puts_its_partners_first_and_says_they_are_near(person, names, cook, message, local):
    answer = person(message)
    assert first_entry_is_local(answer, names, cook) and local in answer, answer
    assert not [name for name, justice in cook.items() if justice and name in answer], answer


@pytest.mark.parametrize(
    "question, place, local",
    [
        ("he threw me out, where can i sleep safely tonight?", "I'm in Chicago", NEAR),
        ("necesito un abogado gratis para una orden de protección", "vivo en el condado de Cook, Illinois", CERCA),
    ],
)
def test_a_city_or_county_named_later_puts_its_partners_first(person, names, cook, question, place, local):
    person(question)
    answer = person(place)
    assert first_entry_is_local(answer, names, cook) and local in answer, answer


def test_a_zip_on_a_county_line_says_so_and_still_puts_cook_partners_first(person, names, cook):
    answer = person("he threw me out, where can i sleep safely tonight? my zip is 60133")
    assert "crosses a county line" in answer and "Cook and DuPage" in answer, answer
    assert first_entry_is_local(answer, names, cook), answer


def test_a_zip_elsewhere_gets_state_and_national_answers(person, names, cook):
    answer = person("he threw me out, where can i sleep safely tonight? my zip is 73301")
    assert entries(answer, names) and not first_entry_is_local(answer, names, cook)
    assert "Near you, in" not in answer and not [name for name in cook if name in answer]


@pytest.mark.parametrize(
    "message, label",
    [
        ("how do i reach the prosecutor on my case? my zip is 60614", "Part of the justice system"),
        ("quiero hablar con el fiscal de mi caso, mi código postal es 60614", "Es parte del sistema de justicia"),
    ],
)
def test_asking_for_the_prosecutor_gets_the_justice_system_partner_labelled(person, cook, message, label):
    answer = person(message)
    named = [name for name, justice in cook.items() if justice and name in answer]
    assert named and label in answer, answer


def test_the_bot_serves_each_sheet_as_a_page_and_a_pdf(stack):
    page = requests.get(f"{stack.url}/webhooks/sheets/il-cook-county/es", timeout=30)
    assert page.status_code == 200 and "Ayuda gratuita cerca de ti" in page.text
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    printable = requests.get(f"{stack.url}/webhooks/sheets/mt-lincoln-county/en.pdf", timeout=30)
    assert printable.headers["Content-Type"] == "application/pdf" and printable.content.startswith(b"%PDF")


@pytest.mark.parametrize("path", ["nowhere-county/en", "il-cook-county/fr", "il-cook-county/en.docx", "../../etc/en"])
def test_an_unknown_sheet_is_not_found(stack, path):
    assert requests.get(f"{stack.url}/webhooks/sheets/{path}", timeout=30).status_code == 404
