"""Starts Rasa with the same arguments as the `rasa` command: telemetry off, speed fixes on.

    python -m bot.serve run --model models/assistant.tar.gz ...

Each is a place where Rasa 3.6 repeats work on every message, found with py-spy under
bench/rest_latency.py and bench/versus_stock.py; Rasa has no setting for any, and each keeps
Rasa's behaviour exactly:
- every action server response is checked with jsonschema.validate(), which also re-checks Rasa's
  large response schema against the JSON Schema metaschema each time (over half of the server's
  CPU under load): the validator is now built once;
- reading a conversation looks up each event's class by walking every Event subclass, once per
  event (a fifth of the time of a long conversation's turn): the classes are now looked up once;
- RulePolicy builds a state for every earlier turn at each prediction, though no rule looks further
  back than its length: it now builds only those, and only the ones new since its last call
  (bot/recent_states.py);
- the applied events are worked out from the first event at every call, several times a turn: now
  from where the last call left off (bot/applied_events.py);
- the tracker is copied for every action by replaying every event: now only the new ones
  (bot/tracker_copy.py);
- the prediction graph runs through dask's scheduler: it now runs its nodes in order
  (bot/graph_runner.py);
- each action call encodes the whole conversation with json.dumps: now with orjson
  (bot/action_calls.py).
The tracker store reads only a conversation's new rows (bot/stores/seen.py). A web chat closed
mid-message no longer logs an ERROR (bot/websocket_tasks.py). TensorFlow is loaded only if a
component of the model uses it (bot/deferred_imports.py, bot/train_schema.py).
"""

import os
import sys

# No usage data or crash reports leave this server: a crash report can carry what a person wrote.
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

# skops (the intent and language models' format) lists trusted types at import by searching every
# loaded module; imported before Rasa's thousands, it takes 1 s instead of 5.
import skops.io  # noqa: F401, I001 - first, on purpose
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

from bot import deferred_imports

deferred_imports.install()  # before Rasa is imported: TensorFlow only if a component uses it

from rasa.core.actions.action import RemoteAction  # noqa: E402
from rasa.shared.core.events import Event  # noqa: E402
from rasa.shared.utils.common import all_subclasses  # noqa: E402

from bot import (  # noqa: E402
    action_calls,
    applied_events,
    graph_runner,
    recent_states,
    tracker_copy,
    train_schema,
    websocket_tasks,
)

_validate_original = RemoteAction._validate_action_result
_resolve_original = Event.resolve_by_type
_EVENT_CLASSES: dict[str, type] = {}


def _cached_validator():
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


_VALIDATOR = _cached_validator()


def validate_action_result(self: RemoteAction, result: dict) -> bool:
    if best_match(_VALIDATOR.iter_errors(result)) is None:
        return True
    return _validate_original(self, result)  # raises ValidationError with Rasa's own message


def resolve_event_class(type_name: str, default: type | None = None) -> type | None:
    if type_name not in _EVENT_CLASSES:
        for cls in all_subclasses(Event):  # in Rasa's order, so the same class wins
            _EVENT_CLASSES.setdefault(cls.type_name, cls)
    found = _EVENT_CLASSES.get(type_name)
    return found if found is not None else _resolve_original(type_name, default)


def apply() -> None:
    applied_events.apply()
    recent_states.apply()
    tracker_copy.apply()
    graph_runner.apply()
    action_calls.apply()
    websocket_tasks.apply()
    train_schema.apply()
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_event_class)


def main() -> None:
    from bot import settings

    settings.require()
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
