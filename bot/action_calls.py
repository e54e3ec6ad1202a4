"""Requests to the action server serialised with orjson, over connections kept open.

Every action call sends the whole conversation (Rasa's tracker state, every event), and aiohttp
encodes it with json.dumps: at turn 150 of a conversation that was the largest part of the turn
that grows with it (bench/, py-spy). orjson writes the same JSON over ten times faster. Rasa has
no setting for its request encoder; bot/serve.py applies this when the server starts.

The server reads the same values: orjson leaves non-ASCII characters as UTF-8 rather than \\u
escapes, which JSON allows. What orjson refuses (a lone surrogate, a NumPy number, a key that is
not a string) goes through aiohttp's json.dumps, as before. The one difference: a NaN or an
infinity, for which json.dumps writes tokens that are not JSON, arrives as null.

Rasa also opens a new aiohttp session, and so a new TCP connection, for every action call: a
twentieth of the Rasa server's time per message (py-spy). The sessions now share one connector per
event loop, which keeps connections open between calls. A call is not safe to repeat, so a call
must never go out on a connection the action server is closing: the connector drops a connection
after IDLE_S seconds unused, before the action server's Sanic does (KEEP_ALIVE_TIMEOUT, 5 s).
The server closes its connector when it stops.
"""

import asyncio
import weakref
from typing import Any

import aiohttp
import orjson
import rasa.core.run
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig
from sanic import Sanic

IDLE_S = 2.0
_request = EndpointConfig.request
_configure_app = rasa.core.run.configure_app
_connectors: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.TCPConnector]" = weakref.WeakKeyDictionary()


def session(self: EndpointConfig) -> aiohttp.ClientSession:
    """As EndpointConfig.session, on the event loop's shared connector."""
    loop = asyncio.get_running_loop()
    connector = _connectors.get(loop)
    if connector is None or connector.closed:
        connector = _connectors[loop] = aiohttp.TCPConnector(keepalive_timeout=IDLE_S)
    auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
    return aiohttp.ClientSession(
        headers=self.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=connector,
        connector_owner=False,
    )


def encoded(body: Any) -> bytes | None:
    """The body as JSON bytes, or None where orjson cannot encode it as json.dumps would."""
    try:
        return orjson.dumps(body)
    except orjson.JSONEncodeError:
        return None


async def request(
    self: EndpointConfig,
    method: str = "post",
    subpath: str | None = None,
    content_type: str | None = "application/json",
    compress: bool = False,
    **kwargs: Any,
) -> Any:
    if "json" in kwargs and content_type == "application/json":
        body = encoded(kwargs["json"])
        if body is not None:
            kwargs["data"] = body
            del kwargs["json"]
    return await _request(self, method, subpath, content_type, compress, **kwargs)


async def close_connections(_app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
    connector = _connectors.pop(loop, None)
    if connector is not None:
        await connector.close()


def configure_app(*args: Any, **kwargs: Any) -> Sanic:
    """Rasa's server, closing the shared connections when it stops."""
    app = _configure_app(*args, **kwargs)
    app.register_listener(close_connections, "after_server_stop")
    return app


def apply() -> None:
    EndpointConfig.request = request
    EndpointConfig.session = session
    rasa.core.run.configure_app = configure_app
