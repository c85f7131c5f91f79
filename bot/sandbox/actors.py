"""Playing the humans: users and groups that write to the bot, press its buttons, block it.

Each action changes the state the way Telegram would and queues the update the bot would receive.
"""

from __future__ import annotations

import itertools
from typing import Any

from .markup import callback_buttons
from .state import JSON, CallbackQuery, Chat, Message, SandboxState, User
from .text import command_entities

__all__ = ["Actors", "origin_channel", "origin_chat", "origin_hidden_user", "origin_user"]


def origin_user(user: User, date: int) -> JSON:
    """``forward_origin`` of a message first sent by a user who allows linking to their account."""
    return {"type": "user", "date": date, "sender_user": user.to_dict()}


def origin_hidden_user(name: str, date: int) -> JSON:
    """``forward_origin`` of a message first sent by a user who hides their account."""
    return {"type": "hidden_user", "date": date, "sender_user_name": name}


def origin_chat(chat: Chat, date: int, author_signature: str | None = None) -> JSON:
    """``forward_origin`` of a message first sent on behalf of a group."""
    origin: JSON = {"type": "chat", "date": date, "sender_chat": chat.to_dict()}
    if author_signature:
        origin["author_signature"] = author_signature
    return origin


def origin_channel(channel: Chat, message_id: int, date: int, author_signature: str | None = None) -> JSON:
    """``forward_origin`` of a channel post."""
    origin: JSON = {"type": "channel", "date": date, "chat": channel.to_dict(), "message_id": message_id}
    if author_signature:
        origin["author_signature"] = author_signature
    return origin


