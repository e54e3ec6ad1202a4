"""Threats against witnesses and safety planning: practical steps, then people who can help."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import offer_person
from actions.replies import Reply
from actions.resources import Place, remembered_place, resources_text
from actions.trends import note


def intimidation(reply: Reply, place: Place) -> list[dict[str, Any]]:
    """Advice on threats, who can help (nearby first when the county is known), and an offer to
    talk with an advocate."""
    reply.say("intimidation.advice")
    reply.text(resources_text("intimidation", place, reply.lang))
    return offer_person(reply, reply.tracker)


class Intimidation(Action):
    def name(self) -> str:
        return "action_intimidation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        place, events = remembered_place(tracker)
        events += intimidation(reply, place)
        note(tracker, "threat")
        reply.send(dispatcher)
        return events


class SafetyPlan(Action):
    def name(self) -> str:
        return "action_safety_plan"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        reply.say("safety_plan.advice")
        reply.text(resources_text("safety_planning", Place.of(tracker), reply.lang))
        reply.send(dispatcher)
        return []
