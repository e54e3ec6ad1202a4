"""Websocket reads that end with the connection, instead of an ERROR in the log.

Sanic 21.12 (the version Rasa pins) leaves two kinds of task waiting for ever when a person closes
the web chat (or an advocate the console): the task it starts for each chunk received, when the
message is not read yet, and the read that `recv` starts, when the handler waiting in `recv` is
cancelled. The garbage collector then destroys them and asyncio logs "Task was destroyed but it
is pending!" as an ERROR: a normal way to leave, reported to the operator as a fault
(sanic-org/sanic#3175 and #2564; the fixes proposed upstream are in no release Rasa allows).
Here those three methods are Sanic's own, except that the protocol keeps each chunk's task until
it is done and cancels the ones left when the connection is lost (as Sanic already does with its
ping and closing tasks), and `recv` cancels its read however it ends.
"""

import asyncio
from collections.abc import Coroutine

from sanic.exceptions import ServerError, WebsocketClosed
from sanic.server.websockets.impl import WebsocketImplProtocol
from websockets.connection import CLOSED
from websockets.typing import Data

PATCHED = ("data_received", "eof_received", "connection_lost", "recv")
SANIC = {name: getattr(WebsocketImplProtocol, name) for name in PATCHED}  # as Sanic ships them


def _start(protocol: WebsocketImplProtocol, work: Coroutine) -> None:
    tasks = protocol.__dict__.setdefault("read_tasks", set())
    task = asyncio.create_task(work)
    tasks.add(task)
    task.add_done_callback(tasks.discard)


def data_received(self: WebsocketImplProtocol, data: bytes) -> None:
    self.connection.receive_data(data)
    data_to_send = self.connection.data_to_send()
    events_to_process = self.connection.events_received()
    if len(data_to_send) > 0 or len(events_to_process) > 0:
        _start(self, self.async_data_received(data_to_send, events_to_process))


def eof_received(self: WebsocketImplProtocol) -> bool:
    self.connection.receive_eof()
    data_to_send = self.connection.data_to_send()
    events_to_process = self.connection.events_received()
    _start(self, self.async_eof_received(data_to_send, events_to_process))
    return False


def connection_lost(self: WebsocketImplProtocol, exc: Exception | None) -> None:
    SANIC["connection_lost"](self, exc)
    for task in list(self.__dict__.get("read_tasks", ())):
        task.cancel()


async def recv(self: WebsocketImplProtocol, timeout: float | None = None) -> Data | None:
    if self.recv_lock.locked():
        raise ServerError("cannot call recv while another task is already waiting for the next message")
    await self.recv_lock.acquire()
    if self.connection.state is CLOSED:
        self.recv_lock.release()
        raise WebsocketClosed("Cannot receive from websocket interface after it is closed.")
    read = asyncio.ensure_future(self.assembler.get(timeout))
    try:
        self.recv_cancel = asyncio.Future()
        await asyncio.wait((self.recv_cancel, read), return_when=asyncio.FIRST_COMPLETED)
        if not read.done():  # recv was cancelled (the connection is closing)
            raise asyncio.CancelledError()
        self.recv_cancel.cancel()
        return read.result()
    finally:
        read.cancel()  # nothing when it is done
        self.recv_cancel = None
        self.recv_lock.release()


def apply() -> None:
    WebsocketImplProtocol.data_received = data_received
    WebsocketImplProtocol.eof_received = eof_received
    WebsocketImplProtocol.connection_lost = connection_lost
    WebsocketImplProtocol.recv = recv
