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


def read_then_drop() -> list[str]:
    """A message arrives that nobody reads yet (the server is busy), then the person leaves; the
    protocol is then forgotten, as the server forgets it. Asyncio's logged errors."""
    errors: list[str] = []

    async def run() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, context: errors.append(context["message"]))
        connection = ServerConnection()
        connection.receive_data(HANDSHAKE)
        connection.send_response(connection.accept(connection.events_received()[0]))
        connection.data_to_send()  # the handshake's answer, sent
        protocol = WebsocketImplProtocol(connection)
        protocol.data_received(Frame(Opcode.TEXT, b'42["user_uttered",{}]').serialize(mask=True, extensions=[]))
        await asyncio.sleep(0.05)
        protocol.connection_lost(None)
        await asyncio.sleep(0.05)
        del protocol, connection
        gc.collect()
        await asyncio.sleep(0.05)

    aio.run(run())
    return errors


@pytest.fixture
def patched():
    names = ("data_received", "eof_received", "connection_lost")
    saved = {name: getattr(WebsocketImplProtocol, name) for name in names}
    websocket_tasks.apply()
    yield
    for name, value in saved.items():
        setattr(WebsocketImplProtocol, name, value)


def test_sanic_alone_logs_a_destroyed_task():
    """The fault this module removes, so that the next test means something."""
    assert "Task was destroyed but it is pending!" in read_then_drop()


def test_a_dropped_connection_cancels_its_reads_and_logs_nothing(patched, caplog):
    with caplog.at_level(logging.ERROR):
        assert read_then_drop() == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
