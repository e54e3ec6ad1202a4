import pytest

from bot.location import STATES, find_state, state_for_zip


@pytest.mark.parametrize(
    "text, code",
    [
        ("Texas", "TX"),
        ("tx", "TX"),
        ("im in new mexico near albuquerque", "NM"),
        ("West Virginia", "WV"),
        ("virginia", "VA"),
        ("washington dc", "DC"),
        ("I live in Washington", "WA"),
        ("30301", "GA"),
        ("my zip is 10001-1234", "NY"),
        ("90210", "CA"),
        ("00901", "PR"),
        ("96910", "GU"),
        ("96799", "AS"),
        ("we're in los angeles california", "CA"),
        ("Nuevo México", None),
        ("Puerto Rico", "PR"),
        ("we moved to OH last year", "OH"),
        ("OK", None),
        ("ok", None),
        ("hi", None),
        ("in", None),
        ("me", None),
        ("IN", "IN"),
        ("ME", "ME"),
        ("oh", None),
        ("i need help paying $10000 in bills", None),
        ("who pays my hospital bills", None),
        ("", None),
    ],
)
def test_finds_the_state_people_mean(text, code):
    assert find_state(text) == code


def test_every_state_name_and_code_is_understood():
    for code, name in STATES.items():
        assert find_state(name) == code
        if code not in {"OK", "HI"}:  # "ok" and "hi" mean okay and hello; Oklahoma and Hawaii work by name
            assert find_state(code) == code


def test_zip_prefixes_that_no_state_uses_give_nothing():
    assert state_for_zip("00000") is None
    assert state_for_zip("09012") is None  # military mail
