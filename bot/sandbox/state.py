"""What the fake Telegram knows: users, chats, messages with their edit history, updates, calls.

Everything lives in one :class:`SandboxState`, touched only from the event loop that runs the server.
Waiting (long polling, webhook delivery, tests waiting for a message) goes through :meth:`wait_changed`,
which wakes on every new update, new or edited bot message and on shutdown.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "JSON",
    "CallRecord",
    "CallbackQuery",
    "Chat",
    "Message",
    "MessageVersion",
    "SandboxState",
    "User",
    "Webhook",
]

JSON = dict[str, Any]

# Telegram's default when allowed_updates is empty: everything except these.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class User:
    id: int
    first_name: str
    is_bot: bool = False
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = None

    def to_dict(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class Chat:
    id: int
    type: str  # private, group, supergroup, channel
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    is_forum: bool = False
    member_ids: set[int] = field(default_factory=set)
    topics: dict[int, str] = field(default_factory=dict)  # forum topics the bot created: thread id → name
    bot_is_member: bool = True

    def to_dict(self) -> JSON:
        data: JSON = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.is_forum:
            data["is_forum"] = True
        return data


@dataclass(frozen=True)
class MessageVersion:
    """One earlier state of an edited message."""

    text: str
    entities: list[JSON]
    reply_markup: JSON | None
    date: int


@dataclass
class Message:
    chat: Chat
    message_id: int
    date: int
    sender: User
    text: str
    entities: list[JSON] = field(default_factory=list)
    reply_markup: JSON | None = None
    reply_to: Message | None = None
    edit_date: int | None = None
    forward_origin: JSON | None = None
    message_thread_id: int | None = None
    history: list[MessageVersion] = field(default_factory=list)
    deleted: bool = False
    photo: list[JSON] | None = None  # a photo message: its sizes; `text` and `entities` are then its caption

    def to_dict(self, *, nested: bool = False) -> JSON:
        data: JSON = {
            "message_id": self.message_id,
            "from": self.sender.to_dict(),
            "chat": self.chat.to_dict(),
            "date": self.date,
        }
        text, entities = ("caption", "caption_entities") if self.photo is not None else ("text", "entities")
        if self.photo is not None:
            data["photo"] = self.photo
        if self.text or self.photo is None:
            data[text] = self.text
        if self.entities:
            data[entities] = self.entities
        if self.reply_markup is not None and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = self.reply_markup  # Telegram shows only inline keyboards on messages
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if self.forward_origin is not None:
            data["forward_origin"] = self.forward_origin
        if self.message_thread_id is not None:
            data["message_thread_id"] = self.message_thread_id
            data["is_topic_message"] = True
        if self.reply_to is not None and not nested:
            data["reply_to_message"] = self.reply_to.to_dict(nested=True)
        return data

    def edit(self, text: str, entities: list[JSON], reply_markup: JSON | None, now: int) -> None:
        """Keep the current content in :attr:`history` and replace it."""
        self.history.append(MessageVersion(self.text, self.entities, self.reply_markup, self.edit_date or self.date))
        self.text, self.entities, self.reply_markup, self.edit_date = text, entities, reply_markup, now


@dataclass
class CallbackQuery:
    id: str
    sender: User
    message: Message
    data: str
    created_at: float
    answered: bool = False
    answer: JSON | None = None  # text, show_alert, url, cache_time as the bot sent them


@dataclass(frozen=True)
class CallRecord:
    """One Bot API call as the server saw it."""

    method: str
    params: JSON
    at: float
    ok: bool
    result: Any = None
    error_code: int | None = None
    description: str | None = None


@dataclass
class Webhook:
    url: str
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


class SandboxState:
    """The fake Telegram's memory plus read-outs for tests."""

    def __init__(self, bot: User, *, clock: Callable[[], float] = time.time) -> None:
        self.bot = bot
        self.clock = clock
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.blocked_by: set[int] = set()
        self.started: set[int] = set()  # users who opened their private chat with the bot
        self._messages: dict[int, dict[int, Message]] = {}
        self.updates: list[JSON] = []
        self._next_update_id = 1
        self.allowed_updates: list[str] = []
        self.webhook: Webhook | None = None
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.calls: list[CallRecord] = []
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.too_many_requests = 0
        self._waiters: set[asyncio.Future[None]] = set()
        self.version = 0  # bumped on every change: a page polls `/_sandbox/changes?since=` and misses none

    def now(self) -> int:
        return int(self.clock())

    # -- change notification -------------------------------------------------------------------------

    def notify(self) -> None:
        """Wake everybody waiting in :meth:`wait_changed`."""
        self.version += 1
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_changed(self, max_wait: float) -> None:
        """Return after the next change, or after ``max_wait`` seconds."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        try:
            await asyncio.wait_for(waiter, max_wait)
        except TimeoutError:
            pass
        finally:
            self._waiters.discard(waiter)

    def resolve_chat(self, chat_id: int | str) -> Chat | None:
        """A chat by id or by ``@username``."""
        if isinstance(chat_id, int):
            return self.chats.get(chat_id)
        name = chat_id.removeprefix("@").lower()
        return next((c for c in self.chats.values() if (c.username or "").lower() == name), None)

    def bot_status_change(self, chat: Chat, old: str, new: str, by: User | None = None) -> JSON:
        """A ChatMemberUpdated payload for the bot's own membership (a my_chat_member update)."""

        def member(status: str) -> JSON:
            data: JSON = {"user": self.bot.to_dict(), "status": status}
            if status == "kicked":
                data["until_date"] = 0
            return data

        return {
            "chat": chat.to_dict(),
            "from": (by or self.bot).to_dict(),
            "date": self.now(),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }

    # -- messages ----------------------------------------------------------------------------------

    def add_message(self, chat: Chat, sender: User, text: str, **fields: Any) -> Message:
        """Store a new message with the chat's next message id."""
        by_id = self._messages.setdefault(chat.id, {})
        message = Message(chat, max(by_id, default=0) + 1, self.now(), sender, text, **fields)
        by_id[message.message_id] = message
        self.notify()
        return message

    def message(self, chat_id: int, message_id: int) -> Message | None:
        found = self._messages.get(chat_id, {}).get(message_id)
        return None if found is None or found.deleted else found

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[Message]:
        """The messages of a chat, oldest first, each with its current content and edit history."""
        return [m for m in self._messages.get(chat_id, {}).values() if include_deleted or not m.deleted]

    def bot_messages(self, chat_id: int | None = None) -> list[Message]:
        """Messages the bot sent (and possibly edited), in all chats or in one."""
        chats = [chat_id] if chat_id is not None else list(self._messages)
        return [m for c in chats for m in self.messages(c) if m.sender.id == self.bot.id]

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[Message], bool] = lambda _: True,
        timeout: float = 5.0,  # noqa: ASYNC109 - the documented test helper signature
    ) -> Message:
        """The first bot message in ``chat_id`` (sent or edited) that satisfies ``predicate``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for message in self.bot_messages(chat_id):
                if predicate(message):
                    return message
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"no matching bot message in chat {chat_id} within {timeout}s")
            await self.wait_changed(remaining)

    # -- updates -----------------------------------------------------------------------------------

    def push_update(self, kind: str, payload: JSON) -> int | None:
        """Queue an update unless the bot's allowed_updates exclude it; return its update_id."""
        if not self._allowed(kind):
            return None
        update_id = self._next_update_id
        self._next_update_id += 1
        self.updates.append({"update_id": update_id, kind: payload})
        self.notify()
        return update_id

    def _allowed(self, kind: str) -> bool:
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in _OPT_IN_UPDATES

    def confirm_updates(self, offset: int) -> None:
        """Forget updates before ``offset`` (a negative offset keeps only the last ``-offset``)."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def drop_pending_updates(self) -> None:
        self.updates.clear()

    # -- call log ----------------------------------------------------------------------------------

    def record_call(self, record: CallRecord) -> None:
        self.calls.append(record)

    def calls_to(self, method: str) -> list[CallRecord]:
        """Logged calls of one method (case-insensitive, as Telegram matches method names)."""
        return [c for c in self.calls if c.method.lower() == method.lower()]

    def answered_callback_queries(self) -> list[CallbackQuery]:
        return [q for q in self.callback_queries.values() if q.answered]
