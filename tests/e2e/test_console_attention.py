"""What calls an advocate's attention, in real headless Chromium: a new request sounds a tone and
(once the advocate turned alerts on) shows a notification that names its priority and channel and
nothing the person wrote; a person in danger is first, in red with an icon and the word; the page
title counts who is waiting. The browser's notification and audio objects are stand-ins that
record what the page asked of them (headless Chromium shows no notification and plays no sound)."""

import re

import pytest
from playwright.sync_api import expect

from bot.channels import sms_store
from tests.e2e.people import (
    Client,
    create_account,
    fictional_number,
    hand_off_by_text,
    hand_off_on_the_web,
    request_of,
    sign_in_browser,
    text,
)

RECORDER = """
window.alerts = {notes: [], tones: []};
window.Notification = function (title, options) { window.alerts.notes.push([title, JSON.stringify(options || {})]); };
window.Notification.permission = "default";
window.Notification.requestPermission = function () {
  window.Notification.permission = "granted";
  return Promise.resolve("granted");
};
window.AudioContext = function () { this.currentTime = 0; this.destination = {}; };
window.AudioContext.prototype.resume = function () {};
window.AudioContext.prototype.createGain = function () { return {gain: {}, connect: function () {}}; };
window.AudioContext.prototype.createOscillator = function () {
  return {frequency: {}, connect: function () {}, stop: function () {},
          start: function () { window.alerts.tones.push(this.frequency.value); }};
};
"""


@pytest.fixture
def advocate_page(browser, stack):
    create_account(stack, "noor", "Noor")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORDER)
    page = context.new_page()
    sign_in_browser(page, stack, "noor", "Noor")
    yield page
    context.close()


def alerts(page) -> dict:
    return page.evaluate("window.alerts")


def test_a_new_request_alerts_and_a_person_in_danger_comes_first_in_red(stack, fake_twilio, advocate_page):
    page = advocate_page
    page.get_by_role("button", name="Turn on alerts for new requests").click()
    expect(page.get_by_role("button", name="Turn on alerts for new requests")).to_be_hidden()
    before = len(alerts(page)["notes"])

    web = Client(stack.url)
    web.start()
    number = fictional_number()
    try:
        hand_off_on_the_web(web, first="can i talk to a real person about court")
        asked = request_of(stack, web.session)
        expect(page.locator(f"form[action='/claim/{asked.id}']")).to_have_count(1, timeout=15000)
        hand_off_by_text(stack, fake_twilio, number, first="he is outside my door with a knife right now")
        danger = request_of(stack, sms_store.conversation_id(number))
        expect(page.locator(f"form[action='/claim/{danger.id}']")).to_have_count(1, timeout=15000)

        first = page.locator("#queue > li").first
        expect(first.locator(f"form[action='/claim/{danger.id}']")).to_have_count(1)
        expect(first.locator(".priority")).to_have_text("⚠ Danger")
        assert first.locator(".priority").evaluate("cell => getComputedStyle(cell).color") == "rgb(176, 0, 32)"
        expect(first).to_contain_text("Text")
        row = page.locator("#queue > li", has=page.locator(f"form[action='/claim/{asked.id}']"))
        expect(row).to_contain_text("Web chat")
        expect(row).to_contain_text("not given")

        recorded = alerts(page)
        notes = [title for title, _ in recorded["notes"][before:]]
        assert notes == ["New request: Other, Web chat", "New request: Danger, Text"]
        said = " ".join(recorded["notes"][before][1] + recorded["notes"][before + 1][1] + " ".join(notes)).lower()
        assert not {"knife", "door", "court"} & set(re.findall(r"\w+", said))  # nothing the person wrote
        assert 880 in recorded["tones"]  # the urgent tone, for the person in danger
        waiting = page.locator("#queue > li").count()
        assert page.title() == f"({waiting}) Advocate console"
    finally:
        web.close()
        text(stack, number, "BACK")
