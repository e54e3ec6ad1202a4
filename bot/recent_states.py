"""RulePolicy's states of only as many recent turns as its longest rule can look at.

Each prediction Rasa 3.6's RulePolicy turns every earlier turn of the conversation into a state
(Domain.get_active_state), though a rule can only look back as many turns as it is long: in a
conversation handed to an advocate, most of each turn went there (bench/versus_stock.py). Rasa has
no setting for this; bot/serve.py applies it when the server starts.

The answer is the same. RulePolicy matches a rule against the conversation's last states only,
newest first, for as many states as the rule has, and the oldest state of a conversation is the
only one without a previous action, which is how a `conversation_start` rule knows the start. Rule
keys are checked against at least one more state than the longest rule holds, so a longer
conversation's first state is never among the ones any rule is matched against.

Each call also starts where the last call for the same conversation left off, when the applied
events still begin with the ones it walked (the same objects): the states at earlier actions and
the tracker replayed so far are kept, for at most SIZE conversations, and nothing else changes.
"""

import copy
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.applied_events import starts_with

SIZE = 512
_prediction_states = RulePolicy._prediction_states


@dataclass
class Built:
    """How far the states of one conversation were built: the applied events walked, the tracker
    replayed over them, the states at its last actions. The next call takes it over (it is no
    longer kept while that call replays further), so nothing is copied."""

    applied: list[Event]
    prior: DialogueStateTracker
    states: list[State]


_built: OrderedDict[tuple, Built] = OrderedDict()


def recent_past_states(tracker: DialogueStateTracker, domain: Domain, keep: int, omit_unset_slots: bool = False):
    """tracker.past_states(domain, omit_unset_slots)[-keep:], building only those states, and only
    the ones after where the last call for this conversation left off (its applied events begin
    with the same objects; see bot/applied_events.py), else from the start."""
    applied = tracker.applied_events()
    key = (tracker.sender_id, id(domain), keep, omit_unset_slots)
    built = _built.pop(key, None)
    if built is not None and starts_with(applied, built.applied):
        prior, states, new = built.prior, built.states, applied[len(built.applied) :]  # taken over, not shared
    else:
        prior, states, new = tracker.init_copy(), [], applied
    for event in new:
        if isinstance(event, ActionExecuted):
            states.append(domain._clean_state(domain.get_active_state(prior, omit_unset_slots=omit_unset_slots)))
            del states[: -(keep - 1) or len(states)]
        prior.update(event)
    _built[key] = Built(applied, prior, states)
    while len(_built) > SIZE:
        _built.popitem(last=False)
    last = domain._clean_state(domain.get_active_state(prior, omit_unset_slots=omit_unset_slots))
    return copy.deepcopy(states) + [last]  # RulePolicy edits the states it is given


class _Recent:
    """The tracker, except that past_states gives only the last `keep` states."""

    def __init__(self, tracker: DialogueStateTracker, keep: int) -> None:
        self._tracker, self._keep = tracker, keep

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tracker, name)

    def past_states(
        self,
        domain: Domain,
        omit_unset_slots: bool = False,
        ignore_rule_only_turns: bool = False,
        rule_only_data: Any = None,
    ):
        if ignore_rule_only_turns:
            return self._tracker.past_states(domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        return recent_past_states(self._tracker, domain, self._keep, omit_unset_slots)


def longest_rule(policy: RulePolicy) -> int:
    """The number of states in the policy's longest rule (computed once per loaded policy)."""
    if "_longest_rule" not in policy.__dict__:
        keys = [key for table in (RULES, RULES_FOR_LOOP_UNHAPPY_PATH) for key in policy.lookup.get(table, {})]
        policy._longest_rule = max((len(policy._rule_key_to_state(key)) for key in keys), default=0)
    return policy._longest_rule


def prediction_states(self: RulePolicy, tracker: DialogueStateTracker, domain: Domain, *args: Any, **kwargs: Any):
    return _prediction_states(self, _Recent(tracker, longest_rule(self) + 1), domain, *args, **kwargs)


def apply() -> None:
    RulePolicy._prediction_states = prediction_states
