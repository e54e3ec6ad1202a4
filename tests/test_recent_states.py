"""RulePolicy's recent states (bot/recent_states.py) and the applied events (bot/applied_events.py)
are exactly what Rasa builds, for any conversation: forms, slots, follow-ups, reverted turns and
new sessions included, and however the conversation grew since the last call."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    FollowupAction,
    LoopInterrupted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot import applied_events, tracker_copy
from bot.recent_states import recent_past_states
from bot.settings import ROOT

DOMAIN = Domain.load(str(ROOT / "bot" / "domain"))
RASA_APPLIED_EVENTS = DialogueStateTracker.applied_events
RASA_COPY = DialogueStateTracker.copy
VALUES = {"state": ["Ohio", "Texas", None], "language": ["en", "es"], "handoff_safe_contact": ["yes", "no", None]}
VALUES["counties"] = [["Cook"], ["Cook", "DuPage"], None]
FORMS = [*DOMAIN.form_names, None]

event = st.one_of(
    st.builds(lambda i: UserUttered("words", {"name": i, "confidence": 1.0}), st.sampled_from(DOMAIN.intents)),
    st.builds(ActionExecuted, st.sampled_from(DOMAIN.action_names_or_texts)),
    st.sampled_from(list(VALUES)).flatmap(lambda slot: st.sampled_from(VALUES[slot]).map(lambda v: SlotSet(slot, v))),
    st.builds(ActiveLoop, st.sampled_from(FORMS)),
    st.builds(FollowupAction, st.sampled_from(DOMAIN.action_names_or_texts)),
    st.just(ActionReverted()),
    st.just(UserUtteranceReverted()),
    st.just(SessionStarted()),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(event, max_size=60), st.integers(1, 12))
def test_the_recent_states_are_the_last_states_rasa_builds(events, keep):
    tracker = DialogueStateTracker.from_events("web-recent", [ActionExecuted("action_listen"), *events], DOMAIN.slots)
    for omit in (False, True):
        assert recent_past_states(tracker, DOMAIN, keep, omit) == tracker.past_states(DOMAIN, omit)[-keep:]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(event, min_size=1, max_size=8), max_size=12), st.integers(1, 12), st.booleans())
def test_states_and_applied_events_built_on_from_the_last_call_are_rasas(turns, keep, detour):
    """A conversation growing turn by turn, as the server sees it, the same event objects every
    turn, now and then a copy with events of its own (an action's temporary tracker)."""
    applied_events.apply()
    try:
        tracker = DialogueStateTracker.from_events("web-growing", [ActionExecuted("action_listen")], DOMAIN.slots)
        for new in turns:
            if detour:
                aside = DialogueStateTracker.from_events("web-growing", [*tracker.events, *new[::-1]], DOMAIN.slots)
                assert recent_past_states(aside, DOMAIN, keep) == aside.past_states(DOMAIN)[-keep:]
            tracker = DialogueStateTracker.from_events("web-growing", [*tracker.events, *new], DOMAIN.slots)
            assert tracker.applied_events() == RASA_APPLIED_EVENTS(tracker)
            for omit in (False, True):
                assert recent_past_states(tracker, DOMAIN, keep, omit) == tracker.past_states(DOMAIN, omit)[-keep:]
    finally:
        DialogueStateTracker.applied_events = RASA_APPLIED_EVENTS


def test_a_form_named_for_the_first_time_late_changes_the_earlier_events_as_in_rasa():
    """Rasa drops a form's repeated runs from the applied events once any event names the form,
    even a later one: the walk from the last call cannot be continued then."""
    form = DOMAIN.form_names[0]
    events = [ActionExecuted("action_listen"), UserUttered("words", {"name": DOMAIN.intents[0], "confidence": 1.0})]
    events += [ActionExecuted(form), SlotSet("state", "Ohio"), ActionExecuted(form)]
    applied_events.apply()
    try:
        tracker = DialogueStateTracker.from_events("web-late-form", events, DOMAIN.slots)
        assert tracker.applied_events() == RASA_APPLIED_EVENTS(tracker)
        tracker = DialogueStateTracker.from_events("web-late-form", [*events, ActiveLoop(form)], DOMAIN.slots)
        assert tracker.applied_events() == RASA_APPLIED_EVENTS(tracker)
        assert len(RASA_APPLIED_EVENTS(tracker)) < len(tracker.events)  # the case this test is about
    finally:
        DialogueStateTracker.applied_events = RASA_APPLIED_EVENTS


def state(tracker: DialogueStateTracker) -> dict:
    """Everything replaying events sets on a tracker, comparable."""
    slots = {name: (type(slot), slot.value, slot.has_been_set) for name, slot in tracker.slots.items()}
    return {**vars(tracker), "slots": slots, "events": [id(event) for event in tracker.events]}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(event, min_size=1, max_size=8), max_size=12), st.booleans())
def test_trackers_read_and_copied_from_the_last_replay_are_rasas(turns, detour):
    tracker_copy.apply()
    try:
        tracker = DialogueStateTracker.from_events("web-copied", [ActionExecuted("action_listen")], DOMAIN.slots)
        for new in turns:
            if detour:
                aside = DialogueStateTracker.from_events("web-copied", [*tracker.events, *new[::-1]], DOMAIN.slots)
                assert state(aside.copy()) == state(RASA_COPY(aside))
            events = [*tracker.events, *new]
            tracker = tracker_copy.from_events("web-copied", events, DOMAIN.slots)  # as the store reads it
            assert state(tracker) == state(DialogueStateTracker.from_events("web-copied", events, DOMAIN.slots))
            copied, before = tracker.copy(), state(tracker)
            assert state(copied) == state(RASA_COPY(tracker)) == before
            copied.update(SlotSet("state", "Nevada"))  # what an action does to its copy stays there
            copied.update(LoopInterrupted(True))
            assert state(tracker) == before
            assert state(tracker.copy()) == state(RASA_COPY(tracker))
    finally:
        DialogueStateTracker.copy = RASA_COPY
