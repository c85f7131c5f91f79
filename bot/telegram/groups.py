"""Groups: the bot stays only in the team chats the playbook lists.

Added to any other group (a `my_chat_member` update), it leaves at once; a message or a button press from a
group it should not be in (the playbook changed, or it was added while the bot was down) makes it leave too,
and nothing else handles that update.
"""

from __future__ import annotations

import logging

from telegram import Chat, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.rules.teams import team_chat_ids
from bot.telegram.deps import deps_of

__all__ = ["check_membership", "guard_group"]

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
_PRESENT = ("member", "administrator", "restricted")


def _allowed(context: Context, chat: Chat) -> bool:
    return chat.id in team_chat_ids(deps_of(context.bot_data).playbooks.playbook.team_chats)


async def _leave(context: Context, chat: Chat) -> None:
    log.warning("leaving %s %s (%s): not a team chat in the playbook", chat.type, chat.id, chat.title)
    try:
        await context.bot.leave_chat(chat.id)
    except TelegramError as exc:
        log.info("could not leave chat %s: %s", chat.id, exc)


async def check_membership(update: Update, context: Context) -> None:
    """The bot was added to a chat: stay in team chats, leave any other group."""
    change = update.my_chat_member
    if change is None or change.chat.type == Chat.PRIVATE:
        return
    if change.new_chat_member.status in _PRESENT and not _allowed(context, change.chat):
        await _leave(context, change.chat)


async def guard_group(update: Update, context: Context) -> None:
    """Before every other handler: an update from a group that is not a team chat is not handled."""
    chat = update.effective_chat
    if chat is None or chat.type not in (Chat.GROUP, Chat.SUPERGROUP) or update.my_chat_member is not None:
        return
    if _allowed(context, chat):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await _leave(context, chat)
    raise ApplicationHandlerStop
