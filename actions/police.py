"""Help without police, and what a service asks about police reports, from the directory's data.

The bot states facts (this service needs no report; that program asks for one within 72 hours)
and never tells anyone that they must or should report.
"""

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Reply
from actions.resources import Place, remembered_place
from actions.topics import TOPICS, topic_behind
from bot import db
from bot.directory import format, queries
from bot.directory.models import Resource
from bot.location import state_name
from bot.text import without_marks

# Which service a report question is about, by the words people use in English and Spanish (read
# without accents); None when it names none ("do i have to report it to get help").
_SERVICE_WORDS = [
    ("compensation", r"compens|\bcomp\b|money|bill|pay|reimburs|fund|wage|funeral|claim|cost|dinero|pag|cuenta"
     r"|gasto|entierro|salario"),
    ("forensic_exam", r"exam|kit|sane|forensic|forense|evidence|evidencia|hospital|nurse|enfermer|doctor|medic"),
    ("protective_order", r"protect|restrain|order|orden|stay away|alejamiento"),
    ("shelter", r"shelter|place to stay|housing|stay somewhere|refugio|albergue|quedarme|vivienda"),
    ("counseling", r"counsel|therap|terapia|support group|consejer|psicolog|grupo de apoyo"),
    ("hotline", r"hotline|helpline|talk to|call|linea|hablar con|llamar"),
]  # fmt: skip


def service_asked_about(text: str) -> str | None:
    lowered = without_marks(text.lower())
    for category, pattern in _SERVICE_WORDS:
        if re.search(pattern, lowered):
            return category
    return None


def without_police(reply: Reply, tracker: Tracker, place: Place) -> Reply:
    """Services that need no police report, with how to reach them, for what the person asked about."""
    behind = topic_behind(tracker, skip={"ask_without_police", "ask_report_requirement"})
    category = TOPICS[behind].category if behind in TOPICS else "hotline"
    with db.session() as session:
        found = queries.find(
            session,
            category,
            place.state,
            limit=6,
            local_fallback="local_help",
            lang=reply.lang,
            counties=place.counties,
        )
        free = [r for r in found if not r.police_report_required][:3]
        entries = [format.describe(r, reply.lang) for r in free]
        state = place.state
        compensation = queries.find(session, "compensation", state, limit=1, local_first=True) if state else []
        programme = compensation[0] if compensation and compensation[0].state else None
        requirement = format.police_report(programme, reply.lang) if programme else None
    reply.text("\n\n".join([reply.render("without_police.lead"), *entries]))
    reply.say("without_police.exam")
    if requirement:
        reply.say("without_police.compensation", state=state_name(place.state), requirement=requirement)
    return reply


class WithoutPolice(Action):
    """Services that need no police report: for what the person also asked about, if anything."""

    def name(self) -> str:
        return "action_without_police"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        place, events = remembered_place(tracker)
        without_police(Reply(tracker), tracker, place).send(dispatcher)
        return events


def requirement_with_contacts(resource: Resource, reply: Reply) -> str:
    """What the service asks about police reports, then how to reach it."""
    requirement = format.police_report(resource, reply.lang)
    item = reply.render("report_requirement.item", name=resource.name, requirement=requirement)
    return "\n".join([item, *format.contacts(resource, reply.lang)])


class ReportRequirement(Action):
    def name(self) -> str:
        return "action_report_requirement"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        place, events = remembered_place(tracker)
        category = service_asked_about(tracker.latest_message.get("text") or "")
        if category is None:  # "do i have to report it to get help": no, and here is help that needs none
            without_police(reply, tracker, place).send(dispatcher)
            return events
        with db.session() as session:
            first, lang = category == "compensation", reply.lang
            found = queries.find(session, category, place.state, local_first=first, lang=lang, counties=place.counties)
            items = [requirement_with_contacts(r, reply) for r in found]
        reply.text("\n\n".join([reply.render("report_requirement.lead"), *items]))
        if category == "forensic_exam":
            reply.say("without_police.exam")
        if category == "compensation" and not place.state:  # the state's own rule is the real answer
            reply.say("location.state_hint")
            events.append(SlotSet("pending_topic", category))
        reply.send(dispatcher)
        return events
