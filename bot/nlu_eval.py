"""Held-out evaluation of an NLU pipeline: split data/nlu/<lang>, train on 80 %, test on the other 20 %.

Used by the test suite (the accuracy the README reports) and by bench/nlu_compare.py (choosing
the pipeline). The split is stratified by intent and seeded, so runs are comparable.
"""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

from bot.settings import ROOT

BIN = Path(sys.executable).parent
NLU_DIR = ROOT / "data" / "nlu"


@dataclass
class Evaluation:
    macro_f1: float
    accuracy: float
    per_intent: dict[str, float]
    model: Path
    test_file: Path


def languages() -> list[str]:
    return sorted(p.name for p in NLU_DIR.iterdir() if p.is_dir())


def split(workdir: Path, seed: int = 2026, langs: list[str] | None = None) -> tuple[Path, dict[str, Path]]:
    """Write train.yml (all languages together) and test-<lang>.yml under workdir; every intent
    of every language keeps about 20 % for testing."""
    train_data, tests = None, {}
    for lang in langs or languages():
        train, test = load_data(str(NLU_DIR / lang)).train_test_split(train_frac=0.8, random_seed=seed)
        train_data = train if train_data is None else train_data.merge(train)
        tests[lang] = workdir / f"test-{lang}.yml"
        tests[lang].write_text(test.nlu_as_yaml())
    train_file = workdir / "train.yml"
    train_file.write_text(train_data.nlu_as_yaml())
    return train_file, tests


def evaluate(config: Path, workdir: Path, seed: int = 2026, langs: list[str] | None = None) -> dict[str, Evaluation]:
    """Train one model on the training part of `langs` (default: every language, as shipped) and
    score it on each language's held-out part."""
    workdir.mkdir(parents=True, exist_ok=True)
    train_file, test_files = split(workdir, seed, langs)
    rasa = str(BIN / "rasa")
    quiet = {"cwd": ROOT, "check": True, "capture_output": True}
    subprocess.run(
        [rasa, "train", "nlu", "--config", str(config), "--nlu", str(train_file), "--out", str(workdir),
         "--fixed-model-name", "heldout"],
        **quiet,
    )  # fmt: skip
    model = workdir / "heldout.tar.gz"
    results = {}
    for lang, test_file in test_files.items():
        out = workdir / f"results-{lang}"
        subprocess.run(
            [rasa, "test", "nlu", "--model", str(model), "--nlu", str(test_file), "--out", str(out)], **quiet
        )
        report = json.loads((out / "intent_report.json").read_text())
        per_intent = {k: v["f1-score"] for k, v in report.items() if isinstance(v, dict) and "support" in v}
        for summary in ("macro avg", "weighted avg", "micro avg"):
            per_intent.pop(summary, None)
        results[lang] = Evaluation(
            report["macro avg"]["f1-score"], report.get("accuracy", 0.0), per_intent, model, test_file
        )
    return results


def main() -> None:
    """`python -m bot.nlu_eval WORKDIR`: evaluate the shipped pipeline and write WORKDIR/results.json
    (the test suite starts this in the background at its start, so the training overlaps the
    other tests: tests/conftest.py)."""
    workdir = Path(sys.argv[1])
    results = evaluate(ROOT / "bot" / "config.yml", workdir)
    summary = {
        lang: {"macro_f1": r.macro_f1, "accuracy": r.accuracy, "per_intent": r.per_intent}
        for lang, r in results.items()
    }
    (workdir / "results.json").write_text(json.dumps(summary))


if __name__ == "__main__":
    main()
