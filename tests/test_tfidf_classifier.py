"""The classifier's own prediction path gives scikit-learn's probabilities (to the last bits of a
float: the sums run in another order) and the same intent."""

import numpy as np

from bot.nlu.tfidf_classifier import Predictor, build, ready

TEXTS = ["i need a place to stay tonight", "can i get a lawyer for free", "he is outside my door door", "hola"]
LABELS = ["ask_shelter", "ask_legal", "crisis", "greet"]


def test_the_direct_path_gives_the_pipelines_probabilities():
    model = ready(build(20.0, 5).fit(TEXTS * 2, LABELS * 2))  # each n-gram seen twice
    asked = ["i need a lawyer", "someone is at my door", "", "¿dónde puedo quedarme esta noche?"]
    ours, theirs = Predictor(model)(asked), model.predict_proba(asked)
    assert np.allclose(ours, theirs, rtol=0, atol=1e-12)
    assert (ours.argmax(axis=1) == theirs.argmax(axis=1)).all()
