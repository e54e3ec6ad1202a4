"""Answers a question about a topic with the 1-3 most relevant entries of the directory."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Reply
from actions.topics import BY_CATEGORY, TOPICS, Topic
from bot import db
from bot.directory import format, queries
from bot.i18n import render
from bot.location import find_state
from bot.money import asks_about_money


def resources_text(category: str, state: str | None, lang: str, lead: str | None = None) -> str:
    """A lead line and the best entries for category, as one message."""
    topic = BY_CATEGORY.get(category, Topic(category))
    with db.session() as session:
        found = queries.find(
            session,
            category,
            state,
            local_first=topic.needs_state,
            local_fallback="local_help" if topic.local else None,
            lang=lang,
        )
        lead_key = lead or f"topic.{category}.lead"
        if not found:
            found, lead_key = queries.find(session, "hotline", lang=lang), "topic.fallback"
        entries = [format.describe(r, lang) for r in found]
    return "\n\n".join([render(lead_key, lang), *entries])


def answer_topic(reply: Reply, topic: Topic, state: str | None, hint: bool = True) -> list[dict[str, Any]]:
    """Say the answer for topic; returns the slot events (what is still pending).

    Without a state, a state-run or local topic ends with an offer of the state's program or of
    help nearby, and stays pending, so that a state or ZIP code at any later turn gets it without
    asking again. The answer itself never waits for the state.
    """
    reply.text(resources_text(topic.category, state, reply.lang))
    if hint and (topic.needs_state or topic.local) and not state:
        reply.say("location.state_hint" if topic.needs_state else "location.local_hint")
        return [SlotSet("pending_topic", topic.category)]
    return [SlotSet("pending_topic", None)]


def remembered_state(tracker: Tracker) -> tuple[str | None, list[dict[str, Any]]]:
    """The state named in this message, else the one remembered; and the event to remember it."""
    named = find_state(tracker.latest_message.get("text") or "")
    if named and named != tracker.get_slot("state"):
        return named, [SlotSet("state", named)]
    return tracker.get_slot("state"), []


class AnswerTopic(Action):
    """The topic's answer, and compensation's too when the message is about money ("the ambulance
    bills", "who pays for the funeral"): whatever the topic, compensation may pay."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        topic = TOPICS[tracker.get_intent_of_latest_message()]
        state, events = remembered_state(tracker)
        reply = Reply(tracker)
        compensation = TOPICS["ask_compensation"]
        money = topic != compensation and asks_about_money(tracker.latest_message.get("text") or "")
        events += answer_topic(reply, topic, state, hint=not money)
        if money:
            events += answer_topic(reply, compensation, state)
        reply.send(dispatcher)
        return events
