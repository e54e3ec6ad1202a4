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
"""

from typing import Any

from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

_prediction_states = RulePolicy._prediction_states


def recent_past_states(tracker: DialogueStateTracker, domain: Domain, keep: int, omit_unset_slots: bool = False):
    """tracker.past_states(domain, omit_unset_slots)[-keep:], building only those states."""
    applied = tracker.applied_events()
    first = 1 + sum(isinstance(event, ActionExecuted) for event in applied) - keep
    prior, states, turn = tracker.init_copy(), [], 0
    for event in applied:
        if isinstance(event, ActionExecuted):
            if turn >= first:
                states.append(domain._clean_state(domain.get_active_state(prior, omit_unset_slots=omit_unset_slots)))
            turn += 1
        prior.update(event)
    states.append(domain._clean_state(domain.get_active_state(prior, omit_unset_slots=omit_unset_slots)))
    return states


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
