"""The widget in real headless Chromium (Debian's, driven by Playwright) against the running stack."""

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS


@pytest.fixture
def context(browser, stack):
    context = browser.new_context()
    # No third-party requests: anything not to the bot's own server is refused and remembered.
    context.outside = []
    origin = stack.url

    def route(route):
        if route.request.url.startswith(origin) or route.request.url.startswith("data:"):
            return route.continue_()
        context.outside.append(route.request.url)
        return route.abort()

    context.route("**/*", route)
    yield context
    context.close()


def open_widget(page: Page, stack) -> None:
    page.goto(f"{stack.url}/webhooks/socketio/demo.html")
    page.get_by_role("button", name="Chat with us").click()
    expect(page.get_by_role("dialog", name="Confidential help")).to_be_visible()


def ask(page: Page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()


def bot_text(page: Page):
    return page.locator(".vwa-log .vwa-bot")


def test_the_demo_page_widget_answers_a_question_with_links(context, stack):
    page = context.new_page()
    open_widget(page, stack)
    ask(page, "my husband hits me when he gets angry")
    expect(bot_text(page).filter(has_text="National Domestic Violence Hotline")).to_have_count(1, timeout=20000)
    tel = page.locator(".vwa-log a[href^='tel:']").first
    expect(tel).to_be_visible()
    assert re.fullmatch(r"tel:\+1\d{10}|tel:\d{3}", tel.get_attribute("href"))
    assert page.locator(".vwa-log a[href^='sms:']").count() >= 1
    assert context.outside == []


def test_a_quick_reply_works(context, stack):
    page = context.new_page()
    open_widget(page, stack)
    ask(page, "blorp")
    page.get_by_role("button", name="Money after a crime").click()
    expect(bot_text(page).filter(has_text="Each state runs its own program")).to_have_count(1, timeout=20000)


def test_markup_in_an_answer_is_shown_as_text(context, stack):
    page = context.new_page()
    page.on("dialog", lambda dialog: pytest.fail("a script in a message ran"))
    socket = {}

    def relay(route):  # the real server's socket, plus one answer that carries markup
        route.connect_to_server()
        socket["route"] = route

    page.route_web_socket(re.compile("socket.io"), relay)
    open_widget(page, stack)
    ask(page, "<b>hello</b>")
    expect(bot_text(page).last).to_be_visible(timeout=20000)
    markup = "Answer <img src=x onerror=alert(1)> and <script>alert(2)</script>"
    socket["route"].send('42["bot_uttered",' + json.dumps({"text": markup}) + "]")
    expect(bot_text(page).last).to_have_text(re.compile(re.escape(markup)))
    expect(page.locator(".vwa-log .vwa-user")).to_have_text(re.compile("<b>hello</b>"))
    assert page.locator(".vwa-log img, .vwa-log script, .vwa-log b").count() == 0


def stored(page: Page, stack) -> dict:
    """What the tab keeps for the bot's origin, read from a page of that origin without the widget."""
    page.goto(f"{stack.url}/webhooks/socketio/")
    return page.evaluate("({session: sessionStorage.length, local: localStorage.length, cookies: document.cookie})")


def test_exit_leaves_with_no_way_back_and_empty_storage(context, stack):
    page = context.new_page()
    page.goto(f"{stack.url}/webhooks/socketio/")  # an earlier page in this tab's history
    open_widget(page, stack)
    ask(page, "is this confidential")
    expect(bot_text(page).last).to_be_visible(timeout=20000)
    assert page.evaluate("sessionStorage.length") == 1  # the conversation, until Exit
    with page.expect_request(re.compile(r"weather\.gov")):
        page.get_by_role("button", name=re.compile("Leave this site")).click()
    page.wait_for_timeout(300)
    page.go_back()
    assert "demo.html" not in page.url  # Back skips the page the chat was on
    assert stored(page, stack) == {"session": 0, "local": 0, "cookies": ""}


def test_escape_twice_exits(context, stack):
    page = context.new_page()
    open_widget(page, stack)
    with page.expect_request(re.compile(r"weather\.gov")):
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    page.wait_for_timeout(500)  # let the refused navigation to the exit site settle
    assert stored(page, stack)["session"] == 0


def test_a_reload_keeps_the_conversation_and_a_new_tab_does_not(context, stack):
    page = context.new_page()
    open_widget(page, stack)
    ask(page, "how do i get victim compensation")
    expect(bot_text(page).filter(has_text="Each state runs its own program")).to_have_count(1, timeout=20000)
    page.reload()
    expect(bot_text(page).filter(has_text="Each state runs its own program")).to_have_count(1)  # transcript kept
    ask(page, "oregon")
    expect(bot_text(page).filter(has_text="Oregon")).not_to_have_count(0, timeout=20000)
    assert page.evaluate("Object.keys(localStorage).length") == 0
    other = context.new_page()
    open_widget(other, stack)
    assert bot_text(other).count() == 0
    ask(other, "oregon")  # a new conversation: nothing is waiting for a state
    expect(bot_text(other).filter(has_text="What can I help you with?")).to_have_count(1, timeout=20000)


def test_clear_this_chat_empties_the_panel_and_the_stored_id(context, stack):
    page = context.new_page()
    open_widget(page, stack)
    ask(page, "hi")
    expect(bot_text(page).last).to_be_visible(timeout=20000)
    page.get_by_role("button", name="Clear this chat").click()
    assert page.locator(".vwa-log .vwa-msg").count() == 0
    assert "hi" not in (page.evaluate("sessionStorage.getItem('vwa-chat')") or "")


def test_no_serious_accessibility_violations_and_screenshots(context, stack):
    page = context.new_page()
    open_widget(page, stack)
    ask(page, "i need a safe place to stay")
    expect(bot_text(page).filter(has_text="National Domestic Violence Hotline")).to_have_count(1, timeout=20000)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], [(v["id"], v["help"]) for v in serious]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "widget-desktop.png"))
    page.set_viewport_size({"width": 320, "height": 640})
    page.screenshot(path=str(SCREENSHOTS / "widget-320px.png"))
    # Nothing is cut off on a small phone.
    for control in ["Send", "Close chat", "Clear this chat"]:
        expect(page.get_by_role("button", name=control, exact=True)).to_be_in_viewport(ratio=1)
    expect(page.get_by_role("button", name=re.compile("^Delete this conversation"))).to_be_in_viewport(ratio=1)
    expect(page.get_by_role("button", name=re.compile("^Leave this site now"))).to_be_in_viewport(ratio=1)


