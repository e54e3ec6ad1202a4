"""bot.serve's speed fixes behave exactly as the Rasa code they replace."""

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import dask
import pytest
from aiohttp import web
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import EndpointConfig

from bot import action_calls, graph_runner, serve
from tests import aio


@pytest.fixture
def action():
    serve.apply()
    return RemoteAction("action_greet", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_a_valid_response_passes(action):
    result = {"events": [{"event": "slot", "name": "state", "value": "TX"}], "responses": [{"text": "Hi"}]}
    assert action._validate_action_result(result) is True


@pytest.mark.parametrize(
    "result",
    [
        {"events": "not a list", "responses": []},
        {"events": [{"event": "slot", "value": "TX"}], "responses": []},  # a slot event needs a name
    ],
)
def test_a_malformed_response_is_refused_with_rasas_message(action, result):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result(result)


def test_event_classes_resolve_as_in_rasa():
    serve.apply()
    for cls in all_subclasses(Event):
        assert Event.resolve_by_type(cls.type_name) is serve._resolve_original(cls.type_name)
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")


def test_the_graph_runs_in_order_as_dask_runs_it():
    """Every node once, after what it needs, with inputs passed as dask passes them."""
    calls = []

    def node(name):
        def run(*needed):
            calls.append(name)
            return name, {"ran": name, "after": [n for n, _ in needed]}

        return run

    graph = {
        "__message__": ("__message__", ["words"]),
        "__tracker__": ("__tracker__", "web-1"),
        "tokens": (node("tokens"), "__message__"),
        "intent": (node("intent"), "tokens", "__tracker__"),
        "crisis": (node("crisis"), "intent", "tokens"),
        "policy": (node("policy"), "crisis", "intent"),
    }
    expected = dict(dask.get(graph, ["policy", "intent"]))
    calls.clear()
    assert graph_runner.run_in_order(graph, ["policy", "intent"]) == expected
    assert calls == ["tokens", "intent", "crisis", "policy"]


@asynccontextmanager
async def action_server(seen: Callable[[web.Request], Awaitable[None]]) -> AsyncIterator[EndpointConfig]:
    """An action server on this machine that answers every call with nothing to do, after
    `seen` looked at the request; Rasa's endpoint for it, whose connections close afterwards."""

    async def webhook(request: web.Request) -> web.Response:
        await seen(request)
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app, keepalive_timeout=60)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield EndpointConfig(f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/webhook")
    finally:
        await action_calls.close_connections(None, asyncio.get_running_loop())
        await runner.cleanup()


async def received_by_a_server(body: object) -> bytes:
    """What a server on this machine receives when Rasa's endpoint sends body as JSON."""
    received = []

    async def keep(request: web.Request) -> None:
        received.append(await request.read())

    async with action_server(keep) as endpoint:
        reply = await endpoint.request(json=body, method="post")
    assert reply == {"events": [], "responses": []}
    return received[0]


@pytest.mark.parametrize(
    "text",
    ['¿Dónde hay un refugio? 🏠 "quoted" \\ back\nslash', "a lone surrogate \ud800", "x" * 100_000],
)
def test_the_action_server_receives_what_json_dumps_would_send(text):
    serve.apply()
    body = {"next_action": "action_resources", "tracker": {"events": [{"event": "user", "text": text, "n": 0.1}]}}
    sent = aio.run(received_by_a_server(body))
    assert json.loads(sent) == body
    if "\ud800" in text:
        assert sent == json.dumps(body).encode()  # orjson refuses it; json.dumps sends it, as before
    elif "🏠" in text:
        assert "🏠".encode() in sent  # orjson's encoding, not json.dumps's \ud83c\udfe0


async def client_ports_of_calls(pauses: list[float]) -> list[int]:
    """The client port of each action call, made with the given pauses before each: one port for
    calls that shared a connection."""
    ports = []

    async def keep_port(request: web.Request) -> None:
        ports.append(request.transport.get_extra_info("peername")[1])

    async with action_server(keep_port) as endpoint:
        for pause in pauses:
            await asyncio.sleep(pause)
            await endpoint.request(json={"next_action": "action_greet"}, method="post")
    return ports


def test_action_calls_share_one_connection():
    serve.apply()
    ports = aio.run(client_ports_of_calls([0, 0, 0]))
    assert len(ports) == 3 and len(set(ports)) == 1


def test_a_connection_idle_for_longer_than_idle_s_is_not_used_again(monkeypatch):
    monkeypatch.setattr(action_calls, "IDLE_S", 0.2)
    serve.apply()
    ports = aio.run(client_ports_of_calls([0, 0.5]))
    assert len(set(ports)) == 2


def test_the_action_server_keeps_a_connection_open_longer_than_rasa_does():
    """Else Rasa could send a call on a connection the action server is closing, and lose it."""
    from actions.serve import create_app

    app = create_app("actions")
    assert app.config.KEEP_ALIVE and app.config.KEEP_ALIVE_TIMEOUT > action_calls.IDLE_S
