"""The directory as shipped: it loads, its numbers are real numbers, and every state is covered."""

import phonenumbers
from sqlalchemy import select

from bot.directory import loader, queries
from bot.directory.models import Resource
from bot.location import STATES

STATES_AND_DC = [code for code in STATES if code not in {"PR", "GU", "VI", "AS", "MP"}]


def test_the_directory_loads_without_problems(directory):
    assert len(list(directory.scalars(select(Resource)))) == len(loader.read())


def test_every_phone_and_text_number_is_valid(directory):
    for r in directory.scalars(select(Resource)):
        for number in filter(None, [r.phone, r.text_number]):
            if number.isdigit() and len(number) in (3, 5, 6):  # 988 and SMS short codes
                continue
            parsed = phonenumbers.parse(number)
            assert phonenumbers.is_valid_number(parsed), (r.id, number)
            assert number == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def test_every_state_and_dc_has_an_active_compensation_program(directory):
    assert len(STATES_AND_DC) == 51
    for code in STATES_AND_DC:
        found = queries.find(directory, "compensation", code, local_first=True)
        assert found and found[0].state == code, code
        assert found[0].website or found[0].phone, code


def test_every_state_dc_and_territory_says_where_to_find_local_help(directory):
    for code in STATES:
        assert queries.find(directory, "local_help", code), code


def test_every_category_a_topic_answers_has_a_national_entry(directory):
    from actions.topics import TOPICS

    categories = {t.category for t in TOPICS.values()} | {"intimidation", "safety_planning", "hotline"}
    for category in categories:
        assert queries.find(directory, category), category


def test_every_entry_names_its_source_and_when_it_was_checked():
    for r in loader.read():
        assert r.source_checked is not None, r.id
        assert r.source_url or not r.source_verified, r.id
