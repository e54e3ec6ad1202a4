"""A short shift in the console, in real headless Chromium: two advocates, three people on both
channels, one of them in danger. The danger request comes first and alerts; an advocate set away
is not counted in the wait the bot tells people, and a supervisor sees who is on; an advocate with
two conversations sees the unread count of the other and switches to it without a reload; Enter
sends and Shift+Enter starts a new line; a text shows delivered when Twilio reports it, and
blocked once the person texted STOP. Screenshots of the queue and a conversation at desktop and
phone widths, for the README."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from bot.channels import sms_store
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.people import (
    Client,
    create_account,
    fictional_number,
    hand_off_by_text,
    hand_off_on_the_web,
    request_of,
    sign_in_browser,
    text,
    wait_for,
    webhook,
)
from tests.e2e.test_console_attention import RECORDER, alerts

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def advocate(browser, stack, username: str, name: str, role: str = "advocate"):
    create_account(stack, username, name, role)
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(RECORDER)
    page = context.new_page()
    sign_in_browser(page, stack, username, name)
    return page


def team_row(page, name: str):
    return page.locator("#team tbody tr", has=page.locator("td", has_text=name))


def mine(page, request_id: int):
    return page.locator("#mine > li", has=page.locator(f"a[data-request='{request_id}']"))


def test_a_short_shift(stack, fake_twilio, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ines = advocate(browser, stack, "ines", "Inés", role="supervisor")
    kofi = advocate(browser, stack, "kofi", "Kofi")
    web = Client(stack.url)
    web.start()
    danger_number, witness_number = fictional_number(), fictional_number()
    try:
        # Kofi steps away (the bot's wait counts only who is available), and the supervisor sees it.
        kofi.get_by_role("button", name="Set me away").click()
        expect(kofi.locator("#availability")).to_have_text(re.compile("You are away"))
        ines.goto(f"{stack.console_url}/team")
        expect(team_row(ines, "Kofi")).to_contain_text("Away")
        ines.goto(f"{stack.console_url}/")
        ines.get_by_role("button", name="Turn on alerts for new requests").click()

        hand_off_on_the_web(web, first="can i talk to a real person")
        hand_off_by_text(
            stack, fake_twilio, danger_number, first="he is outside my door with a knife right now",
            answers=["he found my new address", "no", "en", "ohio"],
        )  # fmt: skip
        asked = request_of(stack, web.session)
        danger = request_of(stack, sms_store.conversation_id(danger_number))
        expect(ines.locator(f"form[action='/claim/{danger.id}']")).to_have_count(1, timeout=15000)

        first = ines.locator("#queue > li").first
        expect(first.locator(f"form[action='/claim/{danger.id}']")).to_have_count(1)
        expect(first.locator(".priority")).to_have_text("⚠ Danger")
        assert first.locator(".priority").evaluate("node => getComputedStyle(node).color") == "rgb(176, 0, 32)"
        assert "New request: Danger, Text" in [title for title, _ in alerts(ines)["notes"]]
        assert 880 in alerts(ines)["tones"]
        ines.screenshot(path=str(SCREENSHOTS / "console-queue.png"))
        ines.set_viewport_size(PHONE)
        ines.screenshot(path=str(SCREENSHOTS / "console-queue-phone.png"), full_page=True)
        ines.set_viewport_size(DESKTOP)

        kofi.get_by_role("button", name="I'm back").click()
        hand_off_by_text(stack, fake_twilio, witness_number, first="his brother said i better not testify or else")
        witness = request_of(stack, sms_store.conversation_id(witness_number))
        expect(kofi.locator(f"form[action='/claim/{witness.id}']")).to_have_count(1, timeout=15000)
        kofi.locator(f"form[action='/claim/{witness.id}'] button").click()
        expect(kofi.locator("#transcript")).to_contain_text("better not testify")

        # Inés takes the person in danger, then the web chat, from the queue beside the conversation.
        expect(ines.locator("#queue > li").first).to_contain_text("Danger")
        ines.locator(f"form[action='/claim/{danger.id}'] button").click()
        expect(ines.locator("#transcript")).to_contain_text("knife")
        ines.locator(f"form[action='/claim/{asked.id}'] button").click()
        expect(ines.locator("#transcript")).to_contain_text("can i talk to a real person")
        expect(ines.locator("#mine > li")).to_have_count(2)
        expect(kofi.locator("#mine > li")).to_have_count(1)  # each advocate sees their own

        # The person in danger writes while Inés is in the web chat: an unread count, live.
        for message in ("are you there", "please answer"):
            text(stack, danger_number, message)
        expect(mine(ines, danger.id).locator(".unread")).to_have_text("2 new", timeout=15000)
        expect(mine(ines, asked.id).locator(".unread")).to_be_hidden()

        ines.evaluate("window.sameDocument = true")
        mine(ines, danger.id).locator("a").click()
        expect(ines).to_have_url(f"{stack.console_url}/conversation/{danger.id}")
        expect(ines.locator("#transcript")).to_contain_text("please answer")
        assert ines.evaluate("window.sameDocument") is True  # switched without a reload
        expect(mine(ines, danger.id).locator(".unread")).to_be_hidden(timeout=15000)
        expect(mine(ines, danger.id).locator("a")).to_have_attribute("aria-current", "page")
        summary = ines.locator("#tools dl")  # the summary beside it, in the advocate's words
        for said in ("he found my new address", "said they are in danger", "English", "Ohio"):
            expect(summary).to_contain_text(said)
        web.say("hello? is anyone there", settle=0.2)
        expect(mine(ines, asked.id).locator(".unread")).to_have_text("1 new", timeout=15000)

        # Enter sends, and Twilio's report shows on the message.
        box = ines.get_by_label("Reply to the person")
        box.fill("I'm here.")
        box.press("Shift+Enter")  # a new line, not sent
        box.type("Can you get to a room that locks?")
        expect(box).to_have_value("I'm here.\nCan you get to a room that locks?")
        box.press("Enter")
        wait_for(lambda: any("room that locks" in t for t in fake_twilio.texts_to(danger_number)))
        expect(box).to_have_value("")
        sent = ines.locator("#transcript li.advocate").last
        expect(sent.locator(".status")).to_have_text("Sent", timeout=15000)
        sid = fake_twilio.sids_to(danger_number)[-1]
        status = {"MessageSid": sid, "MessageStatus": "delivered", "To": danger_number}
        assert webhook(stack, status, path="status").status_code == 204
        expect(sent.locator(".status")).to_have_text("Delivered", timeout=15000)

        ines.screenshot(path=str(SCREENSHOTS / "console-conversation.png"))
        ines.set_viewport_size(PHONE)
        ines.screenshot(path=str(SCREENSHOTS / "console-conversation-phone.png"), full_page=True)
        ines.set_viewport_size(DESKTOP)

        # The person texts STOP: what Inés writes next is blocked, with the reason.
        text(stack, danger_number, "STOP")
        wait_for(lambda: any("won't get any more messages" in t for t in fake_twilio.texts_to(danger_number)))
        box.fill("Are you safe?")
        box.press("Enter")
        blocked = ines.locator("#transcript li.advocate").last
        expect(blocked).to_contain_text("Are you safe?", timeout=15000)
        expect(blocked.locator(".status")).to_contain_text("Blocked: this person texted STOP")

        # The supervisor sees who is on, available or away, and how many conversations each has.
        ines.goto(f"{stack.console_url}/team")
        expect(team_row(ines, "Inés")).to_contain_text("Available")
        expect(team_row(ines, "Inés").locator("td").last).to_have_text("2")
        expect(team_row(ines, "Kofi")).to_contain_text("Available")
        expect(team_row(ines, "Kofi").locator("td").last).to_have_text("1")

    finally:
        web.close()
        for number in (danger_number, witness_number):
            text(stack, number, "BACK", sid=f"SM{uuid.uuid4().hex}")


@pytest.fixture
def zoomed(browser, stack):
    """An advocate at 200% zoom on a 1280 px screen: the page is 640 CSS pixels wide."""
    create_account(stack, "zola", "Zola")
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    sign_in_browser(page, stack, "zola", "Zola")
    yield page
    context.close()


def test_at_200_percent_zoom_the_conversation_comes_first_and_nothing_scrolls_sideways(stack, fake_twilio, zoomed):
    number = fictional_number()
    hand_off_by_text(stack, fake_twilio, number, first="i need to talk to a real person please")
    found = request_of(stack, sms_store.conversation_id(number))
    try:
        zoomed.goto(f"{stack.console_url}/")
        zoomed.locator(f"form[action='/claim/{found.id}'] button").click()
        expect(zoomed.locator("#transcript")).to_be_visible()
        assert zoomed.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        top = {name: zoomed.locator(name).bounding_box()["y"] for name in ("#middle", "#tools", "#side")}
        assert top["#middle"] < top["#tools"] < top["#side"]  # the conversation, its tools, then the queue
        reply = zoomed.get_by_label("Reply to the person")
        reply.focus()
        assert zoomed.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    finally:
        text(stack, number, "BACK")
