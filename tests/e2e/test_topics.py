"""Each topic a victim or witness asks about is answered, through the running server, with an
entry of the matching directory category. Questions are worded unlike the training data."""

import pytest
from sqlalchemy import select

from bot import db
from bot.directory.models import Resource, ResourceCategory

QUESTIONS = [
    ("is there a number i can call to talk to somebody about what happened", "hotline"),
    ("how can i get a free lawyer, i cant afford one", "legal_aid"),
    ("i need a restraining order against my ex how do i do that", "protective_order"),
    ("what rights do i have now that the case is going to trial", "victim_rights"),
    ("i got hurt pretty bad when he attacked me and need a doctor", "medical"),
    ("where can i get a rape kit done without involving cops", "forensic_exam"),
    ("who pays my hospital bills after I got shot in ohio", "compensation"),
    ("i have nowhere safe to sleep tonight, can you find me a shelter", "shelter"),
    ("is there a support group for people who went through something like this", "counseling"),
    ("can i get a u visa as a crime victim", "immigration"),
    ("my neighbor's little boy always has bruises and is scared of his dad", "child_abuse"),
    ("my grandfather's caregiver is taking his money and yelling at him", "elder_abuse"),
    ("my brother was murdered last month and my family is falling apart", "homicide_grief"),
    ("my boss keeps my passport and says i cant quit until i pay him back", "trafficking"),
    ("a guy from work keeps showing up outside my apartment and sending me messages", "stalking"),
    ("my husband hits me when he gets angry", "domestic_violence"),
    ("i was sexually assaulted at a party last weekend", "sexual_violence"),
]


def names_in(directory_url: str, category: str) -> set[str]:
    with db.session(directory_url) as session:
        query = select(Resource.name).join(ResourceCategory).where(ResourceCategory.category == category)
        return set(session.scalars(query.where(Resource.active.is_(True))))


@pytest.fixture(scope="module")
def directory_url(stack):
    return stack.env["APP_DB_URL"]


@pytest.mark.parametrize("question, category", QUESTIONS, ids=[c for _, c in QUESTIONS])
def test_each_topic_is_answered_with_a_matching_resource(person, directory_url, question, category):
    answer = person(question)
    named = [name for name in names_in(directory_url, category) if name in answer]
    assert named, f"no {category} entry in: {answer}"


def test_a_first_message_gets_the_intro_and_its_answer_in_the_same_reply(person):
    answer = person("my husband hits me when he gets angry")
    assert "confidential" in answer and "not the police" in answer and "911" in answer
    assert "National Domestic Violence Hotline" in answer


def test_the_intro_is_said_once(person):
    person("hi")
    assert "not the police" not in person("i need a lawyer")


def test_sexual_violence_gets_rainn_first_and_no_more_than_three_entries(person):
    answer = person("someone raped me")
    assert "RAINN" in answer.split("\n\n")[2]
    assert answer.count("Web: ") + answer.count("Call ") <= 6
