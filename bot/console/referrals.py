"""Referring the person to a partner, from the conversation (bot/referrals): the advocate picks a
partner that takes referrals, what to share (only bot.referrals.FIELDS) and why; the person is
asked in their own language and only their explicit yes makes the release. The advocate then
sees the code to read to the partner by phone, and every status as it changes.

A partner that is part of the justice system is marked in the picker and can be chosen only when
the advocate confirms the person asked for it themselves.
"""

from html import escape

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import db, referrals
from bot.console import delivery
from bot.console.pages import _token
from bot.console.web import HEADERS, problem, signed_in
from bot.handoff import transcript
from bot.handoff.queue import HandoffRequest
from bot.i18n import render
from bot.referrals import FIELDS, Referral, contacts

MAX_FIELD_CHARS = 500
LABELS = {
    "alias": "First name or alias",
    "contact": "How and when it is safe to contact them",
    "language": "Language",
    "needs": "Needs",
    "summary": "Short summary (you write it)",
}
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


def panel(csrf: str, request: HandoffRequest, partners: list[dict], found: list[Referral], own: bool) -> str:
    """The referrals of this conversation with their status (and the code while the partner's link
    opens), and, for the advocate who has it, the form to refer."""
    items = "".join(
        f'<li data-referral="{r.id}">{escape(r.partner_name)}: <strong>{escape(r.status)}</strong>'
        + (f" until {r.expires_at.date()}" if r.status in referrals.LIVE else "")
        + (f' <span class="code">code for the partner: {escape(r.code["code"])}</span>' if r.code else "")
        + (
            "".join(
                f'<form method="post" action="/conversation/{request.id}/referral/{r.id}" class="inline">'
                f'{_token(csrf)}<input type="hidden" name="status" value="{s}"><button>Mark {s}</button></form>'
                for s in ("contacted", "closed")
            )
            if own and r.status in referrals.LIVE
            else ""
        )
        + "</li>"
        for r in found
    )
    listing = f'<ul id="referrals">{items}</ul>' if found else "<p>No referral yet.</p>"
    if not own:
        return f"<h2>Referrals</h2>{listing}"
    if not partners:
        return f"<h2>Referrals</h2>{listing}<p>No partner takes referrals yet (bot/referral_partners.yml).</p>"
    options = "".join(
        f'<option value="{escape(p["id"])}">{escape(p["name"])}'
        + (" (justice system: only if the person asked)" if p["justice_system"] else "")
        + "</option>"
        for p in partners
    )
    fields = "".join(
        f'<label><input type="checkbox" name="share" value="{f}"> {LABELS[f]}</label>'
        f'<input name="{f}" maxlength="{MAX_FIELD_CHARS}" aria-label="{LABELS[f]}"'
        + (f' value="{escape(request.language)}"' if f == "language" else "")
        + ">"
        for f in FIELDS
    )
    return (
        f"<h2>Referrals</h2>{listing}"
        f'<form method="post" action="/conversation/{request.id}/refer" id="refer">{_token(csrf)}'
        f'<label for="partner">Refer to</label><select id="partner" name="partner">{options}</select>'
        f"<fieldset><legend>Share only these (the person reads each one before agreeing)</legend>{fields}</fieldset>"
        '<label for="reason">Why (for the record; never shared)</label><input id="reason" name="reason" '
        'maxlength="300" required><label for="days">Consent lasts (days)</label>'
        f'<input id="days" name="days" type="number" min="1" max="{referrals.MAX_DAYS}" '
        f'value="{referrals.DEFAULT_DAYS}">'
        '<label><input type="checkbox" name="asked_for_justice" value="yes"> The person asked for this justice-system '
        "partner themselves</label><button>Ask the person's consent</button></form>"
    )


def add_routes(app: Sanic) -> None:
    @app.post("/conversation/<request_id:id>/refer")
    @signed_in()
    async def refer(request: Request, request_id: int) -> HTTPResponse:
        advocate, form = request.ctx.advocate, request.form or {}
        with db.session() as session, session.begin():
            found = session.get(HandoffRequest, request_id)
            if found is None or found.advocate_id != advocate.id or found.status != "claimed":
                return problem("Only the advocate who has this conversation can refer the person.", 403)
            partner = next((p for p in contacts.referable(session) if p["id"] == form.get("partner")), None)
            if partner is None:
                return problem("Choose a partner that takes referrals.", 400)
            if partner["justice_system"] and form.get("asked_for_justice") != "yes":
                return problem(
                    "This partner is part of the justice system: refer to it only when the person asked for it.", 400
                )
            shared = chosen(form)
            reason = (form.get("reason") or "").strip()[:300]
            if not shared or not reason:
                return problem("Choose at least one thing to share, fill it in, and say why.", 400)
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
                return problem("This referral is not yours to change.", 403)
            if status not in ADVOCATE_SETS or not referrals.live(referral):
                return problem("This referral has ended or cannot take that status.", 409)
            if status == "closed":
                referrals.end(referral, "closed")
            else:
                referral.status = status
            referrals.audit(session, f"referral_{status}", referral, advocate.id)
        return response.redirect(f"/conversation/{request_id}", status=303, headers=HEADERS)
