"""A Rasa NLU component that makes the crisis check (bot/crisis.py) decide before any classifier.

Rasa has no built-in way to force an intent from a deterministic rule, so this small component
runs last in the pipeline: when the check fires it sets the intent to crisis_danger or
crisis_self_harm with confidence 1.0, whatever the classifier thought, and keeps the classifier's
own guess second in the ranking so the crisis reply can still answer the person's question.
"""

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis import DANGER, SELF_HARM, detect
from bot.nlu.adjuster import IntentAdjuster, choose

INTENTS = {DANGER: "crisis_danger", SELF_HARM: "crisis_self_harm"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisOverride(IntentAdjuster):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            crises = detect(message.get(TEXT) or "")
            if crises:
                choose(message, {"name": INTENTS[crises[0]], "confidence": 1.0})
        return messages
