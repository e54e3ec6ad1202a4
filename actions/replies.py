"""What every action needs to answer: the person's language, the first-line rule, and sending.

A new conversation's first reply starts with the short intro line (confidential, not the police,
911), and then answers the person's first message in the same reply, so nobody has to ask twice.
"""

from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.i18n import DEFAULT_LANGUAGE, render


def language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or DEFAULT_LANGUAGE


def is_first_reply(tracker: Tracker) -> bool:
    """True when the bot has said nothing yet in this session."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return False
        if event.get("event") == "session_started":
            return True
    return True


def language_changed(tracker: Tracker) -> bool:
    """True when the person's latest message changed the conversation's language."""
    events = tracker.events
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    if last_user < 0:
        return False
    before = DEFAULT_LANGUAGE
    for event in events[:last_user]:
        if event.get("event") == "slot" and event.get("name") == "language" and event.get("value"):
            before = event["value"]
    return (tracker.get_slot("language") or DEFAULT_LANGUAGE) != before


@dataclass
class Reply:
    """The messages of one bot turn, in the person's language."""

    tracker: Tracker
    messages: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return language(self.tracker)

    def render(self, key: str, **params: Any) -> str:
        return render(key, self.lang, **params)

    def say(self, key: str, **params: Any) -> "Reply":
        return self.text(self.render(key, **params))

    def text(self, text: str, buttons: list[dict] | None = None) -> "Reply":
        self.messages.append({"text": text, "buttons": buttons or []})
        return self

    def buttons(self, *choices: tuple[str, str]) -> "Reply":
        """Quick replies on the last message: (catalog key of the title, intent to trigger)."""
        self.messages[-1]["buttons"] = [
            {"title": render(key, self.lang), "payload": f"/{intent}"} for key, intent in choices
        ]
        return self

    def choices(self, *choices: tuple[str, str]) -> "Reply":
        """Quick replies that answer with plain text (a form's question): (catalog key, text sent)."""
        self.messages[-1]["buttons"] = [{"title": render(key, self.lang), "payload": text} for key, text in choices]
        return self

    def send(self, dispatcher: CollectingDispatcher, intro_at: int = 0) -> "Reply":
        """Send the turn, with the intro line at position `intro_at` in a session's first reply
        (crisis replies put 911/988 before it)."""
        messages = list(self.messages)
        if language_changed(self.tracker):
            messages.insert(intro_at, {"text": render("language.switched", self.lang), "buttons": []})
        if is_first_reply(self.tracker):
            messages.insert(intro_at, {"text": render("intro", self.lang), "buttons": []})
        for message in messages:
            dispatcher.utter_message(text=message["text"], buttons=message["buttons"] or None)
        return self


MENU_BUTTONS = (
    ("button.hotline", "ask_hotline"),
    ("button.compensation", "ask_compensation"),
    ("button.shelter", "ask_shelter"),
    ("button.legal", "ask_legal_help"),
    ("button.without_police", "ask_without_police"),
)


def menu(reply: Reply) -> Reply:
    """What the bot can help with, with quick replies for the most asked topics."""
    return reply.say("menu").buttons(*MENU_BUTTONS)
