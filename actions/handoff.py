"""The warm handoff, bot side: offer a person, ask consent, collect a few optional facts (a Rasa
form), then queue the request and pause the bot (Rasa's ConversationPaused) until an advocate in
the console closes it or the person sends BACK (bot/handoff/relay.py).

What the person is told is honest: the people ahead and the advocates available now (signed in
and not away, bot/console/shift.py), or, outside the hours in bot/handoff.yml, that nobody is on
shift, the 24/7 lines, and whether an advocate
will answer later on this channel. A web chat ends when its tab closes, so outside hours it is
not queued; a text conversation is (`reply_later_on`), but only when the person said yes to "is
it safe to write to you here": a skip, a no or anything else means no text arrives later.
"""

import datetime as dt
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ConversationPaused, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Reply
from actions.resources import Place, resources_text
from bot import clock, db
from bot.console import shift
from bot.crisis import detect
from bot.handoff import presence, queue, transcript
from bot.handoff.hours import Hours
from bot.i18n import languages
from bot.language import chosen
from bot.location import find_state

# Channels that can carry an advocate's messages to the person (REST clients cannot be pushed to).
RELAYED = {"sms", "socketio"}
FACTS = ["handoff_help", "handoff_safe", "handoff_language", "handoff_state"]
SKIP, YES, NO = "skip", "yes", "no"
SKIP_WORDS = {"skip", "pass", "next", "saltar", "omitir", "paso", "siguiente", "no se", "dont know", "idk"}
YES_WORDS = {"yes", "y", "yeah", "yep", "ok", "si", "sí", "claro"}
NO_WORDS = {"no", "n", "nope", "not safe", "no es seguro"}
MAX_FACT_CHARS = 300


def can_hand_off(tracker: Tracker, hours: Hours, at: dt.datetime) -> bool:
    """Whether a request made now would reach an advocate on this channel."""
    channel = tracker.get_latest_input_channel()
    return channel in RELAYED and (hours.on_shift(at) or hours.replies_later(channel))


def live_lines(reply: Reply, tracker: Tracker, lead: str = "handoff.live_lines") -> list[dict[str, Any]]:
    reply.text(resources_text("hotline", Place.of(tracker), reply.lang, lead=lead))
    return [SlotSet("offer", None)]


def network_full(tracker: Tracker) -> bool:
    """A web chat from an address whose other chats already fill their share of the queue
    (WEBCHAT_MAX_WAITING_PER_ADDRESS, bot/handoff/presence.py): one script cannot bury everyone."""
    if tracker.get_latest_input_channel() != presence.CHANNEL:
        return False
    with db.session() as session:
        return presence.waiting_from_same_address(session, tracker.sender_id) >= presence.max_waiting()


def offer_person(reply: Reply, tracker: Tracker) -> list[dict[str, Any]]:
    """Ask consent to bring an advocate in; when none can come, say so and give the 24/7 lines."""
    hours = Hours.load()
    if not can_hand_off(tracker, hours, clock.now()):
        if tracker.get_latest_input_channel() in RELAYED:
            reply.say("handoff.closed_now", hours=hours.describe(reply.lang))
            return live_lines(reply, tracker, lead="handoff.lines_24_7")
        return live_lines(reply, tracker)
    if network_full(tracker):
        reply.say("handoff.too_many_waiting")
        return live_lines(reply, tracker, lead="handoff.lines_24_7")
    reply.say("handoff.offer").buttons(("button.yes", "affirm"), ("button.no", "deny"))
    return [SlotSet("offer", "advocate")]


def start_facts() -> list[dict[str, Any]]:
    """The person said yes: clear an earlier handoff's answers and start the form."""
    return [SlotSet("offer", None), *(SlotSet(slot, None) for slot in FACTS), FollowupAction("handoff_form")]


class TalkToPerson(Action):
    def name(self) -> str:
        return "action_talk_to_person"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        events = offer_person(reply, tracker)
        reply.send(dispatcher)
        return events


class _AskFact(Action):
    """Asks one of the form's questions; every question can be skipped."""

    slot = ""
    choices: tuple[tuple[str, str], ...] = ()

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker).say(f"handoff.ask.{self.slot.removeprefix('handoff_')}")
        reply.choices(*self.choices, ("button.skip", SKIP))
        reply.send(dispatcher)
        return []


class AskHelp(_AskFact):
    slot = "handoff_help"


class AskSafe(_AskFact):
    slot = "handoff_safe"
    choices = (("button.yes", YES), ("button.no", NO))


class AskLanguage(_AskFact):
    slot = "handoff_language"
    choices = tuple((f"language.{lang}", lang) for lang in languages())


class AskState(_AskFact):
    slot = "handoff_state"


def _answer(value: Any) -> str:
    return " ".join(str(value or "").split())[:MAX_FACT_CHARS]


def _folded(value: Any) -> str:
    return _answer(value).lower().strip(".!")


