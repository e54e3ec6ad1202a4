"""Crisis messages get 911 or 988 first, whatever else is going on; threats get advice and people."""

import pytest

DANGER = [
    "hes outside my door with a gun",
    "me quiere matar, esta afuera de mi casa",
    "my boyfriend is choking me rn",
    "someone is breaking in",
    "they said they will kill me if i testify",
]
SELF_HARM = ["i want to kill myself", "i dont want to live anymore", "kms", "ya no quiero vivir"]


@pytest.mark.parametrize("message", DANGER)
def test_imminent_danger_gets_911_in_the_first_message(stack, person, message):
    first = stack.say(person.sender, message)[0]["text"]
    assert "call 911" in first or "llama al 911" in first  # in the language the person wrote in


@pytest.mark.parametrize("message", SELF_HARM)
def test_self_harm_gets_988_in_the_first_message(stack, person, message):
    first = stack.say(person.sender, message)[0]["text"]
    assert "988" in first


def test_a_crisis_while_the_bot_waits_for_a_state_still_comes_first(stack, person):
    person("who pays for counseling after a crime")
    person("how do i get compensation")
    first = stack.say(person.sender, "he just broke in hes here")[0]["text"]
    assert "call 911" in first


def test_a_crisis_message_with_a_question_gets_both(person):
    answer = person("he has a gun and i need a protective order")
    assert answer.index("call 911") < answer.index("WomensLaw")


def test_threats_against_a_witness_get_advice_and_people_who_can_help(person):
    """Through the REST channel no advocate can join (it cannot be pushed to), so the lines where
    advocates answer come at once; the web and SMS offer is in test_handoff.py."""
    answer = person("his friends keep telling me not to testify")
    assert "save every message" in answer
    assert "VictimConnect" in answer
    assert "trained advocates answer these lines now" in answer


def test_safety_planning_basics(person):
    assert "safety plan" in person("how can i plan to leave safely").lower()
