"""A person's referrals to partners (bot/referrals), once the conversation is back with the bot:
how each stands, in words and without details, and WITHDRAW, which ends every release at once
and tells the advocate in the conversation's transcript."""

from typing import Any

from babel.lists import format_list
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Reply
from bot import db, referrals
from bot.handoff import transcript


class ReferralStatus(Action):
    def name(self) -> str:
        return "action_referral_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        with db.session() as session, session.begin():
            found = referrals.of_conversation(session, tracker.sender_id)
            items = [
                reply.render(
                    "referral.status_item", partner=r.partner_name, state=reply.render(f"referral.state.{r.status}")
                )
                for r in found
            ]
        if items:
            reply.text("\n".join([reply.render("referral.status_lead"), *(f"- {item}" for item in items)]))
        else:
            reply.say("referral.status_none")
        reply.send(dispatcher)
        return []


class WithdrawConsent(Action):
    def name(self) -> str:
        return "action_withdraw_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reply = Reply(tracker)
        with db.session() as session, session.begin():
            ended = referrals.withdraw(session, tracker.sender_id)
            for referral in ended:
                referrals.audit(session, "referral_withdrawn", referral)
                notice = f"The person withdrew their consent: {referral.partner_name} can no longer open the referral."
                transcript.add(session, referral.request_id, transcript.NOTICE, notice)
            names = format_list(sorted({r.partner_name for r in ended}), locale=reply.lang)
        if ended:
            reply.say("referral.withdrawn", partners=names)
        else:
            reply.say("referral.nothing_to_withdraw")
        reply.send(dispatcher)
        return []
