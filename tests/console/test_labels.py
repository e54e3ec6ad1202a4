"""The console's words for what the queue stores, in both of the console's languages."""

import pytest

from bot.console import labels
from bot.handoff import queue


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ["Danger", "Threats", "Other"]), ("es", ["Peligro", "Amenazas", "Otra"])],
)
def test_each_priority_has_a_word_and_an_icon_of_its_own(lang, words):
    shown = [labels.priority(level, lang) for level in (queue.DANGER, queue.THREAT, queue.OTHER)]
    assert [s["priority_label"] for s in shown] == words
    assert len({s["icon"] for s in shown}) == 3
    assert [s["priority"] for s in shown] == ["danger", "threats", "other"]  # the page's colour classes


def test_channels_and_languages_are_named_as_people_say_them():
    assert [labels.channel(c, "en") for c in ("sms", "socketio")] == ["Text", "Web chat"]
    assert [labels.channel(c, "es") for c in ("sms", "socketio")] == ["Mensaje de texto", "Chat web"]
    assert labels.channel("whatsapp", "en") == "whatsapp"  # a channel added later, before its catalog entry
    assert [labels.language(code, "en") for code in ("en", "es")] == ["English", "Spanish"]
    assert [labels.language(code, "es") for code in ("en", "es")] == ["Inglés", "Español"]
    assert labels.language("not a language", "en") == "not a language"


def test_unanswered_questions_read_not_given_and_answers_read_as_given():
    assert labels.summary({"help": "skip", "safe_to_text": "yes", "state": "OH"}, "en") == {
        "need": "not given", "safe": "yes", "state": "Ohio",
    }  # fmt: skip
    assert labels.summary({"help": "a lawyer for court", "safe_to_text": "only after 6pm"}, "es") == {
        "need": "a lawyer for court", "safe": "only after 6pm", "state": "no lo dijo",
    }  # fmt: skip
    assert labels.summary({}, "en") == {"need": "not given", "safe": "not given", "state": "not given"}
    assert labels.answer("no", "es") == "no" and labels.answer("yes", "es") == "sí"
