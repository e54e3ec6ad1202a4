"""Which intent asks about which directory category, and whether the answer depends on the state.

Every topic is answered at once, before anything is asked: what the help is, the national way
in, whether a police report is usually needed. Compensation is run by each state, so without a
state the answer ends by offering the state's own program (its deadline, whether it needs a
report) for a state or ZIP code, at any later turn; for local topics it offers help nearby.
"""

from dataclasses import dataclass

from rasa_sdk import Tracker


@dataclass(frozen=True)
class Topic:
    category: str
    needs_state: bool = False  # the state's own program is the real answer: offer it for a state
    local: bool = False  # add the state's own entry when the state is known


TOPICS = {
    "ask_hotline": Topic("hotline"),
    "ask_legal_help": Topic("legal_aid", local=True),
    "ask_protective_order": Topic("protective_order", local=True),
    "ask_victim_rights": Topic("victim_rights"),
    "ask_medical": Topic("medical"),
    "ask_forensic_exam": Topic("forensic_exam", local=True),
    "ask_compensation": Topic("compensation", needs_state=True),
    "ask_shelter": Topic("shelter", local=True),
    "ask_counseling": Topic("counseling", local=True),
    "ask_immigration": Topic("immigration"),
    "ask_child_abuse": Topic("child_abuse"),
    "ask_elder_abuse": Topic("elder_abuse"),
    "ask_homicide_grief": Topic("homicide_grief"),
    "ask_trafficking": Topic("trafficking"),
    "ask_stalking": Topic("stalking", local=True),
    "ask_domestic_violence": Topic("domestic_violence", local=True),
    "ask_sexual_violence": Topic("sexual_violence", local=True),
}

BY_CATEGORY = {topic.category: topic for topic in TOPICS.values()}


def topic_behind(tracker: Tracker, skip: set[str], min_confidence: float = 0.1) -> str | None:
    """The classifier's best intent after those in `skip`, when it asks about a topic the bot can
    also answer: "he has a gun, I need a protective order" is a crisis and a protective order
    question; "I was raped, I won't go to the cops" is about help without police and about
    sexual violence."""
    for ranked in tracker.latest_message.get("intent_ranking") or []:
        name = ranked.get("name")
        if name in skip or name == "nlu_fallback":
            continue
        if ranked.get("confidence", 0) >= min_confidence and (name in TOPICS or name == "report_intimidation"):
            return name
        return None
    return None
