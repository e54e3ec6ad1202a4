"""A Rasa NLU component that says which language the person is writing in, as an entity
`language` ("en", "es"); the `language` slot fills from it (bot/domain/session.yml), so the choice
is remembered for the conversation and every reply follows it. Rasa has no language detection.

The signals and their order are in bot/language.py: an explicit choice, the widget's hint, marker
words, the crisis patterns, and last a model trained here on the training examples of each
language (bot/nlu/language_model.py). The model is weighed against the conversation: Rasa hands
this component the conversation's tracker, and a conversation in which a message has already set
the language changes it on the model's word only when the model is much surer (bot.language.decide).

No entity is set when the language is not clear, so the slot keeps what it had. A message that
only chooses a language ("español") is answered as a greeting, in the new language, whatever the
classifier made of the word.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.pipeline import Pipeline

from bot.crisis import language_of as crisis_language
from bot.i18n import languages
from bot.language import chosen, decide, detect
from bot.nlu import language_model
from bot.nlu.adjuster import choose

TYPES = [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER]
ENTITY = "language"
FILE = "language_model.skops"


def example_language(example: Message) -> str | None:
    """The language a training example is written in, from its intent's metadata."""
    metadata = example.get("metadata") or {}
    return (metadata.get(METADATA_INTENT) or {}).get("language")


def settled(tracker: DialogueStateTracker | None) -> bool:
    """Whether an earlier message of the conversation already set its language."""
    events = tracker.events if tracker is not None else []
    return any(
        isinstance(e, UserUttered) and any(x.get("entity") == ENTITY for x in e.entities) for e in reversed(events)
    )


@DefaultV1Recipe.register(TYPES, is_trainable=True)
class LanguageCheck(GraphComponent, IntentClassifier, EntityExtractorMixin):
    def __init__(self, model_storage: ModelStorage, resource: Resource, model: Pipeline | None = None) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageCheck:
        return cls(model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """A change to how the model is built retrains it (Rasa's cache looks at data and config only)."""
        return hashlib.sha256(Path(language_model.__file__).read_bytes()).hexdigest()

    def train(self, training_data: TrainingData) -> Resource:
        examples = [(e.get(TEXT), example_language(e)) for e in training_data.intent_examples if e.get(TEXT)]
        examples = [(text, lang) for text, lang in examples if lang in languages()]
        if len({lang for _, lang in examples}) > 1:
            self.model = language_model.train(*map(list, zip(*examples, strict=True)))
            with self._model_storage.write_to(self._resource) as model_dir:
                language_model.save(self.model, model_dir / FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LanguageCheck:
        try:
            with model_storage.read_from(resource) as model_dir:
                return cls(model_storage, resource, language_model.load(model_dir / FILE))
        except (ValueError, FileNotFoundError):  # trained on one language only: rules alone
            return cls(model_storage, resource)

    def language(self, text: str, hinted: str | None, tracker: DialogueStateTracker | None) -> str | None:
        """The language `text` is written in, from the strongest signal that says one."""
        found = chosen(text) or (hinted if hinted in languages() else None) or detect(text) or crisis_language(text)
        if found or self.model is None or not text.strip():
            return found
        return decide(text, lambda words: language_model.probabilities(self.model, words), settled(tracker))

    def process(self, messages: list[Message], tracker: DialogueStateTracker | None = None) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if chosen(text):
                choose(message, {"name": "greet", "confidence": 1.0})
            lang = self.language(text, (message.get("metadata") or {}).get("language"), tracker)
            if lang:
                entity = {"entity": ENTITY, "value": lang, "start": 0, "end": len(text), "confidence": 1.0}
                entity["extractor"] = self.__class__.__name__
                message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
        return messages
