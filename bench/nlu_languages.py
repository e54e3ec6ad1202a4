"""One model for every language, or one per language? Trains both ways on the same held-out
split and prints each language's macro F1 and accuracy (the README's table).

    .venv/bin/python bench/nlu_languages.py
"""

import tempfile
from pathlib import Path

from bot.nlu_eval import evaluate, languages
from bot.settings import ROOT

CONFIG = ROOT / "bot" / "config.yml"


def main() -> None:
    print(f"{'model':28} {'language':>8} {'macro F1':>8} {'accuracy':>8}")
    with tempfile.TemporaryDirectory() as workdir:
        together = evaluate(CONFIG, Path(workdir) / "together")
    for lang, result in together.items():
        print(f"{'one model, all languages':28} {lang:>8} {result.macro_f1:8.3f} {result.accuracy:8.3f}", flush=True)
    for lang in languages():
        with tempfile.TemporaryDirectory() as workdir:
            alone = evaluate(CONFIG, Path(workdir), langs=[lang])[lang]
        print(f"{'one model per language':28} {lang:>8} {alone.macro_f1:8.3f} {alone.accuracy:8.3f}", flush=True)


if __name__ == "__main__":
    main()
