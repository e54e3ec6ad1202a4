"""The faster check of action server responses accepts and refuses exactly what Rasa's does."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot import serve


@pytest.fixture
def action():
    serve.apply()
    return RemoteAction("action_greet", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_a_valid_response_passes(action):
    result = {"events": [{"event": "slot", "name": "state", "value": "TX"}], "responses": [{"text": "Hi"}]}
    assert action._validate_action_result(result) is True


@pytest.mark.parametrize(
    "result",
    [
        {"events": "not a list", "responses": []},
        {"events": [{"event": "slot", "value": "TX"}], "responses": []},  # a slot event needs a name
    ],
)
def test_a_malformed_response_is_refused_with_rasas_message(action, result):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result(result)
