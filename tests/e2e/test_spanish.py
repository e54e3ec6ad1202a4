"""Spanish end to end, through the running server: each topic asked in Spanish gets a Spanish
answer with a matching resource and no English sentence; crisis messages in Spanish get 911/988
first; the language switches both ways; texts in Spanish get Spanish keyword replies; the widget
follows the page's language and its toggle. Questions are worded unlike the training data."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from bot import db
from bot.directory.models import Resource
from bot.i18n import catalog
from bot.language import detect
from tests.e2e.people import fictional_number, settle, text
from tests.e2e.test_topics import names_in

QUESTIONS = [
    ("hay algun telefono donde pueda hablar con alguien de lo que me paso", "hotline"),
    ("no tengo dinero para un abogado, me pueden conseguir uno gratis", "legal_aid"),
    ("como saco una orden de alejamiento contra el papa de mis hijos", "protective_order"),
    ("que derechos tengo ahora que el caso va a juicio", "victim_rights"),
    ("me lastimo muy feo cuando me ataco y necesito que me vea un doctor", "medical"),
    ("donde me pueden hacer el examen despues de una violacion sin meter a la policia", "forensic_exam"),
    ("quien me paga las cuentas del hospital, me dispararon en ohio", "compensation"),
    ("no tengo donde dormir esta noche, me ayudan a encontrar un albergue", "shelter"),
    ("hay algun grupo de apoyo para gente que paso por algo asi", "counseling"),
    ("puedo pedir la visa u por ser victima de un delito", "immigration"),
    ("el nino de mi vecina siempre tiene moretones y le tiene miedo a su papa", "child_abuse"),
    ("la cuidadora de mi abuelito le esta quitando su dinero y le grita", "elder_abuse"),
    ("mataron a mi hermano el mes pasado y mi familia esta destrozada", "homicide_grief"),
    ("mi patron me quito el pasaporte y dice que no me puedo ir hasta pagarle", "trafficking"),
    ("un tipo del trabajo se aparece afuera de mi depa y me manda mensajes todo el dia", "stalking"),
    ("mi esposo me pega cuando se enoja", "domestic_violence"),
    ("abusaron de mi en una fiesta el fin de semana", "sexual_violence"),
]
CRISES = [
    ("esta afuera de mi puerta con un cuchillo", "911"),
    ("mi ex se metio a la casa y me quiere matar", "911"),
    ("ya no quiero vivir", "988"),
    ("me quiero quitar la vida esta noche", "988"),
]


def english_catalog_texts() -> list[str]:
    spanish = catalog("es")
    return [t for key, t in catalog("en").items() if len(t) > 25 and t != spanish.get(key)]


def english_descriptions(directory_url: str) -> list[str]:
    with db.session(directory_url) as session:
        return [r.description["en"] for r in session.scalars(select(Resource)) if r.description.get("en")]


def english_sentences(answer: str, directory_url: str, names: set[str]) -> list[str]:
    """Sentences a Spanish speaker would read as English: any English catalog text or resource
    description, and any sentence clearly English once the (untranslated) resource names are out."""
    found = [t for t in english_catalog_texts() + english_descriptions(directory_url) if t in answer]
    plain = answer
    for name in sorted(names, key=len, reverse=True):
        plain = plain.replace(name, "")
    plain = re.sub(r"https?://\S+", "", plain)
    found += [s for s in re.split(r"[.!?\n]+", plain) if len(s.split()) >= 4 and detect(s) == "en"]
    return found


@pytest.fixture(scope="module")
def directory_url(stack):
    return stack.env["APP_DB_URL"]


@pytest.fixture(scope="module")
def all_names(directory_url):
    with db.session(directory_url) as session:
        return set(session.scalars(select(Resource.name)))


@pytest.mark.parametrize("question, category", QUESTIONS, ids=[c for _, c in QUESTIONS])
def test_each_topic_asked_in_spanish_is_answered_in_spanish(person, directory_url, all_names, question, category):
    answer = person(question)
    named = [name for name in names_in(directory_url, category) if name in answer]
    assert named, f"no {category} entry in: {answer}"
    assert english_sentences(answer, directory_url, all_names) == [], answer
    assert "no soy la policia" in answer.lower() or "no soy la policía" in answer.lower()


@pytest.mark.parametrize("message, line", CRISES)
def test_a_crisis_in_spanish_gets_911_or_988_first_in_spanish(stack, person, message, line):
    first = stack.say(person.sender, message)[0]["text"]
    assert line in first and detect(first) == "es", first


def test_switching_language_both_ways(person, directory_url, all_names):
    assert "LawHelp" in person("i need a free lawyer")
    switched = person("español")
    assert "te escribo en español" in switched and english_sentences(switched, directory_url, all_names) == []
    assert "Sitio web" in person("necesito un lugar seguro para quedarme")
    assert "I'll write in English" in person("EN")
    assert "Web: " in person("where can i stay tonight")
    assert "te escribo en español" in person("ES")
    assert "I'll write in English" in person("can you tell me about victim compensation")  # written in English


def test_spanish_speakers_get_spanish_speaking_services_first(person, directory_url):
    english = person("where can i find a shelter tonight")
    spanish = person("donde encuentro un albergue para esta noche")
    with db.session(directory_url) as session:
        serving = {r.name for r in session.scalars(select(Resource)) if "es" in (r.languages or [])}

    def first_named(answer):
        return min((answer.index(n), n) for n in names_in(directory_url, "shelter") if n in answer)[1]

    assert first_named(spanish) in serving
    assert english and spanish


def test_a_conversation_by_text_in_spanish_gets_spanish_keyword_replies(stack, fake_twilio):
    number = fictional_number()
    text(stack, number, "hola, necesito ayuda con una orden de proteccion")
    answer = " ".join(settle(fake_twilio, number))
    assert "STOP" in answer or "ALTO" in answer
    assert detect(answer) == "es", answer
    before = len(fake_twilio.texts_to(number))
    text(stack, number, "HELP")
    helped = " ".join(settle(fake_twilio, number)[before:])
    assert helped and detect(helped) == "es", helped
    before = len(fake_twilio.texts_to(number))
    text(stack, number, "STOP")
    stopped = " ".join(settle(fake_twilio, number)[before:])
    assert stopped and detect(stopped) == "es", stopped


def test_the_widget_follows_the_page_language_and_its_toggle(browser, stack):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{stack.url}/webhooks/socketio/demo-es.html")  # <html lang="es">
    page.get_by_role("button", name="Chatea con nosotros").click()
    page.get_by_label("Tu mensaje").fill("hola")
    page.get_by_role("button", name="Enviar").click()
    bot = page.locator(".vwa-log .vwa-bot")
    expect(bot.filter(has_text="te escribo en español")).to_have_count(1, timeout=20000)
    page.get_by_role("button", name="Switch to English").click()
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    expect(bot.filter(has_text="I'll write in English")).to_have_count(1, timeout=20000)
    expect(bot.last).to_contain_text("What can I help you with")
    context.close()


@pytest.mark.parametrize("message", ["hola", "saludos", "me pueden orientar", "ya no se ni como empezar"])
def test_a_first_message_in_spanish_without_two_marker_words_is_answered_in_spanish(person, message):
    assert detect(message) is None  # the marker words alone would have answered in English
    answer = person(message)
    assert "te escribo en español" in answer and detect(answer) == "es", answer


def test_a_few_words_of_the_other_language_do_not_switch_a_conversation(person):
    assert detect(person("i need a lawyer for my custody case")) == "en"
    thanked = person("muchas gracias")
    assert "español" not in thanked and detect(thanked) != "es", thanked
    assert "te escribo en español" in person("ES")
    okay = person("ok thanks")
    assert "English" not in okay and detect(okay) != "en", okay


def test_a_conversation_in_english_switches_when_the_person_writes_a_spanish_sentence(person):
    assert detect(person("hi")) == "en"
    assert "te escribo en español" in person("perdona que te moleste me pueden orientar un poco")
