"""A question about police reports gets facts and a way in at once (issue 13): a question that
names no service is answered with help that needs no report and how to reach it, and a question
about one service says what it asks and how to reach it, in English and Spanish."""

import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.police import ReportRequirement, service_asked_about
from tests import aio

PHONE = re.compile(r"\(\d{3}\) \d{3}-\d{4}")


def answer(text: str, lang: str = "en") -> str:
    message = {"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_report_requirement"}}}
    latest = {"text": text, "intent": {"name": "ask_report_requirement"}}
    tracker = Tracker("report-visitor", {"language": lang}, latest, [message], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    aio.run(ReportRequirement().run(dispatcher, tracker, {}))
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


@pytest.mark.parametrize(
    "text, lang, lead",
    [
        ("would i need to go to the cops first to get any support", "en", "You don't have to go to the police"),
        ("tengo que ir a la policía antes de que me ayuden", "es", "No tienes que ir a la policía"),
    ],
)
def test_a_report_question_naming_no_service_gets_help_that_needs_none_with_numbers(app_db, text, lang, lead):
    assert service_asked_about(text) is None
    reply = answer(text, lang)
    assert lead in reply and PHONE.search(reply), reply


@pytest.mark.parametrize(
    "text, lang, category, requirement, contact",
    [
        ("does the nurse exam after an assault need a report", "en", "forensic_exam", "No police report needed", PHONE),
        ("el examen forense pide denuncia?", "es", "forensic_exam", "No se necesita denuncia policial", PHONE),
        ("does victims comp need a police report", "en", "compensation", "Asks for a police report", r"https://"),
    ],
)
def test_a_report_question_about_one_service_says_what_it_asks_and_how_to_reach_it(
    app_db, text, lang, category, requirement, contact
):
    assert service_asked_about(text) == category
    items = answer(text, lang).split("\n\n")[1:]  # after the lead, one item per service
    assert items and requirement in items[0]
    assert all(re.search(contact, item) or "https://" in item for item in items), items
