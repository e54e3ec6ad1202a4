"""Requests to the action server serialised with orjson instead of the standard json module.

Every action call sends the whole conversation (Rasa's tracker state, every event), and aiohttp
encodes it with json.dumps: at turn 150 of a conversation that was the largest part of the turn
that grows with it (bench/, py-spy). orjson writes the same JSON over ten times faster. Rasa has
no setting for its request encoder; bot/serve.py applies this when the server starts.

The server reads the same values: orjson leaves non-ASCII characters as UTF-8 rather than \\u
escapes, which JSON allows. What orjson refuses (a lone surrogate, a NumPy number, a key that is
not a string) goes through aiohttp's json.dumps, as before. The one difference: a NaN or an
infinity, for which json.dumps writes tokens that are not JSON, arrives as null.
"""

from typing import Any

import orjson
from rasa.utils.endpoints import EndpointConfig

_request = EndpointConfig.request


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


def apply() -> None:
    EndpointConfig.request = request
