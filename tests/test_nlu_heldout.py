"""Intent classification on data it was not trained on: macro F1 of the shipped pipeline."""

from bot.nlu_eval import evaluate
from bot.settings import ROOT
from tests.conftest import REPORT


def test_intent_macro_f1_on_a_held_out_split_is_at_least_090(tmp_path, request):
    result = evaluate(ROOT / "bot" / "config.yml", tmp_path)
    weakest = sorted(result.per_intent.items(), key=lambda item: item[1])[:5]
    request.config.stash.setdefault(REPORT, []).extend(
        [
            f"held-out intent macro F1 = {result.macro_f1:.3f}, accuracy = {result.accuracy:.3f}",
            "weakest intents: " + ", ".join(f"{name} {f1:.2f}" for name, f1 in weakest),
        ]
    )
    assert result.macro_f1 >= 0.90, weakest
