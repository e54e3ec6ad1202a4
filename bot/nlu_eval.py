"""Held-out evaluation of an NLU pipeline: split data/nlu, train on 80 %, test on the other 20 %.

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


def split(workdir: Path, seed: int = 2026, lang: str = "en") -> tuple[Path, Path]:
    """Write train.yml and test.yml under workdir; every intent keeps about 20 % for testing."""
    data = load_data(str(NLU_DIR / lang))
    train, test = data.train_test_split(train_frac=0.8, random_seed=seed)
    paths = workdir / "train.yml", workdir / "test.yml"
    paths[0].write_text(train.nlu_as_yaml())
    paths[1].write_text(test.nlu_as_yaml())
    return paths


def evaluate(config: Path, workdir: Path, seed: int = 2026) -> Evaluation:
    workdir.mkdir(parents=True, exist_ok=True)
    train_file, test_file = split(workdir, seed)
    rasa = str(BIN / "rasa")
    quiet = {"cwd": ROOT, "check": True, "capture_output": True}
    subprocess.run(
        [rasa, "train", "nlu", "--config", str(config), "--nlu", str(train_file), "--out", str(workdir),
         "--fixed-model-name", "heldout"],
        **quiet,
    )  # fmt: skip
    model = workdir / "heldout.tar.gz"
    results = workdir / "results"
    subprocess.run(
        [rasa, "test", "nlu", "--model", str(model), "--nlu", str(test_file), "--out", str(results)], **quiet
    )
    report = json.loads((results / "intent_report.json").read_text())
    per_intent = {k: v["f1-score"] for k, v in report.items() if isinstance(v, dict) and "support" in v}
    for summary in ("macro avg", "weighted avg", "micro avg"):
        per_intent.pop(summary, None)
    return Evaluation(report["macro avg"]["f1-score"], report.get("accuracy", 0.0), per_intent, model, test_file)
