"""A person who saw a killing gets what a frightened witness needs, not condolences; a person who
lost someone close still gets condolences (issue 13), in English and Spanish."""

import pytest


@pytest.mark.parametrize(
    "message, witness, condolences",
    [
        ("last week i saw a guy get shot in the parking lot and now im scared to go out", "what you saw",
         "sorry for your loss"),
        ("el sábado vi cómo mataron a un hombre en el parque y ahora me da miedo salir", "lo que viste",
         "siento mucho tu pérdida"),
    ],
)  # fmt: skip
def test_a_witness_to_a_killing_gets_witness_help_not_condolences(person, message, witness, condolences):
    answer = person(message)
    assert witness in answer and condolences not in answer.lower(), answer


def test_someone_who_lost_a_person_they_love_gets_condolences(person):
    assert "sorry for your loss" in person("my cousin was shot and killed last night and i saw it happen").lower()
