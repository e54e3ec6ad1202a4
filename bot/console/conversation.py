"""The conversation an advocate has taken: the summary and the whole transcript (the bot's part
included), replies, canned replies in the conversation's language, directory resources, private
notes, and Close, which gives the person back to the bot with a closing message.

Only the advocate who has the conversation can write in it; a supervisor can also read it. Every
view and action is in the audit log. Everything sent is written to the transcript first and then
delivered (bot/console/delivery.py), so nothing an advocate sends is lost to a restart.
"""

from collections.abc import Callable

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot import db, referrals
from bot.console import accounts, delivery, labels, lists, pages, shift
from bot.console import referrals as console_referrals
from bot.console.web import HEADERS, Advocate, page, problem, signed_in
from bot.directory import format
from bot.directory.models import Jurisdiction, Resource
from bot.handoff import queue, transcript
from bot.handoff.queue import HandoffRequest
from bot.i18n import catalog, render
from bot.privacy.erase import DELETED
from bot.referrals import contacts
from bot.sheets import base_url, sheet_url

MAX_REPLY_CHARS = 1600
CANNED_PREFIX = "console.canned."


def canned_replies(lang: str) -> list[tuple[str, str]]:
    """(key, text in the conversation's language) for every canned reply in the catalog."""
    return [(key, render(key, lang)) for key in catalog("en") if key.startswith(CANNED_PREFIX)]


def resources_for(session: Session, state: str | None) -> list[Resource]:
    """National entries and the person's state's, for the picker."""
    where = (
        Resource.state.is_(None)
        if not state or len(state) != 2
        else or_(Resource.state.is_(None), Resource.state == state)
    )
    return list(session.scalars(select(Resource).where(Resource.active.is_(True), where).order_by(Resource.name)))


def sheets_for(session: Session, state: str | None) -> list[tuple[str, str]]:
    """(id, name) of the jurisdictions whose referral sheet can be sent, the person's state's first;
    none when the sheets have no public address (SHEETS_BASE_URL)."""
    if base_url() is None:
        return []
    places = session.scalars(select(Jurisdiction).order_by(Jurisdiction.name))
    return [(j.id, j.name) for j in sorted(places, key=lambda j: j.state != state)]


def line_view(line: transcript.HandoffMessage, lang: str) -> dict:
    """A transcript line as the console shows it (rendered as text by the page and console.js),
    with what became of it when it went out (bot/console/labels.py)."""
    who = {
        transcript.PERSON: render("console.who.person", lang),
        transcript.BOT: render("console.who.bot", lang),
        transcript.NOTICE: render("console.who.notice", lang),
    }.get(line.sender) or render("console.who.advocate", lang, name=line.name)
    return {
        "id": line.id,
        "sender": line.sender,
        "who": who,
        "text": line.text,
        "status": line.status,
        **labels.delivery(line.status, line.error, lang),
        "at": line.at.strftime("%H:%M"),
    }


def watch_after(statuses: dict[int, str], channel: str, default: int) -> int:
    """The line id after which the live socket reads: before the first line whose status can still
    change (pending, or a text Twilio has not reported on yet), else after the last line."""
    changing = [i for i, status in statuses.items() if status == "pending" or (status == "sent" and channel == "sms")]
    return min(changing) - 1 if changing else max(statuses, default=default)


def facts(found: HandoffRequest, lang: str) -> list[tuple[str, str]]:
    """The summary as (label, value) in the advocate's words; what the person said stays as said."""
    summary = found.summary or {}
    return [
        (render(f"console.summary.{key}", lang), value)
        for key, value in [
            ("help", labels.answer(summary.get("help"), lang)),
            ("reason", labels.reason(summary.get("reason"), lang)),
            ("safe_to_text", labels.answer(summary.get("safe_to_text"), lang)),
            ("preferred_language", labels.preferred_language(summary.get("preferred_language"), lang)),
            ("state", labels.state(summary.get("state"), lang)),
        ]
    ]


def readable(session: Session, request_id: int, advocate: Advocate) -> HandoffRequest | None:
    found = session.get(HandoffRequest, request_id)
    if found is None or not (found.advocate_id == advocate.id or advocate.supervises):
        return None
    return found


def send(request_id: int, advocate: Advocate, sender: str, text: str, kind: str = transcript.MESSAGE) -> int:
    """Write an outgoing line as pending and return its id; the caller delivers it."""
    with db.session() as session, session.begin():
        line = transcript.add(session, request_id, sender, text, kind=kind, name=advocate.name, status="pending")
        if sender == transcript.ADVOCATE:
            accounts.audit(session, advocate.id, "message", session.get(HandoffRequest, request_id).conversation_id)
        session.flush()
        return line.id


async def change_and_tell(
    request: Request, request_id: int, change: Callable, action: str, kind: str, notice: Callable[[str], str]
) -> HTTPResponse | None:
    """Claim, release or close for the signed-in advocate: change the request (queue.claim,
    .release, .close), audit it, and tell the person `notice(their language)`; a problem page when
    the change is refused."""
    advocate = request.ctx.advocate
    try:
        with db.session() as session, session.begin():
            changed = change(session, request_id, advocate.id)
            accounts.audit(session, advocate.id, action, changed.conversation_id)
            lang = changed.language
    except queue.ClaimError as error:
        return problem(request, f"claim.{error}", 409)
    await delivery.deliver(send(request_id, advocate, transcript.NOTICE, notice(lang), kind))
    return None


