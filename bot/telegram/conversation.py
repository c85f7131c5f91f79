"""The reply conversation on Telegram: drafts with Confirm / Edit / Back, ✍️ Write my own with a ForceReply
prompt and a preview with Send / Edit / Cancel; and the two short prompts that reuse it (a delegation note,
a custom snooze). Its state is a `reply_conversation` row, so it survives restarts.

    card [📝 draft n] ──────────► PREVIEWING (draft text + lint) ──Confirm──► DONE: reply recorded,
                                    │   ▲                                      deep link / copy text,
                                  Edit  │ text arrives                         outbound webhook
                                    ▼   │
    card [✍️ Write my own] ─────► AWAITING_TEXT (ForceReply) ──► PREVIEWING (own / edited) ──Send──► DONE
                                    │                              │
                                  (a new conversation)        Back / Cancel
                                    ▼                              ▼
                                  CANCELLED ◄──────────────────────┘

    card [👥 Delegate] → AWAITING_TEXT(kind=delegate) → note arrives → delegated, DONE
    card [💤 Other…]   → AWAITING_TEXT(kind=snooze)   → "45m" / "3h" / "18:30" → snoozed, DONE

Every press re-checks the presser (`authorize`) and that the conversation is theirs and still live.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.actions import replies
from bot.actions.drafts import LintWarning, draft, lint
from bot.actions.permissions import Actor, authorize
from bot.actions.replies import ConversationKind
from bot.actions.service import Action, apply_action, community_managers, may_act_of
from bot.db.models import Mention, Person, ReplyConversation
from bot.errors import ActionRefused
from bot.escalation.people import person_by_telegram_user
from bot.ports import OutgoingReply
from bot.rules.replies import Intent
from bot.telegram import callback_data
from bot.telegram.deps import BotDeps
from bot.telegram.publishers import webhook_publisher
from bot.telegram.texts import t

__all__ = ["Outcome", "Press", "handle_conversation_press", "parse_snooze", "receive_text"]

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
FollowUp = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class Outcome:
    """The toast for the callback answer, and what to do once it is answered (send prompts, previews)."""

    answer: str
    then: FollowUp | None = None


@dataclass(frozen=True)
class Press:
    deps: BotDeps
    bot: Bot
    user_id: int
    chat_id: int
    message_id: int | None  # the message the button is on
    press: callback_data.ButtonPress
    language: str


async def handle_conversation_press(p: Press) -> Outcome:
    action = p.press.action
    if action is Action.DRAFT:
        return await _open_draft(p)
    if action is Action.OWN:
        return await _open_own(p)
    if action is Action.DELEGATE:
        return await _delegate(p)
    if action is Action.SNOOZE:
        return await _ask_snooze(p)
    if action is Action.EDIT:
        return await _edit(p)
    if action is Action.CANCEL:
        return await _cancel(p)
    return await _send(p)


async def _actor(p: Press, session: AsyncSession) -> Actor:
    playbook = p.deps.playbooks.playbook
    return await authorize(
        session,
        p.press.escalation_id,
        telegram_user_id=p.user_id,
        may_act=may_act_of(playbook),
    )


# Opening a conversation


async def _open_draft(p: Press) -> Outcome:
    intents = list(Intent)
    index = p.press.arg
    if index is None or index >= len(intents):
        raise ActionRefused("stale")
    playbook = p.deps.playbooks.playbook
    async with p.deps.sessions() as session, session.begin():
        actor = await _actor(p, session)
        facts = await replies.load_facts(session, actor.escalation, actor.person, playbook)
        suggestion = draft(playbook, facts, intents[index])
        conversation = await replies.open_conversation(
            session,
            actor,
            kind=ConversationKind.REPLY,
            origin=f"draft:{suggestion.intent.value}",
            chat_id=p.chat_id,
            now=p.deps.clock.now(),
            text=suggestion.text,
        )
        conversation_id = conversation.id
    header = t(
        "draft.title",
        p.language,
        n=index + 1,
        total=len(intents),
        intent=t(f"draft.intent.{suggestion.intent.value}", p.language),
        id=p.press.escalation_id,
    )
    html = _preview_html(header, suggestion.text, suggestion.warnings, p.language, note=True)
    keys = ("button.confirm", "button.edit", "button.back")

    async def then() -> None:
        await _send_preview(p, conversation_id, html, keys)

    return Outcome(t("answer.draft", p.language), then)


async def _open_own(p: Press) -> Outcome:
    async with p.deps.sessions() as session, session.begin():
        actor = await _actor(p, session)
        first = await session.get(Mention, actor.escalation.first_mention_id)
        author = ((first.payload or {}).get("author") or {}) if first else {}
        who = str(author.get("handle") or author.get("name") or "?")
        conversation = await replies.open_conversation(
            session, actor, kind=ConversationKind.REPLY, origin="own", chat_id=p.chat_id, now=p.deps.clock.now()
        )
        conversation_id = conversation.id
    prompt = t("own.prompt", p.language, id=p.press.escalation_id, who=who)

    async def then() -> None:
        await _prompt(p.deps, p.bot, p.chat_id, conversation_id, prompt, p.language, reply_to=p.message_id)

    return Outcome(t("answer.write", p.language), then)


async def _delegate(p: Press) -> Outcome:
    async with p.deps.sessions() as session, session.begin():
        actor = await _actor(p, session)
        managers = await community_managers(session)
        if not managers:
            raise ActionRefused("no such community manager")
        target = next((m for m in managers if m.id == p.press.arg), None)
        if target is None and len(managers) == 1:
            target = managers[0]
        if target is None:
            if p.press.arg is not None:
                raise ActionRefused("no such community manager")
            choices = [(m.name, m.id) for m in managers]
            conversation_id = None
        else:
            conversation = await replies.open_conversation(
                session,
                actor,
                kind=ConversationKind.DELEGATE,
                origin=str(target.id),
                chat_id=p.chat_id,
                now=p.deps.clock.now(),
            )
            conversation_id, name = conversation.id, target.name
    if conversation_id is None:
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        label, callback_data=callback_data.pack(Action.DELEGATE, p.press.escalation_id, pid)
                    )
                ]
                for label, pid in choices
            ]
        )

        async def choose() -> None:
            text = t("delegate.choose", p.language, id=p.press.escalation_id)
            await p.bot.send_message(p.chat_id, text, reply_markup=keyboard)

        return Outcome(t("answer.ask", p.language), choose)
    prompt = t("delegate.prompt", p.language, id=p.press.escalation_id, name=name)

    async def then() -> None:
        await _prompt(p.deps, p.bot, p.chat_id, conversation_id, prompt, p.language, reply_to=p.message_id)

    return Outcome(t("answer.ask", p.language), then)


async def _ask_snooze(p: Press) -> Outcome:
    async with p.deps.sessions() as session, session.begin():
        actor = await _actor(p, session)
        conversation = await replies.open_conversation(
            session, actor, kind=ConversationKind.SNOOZE, origin="custom", chat_id=p.chat_id, now=p.deps.clock.now()
        )
        conversation_id = conversation.id
    prompt = t("snooze.prompt", p.language, id=p.press.escalation_id)

    async def then() -> None:
        await _prompt(p.deps, p.bot, p.chat_id, conversation_id, prompt, p.language, reply_to=p.message_id)

    return Outcome(t("answer.ask", p.language), then)


# Presses on a preview


async def _edit(p: Press) -> Outcome:
    async with p.deps.sessions() as session, session.begin():
        actor = await _actor(p, session)
        conversation = await replies.conversation_for_press(session, p.press.arg, actor)
        conversation.state = replies.ConversationState.AWAITING_TEXT.value
        conversation.updated_at = p.deps.clock.now()
        previous, conversation_id = conversation.text or "", conversation.id
    prompt = t("edit.prompt", p.language, id=p.press.escalation_id, text=previous)

    async def then() -> None:
        await _drop_buttons(p)
        await _prompt(p.deps, p.bot, p.chat_id, conversation_id, prompt, p.language, reply_to=p.message_id)

    return Outcome(t("answer.write", p.language), then)


async def _cancel(p: Press) -> Outcome:
    async with p.deps.sessions() as session, session.begin():
        actor = await _actor(p, session)
        conversation = await replies.conversation_for_press(session, p.press.arg, actor)
        replies.cancel(conversation, p.deps.clock.now())

    async def then() -> None:
        await _drop_buttons(p)
        await p.bot.send_message(p.chat_id, t("conversation.cancelled", p.language))

    return Outcome(t("answer.cancelled", p.language), then)


async def _send(p: Press) -> Outcome:
    """Record the reply (the case becomes `responded`), show the deep link and copy-ready text, then hand it
    to the outbound webhook when the playbook has one, and record that outcome too."""
    playbook = p.deps.playbooks.playbook
    async with p.deps.sessions() as session, session.begin():
        actor = await _actor(p, session)
        conversation = await replies.conversation_for_press(session, p.press.arg, actor)
        row, outgoing = await replies.record_reply(session, conversation, actor, playbook, p.deps.clock.now())
        how, link = row.how, row.link
    p.deps.wake_outbox()
    html = t("sent.title", p.language, id=p.press.escalation_id) + f"\n\n<code>{escape(outgoing.text)}</code>"
    keyboard = None
    if link and link.startswith(("https://", "http://")):
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(t(f"button.open_{how}", p.language), url=link)]])

    async def then() -> None:
        await _drop_buttons(p)
        await p.bot.send_message(
            p.chat_id, html, parse_mode=ParseMode.HTML, reply_markup=keyboard, link_preview_options=NO_PREVIEW
        )
        await _hand_over(p, outgoing)

    return Outcome(t("answer.sent", p.language), then)


async def _hand_over(p: Press, outgoing: OutgoingReply) -> None:
    publisher = webhook_publisher(p.deps.playbooks.playbook, p.deps.clock, p.deps.env())
    if publisher is None:
        return
    async with publisher as hook:
        result = await hook.publish(outgoing)
    async with p.deps.sessions() as session, session.begin():
        await replies.record_webhook_outcome(session, outgoing.reply_id, result, p.deps.clock.now())
    key = "sent.webhook_ok" if result.ok else "sent.webhook_failed"
    await p.bot.send_message(
        p.chat_id, t(key, p.language, url=result.link, attempts=result.attempts, detail=result.detail)
    )


# Text the person sends


async def receive_text(deps: BotDeps, bot: Bot, message: Message, user_id: int, language: str) -> bool:
    """Route a private text to the conversation waiting for it. False when none is (the caller shows help)."""
    reply_to = message.reply_to_message.message_id if message.reply_to_message else None
    text = message.text or ""
    async with deps.sessions() as session, session.begin():
        found = await person_by_telegram_user(session, user_id)
        conversation = await replies.conversation_for_text(session, found[0].id, reply_to) if found else None
        if found is None or conversation is None:
            return False
        kind, escalation_id, conversation_id = conversation.kind, conversation.escalation_id, conversation.id
        origin = conversation.origin
        if kind == ConversationKind.REPLY.value:
            preview = await _take_reply_text(deps, session, conversation, found[0], user_id, text, language)
    if kind != ConversationKind.REPLY.value:
        await _finish_short(deps, message, user_id, language, kind, escalation_id, conversation_id, origin, text)
    elif preview is None:
        await message.reply_text(t("refused.text", language, why=t("answer.refused", language)))
    else:
        button = callback_data.ButtonPress(Action.SEND, escalation_id, conversation_id)
        press = Press(deps, bot, user_id, message.chat_id, message.message_id, button, language)
        await _send_preview(press, conversation_id, preview, ("button.send", "button.edit", "button.cancel"))
    return True


async def _take_reply_text(
    deps: BotDeps,
    session: AsyncSession,
    conversation: ReplyConversation,
    person: Person,
    user_id: int,
    text: str,
    language: str,
) -> str | None:
    """Store the text and return the preview's HTML; None (and the conversation cancelled) when the person
    may no longer act on the case."""
    playbook, now = deps.playbooks.playbook, deps.clock.now()
    try:
        actor = await authorize(
            session, conversation.escalation_id, telegram_user_id=user_id, may_act=may_act_of(playbook)
        )
        replies.set_text(conversation, text, now)
    except ActionRefused as exc:
        log.info("text for conversation %s refused: %s", conversation.id, exc)
        replies.cancel(conversation, now)
        return None
    facts = await replies.load_facts(session, actor.escalation, person, playbook)
    final = conversation.text or ""
    header = t(
        "preview.title",
        language,
        id=conversation.escalation_id,
        chars=len(final),
        limit=playbook.replies.limit_for(facts.platform),
        platform=facts.platform,
    )
    return _preview_html(header, final, lint(playbook, facts, final), language, note=False)


async def _finish_short(
    deps: BotDeps,
    message: Message,
    user_id: int,
    language: str,
    kind: str,
    escalation_id: int,
    conversation_id: int,
    origin: str,
    text: str,
) -> None:
    """A delegation note or a custom snooze time: apply it, close the conversation, say what happened."""
    now = deps.clock.now()
    minutes = parse_snooze(text, now) if kind == ConversationKind.SNOOZE.value else None
    if kind == ConversationKind.SNOOZE.value and minutes is None:
        await message.reply_text(t("snooze.bad", language))
        return
    action, arg = (Action.SNOOZE, minutes) if minutes is not None else (Action.DELEGATE, int(origin))
    try:
        async with deps.sessions() as session, session.begin():
            conversation = await session.get(ReplyConversation, conversation_id, with_for_update=True)
            await apply_action(
                session,
                escalation_id,
                action,
                telegram_user_id=user_id,
                now=now,
                arg=arg,
                note=text if action is Action.DELEGATE else None,
                playbook=deps.playbooks.playbook,
            )
            if conversation is not None:
                conversation.state, conversation.updated_at = replies.ConversationState.DONE.value, now
            target = await session.get(Person, arg) if action is Action.DELEGATE else None
    except ActionRefused as exc:
        await message.reply_text(t("refused.text", language, why=str(exc)))
        return
    deps.wake_outbox()
    if action is Action.SNOOZE:
        assert minutes is not None
        at = now + timedelta(minutes=minutes)
        await message.reply_text(t("snooze.done", language, at=f"{at:%H:%M}"))
    else:
        await message.reply_text(t("delegate.done", language, name=target.name if target else "?"))


_DURATION = re.compile(r"^(\d{1,4})\s*(m|min|mins|minutos?|minutes?|h|hours?|horas?)?$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_snooze(text: str, now: datetime) -> int | None:
    """Minutes from `45m`, `3h`, `90` or a UTC clock time `18:30` (the next one); None when unreadable."""
    value = text.strip().lower()
    match = _DURATION.match(value)
    if match:
        amount = int(match.group(1))
        minutes = amount * 60 if (match.group(2) or "m").startswith("h") else amount
        return minutes if 1 <= minutes <= 7 * 24 * 60 else None
    match = _CLOCK.match(value)
    if match:
        target = now.replace(hour=int(match.group(1)), minute=int(match.group(2)), second=0, microsecond=0)
        if target <= now:
            target += timedelta(days=1)
        return max(1, round((target - now).total_seconds() / 60))
    return None


# Messages


def _preview_html(header: str, text: str, warnings: list[LintWarning], language: str, *, note: bool) -> str:
    lines = [escape(header), f"<blockquote>{escape(text, quote=False)}</blockquote>"]
    if warnings:
        lines.append(escape(t("lint.title", language)))
        lines += [f"• {escape(t(f'lint.{w.kind.value}', language, detail=w.detail))}" for w in warnings]
    else:
        lines.append(escape(t("lint.ok", language)))
    if note:
        lines.append(f"<i>{escape(t('draft.note', language))}</i>")
    return "\n".join(lines)


async def _send_preview(p: Press, conversation_id: int, html: str, keys: tuple[str, str, str]) -> None:
    eid = p.press.escalation_id
    actions = (Action.SEND, Action.EDIT, Action.CANCEL)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(key, p.language), callback_data=callback_data.pack(action, eid, conversation_id))
                for key, action in zip(keys, actions, strict=True)
            ]
        ]
    )
    sent = await p.bot.send_message(
        p.chat_id, html, parse_mode=ParseMode.HTML, reply_markup=keyboard, link_preview_options=NO_PREVIEW
    )
    async with p.deps.sessions() as session, session.begin():
        conversation = await session.get(ReplyConversation, conversation_id)
        if conversation is not None:
            conversation.preview_message_id = sent.message_id


async def _prompt(
    deps: BotDeps, bot: Bot, chat_id: int, conversation_id: int, text: str, language: str, *, reply_to: int | None
) -> None:
    del reply_to  # the prompt is a fresh message: Telegram shows the ForceReply on the newest one
    sent = await bot.send_message(
        chat_id, text, reply_markup=ForceReply(input_field_placeholder=t("own.placeholder", language))
    )
    async with deps.sessions() as session, session.begin():
        conversation = await session.get(ReplyConversation, conversation_id)
        if conversation is not None:
            conversation.prompt_message_id = sent.message_id


async def _drop_buttons(p: Press) -> None:
    """The preview's buttons are spent: remove them so an old preview cannot be pressed again."""
    if p.message_id is None:
        return
    try:
        await p.bot.edit_message_reply_markup(p.chat_id, p.message_id, reply_markup=None)
    except TelegramError as exc:  # already edited, or too old to edit: the buttons are refused anyway
        log.debug("could not remove buttons from message %s: %s", p.message_id, exc)