class ValidateHandoffFacts(FormValidationAction):
    """Takes any answer (a person may say more than we asked), keeps the canonical ones short, and
    answers a crisis at once: 911/988 come before the next question."""

    def name(self) -> str:
        return "validate_handoff_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        return [s for s in domain_slots if not (s == "handoff_state" and tracker.get_slot("state"))]

    @staticmethod
    def _crisis_first(value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        reply = Reply(tracker)
        for kind in detect(_answer(value)):
            reply.say(f"crisis.{kind}")
        reply.send(dispatcher)

    def validate_handoff_help(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is None:  # cleared when the form starts: still to be asked
            return {"handoff_help": None}
        self._crisis_first(value, dispatcher, tracker)
        return {"handoff_help": SKIP if _folded(value) in SKIP_WORDS else _answer(value) or SKIP}

    def validate_handoff_safe(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is None:  # cleared when the form starts: still to be asked
            return {"handoff_safe": None}
        self._crisis_first(value, dispatcher, tracker)
        folded = _folded(value)
        if folded in YES_WORDS or folded in NO_WORDS or folded in SKIP_WORDS:
            return {"handoff_safe": YES if folded in YES_WORDS else NO if folded in NO_WORDS else SKIP}
        return {"handoff_safe": _answer(value) or SKIP}  # "only after 6pm" is worth passing on as written

    def validate_handoff_language(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is None:  # cleared when the form starts: still to be asked
            return {"handoff_language": None}
        self._crisis_first(value, dispatcher, tracker)
        folded = _folded(value)
        lang = chosen(_answer(value))
        if lang:
            return {"handoff_language": lang, "language": lang}
        return {"handoff_language": SKIP if folded in SKIP_WORDS else _answer(value) or SKIP}

    def validate_handoff_state(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is None:  # cleared when the form starts: still to be asked
            return {"handoff_state": None}
        self._crisis_first(value, dispatcher, tracker)
        state = find_state(_answer(value))
        return {"handoff_state": state, "state": state} if state else {"handoff_state": SKIP}


def priority_of(tracker: Tracker) -> tuple[int, str]:
    """Imminent danger first, then threats and intimidation, then the rest (this session's messages).
    The crisis check already ran on each message in the NLU pipeline, which then names its intent
    crisis_* (bot/nlu/crisis_override.py), so no message is read again here."""
    intents = set()
    for event in tracker.events:
        if event.get("event") == "session_started":
            intents = set()
        elif event.get("event") == "user":
            intents.add((event.get("parse_data") or {}).get("intent", {}).get("name"))
    if intents & {"crisis_danger", "crisis_self_harm"}:
        return queue.DANGER, "crisis"
    if "report_intimidation" in intents:
        return queue.THREAT, "threats"
    return queue.OTHER, "asked"


def conversation_so_far(tracker: Tracker) -> list[tuple[str, str]]:
    """This session's (sender, text) lines, so the advocate reads what the bot already said."""
    lines: list[tuple[str, str]] = []
    for event in tracker.events:
        if event.get("event") == "session_started":
            lines = []
        elif event.get("event") in ("user", "bot") and event.get("text"):
            lines.append((transcript.PERSON if event["event"] == "user" else transcript.BOT, event["text"]))
    return lines[-200:]


class RequestHandoff(Action):
    """The form is done: queue the request, copy the conversation so far, pause the bot."""

    def name(self) -> str:
        return "action_request_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        reset = [SlotSet(slot, None) for slot in FACTS]
        hours, at = Hours.load(), clock.now()
        # An advocate writes later, on their own, only to someone who said it is safe.
        unsafe_later = not hours.on_shift(at) and tracker.get_slot("handoff_safe") != YES
        full = network_full(tracker)  # or it filled while they answered
        if not can_hand_off(tracker, hours, at) or unsafe_later or full:  # or the hours ended meanwhile
            if unsafe_later:
                reply.say("handoff.not_written_later", hours=hours.describe(reply.lang))
            elif full:
                reply.say("handoff.too_many_waiting")
            else:
                reply.say("handoff.closed_now", hours=hours.describe(reply.lang))
            events = live_lines(reply, tracker, lead="handoff.lines_24_7")
            reply.send(dispatcher)
            return reset + events
        priority, reason = priority_of(tracker)
        summary = {
            "reason": reason,
            "help": tracker.get_slot("handoff_help") or SKIP,
            "safe_to_text": tracker.get_slot("handoff_safe") or SKIP,
            "preferred_language": tracker.get_slot("handoff_language") or SKIP,
            "state": tracker.get_slot("state") or SKIP,
        }
        channel = tracker.get_latest_input_channel()
        with db.session() as session, session.begin():
            request = queue.request(session, tracker.sender_id, channel, priority, summary, reply.lang)
            for sender, text in conversation_so_far(tracker):
                transcript.add(session, request.id, sender, text)
            if hours.on_shift(at):
                ahead, available = queue.ahead_of(session, request), shift.available(session)
                wait = hours.expected_wait_minutes(ahead, available)
                if wait is None:
                    reply.say("handoff.queued_nobody_signed_in")
                    live_lines(reply, tracker, lead="handoff.lines_24_7")
                elif ahead == 0:
                    reply.say("handoff.queued_next", advocates=available)
                else:
                    reply.say("handoff.queued", ahead=ahead, advocates=available, minutes=wait)
            else:
                reply.say("handoff.queued_for_later", hours=hours.describe(reply.lang))
                live_lines(reply, tracker, lead="handoff.lines_24_7")
            reply.say("handoff.how_to_go_back")
            for message in reply.messages:
                transcript.add(session, request.id, transcript.BOT, message["text"])
        reply.send(dispatcher)
        return [*reset, SlotSet("offer", None), ConversationPaused()]
