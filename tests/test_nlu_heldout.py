"""Intent classification on data it was not trained on: macro F1 of the shipped pipeline, trained
on every language at once as it ships, and scored per language."""

import pytest

from bot.nlu_eval import evaluate
from bot.settings import ROOT
from tests.conftest import REPORT


@pytest.fixture(scope="module")
def heldout(tmp_path_factory):
    return evaluate(ROOT / "bot" / "config.yml", tmp_path_factory.mktemp("heldout"))


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
