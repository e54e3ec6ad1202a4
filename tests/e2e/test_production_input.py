"""Input that only PostgreSQL refuses, sent to the production configuration: a NUL in a console
form or a REST sender, a MessageSid or ErrorCode longer than their columns. Each gets a clear
400 (never a 500, or a 503 that Twilio would retry for ever) and the servers answer normally
afterwards. The SQLite stack accepts all of these, so the fuzzing there cannot find them."""

import re
import uuid

import requests

from tests.e2e.people import PASSWORD, Advocate, create_account, webhook


def test_a_nul_in_a_console_form_is_refused_clearly_and_sign_in_still_works(production):
    create_account(production, "saoirse", "Saoirse")
    http = requests.Session()
    form = http.get(f"{production.console_url}/login", timeout=10)
    for cookie in http.cookies:
        cookie.secure = False  # production cookies are Secure; the test speaks plain HTTP to the console
    token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    refused = http.post(
        f"{production.console_url}/login",
        data={"csrf": token, "username": "saoi\x00rse", "password": PASSWORD},
        allow_redirects=False,
        timeout=10,
    )
    assert refused.status_code == 400 and "NUL" in refused.text
    assert Advocate(production, "saoirse", behind_tls=True).csrf  # signs in as usual


def test_a_nul_in_a_rest_sender_is_refused_clearly(production):
    url = f"{production.url}/webhooks/rest/webhook"
    refused = requests.post(
        url, json={"sender": "a\x00b", "message": "hi"}, headers=production.rest_headers(), timeout=30
    )
    assert refused.status_code == 400 and "printable" in refused.json()["error"]
    assert production.say(f"prod-{uuid.uuid4().hex}", "is this confidential")


def test_twilio_fields_longer_than_their_columns_are_refused_clearly(production):
    long_sid = "SM" + "0" * 80
    text = {"MessageSid": long_sid, "From": "+12025550142", "To": "+15005550006", "Body": "hi"}
    assert webhook(production, text).status_code == 400
    status = {"MessageSid": long_sid, "MessageStatus": "failed", "ErrorCode": "30007"}
    assert webhook(production, status, path="status").status_code == 400
    odd_code = {"MessageSid": f"SM{uuid.uuid4().hex}", "MessageStatus": "failed", "ErrorCode": "9" * 300}
    assert webhook(production, odd_code, path="status").status_code == 204
