"""A Rasa NLU component that keeps the location intent honest with the location parser.

"inform_location" means "here is where I am", so it needs a place in the message: when the
classifier picks it for a message that names none ("thx", "hey there", a word it has never seen),
its next guess is used instead; and a short message that is nothing but a place ("ohio", "im in
30301", "cook county", "i live in eureka") is a location whatever the classifier thought. The
place itself is read by bot.location and bot.places, as the actions read it; a town is read in
the state the conversation remembers, which Rasa hands this component with the tracker.
"""

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import places
from bot.location import find_state
from bot.nlu.adjuster import IntentAdjuster, choose
from bot.places import named_place

LOCATION = "inform_location"
SHORT = 4  # words; "i live in ohio" is a location, "who pays my bills in ohio" is a question


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LocationCheck(IntentAdjuster):
    def __init__(self) -> None:
        places.warm()

    def process(self, messages: list[Message], tracker: DialogueStateTracker | None = None) -> list[Message]:
        remembered = tracker.get_slot("state") if tracker is not None else None
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            text = message.get(TEXT) or ""
            named = find_state(text)
            has_place = (
                named is not None
                or named_place(text, named or remembered, named is not None) is not None
                or named_place(text) is not None  # a county of another state, or of several: the bot asks
            )
            if intent == LOCATION and not has_place:
                others = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != LOCATION]
                if others:
                    choose(message, others[0])
            elif has_place and intent != LOCATION and len(text.split()) <= SHORT:
                choose(message, {"name": LOCATION, "confidence": 1.0})
        return messages
