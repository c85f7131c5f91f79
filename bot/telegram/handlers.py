"""Bot handlers: small `verb_noun(update, context)` functions. Strangers get a polite refusal, nothing more."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.actions.linking import redeem_invite
from bot.actions.service import Action, apply_action
from bot.errors import ActionRefused, LinkingError
from bot.escalation.people import person_by_telegram_user
from bot.telegram import callback_data
from bot.telegram.deps import deps_of
from bot.telegram.texts import t

__all__ = ["handle_error", "press_button", "show_help", "start_linking"]

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE


def _language(update: Update) -> str:
    code = (update.effective_user.language_code or "en") if update.effective_user else "en"
    return "es" if code.startswith("es") else "en"


async def start_linking(update: Update, context: Context) -> None:
    """/start [code]: link the account with an invite code, or say who the user is linked as."""
    user, message, chat = update.effective_user, update.effective_message, update.effective_chat
    if user is None or message is None or chat is None or chat.type != "private":
        return
    deps = deps_of(context.bot_data)
    code = context.args[0] if context.args else None
    async with deps.sessions() as session, session.begin():
        if code:
            try:
                person = await redeem_invite(
                    session,
                    code,
                    telegram_user_id=user.id,
                    chat_id=chat.id,
                    username=user.username,
                    now=deps.clock.now(),
                )
            except LinkingError as exc:
                log.info("refused /start with a code from user %s: %s", user.id, exc)
                await message.reply_text(t("start.refused", _language(update)))
                return
            log.info("linked Telegram user %s to person %s", user.id, person.key)
            await message.reply_text(t("start.linked", person.language, name=person.name))
            return
        found = await person_by_telegram_user(session, user.id)
    if found is None:
        await message.reply_text(t("start.refused", _language(update)))
    else:
        await message.reply_text(t("start.already", found[0].language, name=found[0].name))


async def show_help(update: Update, context: Context) -> None:
    """/help and any other private message: what the bot does (linked people only)."""
    user, message, chat = update.effective_user, update.effective_message, update.effective_chat
    if user is None or message is None or chat is None or chat.type != "private":
        return
    deps = deps_of(context.bot_data)
    async with deps.sessions() as session:
        found = await person_by_telegram_user(session, user.id)
    if found is None:
        await message.reply_text(t("start.refused", _language(update)))
    else:
        await message.reply_text(t("help", found[0].language))


async def press_button(update: Update, context: Context) -> None:
    """A press on a card: check the presser, apply the action, and always answer the callback."""
    query = update.callback_query
    if query is None:
        return
    answer = t("answer.error", _language(update))
    try:
        answer = await _apply_press(update, context)
    finally:
        await query.answer(answer)


async def _apply_press(update: Update, context: Context) -> str:
    query = update.callback_query
    assert query is not None
    lang = _language(update)
    press = callback_data.parse(query.data)
    if press is None:
        return t("answer.stale", lang)
    deps = deps_of(context.bot_data)
    try:
        async with deps.sessions() as session, session.begin():
            result = await apply_action(
                session,
                press.escalation_id,
                press.action,
                telegram_user_id=query.from_user.id,
                now=deps.clock.now(),
            )
    except ActionRefused as exc:
        reason = str(exc)
        log.info("press %s by user %s refused: %s", query.data, query.from_user.id, reason)
        key = {"already resolved": "answer.closed", "already acknowledged": "answer.already_ack"}.get(
            reason, "answer.refused"
        )
        return t(key, lang)
    deps.wake_outbox()
    return t("answer.ack" if press.action is Action.ACKNOWLEDGE else "answer.resolve", result.language)


async def handle_error(update: object, context: Context) -> None:
    """Log every handler error first, with the update that caused it."""
    log.error("error while handling update %r", update, exc_info=context.error)
