"""A websocket closed while a message is still being read leaves no task pending and logs no
error: Sanic's own protocol, fed the bytes a browser sends, then the connection dropped."""

import asyncio
import gc
import logging

import pytest
from sanic.server.websockets.impl import WebsocketImplProtocol
from websockets.frames import Frame, Opcode
from websockets.server import ServerConnection

from bot import websocket_tasks
from tests import aio

HANDSHAKE = (
    b"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
    b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
)


def opened() -> WebsocketImplProtocol:
    connection = ServerConnection()
    connection.receive_data(HANDSHAKE)
    connection.send_response(connection.accept(connection.events_received()[0]))
    connection.data_to_send()  # the handshake's answer, sent
    return WebsocketImplProtocol(connection)


def errors_after(leave) -> list[str]:  # noqa: ANN001 - a coroutine function of the protocol
    """Asyncio's logged errors once the person has left as `leave` does and the protocol is
    forgotten, as the server forgets it."""
    errors: list[str] = []

    async def run() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, context: errors.append(context["message"]))
        protocol = opened()
        await leave(protocol)
        del protocol
        gc.collect()
        await asyncio.sleep(0.05)

    aio.run(run())
    return errors


async def unread_message(protocol: WebsocketImplProtocol) -> None:
    """A message arrives that nobody reads yet (the server is busy), then the person leaves."""
    protocol.data_received(Frame(Opcode.TEXT, b'42["user_uttered",{}]').serialize(mask=True, extensions=[]))
    await asyncio.sleep(0.05)
    protocol.connection_lost(None)
    await asyncio.sleep(0.05)


async def waiting_reader(protocol: WebsocketImplProtocol) -> None:
    """The handler waits for the next message; the person leaves, and Sanic cancels the handler."""
    reader = asyncio.create_task(protocol.recv())
    await asyncio.sleep(0.05)
    reader.cancel()
    await asyncio.sleep(0.05)
    protocol.connection_lost(None)
    await asyncio.sleep(0.05)


async def read_message(protocol: WebsocketImplProtocol) -> str:
    reader = asyncio.create_task(protocol.recv())
    protocol.data_received(Frame(Opcode.TEXT, "¿dónde? 🙂".encode()).serialize(mask=True, extensions=[]))
    return await asyncio.wait_for(reader, 5)


@pytest.fixture
def patched():
    saved = {name: getattr(WebsocketImplProtocol, name) for name in websocket_tasks.PATCHED}
    websocket_tasks.apply()
    yield
    for name, value in saved.items():
        setattr(WebsocketImplProtocol, name, value)


@pytest.fixture
def as_sanic_ships():
    """Sanic's own methods, though another test in this process applied bot/serve.py's fixes."""
    saved = {name: getattr(WebsocketImplProtocol, name) for name in websocket_tasks.PATCHED}
    for name, method in websocket_tasks.SANIC.items():
        setattr(WebsocketImplProtocol, name, method)
    yield
    for name, value in saved.items():
        setattr(WebsocketImplProtocol, name, value)


@pytest.mark.parametrize("leave", [unread_message, waiting_reader])
def test_sanic_alone_logs_a_destroyed_task(as_sanic_ships, leave):
    """The fault this module removes, so that the next test means something."""
    assert "Task was destroyed but it is pending!" in errors_after(leave)


@pytest.mark.parametrize("leave", [unread_message, waiting_reader])
def test_a_dropped_connection_cancels_its_reads_and_logs_nothing(patched, caplog, leave):
    with caplog.at_level(logging.ERROR):
        assert errors_after(leave) == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_messages_are_still_read(patched):
    async def run() -> str:
        return await read_message(opened())

    assert aio.run(run()) == "¿dónde? 🙂"
