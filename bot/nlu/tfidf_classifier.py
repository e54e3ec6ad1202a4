"""An intent classifier: TF-IDF word and character n-grams with logistic regression.

Rasa's own classifiers either weigh raw n-gram counts (LogisticRegressionClassifier) or learn
embeddings from scratch (DIET). On this assistant's data, where people write short, misspelt
texts and no pretrained language model can be downloaded, sublinear TF-IDF weighting of the same
n-grams classifies held-out messages better and as fast (bench/nlu_compare.py, README "Choosing
the pipeline"). Rasa has no TF-IDF featurizer, so this component does it with scikit-learn,
which Rasa already depends on, and persists with skops as Rasa's own sklearn classifiers do.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse
import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union
from sklearn.preprocessing import normalize

RANKING_LENGTH = 10
# Types in the saved pipeline beyond skops' defaults; anything else in a model file is refused.
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]


def build(c: float, max_char_ngram: int) -> Pipeline:
    """n-grams seen at least twice (half the features, same accuracy), weighted by sublinear TF-IDF."""
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, max_char_ngram), sublinear_tf=True, min_df=2)
    classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=2026)
    return make_pipeline(make_union(words, chars), classifier)


def ready(model: Pipeline) -> Pipeline:
    """Column-major weights: scikit-learn multiplies by their transpose, which is then contiguous
    and not copied on every message (half the time of a prediction)."""
    model[-1].coef_ = np.asfortranarray(model[-1].coef_)
    return model


class Predictor:
    """model.predict_proba(texts) in half the time, with the same numbers (to 1e-15: sums run in
    another order). The two TF-IDF transforms are done as scikit-learn 1.1 does them, but with
    each idf vector read once (it sums the whole idf diagonal again on every call, to check it is
    fitted), and without the FeatureUnion's joblib machinery. tests/test_tfidf_classifier.py
    compares the two."""

    def __init__(self, model: Pipeline) -> None:
        self.vectorizers = [(vectorizer, vectorizer.idf_) for _, vectorizer in model[0].transformer_list]
        self.classifier = model[-1]

    def __call__(self, texts: list[str]) -> np.ndarray:
        parts = [self._tfidf(vectorizer, idf, texts) for vectorizer, idf in self.vectorizers]
        return self.classifier.predict_proba(scipy.sparse.hstack(parts).tocsr())

    @staticmethod
    def _tfidf(vectorizer: TfidfVectorizer, idf: np.ndarray, texts: list[str]) -> scipy.sparse.csr_matrix:
        weights = CountVectorizer.transform(vectorizer, texts).astype(np.float64)
        if vectorizer.sublinear_tf:
            np.log(weights.data, weights.data)
            weights.data += 1
        weights.data *= idf[weights.indices]
        return normalize(weights, norm=vectorizer.norm, copy=False)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"C": 20.0, "max_char_ngram": 5}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = config
        self._model_storage = model_storage
        self._resource = resource
        self.model: Pipeline | None = None
        self.predict: Predictor | None = None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TfidfIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT)]
        if examples:
            self.model = build(self.config["C"], self.config["max_char_ngram"])
            self.model = ready(self.model.fit([e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples]))
            self.predict = Predictor(self.model)
            with self._model_storage.write_to(self._resource) as model_dir:
                sio.dump(self.model, model_dir / "tfidf_intents.skops")
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TfidfIntentClassifier:
        component = cls(config, model_storage, resource)
        with model_storage.read_from(resource) as model_dir:
            path = model_dir / "tfidf_intents.skops"
            component.model = ready(sio.load(path, trusted=TRUSTED_TYPES))
            component.predict = Predictor(component.model)
        return component

    def process(self, messages: list[Message]) -> list[Message]:
        if self.model is None or self.predict is None:
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        probabilities = self.predict(texts)
        names = self.model.classes_
        for message, row in zip(messages, probabilities, strict=True):
            ranking = sorted(
                ({"name": str(name), "confidence": float(p)} for name, p in zip(names, row, strict=True)),
                key=lambda r: r["confidence"],
                reverse=True,
            )[:RANKING_LENGTH]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
