"""A Rasa NLU component that keeps the location intent honest with the location parser.

"inform_location" means "here is where I am", so it needs a place in the message: when the
classifier picks it for a message that names none ("thx", "hey there", a word it has never seen),
its next guess is used instead; and a short message that is nothing but a place ("ohio", "im in
30301") is a location whatever the classifier thought. The place itself is read by
bot.location, the same parser the actions use.
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

from bot.location import find_state

LOCATION = "inform_location"
SHORT = 4  # words; "i live in ohio" is a location, "who pays my bills in ohio" is a question


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LocationCheck(GraphComponent, IntentClassifier):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LocationCheck:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            ranking = list(message.get(INTENT_RANKING_KEY) or [])
            text = message.get(TEXT) or ""
            has_place = find_state(text) is not None
            if intent.get("name") == LOCATION and not has_place:
                others = [r for r in ranking if r.get("name") != LOCATION]
                if others:
                    message.set(INTENT, others[0], add_to_output=True)
                    message.set(INTENT_RANKING_KEY, others + [r for r in ranking if r.get("name") == LOCATION])
            elif has_place and intent.get("name") != LOCATION and len(text.split()) <= SHORT:
                chosen = {"name": LOCATION, "confidence": 1.0}
                message.set(INTENT, chosen, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [chosen, *[r for r in ranking if r.get("name") != LOCATION]])
        return messages
