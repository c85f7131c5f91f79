"""The bot's own profile: getMe and the command lists per scope and language."""

from __future__ import annotations

import json
import re
from typing import Any

from .context import ApiContext
from .errors import bad_request
from .params import Params

__all__ = ["METHODS"]

_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)


async def get_me(ctx: ApiContext, p: Params) -> Any:
    return {
        **ctx.state.bot.to_dict(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def _key(p: Params) -> tuple[str, str]:
    scope = p.json("scope", "BotCommandScope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    return json.dumps(scope, sort_keys=True), p.text("language_code") or ""


async def set_my_commands(ctx: ApiContext, p: Params) -> Any:
    commands = p.json("commands", "BotCommand")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse BotCommand JSON object")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    key = _key(p)
    if commands:
        ctx.state.commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
    else:
        ctx.state.commands.pop(key, None)
    return True


async def get_my_commands(ctx: ApiContext, p: Params) -> Any:
    return ctx.state.commands.get(_key(p), [])


async def delete_my_commands(ctx: ApiContext, p: Params) -> Any:
    ctx.state.commands.pop(_key(p), None)
    return True


METHODS = {
    "getMe": get_me,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
}
