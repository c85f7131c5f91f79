"""/queue, /status N and /settings: small commands for linked people; strangers get the polite refusal."""

from __future__ import annotations

from datetime import datetime
from html import escape

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.actions.permissions import authorize, linked_person
from bot.actions.service import may_act_of
from bot.actions.settings import language_of, set_language, set_quiet_hours, settings_of
from bot.db.models import Card, Escalation, EscalationEvent, Mention, Person
from bot.errors import ActionRefused
from bot.telegram import callback_data
from bot.telegram.card import SEVERITY_ICON, duration
from bot.telegram.deps import deps_of
from bot.telegram.texts import t

__all__ = ["change_setting", "show_queue", "show_settings", "show_status", "telegram_language"]

Context = ContextTypes.DEFAULT_TYPE
QUEUE_LIMIT = 30
STATUS_EVENTS = 40


def telegram_language(update: Update) -> str:
    code = (update.effective_user.language_code or "en") if update.effective_user else "en"
    return "es" if code.startswith("es") else "en"


async def show_queue(update: Update, context: Context) -> None:
    """/queue: my open escalations, most urgent first."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = deps_of(context.bot_data)
    now = deps.clock.now()
    async with deps.sessions() as session:
        try:
            person = await linked_person(session, user.id)
        except ActionRefused:
            await message.reply_text(t("start.refused", telegram_language(update)))
            return
        lang = await language_of(session, person)
        rows = await _my_open(session, person)
    if not rows:
        await message.reply_text(t("queue.empty", lang))
        return
    lines = [escape(t("queue.title", lang, count=len(rows)))]
    for escalation, snippet in rows:
        state = t(f"state.{escalation.state}", lang, who=person.name)
        lines.append(
            escape(
                t(
                    "queue.line",
                    lang,
                    id=escalation.id,
                    icon=SEVERITY_ICON.get(escalation.severity, ""),
                    state=state,
                    left=_left(escalation, now),
                    snippet=snippet,
                )
            )
        )
    await message.reply_text("\n".join(lines), parse_mode=ParseMode.HTML)


async def _my_open(session: AsyncSession, person: Person) -> list[tuple[Escalation, str]]:
    rows = (
        await session.execute(
            select(Escalation, Mention.text)
            .join(Mention, Mention.id == Escalation.first_mention_id)
            .outerjoin(Card, (Card.escalation_id == Escalation.id) & (Card.person_id == person.id))
            .where(Escalation.state != "resolved", or_(Escalation.owner_person_id == person.id, Card.id.is_not(None)))
            .order_by(Escalation.id.desc())
            .limit(QUEUE_LIMIT)
        )
    ).all()
    rank = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    ordered = sorted(rows, key=lambda r: (rank.get(r[0].severity, 9), -r[0].id))
    return [(esc, " ".join(text.split())[:60]) for esc, text in ordered]


def _left(escalation: Escalation, now: datetime) -> str:
    due = escalation.ack_due_at or escalation.respond_due_at or escalation.snoozed_until
    if due is None:
        return ""
    seconds = (due - now).total_seconds()
    return f" · ⏱ {duration(seconds)}" if seconds >= 0 else f" · ⏱ -{duration(-seconds)}"


async def show_status(update: Update, context: Context) -> None:
    """/status N: the timeline of escalation N, for those who may act on it."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = deps_of(context.bot_data)
    arg = context.args[0].lstrip("#") if context.args else ""
    async with deps.sessions() as session:
        try:
            person = await linked_person(session, user.id)
        except ActionRefused:
            await message.reply_text(t("start.refused", telegram_language(update)))
            return
        lang = await language_of(session, person)
        if not arg.isdigit() or len(arg) > 18:
            await message.reply_text(t("status.usage", lang))
            return
        try:
            actor = await authorize(
                session,
                int(arg),
                telegram_user_id=user.id,
                may_act=may_act_of(deps.playbooks.playbook),
                allow_closed=True,
            )
        except ActionRefused:
            await message.reply_text(t("answer.refused", lang))
            return
        html = await _timeline(session, actor.escalation, lang)
    await message.reply_text(html, parse_mode=ParseMode.HTML)


async def _timeline(session: AsyncSession, escalation: Escalation, lang: str) -> str:
    events = (
        await session.execute(
            select(EscalationEvent, Person.name)
            .outerjoin(Person, Person.id == EscalationEvent.actor_person_id)
            .where(EscalationEvent.escalation_id == escalation.id)
            .order_by(EscalationEvent.id.desc())
            .limit(STATUS_EVENTS)
        )
    ).all()
    state = t(f"state.{escalation.state}", lang, who="")
    title = t("status.title", lang, id=escalation.id, severity=t(f"severity.{escalation.severity}", lang), state=state)
    lines = [f"<b>{escape(title.strip())}</b>"]
    for event, name in reversed(events):
        key = f"event.{event.kind}"
        try:
            label = t(key, lang, **(event.detail or {}))
        except (KeyError, IndexError, ValueError):  # no text for it, or its text wants a value it lacks
            label = event.kind
        who = f" · {name}" if name else ""
        lines.append(f"<code>{event.at:%m-%d %H:%M}</code> {escape(label)}{escape(who)}")
    if escalation.first_response_seconds is not None:
        lines.append(escape(t("status.response", lang, took=duration(escalation.first_response_seconds))))
    return "\n".join(lines)[:4000]


async def show_settings(update: Update, context: Context) -> None:
    """/settings: language buttons; `/settings quiet 23:00-07:00` (or `off`) sets quiet hours."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = deps_of(context.bot_data)
    args = context.args or []
    async with deps.sessions() as session, session.begin():
        try:
            person = await linked_person(session, user.id)
        except ActionRefused:
            await message.reply_text(t("start.refused", telegram_language(update)))
            return
        lang = await language_of(session, person)
        if args[:1] == ["quiet"]:
            try:
                value = await set_quiet_hours(session, person, " ".join(args[1:]), deps.clock.now())
            except ActionRefused:
                said = t("settings.quiet_bad", lang)
            else:
                quiet = t("settings.quiet_none", lang) if value == "off" else value
                said = t("settings.quiet_set", lang, quiet=quiet)
        else:
            said = None
        current = await settings_of(session, person)
        playbook_quiet = next((p.quiet_hours for p in deps.playbooks.playbook.people if p.id == person.key), None)
    if said is not None:  # answered once the change is committed
        await message.reply_text(said)
        return
    shown = current.quiet_hours or (str(playbook_quiet) if playbook_quiet else None)
    quiet = t("settings.quiet_none", lang) if shown in (None, "off") else str(shown)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(f"settings.language.{code}", lang), callback_data=callback_data.pack_setting("lang", code)
                )
                for code in ("es", "en")
            ]
        ]
    )
    text = t("settings.show", lang, language=t(f"settings.language.{current.language}", lang), quiet=quiet)
    await message.reply_text(text, reply_markup=keyboard)


async def change_setting(update: Update, context: Context) -> None:
    """A /settings button. Always answered."""
    query = update.callback_query
    if query is None:
        return
    answer = t("answer.refused", telegram_language(update))
    try:
        press = callback_data.parse_setting(query.data)
        if press is None:
            answer = t("answer.stale", telegram_language(update))
            return
        deps = deps_of(context.bot_data)
        async with deps.sessions() as session, session.begin():
            person = await linked_person(session, query.from_user.id)
            await set_language(session, person, press.value, deps.clock.now())
        answer = t("answer.settings", press.value)
        deps.wake_outbox()
    except ActionRefused:
        pass
    finally:
        await query.answer(answer)