def add_routes(app: Sanic) -> None:
    @app.get("/conversation/<request_id:id>")
    @signed_in()
    async def view(request: Request, request_id: int) -> HTTPResponse:
        advocate = request.ctx.advocate
        with db.session() as session, session.begin():
            found = readable(session, request_id, advocate)
            if found is None:
                return problem(request, "not_yours_to_open", 403)
            if found.status == DELETED:
                return problem(request, "deleted", 410)
            accounts.audit(session, advocate.id, "view", found.conversation_id)
            lang = advocate.lang
            lines = [line_view(line, lang) for line in transcript.lines(session, request_id)]
            notes = [(n.at.strftime("%H:%M"), n.text) for n in transcript.notes(session, request_id)]
            national = render("console.resource.national", lang)
            state = found.summary.get("state")
            picker = [(r.id, f"{r.name} ({r.state or national})") for r in resources_for(session, state)]
            own = found.advocate_id == advocate.id and found.status == "claimed"
            made = [r for r in referrals.of_conversation(session, found.conversation_id) if r.request_id == request_id]
            partners = contacts.referable(session)
            referring = console_referrals.panel(advocate.csrf, found, partners, made, own, lang)
            if lines:
                shift.mark_seen(session, advocate.id, request_id, lines[-1]["id"])
            conversation = {
                "id": request_id, "own": own, "status": found.status, "lines": lines, "notes": notes,
                "after": watch_after({line["id"]: line["status"] for line in lines}, found.channel, 0),
                "priority": labels.priority(found.priority, lang), "channel": labels.channel(found.channel, lang),
                "language": labels.language(found.language, lang), "facts": facts(found, lang),
                "canned": canned_replies(found.language), "picker": picker,
                "sheets": sheets_for(session, state), "referrals": referring,
            }  # fmt: skip
            body = pages.shift(
                advocate, lists.queue_rows(session, lang), lists.my_rows(session, advocate.id, lang),
                lists.left_the_queue(session, lang), conversation,
            )  # fmt: skip
        return page(body)

    @app.post("/conversation/<request_id:id>/send")
    @signed_in()
    async def reply(request: Request, request_id: int) -> HTTPResponse:
        advocate, form = request.ctx.advocate, request.form or {}
        with db.session() as session:
            found = session.get(HandoffRequest, request_id)
            if found is None or found.advocate_id != advocate.id or found.status != "claimed":
                return problem(request, "not_yours_to_write", 403)
            lang, channel = found.language, found.channel
            if form.get("canned"):
                key = form.get("canned")
                text = render(key, lang) if key.startswith(CANNED_PREFIX) and key in catalog("en") else ""
            elif form.get("resource"):
                resource = session.get(Resource, form.get("resource"))
                text = format.describe(resource, lang) if resource is not None else ""
            elif form.get("sheet"):
                place = session.get(Jurisdiction, form.get("sheet"))
                url = sheet_url(place.id, lang) if place is not None else None
                text = render("sheet.link", lang, place=place.name, url=url) if url else ""
            else:
                text = (form.get("text") or "").strip()
        if not text:
            return problem(request, "nothing_to_send", 400)
        if len(text) > MAX_REPLY_CHARS:
            return problem(request, "too_long", 413, count=MAX_REPLY_CHARS)
        line_id = send(request_id, advocate, transcript.ADVOCATE, text)
        status, error = await delivery.deliver(line_id)
        if "application/json" in request.headers.get("Accept", ""):
            shown = labels.delivery(status, error, advocate.lang)
            return response.json(
                {"status": status, "state": shown["state"], "note": shown["note"], "channel": channel}, headers=HEADERS
            )
        return response.redirect(f"/conversation/{request_id}", status=303, headers=HEADERS)

    @app.post("/conversation/<request_id:id>/note")
    @signed_in()
    async def note(request: Request, request_id: int) -> HTTPResponse:
        advocate, text = request.ctx.advocate, ((request.form or {}).get("note") or "").strip()[:4000]
        with db.session() as session, session.begin():
            found = readable(session, request_id, advocate)
            if found is None:
                return problem(request, "not_yours", 403)
            if text:
                transcript.add_note(session, request_id, advocate.id, text)
                accounts.audit(session, advocate.id, "note", found.conversation_id)
        return response.redirect(f"/conversation/{request_id}", status=303, headers=HEADERS)

    @app.post("/conversation/<request_id:id>/close")
    @signed_in()
    async def close(request: Request, request_id: int) -> HTTPResponse:
        name = request.ctx.advocate.name
        refused = await change_and_tell(
            request, request_id, queue.close, "close", transcript.CLOSED,
            lambda lang: render("handoff.closed", lang, name=name),
        )  # fmt: skip
        return refused or response.redirect("/", status=303, headers=HEADERS)
