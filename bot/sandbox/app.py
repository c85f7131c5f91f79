"""The HTTP face of the fake Telegram: `/bot{token}/{method}` plus the `/_sandbox/...` control routes."""

from __future__ import annotations

import asyncio
import json
import struct
from email import policy
from email.parser import BytesParser
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .actors import Actors
from .context import ApiContext
from .control import control_routes
from .errors import BotApiError, bad_request
from .faults import FaultInjector
from .methods import METHODS
from .params import Params
from .state import CallRecord

__all__ = ["build_app"]

_BAD_GATEWAY_HTML = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
    "</center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n"
)


def build_app(ctx: ApiContext, actors: Actors, faults: FaultInjector, *, token: str) -> Starlette:
    """The Starlette app serving one bot token."""

    async def bot_api(request: Request) -> Response:
        if request.path_params["token"] != token:
            return _error(BotApiError(401, "Unauthorized"))
        method = request.path_params["method"]
        implementation = METHODS.get(method.lower())
        if implementation is None:
            return _error(BotApiError(404, "Not Found"))
        try:
            raw = await read_params(request)
        except BotApiError as error:
            return _error(error)
        fault = faults.take(method)
        if fault is not None and fault.hang > 0:
            await asyncio.sleep(fault.hang)
        if fault is not None and fault.status is not None:
            _record(ctx, method, raw, error=BotApiError(fault.status, HTTPStatus(fault.status).phrase))
            if fault.status == HTTPStatus.BAD_GATEWAY:
                return Response(_BAD_GATEWAY_HTML, status_code=502, media_type="text/html")
            return _error(BotApiError(fault.status, HTTPStatus(fault.status).phrase))
        try:
            result = await implementation(ctx, Params(raw))
        except BotApiError as error:
            if error.error_code == HTTPStatus.TOO_MANY_REQUESTS:
                ctx.state.too_many_requests += 1
            _record(ctx, method, raw, error=error)
            return _error(error)
        _record(ctx, method, raw, result=result)
        return JSONResponse({"ok": True, "result": result})

    routes = [
        Route("/bot{token}/{method}", bot_api, methods=["GET", "POST"]),
        *control_routes(ctx, actors, faults),
    ]
    return Starlette(routes=routes)


async def read_params(request: Request) -> dict[str, Any]:
    """Query string merged with a JSON, form-urlencoded or multipart body."""
    params: dict[str, Any] = dict(request.query_params)
    body = await request.body()
    content_type = request.headers.get("content-type", "")
    if not body:
        return params
    if content_type.startswith("application/json"):
        try:
            decoded = json.loads(body)
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(decoded, dict):
            raise bad_request("JSON object expected")
        params.update(decoded)
    elif content_type.startswith("multipart/form-data"):
        params.update(_multipart(content_type, body))
    else:
        params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return params


def _multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Parse multipart/form-data with the standard library (files become a short description)."""
    message = BytesParser(policy=policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = str(part.get_param("name", header="content-disposition") or "")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            fields[name] = {"filename": filename, "size": len(data)}
            if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":  # a PNG's width and height
                fields[name]["width"], fields[name]["height"] = struct.unpack(">II", data[16:24])
        else:
            fields[name] = data.decode("utf-8", "replace")
    return fields


def _record(
    ctx: ApiContext,
    method: str,
    params: dict[str, Any],
    *,
    result: Any = None,
    error: BotApiError | None = None,
) -> None:
    ctx.state.record_call(
        CallRecord(
            method=method,
            params=params,
            at=ctx.state.clock(),
            ok=error is None,
            result=result,
            error_code=None if error is None else error.error_code,
            description=None if error is None else error.description,
        )
    )


def _error(error: BotApiError) -> JSONResponse:
    return JSONResponse(error.to_json(), status_code=error.error_code)
