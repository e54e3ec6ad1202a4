"""Intent classification on data it was not trained on: macro F1 of the shipped pipeline, trained
on every language at once as it ships, and scored per language (bot/nlu_eval.py, started in the
background when the run begins: tests/conftest.py)."""

import json
from types import SimpleNamespace

import pytest

from tests.conftest import HELDOUT, REPORT


@pytest.fixture(scope="module")
def heldout(request):
    process, workdir = request.config.stash[HELDOUT]
    if process.wait() != 0:
        pytest.fail("the held-out evaluation failed:\n" + (workdir / "log.txt").read_text()[-3000:])
    results = json.loads((workdir / "results.json").read_text())
    return {lang: SimpleNamespace(**result) for lang, result in results.items()}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_intent_macro_f1_on_a_held_out_split_is_at_least_090(heldout, lang, request):
    result = heldout[lang]
    weakest = sorted(result.per_intent.items(), key=lambda item: item[1])[:5]
    request.config.stash.setdefault(REPORT, []).extend(
        [
            f"held-out intent macro F1 ({lang}) = {result.macro_f1:.3f}, accuracy = {result.accuracy:.3f}",
            f"weakest intents ({lang}): " + ", ".join(f"{name} {f1:.2f}" for name, f1 in weakest),
        ]
    )
    assert result.macro_f1 >= 0.90, weakest