class Actors:
    """What users do to the bot. Raises ``LookupError`` for unknown users, chats, messages or buttons and
    ``ValueError`` for actions Telegram would not let the user take."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self._query_ids = itertools.count(1)

    def create_user(
        self,
        user_id: int,
        first_name: str,
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = None,
        started: bool = True,
    ) -> User:
        """A user and their private chat; ``started`` says whether they already opened the bot."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        user = User(user_id, first_name, username=username, last_name=last_name, language_code=language_code)
        self.state.users[user_id] = user
        self.state.chats[user_id] = Chat(
            user_id, "private", username=username, first_name=first_name, last_name=last_name
        )
        if started:
            self.state.started.add(user_id)
        return user

    def create_group(
        self,
        chat_id: int,
        title: str,
        *,
        member_ids: tuple[int, ...] | list[int] = (),
        supergroup: bool = False,
        forum: bool = False,
        username: str | None = None,
        bot_is_member: bool = True,
    ) -> Chat:
        """A group (or supergroup, optionally a forum) with these users in it."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        for user_id in member_ids:
            self.user(user_id)
        kind = "supergroup" if supergroup or forum else "group"
        chat = Chat(chat_id, kind, title=title, username=username, is_forum=forum, bot_is_member=bot_is_member)
        chat.member_ids.update(member_ids)
        self.state.chats[chat_id] = chat
        return chat

    def create_channel(self, chat_id: int, title: str, *, username: str | None = None) -> Chat:
        """A channel, to forward its posts (the bot is not in it)."""
        chat = Chat(chat_id, "channel", title=title, username=username, bot_is_member=False)
        self.state.chats[chat_id] = chat
        return chat

    def user(self, user_id: int) -> User:
        try:
            return self.state.users[user_id]
        except KeyError:
            raise LookupError(f"unknown user {user_id}") from None

    def chat(self, chat_id: int) -> Chat:
        chat = self.state.chats.get(chat_id)
        if chat is None:
            raise LookupError(f"unknown chat {chat_id}")
        return chat

    def _sender(self, chat: Chat, from_user_id: int | None) -> User:
        if from_user_id is None:
            if chat.type != "private":
                raise ValueError("say which member writes in a group (from_user_id)")
            from_user_id = chat.id
        user = self.user(from_user_id)
        if chat.type == "private" and user.id != chat.id:
            raise ValueError("only the chat's own user writes in a private chat")
        if chat.type == "private" and user.id in self.state.blocked_by:
            raise ValueError("the user has blocked the bot; unblock it first")
        if chat.type != "private" and user.id not in chat.member_ids:
            raise ValueError(f"user {user.id} is not a member of chat {chat.id}")
        return user

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        from_user_id: int | None = None,
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
        forward_origin: JSON | None = None,
    ) -> Message:
        """A user writes ``text`` (commands get ``bot_command`` entities); the bot gets a message update."""
        chat = self.chat(chat_id)
        sender = self._sender(chat, from_user_id)
        reply_to = None
        if reply_to_message_id is not None:
            reply_to = self.state.message(chat.id, reply_to_message_id)
            if reply_to is None:
                raise LookupError(f"no message {reply_to_message_id} in chat {chat.id}")
        if chat.type == "private" and text.split(maxsplit=1)[:1] == ["/start"]:
            self.state.started.add(sender.id)
        message = self.state.add_message(
            chat,
            sender,
            text,
            entities=command_entities(text) if forward_origin is None else [],
            reply_to=reply_to,
            forward_origin=forward_origin,
            message_thread_id=message_thread_id if chat.is_forum else None,
        )
        if chat.bot_is_member and (chat.type != "private" or sender.id in self.state.started):
            self.state.push_update("message", message.to_dict())
        return message

    def reply(self, chat_id: int, message_id: int, text: str, *, from_user_id: int | None = None) -> Message:
        """A user answers a message (usually the bot's): the update carries ``reply_to_message``."""
        return self.send_text(chat_id, text, from_user_id=from_user_id, reply_to_message_id=message_id)

    def forward(self, chat_id: int, text: str, origin: JSON, *, from_user_id: int | None = None) -> Message:
        """A user forwards a message with this ``forward_origin`` (see the ``origin_*`` helpers)."""
        if origin.get("type") not in ("user", "hidden_user", "chat", "channel") or "date" not in origin:
            raise ValueError("forward_origin needs a type (user, hidden_user, chat, channel) and a date")
        return self.send_text(chat_id, text, from_user_id=from_user_id, forward_origin=origin)

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        *,
        data: str | None = None,
        text: str | None = None,
        from_user_id: int | None = None,
    ) -> str:
        """A user taps an inline button (by callback data or by label); returns the callback query id."""
        chat = self.chat(chat_id)
        sender = self._sender(chat, from_user_id)
        message = self.state.message(chat.id, message_id)
        if message is None or message.sender.id != self.state.bot.id:
            raise LookupError(f"no bot message {message_id} in chat {chat.id}")
        button = self._find_button(message, data, text)
        query = CallbackQuery(
            id=f"{self.state.bot.id}{next(self._query_ids):08d}",
            sender=sender,
            message=message,
            data=button["callback_data"],
            created_at=self.state.clock(),
        )
        self.state.callback_queries[query.id] = query
        payload: JSON = {
            "id": query.id,
            "from": sender.to_dict(),
            "message": message.to_dict(),
            "chat_instance": str(abs(chat.id) * 31 + self.state.bot.id),
            "data": query.data,
        }
        self.state.push_update("callback_query", payload)
        return query.id

    @staticmethod
    def _find_button(message: Message, data: str | None, text: str | None) -> dict[str, Any]:
        buttons = callback_buttons(message.reply_markup)
        matches = [b for b in buttons if (data is None or b["callback_data"] == data)]
        matches = [b for b in matches if (text is None or b["text"] == text)]
        if not matches or (data is None and text is None and len(matches) > 1):
            raise LookupError(f"no single callback button matches data={data!r} text={text!r}")
        return matches[0]

    def block_bot(self, user_id: int) -> None:
        """The user blocks the bot: sends to them fail with 403, the bot gets my_chat_member (kicked)."""
        user = self.user(user_id)
        self.state.blocked_by.add(user_id)
        update = self.state.bot_status_change(self.chat(user_id), "member", "kicked", by=user)
        self.state.push_update("my_chat_member", update)

    def unblock_bot(self, user_id: int) -> None:
        user = self.user(user_id)
        self.state.blocked_by.discard(user_id)
        update = self.state.bot_status_change(self.chat(user_id), "kicked", "member", by=user)
        self.state.push_update("my_chat_member", update)

    def add_bot_to_group(self, chat_id: int, *, by_user_id: int) -> None:
        """A member adds the bot to a group: the bot gets my_chat_member (left → member)."""
        chat = self.chat(chat_id)
        by = self.user(by_user_id)
        chat.bot_is_member = True
        chat.member_ids.add(by.id)
        self.state.push_update("my_chat_member", self.state.bot_status_change(chat, "left", "member", by=by))

    def remove_bot_from_group(self, chat_id: int, *, by_user_id: int) -> None:
        """A member removes the bot: my_chat_member (member → kicked), later sends get 403."""
        chat = self.chat(chat_id)
        by = self.user(by_user_id)
        chat.bot_is_member = False
        self.state.push_update("my_chat_member", self.state.bot_status_change(chat, "member", "kicked", by=by))
