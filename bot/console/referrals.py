"""Referring the person to a partner, from the conversation (bot/referrals): the advocate picks a
partner that takes referrals, what to share (only bot.referrals.FIELDS) and why; the person is
asked in their own language and only their explicit yes makes the release. The advocate then
sees the code to read to the partner by phone, and every status as it changes.

A partner that is part of the justice system is marked in the picker and can be chosen only when
the advocate confirms the person asked for it themselves.
"""

from markupsafe import Markup
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import db, referrals
from bot.console import delivery
from bot.console.pages import fragment
from bot.console.web import HEADERS, problem, signed_in
from bot.handoff import transcript
from bot.handoff.queue import HandoffRequest
from bot.i18n import render
from bot.referrals import FIELDS, Referral, contacts

MAX_FIELD_CHARS = 500
ADVOCATE_SETS = {"contacted", "closed"}  # what the partner tells the advocate by phone


def chosen(form) -> dict[str, str]:
    """The fields the advocate ticked and filled in, and nothing typed in a field left unticked."""
    ticked = [f for f in form.getlist("share") or [] if f in FIELDS]
    values = {f: (form.get(f) or "").strip()[:MAX_FIELD_CHARS] for f in ticked}
    return {f: v for f, v in values.items() if v}


def consent_question(referral: Referral, lang: str) -> str:
    """Who, exactly what, until when, that no changes nothing, and how to take it back."""
    fields = "\n".join(f"- {render(f'referral.field.{f}', lang)}: {v}" for f, v in referral.shared.items())
    justice = render("referral.justice", lang) if referral.justice_system else ""
    return render(
        "referral.ask", lang, partner=referral.partner_name, justice=justice, fields=fields,
        expires=referrals.expires(referral, lang),
    )  # fmt: skip


def panel(
    csrf: str, request: HandoffRequest, partners: list[dict], found: list[Referral], own: bool, lang: str
) -> Markup:
    """The referrals of this conversation with their status (and the code while the partner's link
    opens), and, for the advocate who has it, the form to refer; in the advocate's language."""
    return fragment(
        "referrals.html", lang, csrf=csrf, request=request, partners=partners, found=found, own=own,
        live=referrals.LIVE, fields=FIELDS, max_chars=MAX_FIELD_CHARS, max_days=referrals.MAX_DAYS,
        default_days=referrals.DEFAULT_DAYS,
    )  # fmt: skip


def add_routes(app: Sanic) -> None:
    @app.post("/conversation/<request_id:id>/refer")
    @signed_in()
    async def refer(request: Request, request_id: int) -> HTTPResponse:
        advocate, form = request.ctx.advocate, request.form or {}
        with db.session() as session, session.begin():
            found = session.get(HandoffRequest, request_id)
            if found is None or found.advocate_id != advocate.id or found.status != "claimed":
                return problem(request, "not_yours_to_refer", 403)
            partner = next((p for p in contacts.referable(session) if p["id"] == form.get("partner")), None)
            if partner is None:
                return problem(request, "choose_partner", 400)
            if partner["justice_system"] and form.get("asked_for_justice") != "yes":
                return problem(request, "justice_partner", 400)
            shared = chosen(form)
            reason = (form.get("reason") or "").strip()[:300]
            if not shared or not reason:
                return problem(request, "choose_fields", 400)
            days = int(form.get("days")) if (form.get("days") or "").isdigit() else referrals.DEFAULT_DAYS
            referral = referrals.propose(
                session, request_id, found.conversation_id, advocate.id, partner, shared, reason, days
            )
            referrals.audit(session, "referral_asked", referral, advocate.id)
            question = consent_question(referral, found.language)
            line = transcript.add(session, request_id, transcript.ADVOCATE, question, name=advocate.name,
                                  status="pending")  # fmt: skip
            session.flush()
            line_id = line.id
        await delivery.deliver(line_id)
        return response.redirect(f"/conversation/{request_id}", status=303, headers=HEADERS)

    @app.post("/conversation/<request_id:id>/referral/<referral_id:id>")
    @signed_in()
    async def mark(request: Request, request_id: int, referral_id: int) -> HTTPResponse:
        advocate, status = request.ctx.advocate, (request.form or {}).get("status")
        with db.session() as session, session.begin():
            found = session.get(HandoffRequest, request_id)
            referral = session.get(Referral, referral_id)
            if (
                found is None
                or found.advocate_id != advocate.id
                or referral is None
                or referral.request_id != request_id
            ):
                return problem(request, "referral_not_yours", 403)
            if status not in ADVOCATE_SETS or not referrals.live(referral):
                return problem(request, "referral_ended", 409)
            if status == "closed":
                referrals.end(referral, "closed")
            else:
                referral.status = status
            referrals.audit(session, f"referral_{status}", referral, advocate.id)
        return response.redirect(f"/conversation/{request_id}", status=303, headers=HEADERS)
