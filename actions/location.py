"""The person says where they are (or that they would rather not): answer what was waiting."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Reply, menu
from actions.resources import answer_topic
from actions.topics import BY_CATEGORY
from bot.location import find_state, state_name


class Location(Action):
    def name(self) -> str:
        return "action_location"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        pending = BY_CATEGORY.get(tracker.get_slot("pending_topic") or "")
        named = find_state(tracker.latest_message.get("text") or "")
        events: list[dict[str, Any]] = []
        if tracker.get_intent_of_latest_message() == "decline":
            if pending:
                reply.say("location.declined")
                events = answer_topic(reply, pending, None, hint=False)
            else:
                reply.say("location.declined_nothing_pending")
        elif named:
            events = [SlotSet("state", named)]
            if pending:
                events += answer_topic(reply, pending, named)
            else:
                reply.say("location.noted", state=state_name(named))
        elif pending:
            reply.say("location.ask_again")
        else:
            menu(reply)
        reply.send(dispatcher)
        return events
