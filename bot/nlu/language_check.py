"""A Rasa NLU component that says which language the person is writing in, as an entity
`language` ("en", "es"); the `language` slot fills from it (bot/domain/session.yml), so the choice
is remembered for the conversation and every reply follows it. Rasa has no language detection;
the rules are in bot/language.py, and a crisis message too short to tell is taken to be in the
language of the crisis patterns it matched (bot/crisis.py). No entity is set when the language is not clear, so the slot
keeps what it had. A message that only chooses a language ("español") is answered as a greeting,
in the new language, whatever the classifier made of the word.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis import language_of as crisis_language
from bot.i18n import languages
from bot.language import chosen, detect
from bot.nlu.adjuster import IntentAdjuster, choose

TYPES = [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER]


@DefaultV1Recipe.register(TYPES, is_trainable=False)
class LanguageCheck(IntentAdjuster, EntityExtractorMixin):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            hinted = (message.get("metadata") or {}).get("language")
            choice = chosen(text)
            if choice:
                choose(message, {"name": "greet", "confidence": 1.0})
            lang = choice or (hinted if hinted in languages() else None) or detect(text) or crisis_language(text)
            if lang:
                entity = {"entity": "language", "value": lang, "start": 0, "end": len(text), "confidence": 1.0}
                entity["extractor"] = self.__class__.__name__
                message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
        return messages
