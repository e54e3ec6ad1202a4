"""Base for the NLU components that correct the classifier's intent by a deterministic rule."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


class IntentAdjuster(GraphComponent, IntentClassifier):
    """Nothing to train or store: each message is checked as it comes."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentAdjuster:
        return cls()


def choose(message: Message, intent: dict[str, Any]) -> None:
    """Make `intent` the message's intent, first in the ranking, keeping the others after it."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent["name"]]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
