"""RulePolicy's recent states (bot/recent_states.py) are exactly the last states Rasa builds, for
any conversation: forms, slots, follow-ups, reverted turns and new sessions included."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    FollowupAction,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.recent_states import recent_past_states
from bot.settings import ROOT

DOMAIN = Domain.load(str(ROOT / "bot" / "domain"))
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
