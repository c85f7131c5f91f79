"""A local fake Telegram Bot API server: plays Telegram for end-to-end tests and the sandbox mode.

``bot.sandbox`` imports nothing from the rest of ``bot`` (an import-linter contract says so): it is
Telegram, seen from the bot. Only the standard library, Starlette, uvicorn and httpx are used.

Running it
==========

.. code-block:: python

    async with FakeBotApiServer() as server:          # 127.0.0.1, a free port
        app = Application.builder().token(server.token).base_url(server.base_url).build()
        server.act.create_user(1001, "Alice", username="alice")
        server.act.send_text(1001, "/start CODE")
        reply = await server.state.wait_for_message(1001, lambda m: "Linked" in m.text, timeout=5)

``FakeBotApiServer(token=DEFAULT_TOKEN, *, bot_username="directo_sandbox_bot", bot_first_name="Directo",
host="127.0.0.1", port=0, rate_limits=False, strict_ampersand=True, callback_query_ttl=15.0,
webhook_retry_delays=(0.05, 0.2, 0.5, 1.0), clock=time.time)``

- ``await start()`` / ``await stop()`` or ``async with``; ``url`` (``http://127.0.0.1:PORT``) and
  ``base_url`` (``url + "/bot"``, what PTB's ``base_url`` takes). The bot id is the token's numeric prefix.
  Runs uvicorn in the caller's event loop; all state is touched from that loop only.
- ``state`` (:class:`SandboxState`), ``act`` (:class:`Actors`), ``faults`` (:class:`FaultInjector`),
  ``limiter``, ``webhook`` (the delivery loop; ``webhook.attempts`` lists every POST),
  ``set_rate_limits(enabled)``, ``app`` (the Starlette app, e.g. to mount it elsewhere).

The Bot API: ``GET|POST {url}/bot{token}/{method}``
====================================================

Parameters from the query string and a JSON, form-urlencoded or multipart body (objects JSON-encoded
in forms, as PTB sends them). Answers ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code":
N, "description": "..."[, "parameters": {"retry_after": N}]}`` with Telegram's texts. A wrong token is
401 ``Unauthorized``, an unknown method 404 ``Not Found``; method names are case-insensitive.

Methods: getMe, getUpdates (offset, limit, timeout as a real long poll, allowed_updates; 409 while a
webhook is set, and a newer call ends a waiting one with 409 ``terminated by other getUpdates
request``), setWebhook (url, secret_token, drop_pending_updates, allowed_updates, max_connections;
http:// URLs are accepted for local receivers), deleteWebhook, getWebhookInfo (pending_update_count,
last_error_date/message), sendMessage (parse_mode HTML or none, entities, reply_markup, reply_parameters
or reply_to_message_id, message_thread_id in forums, disable_notification, link_preview_options),
editMessageText, editMessageReplyMarkup, deleteMessage, answerCallbackQuery, sendChatAction, getChat,
leaveChat, setMyCommands / getMyCommands / deleteMyCommands (per scope and language_code).

Refusals, as Telegram words them: text over 4096 UTF-16 units after parsing (``message is too long``;
``MESSAGE_TOO_LONG`` on edits), empty text, HTML that Telegram cannot parse (tdlib's messages and byte
offsets, see :mod:`bot.sandbox.html`), callback_data over 64 bytes (``BUTTON_DATA_INVALID``), over 100
buttons (``REPLY_MARKUP_TOO_LONG``), identical edits (``message is not modified: ...``), unknown chats,
blocked users (403 ``bot was blocked by the user``), users who never started the bot (403 ``bot can't
initiate conversation with a user``), groups the bot left, unknown messages (``message to edit not
found``), unknown / answered / expired callback queries (``query is too old and response timeout expired
or query ID is invalid``). Deliberately stricter than Telegram: a bare ``&`` in HTML is refused unless
``strict_ampersand=False``.

Flood limits (off by default): about 1 message/s per private chat with a burst of 3, 20/min per group,
30/s overall, for sends and edits; refusals are 429 ``Too Many Requests: retry after N`` and counted in
``state.too_many_requests``.

Webhook delivery: each pending update is POSTed as JSON, in order, one at a time, with the
``X-Telegram-Bot-Api-Secret-Token`` header when a secret is set; a non-2xx answer or connection error is
retried after the ``webhook_retry_delays`` pauses (the last one repeating) and never skipped.

Acting as users (Python: ``server.act``)
========================================

- ``create_user(user_id, first_name, *, username=None, last_name=None, language_code=None,
  started=True) -> User`` (also creates the private chat, whose id is the user id)
- ``create_group(chat_id, title, *, member_ids=(), supergroup=False, forum=False, username=None,
  bot_is_member=True) -> Chat`` (negative ids); ``create_channel(chat_id, title, *, username=None)``
- ``send_text(chat_id, text, *, from_user_id=None, reply_to_message_id=None, message_thread_id=None)
  -> Message``: commands get ``bot_command`` entities; ``/start CODE`` in a private chat also marks the
  user as having started the bot. In groups ``from_user_id`` is required (no privacy mode: the bot
  gets every group message).
- ``reply(chat_id, message_id, text, *, from_user_id=None) -> Message``
- ``forward(chat_id, text, origin, *, from_user_id=None) -> Message`` with ``origin`` from
  ``origin_user(user, date)``, ``origin_hidden_user(name, date)``, ``origin_chat(chat, date,
  author_signature=None)`` or ``origin_channel(channel, message_id, date, author_signature=None)``
- ``press_button(chat_id, message_id, *, data=None, text=None, from_user_id=None) -> str``: a
  callback_query update; returns its id (see ``state.callback_queries[id].answered`` / ``.answer``)
- ``block_bot(user_id)``, ``unblock_bot(user_id)``, ``add_bot_to_group(chat_id, *, by_user_id)``,
  ``remove_bot_from_group(chat_id, *, by_user_id)``: each also queues a my_chat_member update

They raise ``LookupError`` (unknown user, chat, message, button) or ``ValueError`` (an action Telegram
would not allow, e.g. writing to a bot one has blocked).

Read-outs (Python: ``server.state``)
====================================

``messages(chat_id, *, include_deleted=False)`` (each :class:`Message` has ``text``, ``entities``,
``reply_markup``, ``reply_to``, ``edit_date``, ``forward_origin``, ``history`` of
:class:`MessageVersion`, ``deleted``; ``to_dict()`` gives the Bot API form), ``message(chat_id,
message_id)``, ``bot_messages(chat_id=None)``, ``calls`` / ``calls_to(method)`` (:class:`CallRecord`:
method, params, at, ok, result, error_code, description), ``callback_queries`` /
``answered_callback_queries()``, ``too_many_requests``, ``updates`` (pending), ``webhook``,
``commands``, and ``await wait_for_message(chat_id, predicate=..., timeout=5.0) -> Message`` (a bot
message, sent or edited, that satisfies the predicate; ``TimeoutError`` otherwise).

Faults (Python: ``server.faults``): ``add(*, status=500, hang=0.0, count=1, duration=None,
methods=None)``: the next ``count`` calls (or, with ``duration``, every call for that many seconds),
optionally only of some methods, first hang ``hang`` seconds and then answer ``status`` (500 as JSON,
502 as nginx's HTML page; ``status=None`` hangs and then answers normally). ``clear()``.

The HTTP control API (JSON), for the sandbox web page
=====================================================

=======  ================================================  =============================================
GET      /_sandbox/state                                   bot, users, chats, blocked_by, webhook,
                                                           pending_updates, rate_limits, too_many_requests
GET      /_sandbox/changes?since=V&wait=S                  {"version": N} as soon as N > V (every change bumps
                                                           it), or after ``wait`` seconds (≤ 30): one long
                                                           poll for a page that shows several chats
POST     /_sandbox/users                                   {id, first_name, username?, last_name?,
                                                           language_code?, started?} → 201 user
POST     /_sandbox/users/{user_id}/block | /unblock        → {"blocked": bool}
POST     /_sandbox/groups                                  {id, title, member_ids?, supergroup?, forum?,
                                                           username?, bot_is_member?} → 201 chat
POST     /_sandbox/chats/{chat_id}/messages                {text, from_user_id?, reply_to_message_id?,
                                                           message_thread_id?} → 201 message
GET      /_sandbox/chats/{chat_id}/messages?wait=S         messages with ``deleted`` and ``history``;
                                                           ``wait`` holds the answer until a change (≤ 30 s)
POST     /_sandbox/chats/{chat_id}/forwards                {text, origin, from_user_id?} → 201 message
POST     /_sandbox/chats/{chat_id}/messages/{id}/press     {data? | text?, from_user_id?}
                                                           → 201 {"callback_query_id": ...}
PUT      /_sandbox/chats/{chat_id}/bot                     {by_user_id}: add the bot to the group
DELETE   /_sandbox/chats/{chat_id}/bot                     {by_user_id}: remove it
GET      /_sandbox/bot_messages?chat_id=                   the bot's messages
GET      /_sandbox/calls?method=                           the call log
GET      /_sandbox/callback_queries                        id, from_user_id, chat_id, message_id, data,
                                                           answered, answer
GET|POST /_sandbox/rate_limits                             {enabled} → {enabled, too_many_requests}
POST     /_sandbox/faults                                  {status?, hang?, count?, duration?, methods?}
DELETE   /_sandbox/faults                                  remove all faults
=======  ================================================  =============================================

Errors of the control API: 404 ``{"error": ...}`` for unknown things, 400 for impossible actions.
"""

from .actors import Actors, origin_channel, origin_chat, origin_hidden_user, origin_user
from .errors import BotApiError
from .faults import Fault, FaultInjector
from .html import HtmlParseError, parse_html, utf16_len
from .server import DEFAULT_TOKEN, FakeBotApiServer
from .state import CallbackQuery, CallRecord, Chat, Message, MessageVersion, SandboxState, User
from .webhook import SECRET_HEADER, DeliveryAttempt

__all__ = [
    "DEFAULT_TOKEN",
    "SECRET_HEADER",
    "Actors",
    "BotApiError",
    "CallRecord",
    "CallbackQuery",
    "Chat",
    "DeliveryAttempt",
    "FakeBotApiServer",
    "Fault",
    "FaultInjector",
    "HtmlParseError",
    "Message",
    "MessageVersion",
    "SandboxState",
    "User",
    "origin_channel",
    "origin_chat",
    "origin_hidden_user",
    "origin_user",
    "parse_html",
    "utf16_len",
]
