"""Referrals with the person's informed, written, time-limited consent (issue 15), end to end:
the advocate refers from the console, the person is asked in their own conversation, only an
explicit yes makes the release, the partner's email holds a link and nothing of the person, the
page opens with the advocate's code and shows only what was agreed, every step is audited, and a
withdrawal or an expiry makes the link answer "no longer available". A no sends nothing, and the
person is still helped."""

import datetime as dt
import re

import pytest
import requests
from sqlalchemy import select

from bot import db
from bot.channels import sms_store
from bot.console.models import AuditEntry
from bot.referrals import Referral
from tests.e2e.at_rest import every_row
from tests.e2e.conftest import REFERRAL_PARTNERS, SCREENSHOTS
from tests.e2e.people import (
    Advocate,
    Client,
    create_account,
    fictional_number,
    hand_off_by_text,
    hand_off_on_the_web,
    replies,
    request_of,
    text,
    wait_for,
)

LEGAL, SAO = "il-cook-legal-aid-chicago", "il-cook-ccsao-victim-witness"
STORY = "Lindqvist-Orchard threatened me at the bus depot"  # invented: the person's own words


@pytest.fixture(scope="module")
def rowan(stack):
    create_account(stack, "rowan-ref", "Rowan")
    return Advocate(stack, "rowan-ref")


def claimed(stack, advocate, conversation_id) -> int:
    request_id = request_of(stack, conversation_id).id
    assert advocate.claim(request_id).status_code == 303
    return request_id


def refer(advocate, request_id, partner=LEGAL, **fields) -> requests.Response:
    """The console's referral form, as the page posts it: ticked fields, typed values, why."""
    typed = {"alias": "Marisol", "contact": "evenings only, text first", "needs": "a custody lawyer",
             "summary": "needs help with a custody hearing next month", **fields}  # fmt: skip
    ticked = typed.pop("share", ["alias", "needs", "summary"])
    return advocate.post(f"/conversation/{request_id}/refer", partner=partner, share=ticked, reason="custody",
                         days="30", **typed)  # fmt: skip


def referral_of(stack, request_id) -> Referral:
    with db.session(stack.env["APP_DB_URL"]) as session:
        found = session.scalars(select(Referral).where(Referral.request_id == request_id).order_by(Referral.id))
        return found.all()[-1]


def audit_actions(stack, conversation_id) -> list[str]:
    with db.session(stack.env["APP_DB_URL"]) as session:
        query = select(AuditEntry.action).where(AuditEntry.conversation_id == conversation_id).order_by(AuditEntry.id)
        return [a for a in session.scalars(query) if a.startswith("referral")]


def link_in(mail) -> str:
    return re.search(r"https?://\S+/referral/\S+", mail.get_content()).group(0)


def test_a_web_chat_person_agrees_the_partner_opens_it_with_the_code_and_a_withdrawal_ends_it(
    stack, mailbox, rowan, browser
):
    web = Client(stack.url)
    web.start()
    number = fictional_number()
    hand_off_on_the_web(web, answers=(STORY, "no", "skip", "skip"))
    web.say(f"my number is {number}", settle=0.2)
    request_id = claimed(stack, rowan, web.session)
    assert refer(rowan, request_id).status_code == 303
    asked = wait_for(lambda: [m["text"] for m in web.messages if "refer you to Legal Aid Chicago" in m.get("text", "")])
    question = asked[0]
    assert "Marisol" in question and "a custody lawyer" in question and "custody hearing" in question
    assert "evenings only" not in question  # typed, not ticked: not part of the question, nor shared
    assert "until" in question and "changes nothing" in question and "WITHDRAW" in question
    inbox = REFERRAL_PARTNERS[LEGAL]["email"]
    before = len(mailbox.to(inbox))
    assert "will get only what you agreed to" in web.say("AGREE")
    mail = wait_for(lambda: mailbox.to(inbox)[before:])[0]
    stored = every_row(stack.env["APP_DB_URL"])
    assert "Marisol" not in stored and "custody hearing" not in stored and "AGREE" not in stored  # encrypted
    body = mail.get_content()
    for secret in ["Marisol", "custody", STORY, number, "evenings", web.session]:
        assert secret not in body and secret not in str(mail["Subject"]), secret
    link = link_in(mail)
    assert requests.get(link, timeout=10).status_code == 200  # asks for the code
    wrong = requests.post(link, data={"code": "000000"}, timeout=10)
    assert wrong.status_code == 403 and "Marisol" not in wrong.text
    code = re.search(r"code for the partner: (\d{6})", rowan.page(request_id)).group(1)
    opened = requests.post(link, data={"code": code}, timeout=10)
    assert opened.status_code == 200
    assert "Marisol" in opened.text and "a custody lawyer" in opened.text and "custody hearing" in opened.text
    for never in ["evenings only", STORY, number, web.session]:  # not ticked, or never a field at all
        assert never not in opened.text, never
    assert "Legal Aid Chicago: <strong>opened</strong>" in rowan.page(request_id)
    screenshots(browser, stack, rowan, request_id, link, code)
    assert "consent is withdrawn" in web.say("WITHDRAW")
    gone = requests.get(link, timeout=10)
    assert gone.status_code == 410 and "no longer available" in gone.text
    assert requests.post(link, data={"code": code}, timeout=10).status_code == 410
    assert referral_of(stack, request_id).status == "withdrawn" and referral_of(stack, request_id).shared is None
    assert "withdrew their consent" in rowan.page(request_id)
    assert audit_actions(stack, web.session) == [
        "referral_asked", "referral_consented", "referral_wrong_code", "referral_opened",
        "referral_opened",  # again, in the browser that took the README's picture
        "referral_withdrawn",
    ]  # fmt: skip
    web.close()


