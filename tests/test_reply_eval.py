"""The reply evaluation's scoring (bot/reply_eval.py) and its data (data/eval/replies_<lang>.yml)."""

import pytest
import yaml

from bot import reply_eval
from bot.settings import ROOT

COMPENSATION = (("compensation",), ("(8", "http"))


def entry(**changes) -> reply_eval.Entry:
    fields = {"text": "who pays my ER bill", "topic": "compensation", "language": "en", "must": COMPENSATION}
    return reply_eval.Entry(**{**fields, **changes})


def test_a_reply_with_one_string_of_each_group_passes():
    reply = [
        "Hi, I'm a confidential helper.",
        "Crime victim COMPENSATION can pay medical bills:",
        "Web: https://x.test",
    ]
    assert reply_eval.score(entry(), reply).passed


def test_a_missing_group_fails():
    result = reply_eval.score(entry(), ["Which state are you in?"])
    assert not result.passed and result.reasons[0] == "missing 'compensation'"


def test_a_must_not_string_fails_whatever_its_case():
    result = reply_eval.score(
        entry(must_not=("you must report",)), ["Compensation: call (855) 555-0142. You must report it."]
    )
    assert not result.passed and "contains 'you must report'" in result.reasons


def test_a_reply_in_the_other_language_fails():
    spanish = entry(language="es", must=(("compensación",), ("(8",)))
    english = ["Sorry, you can apply for compensación at (855) 555-0142"]
    assert not reply_eval.score(spanish, english).passed
    spanish_reply = ["La compensación puede pagar gastos médicos. Llama al (855) 555-0142"]
    assert reply_eval.score(spanish, spanish_reply).passed
    assert not reply_eval.score(entry(must=(("(8",),)), spanish_reply).passed


def test_an_empty_reply_fails():
    assert not reply_eval.score(entry(must=()), []).passed


def test_first_must_be_in_the_first_message():
    crisis = entry(topic="crisis_self_harm", must=(("988",),), first="988")
    assert reply_eval.score(crisis, ["Call or text 988 now.", "Hi, I'm a confidential helper."]).passed
    late = reply_eval.score(crisis, ["Hi, I'm a confidential helper.", "Call or text 988 now."])
    assert late.reasons == ["first message lacks '988'"]


def test_summary_is_per_topic_and_overall():
    scores = [reply_eval.score(entry(), ["compensation http"]), reply_eval.score(entry(), ["nothing"])]
    scores.append(reply_eval.score(entry(topic="greeting", must=(("help",),)), ["How can I help?"]))
    overall, per_topic = reply_eval.summary(scores)
    assert overall == pytest.approx(2 / 3) and per_topic == {"compensation": 0.5, "greeting": 1.0}
    lines = reply_eval.report("en", scores)
    assert lines[0] == "reply evaluation (en): 0.67 overall; per topic: compensation 0.50, greeting 1.00"
    assert lines[1].startswith("  miss (en) compensation: 'who pays my ER bill'")


TOPICS = set(
    "compensation legal protective_order medical sexual_violence shelter counseling hotline safety_plan"
    " intimidation witness privacy police_report domestic_violence stalking trafficking homicide_loss"
    " immigration child_abuse elder_abuse greeting distress crisis_danger crisis_self_harm".split()
)


def training_texts() -> set[str]:
    """Every training example of data/nlu, lower-cased with spaces collapsed."""
    texts = set()
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                texts.add(" ".join(line.strip().removeprefix("- ").lower().split()))
    return texts


@pytest.mark.parametrize("lang", reply_eval.LANGUAGES)
def test_the_evaluation_data_has_150_messages_on_every_topic_none_from_training(lang):
    entries = reply_eval.load(lang)
    assert len(entries) >= 150
    assert {e.topic for e in entries} == TOPICS
    assert len({e.text for e in entries}) == len(entries)
    assert all(e.must and all(e.must) for e in entries)
    assert all(e.first in ("911", "988") for e in entries if e.topic.startswith("crisis_"))
    training = training_texts()
    assert training and not [e.text for e in entries if " ".join(e.text.lower().split()) in training]
