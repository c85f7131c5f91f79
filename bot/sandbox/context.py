"""What every Bot API method gets: the state, the flood limits and the server's options."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import BotApiError, bad_request, forbidden
from .limits import RateLimiter
from .state import Chat, SandboxState

__all__ = ["ApiContext", "conflict"]


@dataclass
class ApiContext:
    state: SandboxState
    limiter: RateLimiter
    strict_ampersand: bool = True
    callback_query_ttl: float = 15.0  # seconds a callback query can still be answered
    closing: bool = False  # set on shutdown: long polls return at once
    poll_generation: int = 0  # counts getUpdates calls

    def chat(self, chat_id: int | str) -> Chat:
        """The chat the bot may write to, or Telegram's refusal."""
        chat = self.state.resolve_chat(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        if chat.type == "private":
            if chat.id in self.state.blocked_by:
                raise forbidden("bot was blocked by the user")
            if chat.id not in self.state.started:
                raise forbidden("bot can't initiate conversation with a user")
        elif not chat.bot_is_member:
            raise forbidden(f"bot is not a member of the {'supergroup' if chat.type == 'supergroup' else 'group'} chat")
        return chat

    def check_flood(self, chat: Chat) -> None:
        """Apply the flood limits to one outgoing message (only while they are switched on)."""
        self.limiter.check(chat.id, private=chat.type == "private")


def conflict(detail: str) -> BotApiError:
    return BotApiError(409, f"Conflict: {detail}")
