"""Bot handlers: small `verb_noun(update, context)` functions. Strangers get a polite refusal, nothing more.

Every callback is answered, whatever happens: with the outcome ("Acknowledged"), or a short refusal when the
presser may not act, the button is forged or stale, or the case is closed. Nothing changes in those cases.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.actions.linking import redeem_invite
from bot.actions.permissions import linked_person
from bot.actions.service import Action, apply_action
from bot.actions.settings import language_of
from bot.db.models import Escalation
from bot.errors import ActionRefused, LinkingError
from bot.escalation.people import person_by_telegram_user
from bot.telegram import callback_data
from bot.telegram.commands import telegram_language
from bot.telegram.conversation import Outcome, Press, handle_conversation_press, receive_text
from bot.telegram.deps import deps_of
from bot.telegram.texts import t

__all__ = ["handle_error", "press_button", "receive_message", "show_help", "start_linking"]

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE

_STATE_CHANGES = {
    Action.ACKNOWLEDGE: "answer.ack",
    Action.RESOLVE: "answer.resolve",
    Action.TAKE: "answer.take",
    Action.ESCALATE: "answer.escalate",
    Action.SNOOZE: "answer.snooze",
    Action.NOT_RELEVANT: "answer.not_relevant",
}
_REFUSALS = {
    "already resolved": "answer.closed",
    "already acknowledged": "answer.already_ack",
    "already yours": "answer.already_yours",
    "no higher level": "answer.no_higher",
    "no such community manager": "answer.no_cm",
    "no such escalation": "answer.stale",
    "not your conversation": "answer.stale",
    "stale": "answer.stale",
    "conversation over": "answer.conversation_over",
}


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
                await message.reply_text(t("start.refused", telegram_language(update)))
                return
            log.info("linked Telegram user %s to person %s", user.id, person.key)
            await message.reply_text(t("start.linked", person.language, name=person.name))
            return
        found = await person_by_telegram_user(session, user.id)
    if found is None:
        await message.reply_text(t("start.refused", telegram_language(update)))
    else:
        await message.reply_text(t("start.already", found[0].language, name=found[0].name))


async def show_help(update: Update, context: Context) -> None:
    """/help: what the bot does and its commands (linked people only)."""
    user, message, chat = update.effective_user, update.effective_message, update.effective_chat
    if user is None or message is None or chat is None or chat.type != "private":
        return
    deps = deps_of(context.bot_data)
    async with deps.sessions() as session:
        found = await person_by_telegram_user(session, user.id)
        lang = await language_of(session, found[0]) if found else None
    if lang is None:
        await message.reply_text(t("start.refused", telegram_language(update)))
    else:
        await message.reply_text(t("help.commands", lang))


async def receive_message(update: Update, context: Context) -> None:
    """Any other private text: the answer to a prompt (a reply, a note, a snooze time), else the help."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not message.text:
        await show_help(update, context)
        return
    deps = deps_of(context.bot_data)
    async with deps.sessions() as session:
        found = await person_by_telegram_user(session, user.id)
        lang = await language_of(session, found[0]) if found else telegram_language(update)
    if found is None or not await receive_text(deps, context.bot, message, user.id, lang):
        await show_help(update, context)


async def press_button(update: Update, context: Context) -> None:
    """A press on a card, a draft or a preview: check the presser, act, and always answer the callback."""
    query = update.callback_query
    if query is None:
        return
    outcome = Outcome(t("answer.error", telegram_language(update)))
    try:
        outcome = await _apply_press(update, context)
    finally:
        await query.answer(outcome.answer)
    if outcome.then is not None:
        await outcome.then()


async def _apply_press(update: Update, context: Context) -> Outcome:
    query = update.callback_query
    assert query is not None
    deps = deps_of(context.bot_data)
    lang = telegram_language(update)
    try:
        async with deps.sessions() as session:
            lang = await language_of(session, await linked_person(session, query.from_user.id))
        press = callback_data.parse(query.data)
        if press is None:
            log.info("refused unknown callback data %r from user %s", query.data, query.from_user.id)
            return Outcome(t("answer.stale", lang))
        asks_first = press.action is Action.SNOOZE and press.arg is None  # "Other…": ask how long
        if press.action in _STATE_CHANGES and not asks_first:
            return await _change_state(update, context, press, lang)
        chat_id = query.from_user.id  # drafts and reply prompts go to the presser's private chat, even from a team chat
        message_id = query.message.message_id if query.message else None
        return await handle_conversation_press(
            Press(deps, context.bot, query.from_user.id, chat_id, message_id, press, lang)
        )
    except ActionRefused as exc:
        reason = str(exc)
        log.info("press %s by user %s refused: %s", query.data, query.from_user.id, reason)
        return Outcome(t(_REFUSALS.get(reason, "answer.refused"), lang))


async def _change_state(update: Update, context: Context, press: callback_data.ButtonPress, lang: str) -> Outcome:
    query = update.callback_query
    assert query is not None
    deps = deps_of(context.bot_data)
    now = deps.clock.now()
    async with deps.sessions() as session, session.begin():
        await apply_action(
            session,
            press.escalation_id,
            press.action,
            telegram_user_id=query.from_user.id,
            now=now,
            arg=press.arg,
            playbook=deps.playbooks.playbook,
        )
        escalation = await session.get(Escalation, press.escalation_id)
        assert escalation is not None
        values = {
            "level": escalation.level + 1,
            "at": f"{escalation.snoozed_until:%H:%M}" if escalation.snoozed_until else "",
        }
    deps.wake_outbox()
    return Outcome(t(_STATE_CHANGES[press.action], lang, **values))


async def handle_error(update: object, context: Context) -> None:
    """Log every handler error first, with the update that caused it."""
    log.error("error while handling update %r", update, exc_info=context.error)
