"""Money is answered at once and the state's own program follows a state given at any turn, which
is remembered; help without police is said plainly, with no pressure."""

import re

from bot import db
from bot.directory import format, queries

PRESSURE = re.compile(
    r"\b(you|u)('ll| will)? (must|should|have to|need to|ought to|better)( [a-z]+)? "
    r"(report|call the police|go to the police|contact (the )?police|file a (police )?report|tell the police)",
    re.IGNORECASE,
)


def test_money_is_answered_at_once_and_a_state_given_later_adds_its_program(person):
    first = person("who pays my hospital bills after I got shot")
    assert "compensation" in first and "nacvcb.org" in first  # what it pays for and the national way in
    assert "police report" in first  # whether one is usually needed
    assert "Each state runs its own program" in first  # the state is offered for, not demanded
    answer = person("TX")
    assert "Texas Crime Victims' Compensation Program" in answer
    later = person("can i get money for the funeral")
    assert "Each state runs its own program" not in later
    assert "Texas Crime Victims' Compensation Program" in later


def test_a_zip_code_answers_the_state_question(person):
    person("how do i get victim compensation")
    assert "Georgia" in person("30303")


def test_a_state_named_in_the_question_is_not_asked_again(person):
    answer = person("how do i apply for crime victim compensation in new mexico")
    assert "Each state runs its own program" not in answer and "New Mexico" in answer


def test_a_person_may_decline_to_say_where_they_are(person):
    person("i need help paying medical bills from the assault")
    answer = person("i'd rather not say")
    assert "don't have to tell me" in answer
    assert "NACVCB" in answer or "nacvcb" in answer


def test_local_help_is_added_when_the_state_follows(person):
    answer = person("i need a safe place to stay")
    assert "state or ZIP" in answer
    assert "Illinois" in person("illinois")


def test_help_without_police_names_services_that_need_no_report(person):
    answer = person("can i get help without going to the police")
    assert "You don't have to go to the police" in answer
    assert "No police report needed." in answer
    assert not PRESSURE.search(answer), answer


def test_without_police_answers_never_pressure_to_report(person):
    person("I live in Florida")
    for question in [
        "i dont want the cops involved",
        "do i have to report it to get help",
        "will you call the police on me",
        "what if i never report it",
    ]:
        answer = person(question)
        assert answer and not PRESSURE.search(answer), (question, answer)


def test_report_requirements_come_from_the_directory(person, stack):
    person("im in kansas")
    answer = person("do i need a police report to get victim compensation")
    with db.session(stack.env["APP_DB_URL"]) as session:
        programme = queries.find(session, "compensation", "KS", local_first=True)[0]
        expected = format.police_report(programme, "en")
    assert programme.state == "KS" and expected in answer
    assert not PRESSURE.search(answer)


def test_forensic_exams_need_no_report(person):
    answer = person("does the hospital exam after a rape require a police report")
    assert "without reporting to the police" in answer


def test_without_police_answers_about_what_else_was_asked(person):
    answer = person("i was raped last weekend, i dont want to go to the cops but i need a doctor")
    assert "You don't have to go to the police" in answer
    assert "RAINN" in answer
    assert not PRESSURE.search(answer)


def test_two_close_intents_are_not_a_misunderstanding(person):
    answer = person("i was raped and i dont want to report it")
    assert "didn't understand" not in answer and "RAINN" in answer
