"""What a person tells the assistant, on every path, and every stored row read back as raw text:
to prove that none of it is kept in the clear (bot/crypto.py, bot/stores/encrypted_tracker.py)."""

import uuid

import phonenumbers
from sqlalchemy import create_engine, inspect, text

from bot.channels import sms_store
from tests.e2e.people import Client, hand_off_by_text, hand_off_on_the_web, request_of, settle, wait_for
from tests.e2e.people import text as text_message


def every_row(url: str) -> str:
    """Every row of every table of the database at url, as text."""
    with create_engine(url, future=True).connect() as connection:
        tables = inspect(connection).get_table_names()
        return "\n".join(repr(tuple(row)) for t in tables for row in connection.execute(text(f'select * from "{t}"')))


def unique_phrase() -> str:
    """A phrase no other test writes, in letters only: digits could read as a ZIP code and give
    the assistant a state, which skips a handoff question the caller expects to answer."""
    return "Thistlewick pier " + uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop"))


def spellings(number: str) -> list[str]:
    """The ways a number could appear: +12025550143, 2025550143, (202) 555-0143, +1 202-555-0143."""
    parsed = phonenumbers.parse(number)
    formats = [phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL]
    return [number, str(parsed.national_number), *(phonenumbers.format_number(parsed, f) for f in formats)]


def tell_everything(stack, fake_twilio, advocate, phrase: str, number: str, web_url: str | None = None) -> None:
    """The phrase and the number by text and on the web chat, in the handoff questions, to the
    advocate and from the advocate, and in the advocate's note; then each handoff is closed."""
    national = spellings(number)[2]
    text_message(stack, number, f"my cousin saw {phrase}, call me at {national}")
    settle(fake_twilio, number)
    hand_off_by_text(stack, fake_twilio, number, answers=[phrase, "yes", "skip", "skip"])
    by_text = request_of(stack, sms_store.conversation_id(number)).id
    web = Client(web_url or stack.url)
    web.start()
    try:
        web.say(f"i saw {phrase}, my number is {national}")
        hand_off_on_the_web(web, answers=(phrase, "yes", "skip", "skip"))
        on_the_web = request_of(stack, web.session).id
        for request_id in (by_text, on_the_web):
            assert advocate.claim(request_id).status_code == 303
            assert advocate.send(request_id, text=f"About {phrase}: are you safe?")["status"] == "sent"
            advocate.post(f"/conversation/{request_id}/note", note=f"Caller mentioned {phrase} and {national}")
        web.say(f"yes, and {phrase} again", settle=0.5)
        text_message(stack, number, f"thanks, {phrase} again")
        wait_for(lambda: f"thanks, {phrase} again" in advocate.page(by_text))
        for request_id in (by_text, on_the_web):
            advocate.post(f"/conversation/{request_id}/close")
        wait_for(lambda: any("has ended this chat" in m.get("text", "") for m in web.messages))
    finally:
        web.close()
