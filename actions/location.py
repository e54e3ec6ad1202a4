"""The person says where they are (or that they would rather not): answer what was waiting."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Reply, menu
from actions.resources import Place, answer_topic, place_in, remembered_place
from actions.topics import BY_CATEGORY
from bot.location import find_state, state_name
from bot.places import named_place


class Location(Action):
    def name(self) -> str:
        return "action_location"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        pending = BY_CATEGORY.get(tracker.get_slot("pending_topic") or "")
        text = tracker.latest_message.get("text") or ""
        place, events = remembered_place(tracker)
        if tracker.get_intent_of_latest_message() == "decline":
            events = []
            if pending:
                reply.say("location.declined")
                events = answer_topic(reply, pending, Place(), hint=False)
            else:
                reply.say("location.declined_nothing_pending")
        elif find_state(text) or place_in(text, Place.of(tracker)):  # a state, ZIP code, county or town
            if pending:
                events += answer_topic(reply, pending, place)
            else:
                reply.say("location.noted", state=state_name(place.state))
                if place.county_line(reply.lang):
                    reply.text(place.county_line(reply.lang))
        elif (named := named_place(text)) is not None:  # "Cook County": in Illinois, Georgia or Minnesota?
            reply.say("location.which_state", place=named.name.title())
        elif pending:
            reply.say("location.ask_again")
        else:
            menu(reply)
        reply.send(dispatcher)
        return events
