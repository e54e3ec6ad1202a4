"""A conversation's tracker replayed only over the events new since the last replay.

Rasa 3.6 copies the tracker before every action it runs (the action gets the copy), and the
tracker store builds it afresh every turn, each time by replaying every event of the conversation
onto a new tracker: at turn 150 a quarter of the turn (bench/, py-spy). Rasa has no setting for
this; bot/serve.py applies it to copies when the server starts, and the tracker store
(bot/stores/encrypted_tracker.py) reads with from_events below.

The answer is the same. For each conversation this keeps a tracker replayed over its events (the
same objects: the tracker store hands out the same Event objects every turn), which nothing else
sees and which only ever changes by replaying events, as Rasa's trackers are made. A tracker
whose events begin with exactly those replays only the rest onto it and returns a duplicate of
its state: the events, each slot's value, the latest message, action and bot utterance, the active form,
the follow-up action and whether the conversation is paused, which are all that replaying sets.
Anything else is replayed from the start. At most SIZE conversations are kept, the least recently
used dropped first, and nothing outlives the process.
"""

import copy
import math
from collections import OrderedDict
from collections.abc import Iterable
from itertools import islice

from rasa.shared.core.events import Event
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker

from bot.applied_events import starts_with

SIZE = 512
_original = DialogueStateTracker.copy
_replayed_trackers: OrderedDict[str, DialogueStateTracker] = OrderedDict()


def _same_kind(kept: DialogueStateTracker, tracker: DialogueStateTracker) -> bool:
    """Whether replaying onto kept is replaying onto tracker.init_copy(): the same slots (a new model
    may bring others), history limit and kind."""
    return (
        kept._max_event_history == tracker._max_event_history
        and kept.is_rule_tracker == tracker.is_rule_tracker
        and [(n, type(s), repr(s.initial_value)) for n, s in kept.slots.items()]
        == [(n, type(s), repr(s.initial_value)) for n, s in tracker.slots.items()]
    )


def duplicate(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """A tracker in the same state as one that only replaying has changed, without the replay."""
    twin = tracker.init_copy()
    twin.events.extend(tracker.events)
    twin.slots = {name: copy.copy(slot) for name, slot in tracker.slots.items()}
    twin.latest_message, twin.latest_bot_utterance = tracker.latest_message, tracker.latest_bot_utterance
    twin.latest_action = copy.deepcopy(tracker.latest_action)
    twin.active_loop = copy.deepcopy(tracker.active_loop)
    twin.followup_action, twin._paused = tracker.followup_action, tracker._paused
    return twin


def _replayed(fresh: DialogueStateTracker, events: Iterable[Event]) -> DialogueStateTracker:
    """What replaying events onto fresh (a new tracker) gives, from the conversation's kept replay."""
    kept = _replayed_trackers.pop(fresh.sender_id, None)
    if kept is None or not (_same_kind(kept, fresh) and starts_with(events, kept.events)):
        kept = fresh
    for event in islice(events, len(kept.events), None):
        kept.update(event)
    _replayed_trackers[fresh.sender_id] = kept
    while len(_replayed_trackers) > SIZE:
        _replayed_trackers.popitem(last=False)
    return duplicate(kept)


def tracker_copy(self: DialogueStateTracker) -> DialogueStateTracker:
    """DialogueStateTracker.copy: every event replayed onto self.init_copy()."""
    if not all(event.timestamp <= math.inf for event in self.events):
        return _original(self)  # Rasa's copy stops at such an event (a NaN timestamp)
    return _replayed(self.init_copy(), self.events)


def from_events(sender_id: str, events: list[Event], slots: Iterable[Slot]) -> DialogueStateTracker:
    """DialogueStateTracker.from_events(sender_id, events, slots), as the tracker store reads a
    conversation every turn."""
    return _replayed(DialogueStateTracker(sender_id, slots), events)


def apply() -> None:
    DialogueStateTracker.copy = tracker_copy
