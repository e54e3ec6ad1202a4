"""Partner sites on other origins: a listed one (WEBCHAT_ALLOWED_ORIGINS) chats through the
project's widget and through a standard socket.io client that starts with HTTP polling; any other
origin is refused, WebSocket and polling alike."""

import threading

import pytest
import socketio
from playwright.sync_api import expect


def open_chat(browser, page_url: str):
    context = browser.new_context()
    page = context.new_page()
    page.goto(page_url)
    page.locator(".vwa-launcher").click()  # "Chat with us" once the labels load, "Chat" if they cannot
    page.get_by_label("Your message").fill("i need a safe place to stay tonight")
    page.get_by_role("button", name="Send").click()
    return context, page


def test_a_listed_partner_page_chats_through_the_widget(browser, stack, partner):
    context, page = open_chat(browser, f"{partner.listed}/partner.html")
    try:
        expect(page.locator(".vwa-log .vwa-bot").filter(has_text="Hotline").first).to_be_visible(timeout=20000)
    finally:
        context.close()


def test_an_unlisted_page_gets_no_chat(browser, stack, partner):
    context, page = open_chat(browser, f"{partner.unlisted}/partner.html")
    try:
        expect(page.locator(".vwa-status")).to_contain_text("Can't reach the assistant", timeout=20000)
        assert page.locator(".vwa-log .vwa-bot").count() == 0
    finally:
        context.close()


def polling_client(stack, origin: str) -> socketio.Client:
    client = socketio.Client(reconnection=False)
    client.connect(stack.url, transports=["polling"], headers={"Origin": origin})
    return client


def test_a_standard_polling_client_from_a_listed_origin_gets_a_session(stack, partner):
    client = polling_client(stack, partner.listed)
    confirmed, arrived = [], threading.Event()
    client.on("session_confirm", lambda data: (confirmed.append(data), arrived.set()))
    try:
        client.emit("session_request", {"session_id": None})
        assert arrived.wait(10)
        assert confirmed[0]["session_id"].startswith("web-")
    finally:
        # Without abort, disconnecting waits for the open long poll, which the server holds for
        # its 25-second ping interval.
        client.eio.disconnect(abort=True)


def test_a_standard_polling_client_from_another_origin_is_refused(stack, partner):
    with pytest.raises(socketio.exceptions.ConnectionError):
        polling_client(stack, partner.unlisted)
