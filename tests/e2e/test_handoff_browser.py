"""The warm handoff as an advocate sees it, in real headless Chromium: a person on the web chat and
one texting ask for a person, the queue shows them most urgent first and updates live, the
advocate claims one, messages flow both ways live, what a person writes is shown as text, and
Close hands the person back to the bot."""

import pytest
from playwright.sync_api import expect

from bot.channels import sms_store
from tests.e2e.people import (
    CONSENT,
    Client,
    create_account,
    fictional_number,
    hand_off_by_text,
    lines_of,
    request_of,
    sign_in_browser,
    text,
    wait_for,
)


@pytest.fixture
def console_page(browser, stack):
    create_account(stack, "rosa", "Rosa")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.outside = []  # anything not to the console itself is refused and remembered

    def route(route):
        if route.request.url.startswith(stack.console_url):
            return route.continue_()
        context.outside.append(route.request.url)
        return route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    sign_in_browser(page, stack, "rosa", "Rosa")
    yield page
    assert context.outside == []  # the console sends nothing to third parties
    context.close()


def claim_order(page) -> list[str]:
    return page.eval_on_selector_all("#queue form", "forms => forms.map(f => f.getAttribute('action'))")


def test_an_advocate_takes_over_a_web_chat_while_a_text_waits(stack, fake_twilio, console_page):
    page = console_page
    web = Client(stack.url)
    web.start()
    try:
        first = web.say("he is outside my door with a knife")
        assert first.index("911") < first.index(CONSENT)
        web.say("yes")
        for answer in ["he found my new address", "yes", "en", "ohio"]:
            web.say(answer)
        danger = request_of(stack, web.session)
        expect(page.locator(f"form[action='/claim/{danger.id}']")).to_have_count(1, timeout=15000)  # live

        number = fictional_number()
        hand_off_by_text(stack, fake_twilio, number, first="his brother said i better not testify or else")
        threats = request_of(stack, sms_store.conversation_id(number))
        expect(page.locator(f"form[action='/claim/{threats.id}']")).to_have_count(1, timeout=15000)  # live
        order = claim_order(page)
        assert order.index(f"/claim/{danger.id}") < order.index(f"/claim/{threats.id}")

        page.locator(f"form[action='/claim/{danger.id}'] button").click()
        expect(page.get_by_role("heading", name="Conversation", exact=True)).to_be_visible()
        wait_for(lambda: any("Rosa, an advocate, has joined" in m.get("text", "") for m in web.messages))
        expect(page.locator("#transcript")).to_contain_text("he found my new address")  # the bot's part too

        page.get_by_label("Reply to the person").fill("Hi, I'm Rosa. Are you somewhere safe right now?")
        page.get_by_role("button", name="Send", exact=True).click()
        message = wait_for(lambda: [m for m in web.messages if "Are you somewhere safe" in m.get("text", "")])[0]
        assert message["sender"] == "Rosa (advocate)"
        expect(page.get_by_label("Reply to the person")).to_have_value("")

        web.say("yes im at my sisters now", settle=0.5)
        expect(page.locator("#transcript li.person").last).to_contain_text("yes im at my sisters now", timeout=10000)
        web.say("<script>alert(1)</script>", settle=0.5)
        shown = page.locator("#transcript li.person").last
        expect(shown).to_contain_text("<script>alert(1)</script>", timeout=10000)
        assert shown.locator("script").count() == 0 and page.dialogs == []

        page.get_by_role("button", name="Close and hand back to the bot").click()
        expect(page.locator("#mine > li")).to_have_count(0)
        wait_for(lambda: any("Rosa has ended this chat" in m.get("text", "") for m in web.messages))
        assert "LawHelp" in web.say("i need a free lawyer")
        assert [s for _, _, s, _ in lines_of(stack, danger.id) if s == "pending"] == []
        text(stack, number, "BACK")
    finally:
        web.close()
