"""/oncall, /cover and /swap: who is on call, and changing shifts with the other person's confirmation.

A cover or swap is stored as a pending override and the covered person gets Agree / Decline buttons
(callback data `o1:<a|d>:<id>[-<id>]`, ≤ 64 bytes, survives restarts). Only that person may decide.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.db.models import Person, TelegramLink
from bot.domain.schedule import zone
from bot.errors import ActionRefused
from bot.escalation.people import person_by_telegram_user
from bot.escalation.rotations import decide_override, merged_rotations, on_call_summary, request_cover, request_swap
from bot.telegram.deps import BotDeps, deps_of
from bot.telegram.periods import parse_period
from bot.telegram.texts import t

__all__ = ["oncall_handlers", "pack_decision", "parse_decision"]

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
PREFIX = "o1"


def oncall_handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler("oncall", show_oncall),
        CommandHandler("cover", request_cover_command),
        CommandHandler("swap", request_swap_command),
        CallbackQueryHandler(decide_override_press, pattern=rf"^{PREFIX}:"),
    ]


def pack_decision(accept: bool, override_ids: list[int]) -> str:
    data = f"{PREFIX}:{'a' if accept else 'd'}:{'-'.join(str(i) for i in override_ids)}"
    if len(data.encode()) > 64:
        raise ValueError("callback data over 64 bytes")
    return data


def parse_decision(data: str | None) -> tuple[bool, list[int]] | None:
    parts = (data or "").split(":")
    if len(parts) != 3 or parts[0] != PREFIX or parts[1] not in ("a", "d"):
        return None
    ids = parts[2].split("-")
    if not ids or len(ids) > 2 or not all(i.isdigit() and len(i) <= 18 for i in ids):
        return None
    return parts[1] == "a", [int(i) for i in ids]


def _local(when: datetime, timezone: str) -> str:
    return when.astimezone(zone(timezone)).strftime("%a %d %b %H:%M")


async def _me(update: Update, deps: BotDeps, session: AsyncSession) -> Person | None:
    user = update.effective_user
    found = await person_by_telegram_user(session, user.id) if user else None
    return found[0] if found else None


def _timezone(deps: BotDeps, key: str) -> str:
    return next((p.timezone for p in deps.playbooks.playbook.people if p.id == key), "UTC")


async def show_oncall(update: Update, context: Context) -> None:
    """/oncall: who is on call now and next, per rotation."""
    message = update.effective_message
    if message is None:
        return
    deps = deps_of(context.bot_data)
    now = deps.clock.now()
    async with deps.sessions() as session:
        me = await _me(update, deps, session)
        if me is None:
            await message.reply_text(t("start.refused", "en"))
            return
        rotations = await merged_rotations(session, deps.playbooks.playbook.rotations, now)
    lang, tz = me.language, _timezone(deps, me.key)
    lines = on_call_summary(rotations.values(), now)
    if not lines:
        await message.reply_text(t("oncall.none", lang))
        return
    nobody = t("oncall.nobody", lang)
    rendered = [
        t(
            "oncall.line",
            lang,
            rotation=line.rotation,
            layer=line.layer.value,
            now=", ".join(line.now.people) or nobody,
            next=", ".join(line.next.people) or nobody,
            starts=_local(line.next.shift.starts_at, tz) if line.next.shift else "—",
        )
        for line in lines
    ]
    await message.reply_text(t("oncall.title", lang) + "\n" + "\n".join(rendered))


async def _find_person(session: AsyncSession, handle: str) -> tuple[Person, TelegramLink | None] | None:
    """`@marc` is a playbook id or a linked Telegram username."""
    name = handle.lstrip("@").lower()
    row = (
        await session.execute(
            select(Person, TelegramLink)
            .outerjoin(TelegramLink, TelegramLink.person_id == Person.id)
            .where(Person.active.is_(True))
        )
    ).all()
    for person, link in row:
        if person.key == name or (link is not None and (link.username or "").lower() == name):
            return person, link
    return None


async def request_cover_command(update: Update, context: Context) -> None:
    """/cover @person FROM-TO: offer to take a slice of their shift; they confirm."""
    message = update.effective_message
    if message is None:
        return
    deps = deps_of(context.bot_data)
    now = deps.clock.now()
    args = context.args or []
    async with deps.sessions() as session, session.begin():
        me = await _me(update, deps, session)
        if me is None:
            await message.reply_text(t("start.refused", "en"))
            return
        lang = me.language
        period = parse_period(" ".join(args[1:]), _timezone(deps, me.key), now) if len(args) >= 2 else None
        if period is None:
            await message.reply_text(t("cover.usage", lang))
            return
        target = await _find_person(session, args[0])
        if target is None:
            await message.reply_text(t("override.unknown_person", lang, who=args[0]))
            return
        covered, link = target
        if link is None:
            await message.reply_text(t("override.unreachable", lang, name=covered.name))
            return
        rotations = await merged_rotations(session, deps.playbooks.playbook.rotations, now)
        try:
            row = await request_cover(
                session, requester=me, covered=covered, rotations=rotations, start=period[0], end=period[1], now=now
            )
        except ActionRefused as exc:
            await message.reply_text(t("override.refused", lang, why=str(exc)))
            return
        text = t(
            "cover.request",
            covered.language,
            name=me.name,
            rotation=row.rotation_id,
            period=f"{_local(period[0], _timezone(deps, covered.key))} – {_local(period[1], _timezone(deps, covered.key))}",
        )
        await _ask(context, link.chat_id, text, covered.language, [row.id])
    await message.reply_text(
        t(
            "cover.asked",
            lang,
            name=covered.name,
            period=f"{_local(period[0], _timezone(deps, me.key))} – {_local(period[1], _timezone(deps, me.key))}",
        )
    )


async def request_swap_command(update: Update, context: Context) -> None:
    """/swap @person: trade my next shift for theirs; they confirm."""
    message = update.effective_message
    if message is None:
        return
    deps = deps_of(context.bot_data)
    now = deps.clock.now()
    args = context.args or []
    async with deps.sessions() as session, session.begin():
        me = await _me(update, deps, session)
        if me is None:
            await message.reply_text(t("start.refused", "en"))
            return
        lang = me.language
        target = await _find_person(session, args[0]) if args else None
        if not args or target is None:
            await message.reply_text(
                t("swap.usage", lang) if not args else t("override.unknown_person", lang, who=args[0])
            )
            return
        other, link = target
        if link is None:
            await message.reply_text(t("override.unreachable", lang, name=other.name))
            return
        rotations = await merged_rotations(session, deps.playbooks.playbook.rotations, now)
        try:
            rows = await request_swap(session, requester=me, other=other, rotations=rotations, now=now)
        except ActionRefused as exc:
            await message.reply_text(t("override.refused", lang, why=str(exc)))
            return
        tz = _timezone(deps, other.key)
        theirs, mine = rows[0], rows[1]  # rows[0]: they take my shift; rows[1]: I take theirs
        text = t(
            "swap.request",
            other.language,
            name=me.name,
            rotation=theirs.rotation_id,
            yours=f"{_local(mine.start_at, tz)} – {_local(mine.end_at, tz)}",
            theirs=f"{_local(theirs.start_at, tz)} – {_local(theirs.end_at, tz)}",
        )
        await _ask(context, link.chat_id, text, other.language, [r.id for r in rows])
    await message.reply_text(t("cover.asked", lang, name=other.name, period=f"/swap {rows[0].rotation_id}"))


async def _ask(context: Context, chat_id: int, text: str, lang: str, ids: list[int]) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t("override.accept", lang), callback_data=pack_decision(True, ids)),
                InlineKeyboardButton(t("override.decline", lang), callback_data=pack_decision(False, ids)),
            ]
        ]
    )
    await context.bot.send_message(chat_id=chat_id, text=text, reply_markup=keyboard)


async def decide_override_press(update: Update, context: Context) -> None:
    """Agree / Decline on a cover or swap request; always answered."""
    query = update.callback_query
    if query is None:
        return
    answer = t("answer.error", "en")
    try:
        answer = await _decide(update, context)
    finally:
        await query.answer(answer)


async def _decide(update: Update, context: Context) -> str:
    query = update.callback_query
    assert query is not None
    parsed = parse_decision(query.data)
    if parsed is None:
        return t("answer.stale", "en")
    accept, ids = parsed
    deps = deps_of(context.bot_data)
    now = deps.clock.now()
    async with deps.sessions() as session, session.begin():
        me = await _me(update, deps, session)
        if me is None:
            return t("answer.refused", "en")
        try:
            rows = await decide_override(session, ids, decider=me, accept=accept, now=now)
        except ActionRefused as exc:
            return t("override.refused", me.language, why=str(exc))
        requester = (
            await session.get(Person, rows[0].requested_by_person_id) if rows[0].requested_by_person_id else None
        )
        requester_chat = (
            await session.scalar(select(TelegramLink.chat_id).where(TelegramLink.person_id == requester.id))
            if requester
            else None
        )
    done = t("override.accepted" if accept else "override.declined", me.language)
    try:
        await query.edit_message_reply_markup(reply_markup=None)
        if requester is not None and requester_chat is not None:
            key = "override.told_accepted" if accept else "override.told_declined"
            await context.bot.send_message(chat_id=requester_chat, text=t(key, requester.language, name=me.name))
    except TelegramError:
        log.warning("could not tidy up after an override decision", exc_info=True)
    return done
