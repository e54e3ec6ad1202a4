"""Intent classification on data it was not trained on: macro F1 of the shipped pipeline."""

from bot.nlu_eval import evaluate
from bot.settings import ROOT


def test_intent_macro_f1_on_a_held_out_split_is_at_least_090(tmp_path):
    result = evaluate(ROOT / "bot" / "config.yml", tmp_path)
    weakest = sorted(result.per_intent.items(), key=lambda item: item[1])[:5]
    print(f"\nheld-out intent macro F1 = {result.macro_f1:.3f}, accuracy = {result.accuracy:.3f}")
    print("weakest intents: " + ", ".join(f"{name} {f1:.2f}" for name, f1 in weakest))
    assert result.macro_f1 >= 0.90, weakest
