"""The advocate console's door: accounts from the command line, sign-in with throttling, sessions,
CSRF on every state-changing request, escaping, and the admin-only audit log. Real server."""

import json
import os
import re
import subprocess
import sys
import time

import pytest
import requests
import websocket

from bot.stack import free_port

PASSWORD = "correct horse battery staple"


def cli(env, *args, password=PASSWORD):
    command = [sys.executable, "-m", "bot.console", *args]
    return subprocess.run(command, input=password + "\n", env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("console")
    # One proxy in front, as in production: the tests play clients at different addresses.
    env = {**os.environ, "APP_DB_URL": f"sqlite:///{workdir / 'app.db'}", "CONSOLE_PROXIES_COUNT": "1"}
    assert cli(env, "create-account", "dana", "--role", "advocate", "--name", "Dana <b>").returncode == 0
    assert cli(env, "create-account", "root", "--role", "admin", "--name", "Admin").returncode == 0
    assert cli(env, "create-account", "throttled", "--role", "advocate").returncode == 0
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.console", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(f"{url}/login", timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.2)
    yield url, env
    process.terminate()
    process.wait(10)


def sign_in(url, username, password=PASSWORD, address="192.0.2.10"):
    browser = requests.Session()
    browser.headers["X-Forwarded-For"] = address  # the client's address, as the proxy reports it
    form = browser.get(f"{url}/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    reply = browser.post(f"{url}/login", data={"csrf": csrf, "username": username, "password": password})
    return browser, reply


def csrf_of(browser, url):
    return re.search(r'name="csrf" value="([^"]+)"', browser.get(f"{url}/").text).group(1)


def test_no_console_route_works_without_signing_in(console):
    """Every route the app has, found from the app itself, so a new route cannot be forgotten."""
    url, _ = console
    from bot.console.app import create_app

    # A partner opens a referral with the code the advocate read them, not an account (bot/referrals).
    partner_page = {"/referral/<token:str>", "/referral/<token:str>/received"}
    open_routes = {"/login", "/static/<__file_uri__:path>", *partner_page}
    paths = {(route.path, method) for route in create_app().router.routes for method in route.methods}
    checked = 0
    for path, method in sorted(paths):
        path = "/" + path.lstrip("/")
        if path in open_routes or path == "/live":
            continue
        concrete = path.replace("<request_id:id>", "1").replace("<referral_id:id>", "1").replace("<number:int>", "0")
        reply = requests.request(method, f"{url}{concrete}", allow_redirects=False)
        if method == "GET":
            assert reply.status_code == 303 and reply.headers["location"] == "/login", path
        else:
            assert reply.status_code == 401, path
        checked += 1
    assert checked >= 10
    live = websocket.create_connection(f"ws://{url.removeprefix('http://')}/live", origin=url, timeout=5)
    try:
        assert live.recv() == ""  # closed at once: a stranger gets no queue
    except websocket.WebSocketConnectionClosedException:
        pass


def test_signing_in_sets_a_safe_cookie_and_shows_names_as_text(console):
    url, _ = console
    browser, reply = sign_in(url, "dana")
    assert reply.status_code == 200 and "Signed in as Dana &lt;b&gt;" in reply.text
    cookie = reply.history[0].headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert reply.headers["cache-control"] == "no-store" and reply.headers["x-frame-options"] == "DENY"


def test_a_request_without_the_csrf_token_is_refused(console):
    url, _ = console
    browser, _ = sign_in(url, "dana")
    assert browser.post(f"{url}/logout", allow_redirects=False).status_code == 403
    assert browser.post(f"{url}/logout", data={"csrf": "forged"}, allow_redirects=False).status_code == 403
    assert browser.get(f"{url}/").status_code == 200  # still signed in
    reply = browser.post(f"{url}/logout", data={"csrf": csrf_of(browser, url)}, allow_redirects=False)
    assert reply.status_code == 303
    assert browser.get(f"{url}/", allow_redirects=False).status_code == 303  # signed out
    no_token = requests.post(f"{url}/login", data={"username": "dana", "password": PASSWORD})
    assert no_token.status_code == 403


def test_failed_sign_ins_slow_down_the_client_that_makes_them(console):
    url, _ = console
    for _ in range(5):
        assert sign_in(url, "throttled", "wrong password!!", address="198.51.100.66")[1].status_code == 401
    refused = sign_in(url, "throttled", address="198.51.100.66")[1]  # even the right password, for now
    assert refused.status_code == 429 and "Try again in 30 seconds" in refused.text
    assert refused.headers["Retry-After"] == "30"


def test_someone_elses_failures_do_not_lock_an_advocate_out(console):
    """Ten wrong passwords for dana from an attacker's address; dana, at her own, signs in."""
    url, _ = console
    for _ in range(10):
        sign_in(url, "dana", "wrong password!!", address="203.0.113.99")
    assert sign_in(url, "dana", address="192.0.2.44")[1].url.endswith("/")
    admin, _ = sign_in(url, "root")
    assert admin.get(f"{url}/audit").text.count("sign_in_failed") >= 10  # failures are audited


def test_the_audit_log_is_for_admins(console):
    url, _ = console
    advocate, _ = sign_in(url, "dana")
    assert advocate.get(f"{url}/audit").status_code == 403
    admin, _ = sign_in(url, "root")
    page = admin.get(f"{url}/audit")
    assert page.status_code == 200 and "sign_in" in page.text and "dana" in page.text


def test_accounts_need_a_long_password_a_known_role_and_a_new_name(console):
    _, env = console
    assert "at least 12 characters" in cli(env, "create-account", "sam", password="short").stderr
    assert "is taken" in cli(env, "create-account", "dana").stderr
    assert cli(env, "create-account", "kim", "--role", "boss").returncode != 0


def live_socket(url: str, browser: requests.Session, query: str = "") -> websocket.WebSocket:
    cookies = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
    return websocket.create_connection(
        f"ws://{url.removeprefix('http://')}/live{query}", origin=url, cookie=cookies, timeout=5
    )


def test_the_live_socket_stops_streaming_after_sign_out(console):
    url, _ = console
    browser, _ = sign_in(url, "dana", address="192.0.2.45")
    live = live_socket(url, browser)
    try:
        assert "queue" in json.loads(live.recv())  # streaming while signed in
        signed_out = browser.post(f"{url}/logout", data={"csrf": csrf_of(browser, url)}, allow_redirects=False)
        assert signed_out.status_code == 303
        with pytest.raises(websocket.WebSocketConnectionClosedException):  # closed at the next poll, not left open
            for _ in range(10):
                assert live.recv() == ""  # the close frame, then nothing
    finally:
        live.close()
