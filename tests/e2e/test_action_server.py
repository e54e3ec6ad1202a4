"""A failed action is answered with the error's kind only (actions/serve.py): rasa_sdk's own
answer carried the whole conversation, which Rasa then wrote into its log at ERROR."""

import requests

from tests.e2e.at_rest import unique_phrase


def test_a_failing_action_answers_and_logs_no_word_of_the_conversation(stack):
    phrase = unique_phrase()
    tracker = {
        "sender_id": "web-fictional",
        "slots": {},
        "latest_message": {"text": phrase},
        "events": phrase,  # not a list of events: the action fails on it
        "paused": False,
        "latest_input_channel": "socketio",
        "active_loop": {},
        "latest_action_name": None,
    }
    call = {
        "next_action": "action_request_handoff",
        "sender_id": "web-fictional",
        "tracker": tracker,
        "version": "3.6.2",
    }
    answer = requests.post(f"http://127.0.0.1:{stack.action_port}/webhook", json={**call, "domain": {}}, timeout=30)
    assert answer.status_code == 500 and answer.json() == {"error": "AttributeError"}
    assert phrase not in answer.text
    assert phrase not in stack.logs()
