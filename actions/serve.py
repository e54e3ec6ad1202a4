"""Starts the action server with the same arguments as `python -m rasa_sdk`, answering a failed
action with the kind of error only.

    python -m actions.serve --actions actions --port 5055

rasa_sdk answers an action that raised with its whole request: every message and slot of the
conversation. Rasa then logs that answer at ERROR, so one failing action would write what a
person said into the bot's log. rasa_sdk has no setting for it, so its error handler is replaced
here; the answer and the log name only the error's kind and the action.
"""

import logging

from rasa_sdk import endpoint
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

_create_app = endpoint.create_app


def _action_of(request: Request) -> str:
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - a body that is not JSON names no action
        return "?"
    name = body.get("next_action") if isinstance(body, dict) else None
    return name if isinstance(name, str) and name.isidentifier() else "?"


def create_app(*args, **kwargs):  # noqa: ANN002, ANN003 - rasa_sdk's own signature
    app = _create_app(*args, **kwargs)

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception) -> HTTPResponse:
        logger.error("action %s failed: %s", _action_of(request), type(exception).__name__)
        return response.json({"error": type(exception).__name__}, status=500)

    return app


def main() -> None:
    endpoint.create_app = create_app
    from rasa_sdk.__main__ import main as rasa_sdk_main

    rasa_sdk_main()


if __name__ == "__main__":
    main()
