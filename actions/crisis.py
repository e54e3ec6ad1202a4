"""Imminent danger gets 911 and self-harm gets 988 first, then the answer to what was asked.

The crisis intents are set by the deterministic check in the NLU pipeline (bot/nlu/
crisis_override.py); the classifier's own guess stays in the ranking, so a message like "he has
a gun, how do I get a protective order" gets 911 first and the protective order answer after,
and then the offer of an advocate.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import offer_person
from actions.replies import Reply
from actions.resources import answer_topic, remembered_place
from actions.safety import intimidation
from actions.topics import TOPICS, topic_behind
from actions.trends import note
from bot.crisis import DANGER, SELF_HARM, detect

_KIND_OF_INTENT = {"crisis_danger": DANGER, "crisis_self_harm": SELF_HARM}


class Crisis(Action):
    def name(self) -> str:
        return "action_crisis"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        kinds = detect(tracker.latest_message.get("text") or "")
        kinds = kinds or [_KIND_OF_INTENT[tracker.get_intent_of_latest_message()]]
        reply = Reply(tracker)
        for kind in kinds:
            reply.say(f"crisis.{kind}")
            note(tracker, "crisis", kind)
        urgent = len(reply.messages)
        question = topic_behind(tracker, skip=set(_KIND_OF_INTENT))
        place, events = remembered_place(tracker)
        if question == "report_intimidation":
            events += intimidation(reply, place)
            note(tracker, "threat")
        else:
            if question:
                events += answer_topic(reply, TOPICS[question], place, hint=False)
            events += offer_person(reply, tracker)
        reply.send(dispatcher, intro_at=urgent)
        return events
