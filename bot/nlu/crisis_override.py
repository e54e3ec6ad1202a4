"""A Rasa NLU component that makes the crisis check (bot/crisis.py) decide before any classifier.

Rasa has no built-in way to force an intent from a deterministic rule, so this small component
runs last in the pipeline: when the check fires it sets the intent to crisis_danger or
crisis_self_harm with confidence 1.0, whatever the classifier thought, and keeps the classifier's
own guess second in the ranking so the crisis reply can still answer the person's question.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis import DANGER, detect

INTENTS = {DANGER: "crisis_danger", "self_harm": "crisis_self_harm"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisOverride(GraphComponent, IntentClassifier):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisOverride:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            crises = detect(message.get(TEXT) or "")
            if not crises:
                continue
            intent = {"name": INTENTS[crises[0]], "confidence": 1.0}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent["name"]]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
        return messages
