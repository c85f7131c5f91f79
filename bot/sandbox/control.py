"""`/_sandbox/...`: the JSON control API, the HTTP twin of :class:`Actors` and the state read-outs."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .actors import Actors
from .context import ApiContext
from .faults import FaultInjector
from .state import JSON, CallbackQuery, CallRecord, Message

__all__ = ["call_to_dict", "callback_query_to_dict", "control_routes", "message_to_dict"]

Handler = Callable[[Request], Awaitable[JSONResponse]]


def message_to_dict(message: Message) -> JSON:
    """A message as the Bot API shows it, plus ``deleted`` and its earlier versions (``history``)."""
    return {
        **message.to_dict(),
        "deleted": message.deleted,
        "history": [
            {"text": v.text, "entities": v.entities, "reply_markup": v.reply_markup, "date": v.date}
            for v in message.history
        ],
    }


def call_to_dict(call: CallRecord) -> JSON:
    return {
        "method": call.method,
        "params": call.params,
        "at": call.at,
        "ok": call.ok,
        "result": call.result,
        "error_code": call.error_code,
        "description": call.description,
    }


def callback_query_to_dict(query: CallbackQuery) -> JSON:
    return {
        "id": query.id,
        "from_user_id": query.sender.id,
        "chat_id": query.message.chat.id,
        "message_id": query.message.message_id,
        "data": query.data,
        "answered": query.answered,
        "answer": query.answer,
    }


def _guard(handler: Handler) -> Handler:
    """Turn the actors' LookupError / ValueError into 404 / 400 JSON answers."""

    async def guarded(request: Request) -> JSONResponse:
        try:
            return await handler(request)
        except LookupError as error:
            return JSONResponse({"error": str(error)}, status_code=404)
        except (ValueError, TypeError) as error:
            return JSONResponse({"error": str(error)}, status_code=400)

    return guarded


async def _body(request: Request) -> dict[str, Any]:
    body = await request.body()
    if not body:
        return {}
    decoded = await request.json()
    if not isinstance(decoded, dict):
        raise ValueError("a JSON object is expected")
    return decoded


def _int(request: Request, name: str) -> int:
    return int(request.path_params[name])


