"""A Rasa NLU component that makes the word the consent question promises always work: WITHDRAW
(RETIRAR, REVOCAR) alone is withdraw_consent whatever the classifier thought, as STOP is always
STOP. Withdrawing in other words ("take back my consent") is left to the classifier.
"""

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.adjuster import IntentAdjuster, choose
from bot.referrals import WITHDRAW


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ReferralCheck(IntentAdjuster):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if (message.get(TEXT) or "").strip().strip(".!").upper() in WITHDRAW:
                choose(message, {"name": "withdraw_consent", "confidence": 1.0})
        return messages
