"""axe-core on every page of the console, in English and in Spanish, in real headless Chromium:
no serious or critical violation. And the keyboard: "/" in the empty reply box finds a canned
reply as you type, Enter sends it."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from bot.channels import sms_store
from tests.e2e.people import (
    create_account,
    fictional_number,
    hand_off_by_text,
    replies,
    request_of,
    sign_in_browser,
    text,
)

PAGES = ["/", "/conversation/{id}", "/team", "/trends", "/audit", "/conversation/999999999"]


@pytest.fixture(scope="module")
def claimed(browser, stack, fake_twilio):
    """An admin (who may open every page) with a texting person's conversation."""
    create_account(stack, "amara", "Amara", role="admin")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in_browser(page, stack, "amara", "Amara")
    number = fictional_number()
    hand_off_by_text(stack, fake_twilio, number, first="i need to talk to someone about my landlord threatening me")
    found = request_of(stack, sms_store.conversation_id(number))
    page.goto(f"{stack.console_url}/")
    page.locator(f"form[action='/claim/{found.id}'] button").click()
    expect(page.locator("#transcript")).to_contain_text("landlord")
    yield page, found.id, number
    text(stack, number, "BACK")
    context.close()


def serious(page) -> list[tuple[str, str]]:
    found = Axe().run(page).response["violations"]
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in found
            if v["impact"] in {"serious", "critical"}]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_console_page_has_no_serious_accessibility_violation(stack, claimed, browser, lang):
    page, request_id, _ = claimed
    page.goto(f"{stack.console_url}/")
    page.locator("#console-language").select_option(lang)
    page.locator("#console-language ~ button").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    for path in PAGES:
        page.goto(stack.console_url + path.format(id=request_id))
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert serious(page) == [], path
    signed_out = browser.new_context()
    signed_out.add_cookies([{"name": "vwa_console_lang", "value": lang, "url": stack.console_url}])
    login = signed_out.new_page()
    login.goto(f"{stack.console_url}/login")
    expect(login.locator("html")).to_have_attribute("lang", lang)
    assert serious(login) == [], "/login"
    signed_out.close()


def test_slash_finds_a_canned_reply_as_you_type_and_enter_sends_it(stack, claimed, fake_twilio):
    page, request_id, number = claimed
    page.goto(f"{stack.console_url}/")
    page.locator("#console-language").select_option("en")
    page.locator("#console-language ~ button").click()
    page.goto(f"{stack.console_url}/conversation/{request_id}")
    box = page.get_by_label("Reply to the person")
    box.focus()
    page.keyboard.press("/")
    finder = page.get_by_label("Find a canned reply")
    expect(finder).to_be_focused()
    expect(box).to_have_value("")
    before = len(fake_twilio.texts_to(number))
    page.keyboard.type("police")
    chosen = page.locator("#canned").evaluate("select => select.options[select.selectedIndex].textContent")
    assert "police" in chosen.lower()
    visible = page.locator("#canned").evaluate("s => [...s.options].filter(o => !o.hidden).length")
    assert 0 < visible < page.locator("#canned option").count()  # filtered as typed
    page.keyboard.press("Enter")
    sent = " ".join(replies(fake_twilio, number, before + 1)[before:])
    assert "report to the police to get help" in sent, sent
