"""A conversation's applied events (those not reverted or restarted away), worked out from where
the last call left off instead of from the first event at every call.

Rasa 3.6's DialogueStateTracker.applied_events walks every event of the conversation, and a turn
calls it several times (the session check, every prediction, the last-event lookups): in a
conversation handed to an advocate, a growing share of each turn (bench/, py-spy). Rasa has no
setting for this; bot/serve.py applies it when the server starts (training keeps Rasa's own).

The answer is the same. Rasa's walk is a left fold over the events whose only other input is the
set of form names any ActiveLoop event names. For each conversation this keeps the events it has
walked (the same objects: the tracker store hands out the same Event objects every turn) and the
result; a later call whose events begin with exactly those objects, and add no new form name,
continues the fold from there. Anything else is walked afresh. At most SIZE conversations are kept,
the least recently used dropped first, and nothing outlives the process.
"""

import operator
from collections import OrderedDict
from dataclasses import dataclass
from itertools import islice

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

SIZE = 512


@dataclass
class Walked:
    events: list[Event]
    loop_names: set[str]
    applied: list[Event]


_walked: OrderedDict[str, Walked] = OrderedDict()


def starts_with(events: object, prefix: list[Event]) -> bool:
    """Whether events begins with exactly these objects."""
    return len(events) >= len(prefix) and all(map(operator.is_, events, prefix))


def _fold(tracker: DialogueStateTracker, loop_names: set[str], applied: list[Event], events: list[Event]) -> None:
    """Rasa's loop body (DialogueStateTracker.applied_events), over `events`, onto `applied`."""
    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loop_names
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


def _walk(tracker: DialogueStateTracker, before: Walked | None) -> Walked:
    if before is not None and starts_with(tracker.events, before.events):
        new = list(islice(tracker.events, len(before.events), None))
        if all(event.name in before.loop_names for event in new if isinstance(event, ActiveLoop) and event.name):
            applied = before.applied.copy()
            _fold(tracker, before.loop_names, applied, new)
            return Walked(before.events + new, before.loop_names, applied)
    events = list(tracker.events)
    names = {event.name for event in events if isinstance(event, ActiveLoop) and event.name}
    applied = []
    _fold(tracker, names, applied, events)
    return Walked(events, names, applied)


def applied_events(self: DialogueStateTracker) -> list[Event]:
    walked = _walk(self, _walked.pop(self.sender_id, None))
    _walked[self.sender_id] = walked
    while len(_walked) > SIZE:
        _walked.popitem(last=False)
    return walked.applied.copy()


def apply() -> None:
    DialogueStateTracker.applied_events = applied_events
