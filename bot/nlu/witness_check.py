"""A Rasa NLU component that reads a killing the person saw as a witness's message, not grief
(bot/witness.py): the intent becomes report_intimidation, whose reply is for witnesses who are
afraid. Rasa has no way to correct an intent by a rule; this runs after the classifier."""

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.adjuster import IntentAdjuster, choose
from bot.witness import saw_it_happen

GRIEF, WITNESS = "ask_homicide_grief", "report_intimidation"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class WitnessCheck(IntentAdjuster):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") == GRIEF and saw_it_happen(message.get(TEXT) or ""):
                choose(message, {"name": WITNESS, "confidence": intent.get("confidence", 1.0)})
        return messages