def screenshots(browser, stack, advocate, request_id, link, code) -> None:
    """The README's pictures: the console's referral panel, and the page the partner opens."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": c.name, "value": c.value, "url": stack.console_url} for c in advocate.http.cookies])
    page = context.new_page()
    page.goto(f"{stack.console_url}/conversation/{request_id}")
    page.locator("#referrals").scroll_into_view_if_needed()  # its status and code, then the form
    page.screenshot(path=str(SCREENSHOTS / "console-referral.png"), full_page=True)
    page.goto(link)
    page.get_by_label("Code from the advocate").fill(code)
    page.get_by_role("button", name="Open the referral").click()
    page.get_by_role("button", name="Mark as received").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "partner-referral.png"), full_page=True)
    context.close()


def test_a_texter_says_no_and_nothing_is_sent_then_agrees_asks_the_bot_and_withdraws(
    stack, fake_twilio, mailbox, rowan
):
    number = fictional_number()
    hand_off_by_text(stack, fake_twilio, number, answers=["skip", "yes", "skip", "skip"])
    request_id = claimed(stack, rowan, sms_store.conversation_id(number))
    inbox = REFERRAL_PARTNERS[LEGAL]["email"]
    before_mail = len(mailbox.to(inbox))

    def answer(message: str) -> str:
        count = len(fake_twilio.texts_to(number))
        text(stack, number, message)
        return " ".join(replies(fake_twilio, number, count + 1)[count:])

    count = len(fake_twilio.texts_to(number))
    assert refer(rowan, request_id).status_code == 303
    assert "refer you to Legal Aid Chicago" in " ".join(replies(fake_twilio, number, count + 1)[count:])
    assert "nothing is shared" in answer("no")
    refused = referral_of(stack, request_id)
    assert refused.status == "refused" and refused.shared is None and refused.consent is None
    count = len(fake_twilio.texts_to(number))
    rowan.send(request_id, text="No problem at all. I'm still here for you.")  # the help goes on
    assert "still here for you" in " ".join(replies(fake_twilio, number, count + 1)[count:])
    count = len(fake_twilio.texts_to(number))
    assert refer(rowan, request_id, share=["alias"]).status_code == 303
    replies(fake_twilio, number, count + 1)
    assert "will get only what you agreed to" in answer("yes")
    mail = wait_for(lambda: mailbox.to(inbox)[before_mail:])
    assert len(mail) == 1  # the refusal sent nothing; the agreement sent one notice
    agreed = referral_of(stack, request_id)
    assert agreed.consent["words"] == "yes" and agreed.consent["channel"] == "sms"
    # Back with the bot: it says how the referral stands, without details, and WITHDRAW ends it.
    assert rowan.post(f"/conversation/{request_id}/close").status_code == 303
    wait_for(lambda: request_of(stack, sms_store.conversation_id(number)).status == "closed")
    status = answer("did my referral go through?")
    assert "Legal Aid Chicago: sent" in status and "Marisol" not in status
    assert "consent is withdrawn" in answer("WITHDRAW")
    assert requests.get(link_in(mail[0]), timeout=10).status_code == 410
    assert "Legal Aid Chicago: withdrawn" in answer("did my referral go through?")
    assert "withdrew their consent" in rowan.page(request_id)
    answer("DELETE")  # the person erases the conversation: its referrals go with it
    with db.session(stack.env["APP_DB_URL"]) as session:
        cid = sms_store.conversation_id(number)
        assert not session.scalars(select(Referral).where(Referral.conversation_id == cid)).all()


def test_a_justice_system_partner_needs_the_person_to_have_asked_and_an_expired_release_cannot_open(
    stack, mailbox, web_handed_off, rowan
):
    web = web_handed_off
    request_id = claimed(stack, rowan, web.session)
    refused = refer(rowan, request_id, partner=SAO)
    assert refused.status_code == 400 and "only when the person asked" in refused.text
    assert refer(rowan, request_id, partner=SAO, asked_for_justice="yes").status_code == 303
    question = wait_for(lambda: [m["text"] for m in web.messages if "refer you to" in m.get("text", "")])
    assert "part of the justice system" in question[0]
    inbox = REFERRAL_PARTNERS[SAO]["email"]
    before = len(mailbox.to(inbox))
    rowan.send(request_id, text="Before you answer: are you somewhere safe right now?")
    web.say("yes", settle=1.0)  # answers the advocate's question, not the referral's
    assert referral_of(stack, request_id).status == "asked" and len(mailbox.to(inbox)) == before
    assert "will get only what you agreed to" in web.say("I agree")
    mail = wait_for(lambda: mailbox.to(inbox)[before:])[0]
    with db.session(stack.env["APP_DB_URL"]) as session, session.begin():
        session.get(Referral, referral_of(stack, request_id).id).expires_at = db.now() - dt.timedelta(minutes=1)
    expired = requests.get(link_in(mail), timeout=10)
    assert expired.status_code == 410 and "no longer available" in expired.text
    assert referral_of(stack, request_id).status == "expired"


@pytest.fixture
def web_handed_off(stack):
    web = Client(stack.url)
    web.start()
    hand_off_on_the_web(web)
    yield web
    web.close()
