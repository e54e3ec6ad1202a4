"""A referral shares only what the person agreed to, only on their explicit yes, and only until it
ends (bot/referrals): the partner's page holds the ticked fields and nothing else, whatever the
advocate typed; a no, an expiry or a withdrawal drops what would have been shared."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from sanic.request import RequestParameters

from bot import clock, db, referrals, trends
from bot.console.referrals import chosen
from bot.referrals import FIELDS, contacts, partner_page
from bot.settings import ConfigurationError

PARTNER = {"id": "il-cook-legal-aid-chicago", "name": "Legal Aid Chicago", "justice_system": False, "language": "en"}


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('referrals') / 'app.db'}"
    for tables in (referrals.Base, trends.Base):
        tables.metadata.create_all(db.engine(url))
    return url


def proposed(session, shared: dict[str, str], days: int = 30) -> referrals.Referral:
    return referrals.propose(session, 7, "web-referral-test", 1, PARTNER, shared, "custody case", days)


@pytest.mark.parametrize("text", ["AGREE", "yes", "Yes.", "sí", "Acepto", "de acuerdo", "I agree!"])
def test_an_explicit_yes_is_a_yes(text):
    assert referrals.answer_of(text) == "yes"


@pytest.mark.parametrize("text", ["NO", "no thanks", "No gracias"])
def test_an_explicit_no_is_a_no(text):
    assert referrals.answer_of(text) == "no"


@pytest.mark.parametrize("text", ["ok", "maybe", "yes but who are they?", "sure", "what would they get", ""])
def test_anything_else_is_no_consent(text):
    assert referrals.answer_of(text) is None


@pytest.mark.parametrize("text, said", [("yes", None), ("sí", None), ("no", None), ("AGREE", "yes"),
                                        ("acepto", "yes"), ("no acepto", "no"), ("I don't agree", "no")])  # fmt: skip
def test_once_the_advocate_wrote_something_else_only_the_asked_words_count(text, said):
    """A bare yes may answer "are you somewhere safe?", asked after the referral's question."""
    assert referrals.answer_of(text, strict=True) == said


values = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(ticked=st.sets(st.sampled_from(FIELDS), min_size=1), typed=st.fixed_dictionaries({f: values for f in FIELDS}))
def test_the_partner_page_holds_the_ticked_fields_and_nothing_else(url, ticked, typed):
    """The advocate types into every field and ticks some: only the ticked reach the partner."""
    marked = {f: f"{f.upper()}MARK {typed[f]}" for f in FIELDS}
    form = RequestParameters({"share": sorted(ticked), **{f: [v] for f, v in marked.items()}})
    with db.session(url) as session, session.begin():
        referral = proposed(session, chosen(form))
        assert referrals.answer(session, referral, "AGREE", "socketio") == "yes"
        page = partner_page.referral_html(referral, "en", "token", referral.code["code"])
    for field in FIELDS:
        if field in ticked:
            assert str(escape(marked[field].strip())) in page
        else:
            assert f"{field.upper()}MARK" not in page


def test_a_no_keeps_nothing_of_what_would_have_been_shared(url):
    with db.session(url) as session, session.begin():
        referral = proposed(session, {"alias": "Marisol", "needs": "a custody lawyer"})
        assert referrals.answer(session, referral, "no", "sms") == "no"
        assert (referral.status, referral.shared, referral.reason, referral.code) == ("refused", None, None, None)


def test_an_expired_release_ends_and_drops_what_it_shared(url):
    with db.session(url) as session, session.begin():
        referral = proposed(session, {"alias": "Marisol"}, days=1)
        referrals.answer(session, referral, "yes", "sms")
        assert referrals.live(referral)
        with clock.fixed_at(clock.now() + dt.timedelta(days=2)):
            assert not referrals.live(referral)
        assert (referral.status, referral.shared, referral.code) == ("expired", None, None)


def test_withdrawing_ends_every_release_and_question_of_the_conversation(url):
    with db.session(url) as session, session.begin():
        agreed = proposed(session, {"alias": "Marisol"})
        referrals.answer(session, agreed, "yes", "sms")
        waiting = referrals.propose(session, 8, "web-referral-test", 1, PARTNER, {"needs": "housing"}, "housing", 30)
        ended = referrals.withdraw(session, "web-referral-test")
        assert {agreed.id, waiting.id} <= {r.id for r in ended}
        assert {agreed.status, waiting.status} == {"withdrawn"} and agreed.shared is None


@pytest.mark.parametrize("shared", [{}, {"address": "12 Example St"}, {"alias": "x", "phone": "+1 312 555 0100"}])
def test_only_the_listed_fields_can_be_proposed(url, shared):
    with db.session(url) as session, pytest.raises(ValueError):
        proposed(session, shared)


@pytest.mark.parametrize(
    "content, problem",
    [
        (None, "cannot be read"),
        ("partners:\n  il-cook-legal-aid-chicago:\n    language: en\n", "needs an email address"),
        (
            "partners:\n  il-cook-legal-aid-chicago:\n    email: intake@example.org\n    language: fr\n",
            "and a language",
        ),
        ("partners: [one, two\n", "cannot be read"),
    ],
)
def test_a_wrong_partners_file_is_a_clear_error_naming_it(tmp_path, monkeypatch, content, problem):
    path = tmp_path / "partners.yml"
    if content is not None:
        path.write_text(content)
    monkeypatch.setenv("REFERRAL_PARTNERS_FILE", str(path))
    with pytest.raises(ConfigurationError, match=problem) as raised:
        contacts.load()
    assert str(path) in str(raised.value)
