"""Small talk, privacy questions, things out of scope, and input that is odd or broken."""

from pathlib import Path

import requests


def test_privacy_questions_are_answered_plainly_and_honestly(person):
    """What is kept, for how long (from bot/retention.yml), who reads it, and how to erase it."""
    said = person("does anyone see what i write here")
    assert "confidential" in said and "deleted 30 days after your last message" in said
    assert "advocate sees this conversation" in said and "deleted 30 days after the chat ends" in said
    assert "A court can order records" in said and "send DELETE" in said


def test_privacy_questions_in_spanish_are_answered_the_same(person):
    said = person("quiero saber si esta conversacion es privada y si guardan lo que escribo")
    assert "se borra 30 días después de tu último mensaje" in said and "envía BORRAR" in said


def test_thanks_and_goodbye(person):
    person("hi")
    assert "welcome" in person("thank you")
    assert "911" in person("bye")


def test_out_of_scope_and_gibberish_get_the_menu(person):
    assert "I can help you find" in person("what's the score of the game tonight")
    assert "I can help you find" in person("asdkjh qwpeoiru zxcmvn")


def test_the_menu_offers_quick_replies(stack, person):
    messages = stack.say(person.sender, "blorp")
    buttons = [b for m in messages for b in m.get("buttons", [])]
    assert {"title": "Money after a crime", "payload": "/ask_compensation"} in buttons
    assert "Each state runs its own program" in person("/ask_compensation")


def test_a_5000_character_message_is_answered(person):
    answer = person(("my ex keeps following me everywhere and " * 125)[:5000])
    assert answer and "Traceback" not in answer


def test_empty_and_emoji_only_messages_get_the_menu(person):
    assert "I can help you find" in person("")
    assert "I can help you find" in person("🙏😢💔")


def test_non_latin_text_is_handled(person):
    assert person("مرحبا، أحتاج مساعدة") and person("我需要帮助")


def post(stack, body, **kwargs):
    return requests.post(f"{stack.url}/webhooks/rest/webhook", data=body, timeout=30, **kwargs)


def test_invalid_json_gets_a_clear_400(stack):
    reply = post(stack, "{not json", headers={"content-type": "application/json"})
    assert reply.status_code == 400 and reply.json() == {"error": "The body must be JSON."}


def test_requests_without_a_sender_or_message_are_refused(stack):
    for body in ['{"message": "hi"}', '{"sender": "", "message": "hi"}', '{"sender": "x"}', "[1, 2]"]:
        reply = post(stack, body)
        assert reply.status_code == 400, body
        assert "Traceback" not in reply.text and "error" in reply.json()


def test_a_message_over_the_limit_gets_413(stack):
    reply = post(stack, '{"sender": "x", "message": "%s"}' % ("a" * 10_001))
    assert reply.status_code == 413


def test_no_message_text_reaches_the_logs(stack, person):
    canary = "my neighbour Quillon Marsh took my passport"
    person(canary)
    logs = stack.logs()
    assert "Quillon" not in logs and "passport" not in logs


def test_the_assistant_answers_without_loading_tensorflow(stack, person):
    """No component of this pipeline uses TensorFlow, so no server maps it: about 450 MB less
    for each Rasa process (bot/deferred_imports.py)."""
    assert "police" in person("can i get help without going to the police")
    for process in stack.processes:
        assert "tensorflow" not in Path(f"/proc/{process.pid}/maps").read_text(), process.args
