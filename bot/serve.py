"""Starts Rasa with the same arguments as the `rasa` command, one speed fix applied first.

    python -m bot.serve run --model models/assistant.tar.gz ...

Rasa 3.6 checks every action server response with jsonschema.validate(), which also re-checks
Rasa's large response schema against the JSON Schema metaschema on every call: more than half of
the Rasa server's CPU time under load (py-spy, bench/rest_latency.py). Rasa has no setting for
this, so the check is replaced by one that builds the validator once and validates exactly the
same way (the first, best-matching error is raised, with Rasa's message).
"""

import sys

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

_validate_original = RemoteAction._validate_action_result


def _cached_validator():
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


_VALIDATOR = _cached_validator()


def validate_action_result(self: RemoteAction, result: dict) -> bool:
    error = best_match(_VALIDATOR.iter_errors(result))
    if error is None:
        return True
    return _validate_original(self, result)  # raises ValidationError with Rasa's own message


def apply() -> None:
    RemoteAction._validate_action_result = validate_action_result


def main() -> None:
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
