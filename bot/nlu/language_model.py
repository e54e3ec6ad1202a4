"""A language-identification model for the messages people send this assistant: character 1-4
grams and words, weighted by sublinear TF-IDF, with logistic regression, trained on the assistant's
own training data, whose intents carry `metadata: {language: <code>}` (data/nlu/<code>/).

Why not a general-purpose library: on held-out messages written like real texts
(data/eval/language.yml), the offline libraries that ship their model (fastText's lid.176,
py3langid, langid, langdetect, lingua) either miss Spanish greetings and two-word texts ("ola q
hago", "xfa contesta") or take English with a Spanish name or place for Spanish ("I'm in Los
Angeles", "Maria hit me"); this model, which knows how these people write in both languages,
does neither (bench/language_id.py, README "Choosing the pipeline").

It is one signal among several; bot/nlu/language_check.py decides when it is trusted.
"""

from __future__ import annotations

from pathlib import Path

import skops.io as sio
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

# The model reads at most this many characters: a long message says its language early, and a
# 10,000-character one costs no more than a paragraph.
READS = 1000
# Types in a saved model beyond skops' defaults; anything else in a model file is refused.
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]


def build() -> Pipeline:
    """The untrained model; letters without accents, so "médico" and "medico" read alike. N-grams
    seen at least twice, as the intent classifier's: a smaller model file, the same answers."""
    common = {"sublinear_tf": True, "strip_accents": "unicode", "min_df": 2}
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), **common)
    words = TfidfVectorizer(token_pattern=r"[a-z]+", **common)
    classifier = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced", random_state=2026)
    return make_pipeline(make_union(chars, words), classifier)


def train(texts: list[str], languages: list[str]) -> Pipeline:
    model = build().fit([t[:READS] for t in texts], languages)
    for _, vectorizer in model[0].transformer_list:
        del vectorizer.stop_words_  # the n-grams left out, kept by scikit-learn only to be looked at
    return model


def probabilities(model: Pipeline, text: str) -> dict[str, float]:
    """Language code -> probability that `text` is written in it."""
    row = model.predict_proba([text[:READS]])[0]
    return {str(lang): float(p) for lang, p in zip(model.classes_, row, strict=True)}


def save(model: Pipeline, path: Path) -> None:
    sio.dump(model, path)


def load(path: Path) -> Pipeline:
    return sio.load(path, trusted=TRUSTED_TYPES)
