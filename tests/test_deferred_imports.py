"""TensorFlow is loaded only when a component of the model uses it (bot/deferred_imports.py,
bot/train_schema.py). Each check runs in a new interpreter: this one may have TensorFlow already."""

import json
import os
import subprocess
import sys
import textwrap

from bot.settings import ROOT
from bot.stack import MODEL


def run(code: str) -> dict:
    """What `code` (run after bot.serve's fixes, as `python -m bot.serve` runs them) printed as JSON."""
    prelude = "import json, sys\nfrom bot import serve\nserve.apply()\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "APP_ENV": "development"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_loaded_model_answers_without_tensorflow():
    seen = run(
        f"""
        import asyncio
        from rasa.core.agent import load_agent
        agent = asyncio.run(load_agent(model_path={str(MODEL)!r}))
        reply = asyncio.run(agent.parse_message("can i get help without going to the police"))
        print(json.dumps({{"intent": reply["intent"]["name"], "tensorflow": "tensorflow" in sys.modules}}))
        """
    )
    assert seen["intent"] and seen["intent"] != "nlu_fallback"
    assert seen["tensorflow"] is False


def test_the_training_graph_reads_as_rasa_reads_it():
    seen = run(
        f"""
        import tarfile, tempfile
        from pathlib import Path
        from bot import train_schema
        with tempfile.TemporaryDirectory() as d:
            tarfile.open({str(MODEL)!r}).extractall(d)
            stored = json.loads((Path(d) / "metadata.json").read_text())
        ours_metadata = train_schema.ModelMetadata.from_dict(json.loads(json.dumps(stored)))
        before = "tensorflow" in sys.modules
        read = ours_metadata.train_schema.as_dict()
        rasas = train_schema._from_dict(train_schema.ModelMetadata, json.loads(json.dumps(stored)))
        print(json.dumps({{
            "before": before, "after": "tensorflow" in sys.modules,
            "same": read == rasas.train_schema.as_dict(), "nodes": len(read["nodes"]),
            "whole": ours_metadata.as_dict() == rasas.as_dict(),
        }}))
        """
    )
    assert seen["before"] is False  # not read, not imported
    assert seen["nodes"] > 5 and seen["same"] and seen["whole"]
    assert seen["after"] is True  # read: its recipe validator imports DIET, as in Rasa


def test_a_component_that_uses_tensorflow_still_gets_it():
    seen = run(
        """
        import rasa.utils.train_utils as train_utils
        before = "tensorflow" in sys.modules
        from rasa.nlu.classifiers.diet_classifier import DIETClassifier
        import tensorflow as tf
        print(json.dumps({
            "before": before,
            "keras_model": issubclass(DIETClassifier.model_class(), tf.keras.Model),
            "callback": issubclass(train_utils.RasaTrainingLogger, tf.keras.callbacks.Callback),
        }))
        """
    )
    assert seen == {"before": False, "keras_model": True, "callback": True}
