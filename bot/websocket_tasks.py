"""Websocket reads that end with the connection, instead of an ERROR in the log.

Sanic 21.12 (the version Rasa pins) starts a task for each chunk a websocket receives and keeps no
reference to it. When a person closes the web chat (or an advocate the console) while a message
is still being read, that task waits for ever; the garbage collector then destroys it and asyncio
logs "Task was destroyed but it is pending!" as an ERROR: a normal way to leave, reported to the
operator as a fault (sanic-org/sanic#3175; the fix proposed upstream, #3184, is in no release
Rasa allows). Here the two callbacks that start those tasks are Sanic's own, except that the
protocol keeps each task until it is done and cancels the ones left when the connection is lost,
as Sanic already does with its ping and closing tasks.
"""

import asyncio
from collections.abc import Coroutine

from sanic.server.websockets.impl import WebsocketImplProtocol

_connection_lost = WebsocketImplProtocol.connection_lost


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
    _connection_lost(self, exc)
    for task in list(self.__dict__.get("read_tasks", ())):
        task.cancel()


def apply() -> None:
    WebsocketImplProtocol.data_received = data_received
    WebsocketImplProtocol.eof_received = eof_received
    WebsocketImplProtocol.connection_lost = connection_lost
