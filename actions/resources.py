"""Answers a question about a topic with the 1-3 most relevant entries of the directory: a
jurisdiction's partners first when the person gave a ZIP code in one (data/jurisdictions), then
the state's entries and national ones."""

from dataclasses import dataclass
from typing import Any

from babel.lists import format_list
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Reply
from actions.topics import BY_CATEGORY, TOPICS, Topic
from actions.trends import note
from bot import db
from bot.counties import counties_of_zip
from bot.directory import format, queries
from bot.i18n import render
from bot.justice import asks_for_justice
from bot.location import find_state, find_zip
from bot.money import asks_about_money
from bot.places import named_place


@dataclass(frozen=True)
class Place:
    """Where the person said they are: a state, and its counties when they gave a ZIP code or
    named a county or town (several on a county line, largest first). `spans` names the ZIP code
    or town when this message gave one that crosses a county line, so the answer can say so."""

    state: str | None = None
    counties: tuple[str, ...] = ()
    spans: str | None = None

    @classmethod
    def of(cls, tracker: Tracker) -> "Place":
        """The place remembered in the conversation's slots."""
        return cls(tracker.get_slot("state"), tuple(tracker.get_slot("counties") or ()))

    def county_line(self, lang: str) -> str | None:
        """'ZIP code 60133 crosses a county line: it lies in Cook and DuPage counties', when it does."""
        if not self.spans or len(self.counties) < 2:
            return None
        key = "location.zip_county_line" if self.spans.isdigit() else "location.town_county_line"
        return render(key, lang, place=self.spans, counties=format_list(list(self.counties), locale=lang))


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
            counties=place.counties,
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
    if place.county_line(reply.lang):
        reply.text(place.county_line(reply.lang))
    if hint and (topic.needs_state or topic.local) and not place.state:
        reply.say("location.state_hint" if topic.needs_state else "location.local_hint")
        return [SlotSet("pending_topic", topic.category)]
    return [SlotSet("pending_topic", None)]


def place_in(text: str, remembered: Place) -> Place | None:
    """The place this message names, if any: a ZIP code gives its counties and state; a county
    or town (bot/places.py) its counties, in the state named or remembered; a state alone,
    different from the one remembered, forgets the counties."""
    named, code = find_state(text), find_zip(text)
    found = counties_of_zip(code) if code else []
    if found and named in (None, found[0][1]):
        counties = tuple(county for county, _ in found)
        return Place(found[0][1], counties, code if len(counties) > 1 else None)
    town = named_place(text, named or remembered.state, named_state=named is not None)
    if town is None and named is None and remembered.state:  # a county of another state ("Miami-Dade County")
        town = named_place(text)
    if town is not None and not town.ambiguous:
        return Place(town.state, town.counties, town.name.title() if len(town.counties) > 1 else None)
    if named and named != remembered.state:
        return Place(named)
    return None


def remembered_place(tracker: Tracker) -> tuple[Place, list[dict[str, Any]]]:
    """The place named in this message, else the one remembered; and the events to remember it."""
    remembered = Place.of(tracker)
    place = place_in(tracker.latest_message.get("text") or "", remembered)
    if place is None:
        return remembered, []
    events = [SlotSet("state", place.state)] if place.state != remembered.state else []
    return place, events + (
        [SlotSet("counties", list(place.counties))] if place.counties != remembered.counties else []
    )


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
        note(tracker, "topic", topic.category)
        if money:
            events += answer_topic(reply, compensation, place)
            note(tracker, "topic", compensation.category)
        reply.send(dispatcher)
        return events