def test_keyboard_only_use(context, stack):
    page = context.new_page()
    page.goto(f"{stack.url}/webhooks/socketio/demo.html")
    page.get_by_role("button", name="Chat with us").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your message")).to_be_focused()
    page.keyboard.type("is this confidential")
    page.keyboard.press("Enter")
    expect(bot_text(page).last).to_be_visible(timeout=20000)


def test_the_server_cannot_be_reached_message(browser):
    page = browser.new_page()
    # A page whose bot is down: nothing listens on port 9, so the widget's connection is refused.
    html = '<html lang="en"><body><script src="/webhooks/socketio/widget.js"></script></body></html>'
    page.route("**/widget.js", lambda route: route.fulfill(path=str(ROOT_WIDGET), content_type="text/javascript"))
    page.route("**/page.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto("http://127.0.0.1:9/page.html")
    page.get_by_role("button", name="Chat").click()
    expect(page.locator(".vwa-status")).to_contain_text("Can't reach the assistant", timeout=10000)
    page.close()


ROOT_WIDGET = Path(__file__).resolve().parents[2] / "bot" / "webchat" / "widget.js"


def test_a_dropped_connection_reconnects_without_losing_or_repeating_messages(context, stack):
    page = context.new_page()
    sockets = []

    def relay(route):
        route.connect_to_server()
        sockets.append(route)

    page.route_web_socket(re.compile("socket.io"), relay)
    open_widget(page, stack)
    ask(page, "how do i get victim compensation")
    expect(bot_text(page).filter(has_text="Each state runs its own program")).to_have_count(1, timeout=20000)
    sockets[-1].close()  # the connection drops
    expect(page.locator(".vwa-status")).to_contain_text("Can't reach the assistant")
    ask(page, "ohio")  # typed while disconnected: kept and sent after the reconnect
    expect(page.locator(".vwa-typing")).to_be_visible()
    expect(bot_text(page).filter(has_text="Ohio")).not_to_have_count(0, timeout=20000)
    page.wait_for_timeout(1500)
    assert len(sockets) >= 2  # it reconnected
    assert page.locator(".vwa-log .vwa-user", has_text="ohio").count() == 1
    assert (
        bot_text(page).filter(has_text="Each state runs its own program").count() == 1
    )  # nothing repeated, same conversation
