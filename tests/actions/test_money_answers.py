"""A question about money gets compensation at once, whatever its topic (issue 13): "the ambulance
bills" is answered about medical care and about compensation, with the national program finder
and one offer of the state's own program; a question without money words gets its topic alone."""

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.resources import AnswerTopic
from tests import aio


def answer(text: str, intent: str, lang: str = "en") -> tuple[str, list[dict]]:
    ranked = {"name": intent, "confidence": 0.9}
    latest = {"text": text, "intent": ranked, "intent_ranking": [ranked]}
    message = {"event": "user", "text": text, "parse_data": latest}
    tracker = Tracker("money-visitor", {"language": lang}, latest, [message], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = aio.run(AnswerTopic().run(dispatcher, tracker, {}))
    return "\n".join(m.get("text") or "" for m in dispatcher.messages), events


def pending(events: list[dict]) -> str | None:
    return [e["value"] for e in events if e.get("name") == "pending_topic"][-1]


def test_a_medical_question_about_bills_also_names_compensation_and_offers_the_state_program_once(app_db):
    reply, events = answer("the ambulance and er bills are piling up after he beat me", "ask_medical")
    assert "emergency room" in reply and "compensation" in reply.lower() and "nacvcb.org" in reply
    assert reply.count("Tell me your state") + reply.count("tell me your state") == 1
    assert pending(events) == "compensation"


def test_a_spanish_question_about_paying_for_therapy_names_compensation(app_db):
    reply, _ = answer("quién paga la terapia de mi hijo después del asalto", "ask_counseling", lang="es")
    assert "compensación" in reply.lower() and "nacvcb.org" in reply


def test_a_question_without_money_gets_its_topic_alone(app_db):
    reply, events = answer("i need a doctor after he beat me", "ask_medical")
    assert "emergency room" in reply and "compensation" not in reply.lower()
    assert pending(events) is None
