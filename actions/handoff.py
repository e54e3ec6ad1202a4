"""Talking with a person. Until the warm handoff to the advocate console exists, the bot names
the lines where trained advocates answer now, rather than promising what it cannot do."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Reply
from actions.resources import resources_text


def live_lines(reply: Reply, tracker: Tracker) -> list[dict[str, Any]]:
    reply.text(resources_text("hotline", tracker.get_slot("state"), reply.lang, lead="handoff.live_lines"))
    return [SlotSet("offer", None)]


class TalkToPerson(Action):
    def name(self) -> str:
        return "action_talk_to_person"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        events = live_lines(reply, tracker)
        reply.send(dispatcher)
        return events
