"""A plain python-socketio client holds a conversation with Rasa's socket.io protocol alone."""

import requests

from tests.e2e.people import Client


def test_a_conversation_over_socketio(stack):
    client = Client(stack.url)
    try:
        session = client.start()
        assert "Each state runs its own program" in client.say("who pays my hospital bills after i got shot")
        assert "Texas Crime Victims' Compensation Program" in client.say("texas")
    finally:
        client.close()
    again = Client(stack.url)  # a reconnect with the same session and its token continues the conversation
    try:
        assert again.start(session, client.token) == session
        assert "Texas Crime Victims' Compensation Program" in again.say("and funeral costs?")
    finally:
        again.close()


def test_quick_replies_come_as_rasa_sends_them(stack):
    client = Client(stack.url)
    try:
        client.start()
        client.say("blorp")
        replies = [r for m in client.messages for r in m.get("quick_replies", [])]
        assert {"content_type": "text", "title": "Money after a crime", "payload": "/ask_compensation"} in replies
    finally:
        client.close()


def test_malformed_events_are_ignored_and_the_session_still_works(stack):
    client = Client(stack.url)
    try:
        client.start()
        client.sio.emit("user_uttered", "not an object")
        client.sio.emit("user_uttered", {"message": ["a list"], "session_id": client.session})
        client.sio.emit("user_uttered", {"message": "no session"})
        assert "too long" in client.say("x" * 10_001)
        assert "confidential" in client.say("is this private")
    finally:
        client.close()


def test_the_widget_files_and_demo_page_are_served(stack):
    for name, kind in [("widget.js", "javascript"), ("widget.css", "css"), ("demo.html", "html")]:
        reply = requests.get(f"{stack.url}/webhooks/socketio/{name}", timeout=10)
        assert reply.ok and kind in reply.headers["content-type"]
    assert requests.get(f"{stack.url}/webhooks/socketio/secrets.yml", timeout=10).status_code == 404
    assert requests.get(f"{stack.url}/webhooks/socketio/labels?lang=en", timeout=10).json()["exit"] == "Exit"


def test_someone_who_learns_a_chat_id_can_neither_read_nor_write_it(stack):
    person, thief, forger = Client(stack.url), Client(stack.url), Client(stack.url)
    try:
        session = person.start()
        assert session.startswith("web-") and len(session) >= 4 + 32  # the server's name: 128 random bits
        assert "Each state runs its own program" in person.say("who pays my hospital bills after i got shot")
        assert thief.start(session) != session  # the id alone: a fresh conversation, not this one
        assert forger.start(session, "0" * 64) != session  # a made-up token: the same
        before = len(person.messages)
        thief.sio.emit("user_uttered", {"message": "BACK", "session_id": session})  # writing as the person
        forger.sio.emit("delete_conversation", {"session_id": session})
        assert "Texas Crime Victims' Compensation Program" in person.say("texas")  # still asking, still there
        assert len(person.messages) > before and thief.messages == [] and forger.messages == []  # read nothing
        rest = requests.post(
            f"{stack.url}/webhooks/rest/webhook", json={"sender": session, "message": "hi"}, timeout=30
        )
        assert rest.status_code == 403  # nor through the REST channel
    finally:
        for client in (person, thief, forger):
            client.close()
