"""Greetings, thanks, goodbyes, what this is, privacy, yes/no, and the menu for everything else."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import can_hand_off, offer_person, start_facts
from actions.replies import Reply, menu
from actions.resources import Place, resources_text
from bot import clock
from bot.distress import shows_distress
from bot.handoff.hours import Hours
from bot.privacy import ERASE_REQUEST
from bot.privacy.retention import Retention


def say(dispatcher: CollectingDispatcher, tracker: Tracker, key: str, with_menu: bool = False) -> list:
    reply = Reply(tracker).say(key)
    if with_menu:
        menu(reply)
    reply.send(dispatcher)
    return []


class Greet(Action):
    def name(self) -> str:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        return say(dispatcher, tracker, "greet")


class Goodbye(Action):
    def name(self) -> str:
        return "action_goodbye"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if shows_distress(tracker.latest_message.get("text") or ""):  # "i cant sleep, bye" is not a goodbye
            return answer_distress(dispatcher, tracker)
        return say(dispatcher, tracker, "goodbye")


class Thank(Action):
    def name(self) -> str:
        return "action_thank"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        return say(dispatcher, tracker, "thank")


class About(Action):
    def name(self) -> str:
        return "action_about"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        return say(dispatcher, tracker, "about", with_menu=True)


class Privacy(Action):
    def name(self) -> str:
        return "action_privacy"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        """What is kept and for how long, from the retention schedule in force (bot/retention.yml)."""
        schedule = Retention.load()
        Reply(tracker).say("privacy", days=schedule.conversation_days, handoff_days=schedule.handoff_days).send(
            dispatcher
        )
        return []


class DeleteConversation(Action):
    """Asks the channel to erase the whole conversation once this turn is saved: an action cannot
    delete the tracker it runs in. The channel then confirms in the person's language."""

    def name(self) -> str:
        return "action_delete_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(json_message=ERASE_REQUEST)
        return []


MISSED = {"nlu_fallback", "out_of_scope"}


def misunderstood_twice(tracker: Tracker) -> bool:
    """The bot could not help with this message nor the one before it (not understood, or outside
    what it knows): a person may do better."""
    intents = [
        e.get("parse_data", {}).get("intent", {}).get("name") for e in tracker.events if e.get("event") == "user"
    ]
    return len(intents) >= 2 and set(intents[-2:]) <= MISSED


def someone_to_talk_to(reply: Reply, tracker: Tracker) -> list[dict[str, Any]]:
    """Distress the bot cannot place: no "I didn't understand", but the 24/7 lines and, when one
    can come on this channel now, the offer of an advocate."""
    reply.say("menu.distress")
    if can_hand_off(tracker, Hours.load(), clock.now()):
        reply.text(resources_text("hotline", Place.of(tracker), reply.lang, lead="handoff.lines_24_7"))
    return offer_person(reply, tracker)


def answer_distress(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    reply = Reply(tracker)
    events = someone_to_talk_to(reply, tracker)
    reply.send(dispatcher)
    return events


class Menu(Action):
    """Out of scope, not understood or unpredictable: say so briefly and show what the bot can do."""

    def name(self) -> str:
        return "action_menu"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        if shows_distress(tracker.latest_message.get("text") or ""):
            return answer_distress(dispatcher, tracker)
        reply = Reply(tracker)
        if tracker.get_intent_of_latest_message() != "out_of_scope":
            reply.say("menu.not_understood")
        events = offer_person(reply, tracker) if misunderstood_twice(tracker) else []
        if not any(e.get("name") == "offer" and e.get("value") for e in events):
            menu(reply)  # not with the yes/no of an offer: a text can carry one set of numbered choices
        reply.send(dispatcher)
        return events


class Affirm(Action):
    def name(self) -> str:
        return "action_affirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        events: list[dict[str, Any]] = []
        if tracker.get_slot("offer") == "advocate":
            events = start_facts()
        else:
            reply.say("affirm.nothing_pending")
        reply.send(dispatcher)
        return events


class Deny(Action):
    def name(self) -> str:
        return "action_deny"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        if shows_distress(tracker.latest_message.get("text") or ""):  # "im not ok" is not a bare no
            return [SlotSet("offer", None), *answer_distress(dispatcher, tracker)]
        Reply(tracker).say("deny").send(dispatcher)
        return [SlotSet("offer", None)]