def control_routes(ctx: ApiContext, actors: Actors, faults: FaultInjector) -> list[Route]:
    state = ctx.state

    async def overview(request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "bot": state.bot.to_dict(),
                "users": [u.to_dict() for u in state.users.values()],
                "chats": [c.to_dict() for c in state.chats.values()],
                "blocked_by": sorted(state.blocked_by),
                "webhook": None if state.webhook is None else state.webhook.url,
                "pending_updates": len(state.updates),
                "rate_limits": ctx.limiter.enabled,
                "too_many_requests": state.too_many_requests,
            }
        )

    async def create_user(request: Request) -> JSONResponse:
        b = await _body(request)
        user = actors.create_user(
            int(b["id"]),
            str(b["first_name"]),
            username=b.get("username"),
            last_name=b.get("last_name"),
            language_code=b.get("language_code"),
            started=bool(b.get("started", True)),
        )
        return JSONResponse(user.to_dict(), status_code=201)

    async def create_group(request: Request) -> JSONResponse:
        b = await _body(request)
        chat = actors.create_group(
            int(b["id"]),
            str(b["title"]),
            member_ids=[int(m) for m in b.get("member_ids", [])],
            supergroup=bool(b.get("supergroup", False)),
            forum=bool(b.get("forum", False)),
            username=b.get("username"),
            bot_is_member=bool(b.get("bot_is_member", True)),
        )
        return JSONResponse(chat.to_dict(), status_code=201)

    async def send(request: Request) -> JSONResponse:
        b = await _body(request)
        message = actors.send_text(
            _int(request, "chat_id"),
            str(b["text"]),
            from_user_id=b.get("from_user_id"),
            reply_to_message_id=b.get("reply_to_message_id"),
            message_thread_id=b.get("message_thread_id"),
        )
        return JSONResponse(message_to_dict(message), status_code=201)

    async def forward(request: Request) -> JSONResponse:
        b = await _body(request)
        message = actors.forward(
            _int(request, "chat_id"), str(b["text"]), dict(b["origin"]), from_user_id=b.get("from_user_id")
        )
        return JSONResponse(message_to_dict(message), status_code=201)

    async def changes(request: Request) -> JSONResponse:
        since = int(request.query_params.get("since", -1))
        deadline = time.monotonic() + min(float(request.query_params.get("wait", 0)), 30.0)
        while state.version <= since and not ctx.closing and (left := deadline - time.monotonic()) > 0:
            await state.wait_changed(left)
        return JSONResponse({"version": state.version})

    async def messages(request: Request) -> JSONResponse:
        wait = float(request.query_params.get("wait", 0))
        if wait > 0:
            await state.wait_changed(min(wait, 30.0))
        return JSONResponse([message_to_dict(m) for m in state.messages(_int(request, "chat_id"))])

    async def press(request: Request) -> JSONResponse:
        b = await _body(request)
        query_id = actors.press_button(
            _int(request, "chat_id"),
            _int(request, "message_id"),
            data=b.get("data"),
            text=b.get("text"),
            from_user_id=b.get("from_user_id"),
        )
        return JSONResponse({"callback_query_id": query_id}, status_code=201)

    async def block(request: Request) -> JSONResponse:
        actors.block_bot(_int(request, "user_id"))
        return JSONResponse({"blocked": True})

    async def unblock(request: Request) -> JSONResponse:
        actors.unblock_bot(_int(request, "user_id"))
        return JSONResponse({"blocked": False})

    async def bot_membership(request: Request) -> JSONResponse:
        b = await _body(request)
        chat_id, by = _int(request, "chat_id"), int(b["by_user_id"])
        if request.method == "PUT":
            actors.add_bot_to_group(chat_id, by_user_id=by)
        else:
            actors.remove_bot_from_group(chat_id, by_user_id=by)
        return JSONResponse({"bot_is_member": request.method == "PUT"})

    async def bot_messages(request: Request) -> JSONResponse:
        chat_id = request.query_params.get("chat_id")
        found = state.bot_messages(None if chat_id is None else int(chat_id))
        return JSONResponse([message_to_dict(m) for m in found])

    async def calls(request: Request) -> JSONResponse:
        method = request.query_params.get("method")
        found = state.calls if method is None else state.calls_to(method)
        return JSONResponse([call_to_dict(c) for c in found])

    async def callback_queries(request: Request) -> JSONResponse:
        return JSONResponse([callback_query_to_dict(q) for q in state.callback_queries.values()])

    async def rate_limits(request: Request) -> JSONResponse:
        if request.method == "POST":
            ctx.limiter.enabled = bool((await _body(request)).get("enabled", True))
            ctx.limiter.reset()
        return JSONResponse({"enabled": ctx.limiter.enabled, "too_many_requests": state.too_many_requests})

    async def add_fault(request: Request) -> JSONResponse:
        if request.method == "DELETE":
            faults.clear()
            return JSONResponse({"faults": 0})
        b = await _body(request)
        faults.add(
            status=b.get("status", 500),
            hang=float(b.get("hang", 0.0)),
            count=b.get("count", 1),
            duration=b.get("duration"),
            methods=b.get("methods"),
        )
        return JSONResponse({"faults": len(faults.faults)}, status_code=201)

    table: list[tuple[str, Handler, list[str]]] = [
        ("/_sandbox/state", overview, ["GET"]),
        ("/_sandbox/changes", changes, ["GET"]),
        ("/_sandbox/users", create_user, ["POST"]),
        ("/_sandbox/users/{user_id:int}/block", block, ["POST"]),
        ("/_sandbox/users/{user_id:int}/unblock", unblock, ["POST"]),
        ("/_sandbox/groups", create_group, ["POST"]),
        ("/_sandbox/chats/{chat_id:int}/messages", send, ["POST"]),
        ("/_sandbox/chats/{chat_id:int}/messages", messages, ["GET"]),
        ("/_sandbox/chats/{chat_id:int}/forwards", forward, ["POST"]),
        ("/_sandbox/chats/{chat_id:int}/messages/{message_id:int}/press", press, ["POST"]),
        ("/_sandbox/chats/{chat_id:int}/bot", bot_membership, ["PUT", "DELETE"]),
        ("/_sandbox/bot_messages", bot_messages, ["GET"]),
        ("/_sandbox/calls", calls, ["GET"]),
        ("/_sandbox/callback_queries", callback_queries, ["GET"]),
        ("/_sandbox/rate_limits", rate_limits, ["GET", "POST"]),
        ("/_sandbox/faults", add_fault, ["POST", "DELETE"]),
    ]
    return [Route(path, _guard(handler), methods=methods) for path, handler, methods in table]
