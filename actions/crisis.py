"""Imminent danger gets 911 and self-harm gets 988 first, then the answer to what was asked.

The crisis intents are set by the deterministic check in the NLU pipeline (bot/nlu/
crisis_override.py); the classifier's own guess stays in the ranking, so a message like "he has
a gun, how do I get a protective order" gets 911 first and the protective order answer after.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Reply
from actions.resources import answer_topic, remembered_state
from actions.safety import intimidation
from actions.topics import TOPICS
from bot.crisis import DANGER, SELF_HARM, detect

_KIND_OF_INTENT = {"crisis_danger": DANGER, "crisis_self_harm": SELF_HARM}
_SECOND_GUESS_CONFIDENCE = 0.3


def _question_behind(tracker: Tracker) -> str | None:
    """The classifier's best non-crisis intent, when it is a question the bot can also answer."""
    for ranked in tracker.latest_message.get("intent_ranking") or []:
        name = ranked.get("name")
        if name in _KIND_OF_INTENT or name == "nlu_fallback":
            continue
        if ranked.get("confidence", 0) >= _SECOND_GUESS_CONFIDENCE and (
            name in TOPICS or name == "report_intimidation"
        ):
            return name
        return None
    return None


class Crisis(Action):
    def name(self) -> str:
        return "action_crisis"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        kinds = detect(tracker.latest_message.get("text") or "")
        kinds = kinds or [_KIND_OF_INTENT[tracker.get_intent_of_latest_message()]]
        reply = Reply(tracker)
        for kind in kinds:
            reply.say(f"crisis.{kind}")
        urgent = len(reply.messages)
        events: list[dict[str, Any]] = []
        question = _question_behind(tracker)
        if question == "report_intimidation":
            events = intimidation(reply)
        elif question:
            state, events = remembered_state(tracker)
            events += answer_topic(reply, TOPICS[question], state, hint=False)
        reply.send(dispatcher, intro_at=urgent)
        return events
