"""The sandbox web page: a phone-like Telegram client for a few private chats, served as plain files.

The page (``web/index.html``, ``web/sandbox.js``, ``web/sandbox.css``; no build step) reads everything it
shows from two places, both given by the JSON at ``api/config`` next to it:

- ``telegram``: where the fake server's control API is mounted (``{telegram}/_sandbox/...``). The page
  long-polls ``/_sandbox/changes`` and re-reads each chat's messages on every change, so it shows exactly
  what the bot sent: Telegram HTML (rendered from the parsed entities), inline keyboards, edits in place,
  ForceReply prompts. Taps, typed replies and forwards go back through the same control API, so the bot
  receives them as ordinary updates.
- ``people`` (``{chat_id, name, role, title, language, on_call}``), ``samples`` (``{name, title,
  language, mention}``) and ``drills`` (``{name, title, description}``) for the side panel; ``mentions_url``
  and ``drills_url`` are POSTed to by it. The host application decides what these mean.

``page_app()`` is a Starlette app serving the three files at ``/``, ``/sandbox.js`` and ``/sandbox.css``;
mount it anywhere (the relative URLs follow the mount point).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

__all__ = ["PAGE_DIR", "page_app"]

PAGE_DIR = Path(__file__).parent / "web"
_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/sandbox.js": ("sandbox.js", "text/javascript; charset=utf-8"),
    "/sandbox.css": ("sandbox.css", "text/css; charset=utf-8"),
}


def page_app() -> Starlette:
    """The page's files; nothing is cached, so an edited file shows on the next reload."""

    def serve(name: str, media_type: str) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return FileResponse(PAGE_DIR / name, media_type=media_type, headers={"cache-control": "no-store"})

        return endpoint

    return Starlette(routes=[Route(path, serve(name, kind), methods=["GET"]) for path, (name, kind) in _FILES.items()])
