"""Counts what a conversation shows (bot/trends) from the action that answers it: the topic
asked, a crisis, a threat, a handoff requested. Only the week, the place the person gave, the
channel and the language go with the count; never who, nor what they wrote."""

from rasa_sdk import Tracker

from actions.replies import language
from bot import db, trends


def note(tracker: Tracker, measure: str, value: str = "") -> None:
    state = tracker.get_slot("state")
    with db.session() as session:
        jurisdiction = trends.jurisdiction_of(session, state, tracker.get_slot("counties"))
    trends.count(measure, value, state=state, jurisdiction=jurisdiction,
                 channel=tracker.get_latest_input_channel(), language=language(tracker))  # fmt: skip
