"""Answers a question about a topic with the 1-3 most relevant entries of the directory: a
jurisdiction's partners first when the person gave a ZIP code in one (data/jurisdictions), then
the state's entries and national ones."""

from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Reply
from actions.topics import BY_CATEGORY, TOPICS, Topic
from bot import db
from bot.counties import county_of_zip
from bot.directory import format, queries
from bot.i18n import render
from bot.justice import asks_for_justice
from bot.location import find_state, find_zip
from bot.money import asks_about_money


@dataclass(frozen=True)
class Place:
    """Where the person said they are: a state, and a county when they gave a ZIP code."""

    state: str | None = None
    county: str | None = None

    @classmethod
    def of(cls, tracker: Tracker) -> "Place":
        """The place remembered in the conversation's slots."""
        return cls(tracker.get_slot("state"), tracker.get_slot("county"))


def resources_text(category: str, place: Place, lang: str, lead: str | None = None, justice: bool = False) -> str:
    """A lead line and the best entries for category, as one message; `justice` when the person
    asked for the police, a prosecutor or the courts (bot/justice.py)."""
    topic = BY_CATEGORY.get(category, Topic(category))
    with db.session() as session:
        found = queries.find(
            session,
            category,
            place.state,
            local_first=topic.needs_state,
            local_fallback="local_help" if topic.local else None,
            lang=lang,
            county=place.county,
            justice=justice,
        )
        lead_key = lead or f"topic.{category}.lead"
        if not found:
            found, lead_key = queries.find(session, "hotline", lang=lang), "topic.fallback"
        entries = [format.describe(r, lang) for r in found]
    return "\n\n".join([render(lead_key, lang), *entries])


def answer_topic(
    reply: Reply, topic: Topic, place: Place, hint: bool = True, justice: bool = False
) -> list[dict[str, Any]]:
    """Say the answer for topic; returns the slot events (what is still pending).

    Without a state, a state-run or local topic ends with an offer of the state's program or of
    help nearby, and stays pending, so that a state or ZIP code at any later turn gets it without
    asking again. The answer itself never waits for the state.
    """
    reply.text(resources_text(topic.category, place, reply.lang, justice=justice))
    if hint and (topic.needs_state or topic.local) and not place.state:
        reply.say("location.state_hint" if topic.needs_state else "location.local_hint")
        return [SlotSet("pending_topic", topic.category)]
    return [SlotSet("pending_topic", None)]


def remembered_place(tracker: Tracker) -> tuple[Place, list[dict[str, Any]]]:
    """The place named in this message, else the one remembered; and the events to remember it.
    A ZIP code gives its county and state; a state alone, different from the one remembered,
    forgets the county."""
    text = tracker.latest_message.get("text") or ""
    remembered = Place.of(tracker)
    named, code = find_state(text), find_zip(text)
    found = county_of_zip(code) if code else None
    if found and named in (None, found[1]):
        place = Place(found[1], found[0])
    elif named and named != remembered.state:
        place = Place(named, None)
    else:
        return remembered, []
    events = [SlotSet("state", place.state)] if place.state != remembered.state else []
    return place, events + ([SlotSet("county", place.county)] if place.county != remembered.county else [])


class AnswerTopic(Action):
    """The topic's answer, and compensation's too when the message is about money ("the ambulance
    bills", "who pays for the funeral"): whatever the topic, compensation may pay."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        topic = TOPICS[tracker.get_intent_of_latest_message()]
        place, events = remembered_place(tracker)
        reply = Reply(tracker)
        compensation = TOPICS["ask_compensation"]
        text = tracker.latest_message.get("text") or ""
        money = topic != compensation and asks_about_money(text)
        events += answer_topic(reply, topic, place, hint=not money, justice=asks_for_justice(text))
        if money:
            events += answer_topic(reply, compensation, place)
        reply.send(dispatcher)
        return events
