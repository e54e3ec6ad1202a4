"""A person erases their conversation: DELETE (or BORRAR) by text, the widget's Delete button, or
asking in their own words. Afterwards no row of any table belongs to the conversation, Twilio was
asked to delete every text of it, and the advocate who had it sees that it was deleted."""

import uuid

from playwright.sync_api import expect
from sqlalchemy import create_engine, inspect, select, text

from bot import db
from bot.channels import sms_store
from bot.console.models import AuditEntry
from bot.handoff import queue
from tests.e2e.people import (
    Advocate,
    Client,
    create_account,
    fictional_number,
    hand_off_by_text,
    hand_off_on_the_web,
    replies,
    request_of,
    settle,
    wait_for,
)
from tests.e2e.people import text as text_message


def rows_of(stack, conversation_id: str, request_ids: list[int]) -> dict[str, int]:
    """Rows that belong to the conversation, per table (none: an empty dict)."""
    counts = {}
    with create_engine(f"sqlite:///{stack.workdir / 'tracker.db'}").connect() as connection:
        query = text("select count(*) from events where sender_id = :c")
        counts["events"] = connection.execute(query, {"c": conversation_id}).scalar()
    with create_engine(stack.env["APP_DB_URL"]).connect() as connection:
        for table in inspect(connection).get_table_names():
            columns = {c["name"] for c in inspect(connection).get_columns(table)}
            if "conversation_id" in columns:
                query = text(f"select count(*) from {table} where conversation_id = :c")
                counts[table] = connection.execute(query, {"c": conversation_id}).scalar()
        ids = ",".join(str(i) for i in request_ids) or "0"
        for table in ("handoff_messages", "handoff_notes", "console_seen"):  # by request id
            counts[table] = connection.execute(
                text(f"select count(*) from {table} where request_id in ({ids})")
            ).scalar()
        query = f"select count(*) from handoff_requests where id in ({ids}) and status != 'deleted'"
        counts["handoff_requests"] += connection.execute(text(query)).scalar()
    return {table: count for table, count in counts.items() if count}


def sids_of(stack, conversation_id: str) -> list[str]:
    with db.session(stack.env["APP_DB_URL"]) as session:
        inbound = session.scalars(
            select(sms_store.Inbound.message_sid).where(sms_store.Inbound.conversation_id == conversation_id)
        )
        return list(inbound)


def test_delete_by_text_erases_everything_at_twilio_too_and_the_advocate_is_told(stack, fake_twilio):
    number = fictional_number()
    cid = sms_store.conversation_id(number)
    hand_off_by_text(stack, fake_twilio, number, answers=["my neighbour threatened me", "yes", "skip", "skip"])
    request_id = request_of(stack, cid).id
    create_account(stack, "quinn", "Quinn")
    quinn = Advocate(stack, "quinn")
    assert quinn.claim(request_id).status_code == 303
    quinn.send(request_id, text="I'm here. Are you safe?")
    quinn.post(f"/conversation/{request_id}/note", note="Follow up about the neighbour")
    text_message(stack, number, "yes, at a friend's")
    wait_for(lambda: "at a friend" in quinn.page(request_id))
    inbound = sids_of(stack, cid)
    before = len(fake_twilio.texts_to(number))
    delete_sid = f"SM{uuid.uuid4().hex}"
    text_message(stack, number, "delete", sid=delete_sid)
    confirmation = replies(fake_twilio, number, before + 1)[before:]
    assert "Deleted" in " ".join(confirmation) and "on your phone" in " ".join(confirmation)
    wait_for(lambda: rows_of(stack, cid, [request_id]) == {}, timeout=20)
    every_text = {*inbound, delete_sid, *fake_twilio.sids_to(number)}
    wait_for(lambda: every_text <= set(fake_twilio.deleted), timeout=20)
    assert "The person deleted this conversation" in quinn.page(request_id)
    with db.session(stack.env["APP_DB_URL"]) as session:
        found = session.get(queue.HandoffRequest, request_id)
        assert found.status == "deleted" and found.summary == {}
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "person_deleted")) is not None
    text_message(stack, number, "hi")  # a new conversation, as if the first had never been
    assert "delete these messages" in " ".join(replies(fake_twilio, number, len(fake_twilio.texts_to(number)) + 1))


def test_borrar_answers_in_spanish(stack, fake_twilio):
    number = fictional_number()
    text_message(stack, number, "hola, necesito un refugio")
    before = len(settle(fake_twilio, number))
    text_message(stack, number, "BORRAR")
    assert "Borrado" in " ".join(replies(fake_twilio, number, before + 1)[before:])
    wait_for(lambda: rows_of(stack, sms_store.conversation_id(number), []) == {}, timeout=20)


def test_asking_in_their_own_words_on_the_web_chat_erases_it(stack):
    web = Client(stack.url)
    session = web.start()
    try:
        web.say("i need a lawyer")
        said = web.say("please delete this conversation")
        assert "Deleted" in said and web.messages[-1].get("erased") is True
        wait_for(lambda: rows_of(stack, session, []) == {}, timeout=20)
    finally:
        web.close()


def test_the_widget_delete_button_erases_the_conversation_and_clears_the_panel(browser, stack):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{stack.url}/webhooks/socketio/demo.html")
        page.get_by_role("button", name="Chat with us").click()
        page.get_by_label("Your message").fill("can i talk to a real person")
        page.get_by_role("button", name="Send").click()
        expect(page.locator(".vwa-log .vwa-bot").last).to_contain_text("advocate", timeout=20000)
        session = page.evaluate("JSON.parse(sessionStorage.getItem('vwa-chat')).session")
        assert rows_of(stack, session, []) != {}
        delete = page.locator(".vwa-delete")
        delete.click()
        expect(page.get_by_role("button", name="Press again to delete")).to_be_visible()
        delete.click()
        expect(page.locator(".vwa-log .vwa-bot")).to_contain_text(["Deleted"], timeout=20000)
        assert page.locator(".vwa-log .vwa-user").count() == 0  # the panel kept only the confirmation
        assert session not in (page.evaluate("sessionStorage.getItem('vwa-chat')") or "")
        wait_for(lambda: rows_of(stack, session, []) == {}, timeout=20)
    finally:
        context.close()


def test_delete_while_an_advocate_has_the_web_chat(stack):
    web = Client(stack.url)
    session = web.start()
    try:
        hand_off_on_the_web(web, answers=("a lawyer", "yes", "skip", "skip"))
        request_id = request_of(stack, session).id
        web.sio.emit("delete_conversation", {"session_id": session})
        wait_for(lambda: any(m.get("erased") for m in web.messages))
        wait_for(lambda: rows_of(stack, session, [request_id]) == {}, timeout=20)
    finally:
        web.close()


def test_asking_through_the_rest_channel_erases_it(stack):
    sender = f"rest-{uuid.uuid4().hex}"
    stack.say(sender, "how do i get victim compensation")
    assert rows_of(stack, sender, []) != {}
    said = " ".join(m.get("text", "") for m in stack.say(sender, "delete everything i wrote"))
    assert "Deleted" in said
    assert rows_of(stack, sender, []) == {}
    assert files_holding(stack, sender) == []


def files_holding(stack, marker: str) -> list[str]:
    """The database files (with SQLite's write-ahead logs) that still hold `marker`'s bytes."""
    files = [f for f in stack.workdir.iterdir() if ".db" in f.name]
    assert any(f.name.endswith(".db-wal") for f in files)  # the logs are looked at too
    return [f.name for f in files if marker.encode() in f.read_bytes()]
