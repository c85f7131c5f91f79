"""A local fake Telegram Bot API server: plays Telegram for end-to-end tests and the sandbox mode.

Placeholder docstring; the full description of the Python and HTTP control API follows below.
"""

from .actors import Actors, origin_channel, origin_chat, origin_hidden_user, origin_user
from .errors import BotApiError
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
