"""Forwarding into the bot: a forwarded message, `/escalate [critical|high] [note]` or `/attach N` becomes a
mention (source `telegram-forward`) that goes through triage like any other.

    forward (any origin) ────────────────► mention, floor high
    /escalate [sev] [note] <link|text> ──► mention of the link (note kept) or of the text, floor sev (high)
    /escalate [sev] [note] ↩ a message ──► mention of the replied-to message; joins that forward's case
    /attach N <link|text>  or  ↩ message ► mention attached to case N (open cases only)
    text ↩ the bot's "📨 … #N" message ──► attached to case N

The mention is stored and committed here (idempotent on chat id + message id), then the pipeline is woken;
the pipeline opens or joins the case and queues "📨 Escalation #N opened" back to the reporter.
Strangers get the polite refusal; observers are told they may not report (see bot/actions/permissions.py).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from telegram import (
    Message,
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)
from telegram.ext import ContextTypes

from bot.actions.permissions import may_report
from bot.actions.settings import language_of
from bot.db.mentions import insert_new_mentions, mention_row
from bot.db.models import Escalation, Person, TelegramLink
from bot.domain import EscalationState, NormalizedMention
from bot.escalation.people import person_by_telegram_user
from bot.escalation.team import FORWARD_SOURCE
from bot.telegram import handlers
from bot.telegram.commands import telegram_language
from bot.telegram.deps import deps_of
from bot.telegram.texts import t

__all__ = [
    "Report",
    "attach_command",
    "escalate_command",
    "forwarded_mention",
    "receive_forward",
    "reply_to_confirmation",
    "split_severity",
]

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
SEVERITIES = ("critical", "high")
DEFAULT_FLOOR = "high"
_URL = re.compile(r"https?://\S+")
_CONFIRMATION = re.compile(r"^📨 .*?#(\d{1,18})\b")
_PLATFORMS = {
    "x.com": "x",
    "twitter.com": "x",
    "linkedin.com": "linkedin",
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "t.me": "telegram",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
    "reddit.com": "reddit",
}


@dataclass(frozen=True)
class Report:
    """What a reporter asked for: the content, the severity floor, their note, the case to join."""

    mention: dict[str, Any]
    floor: str | None = DEFAULT_FLOOR
    note: str | None = None
    attach_to: int | None = None
    same_as: str | None = None


# Pure: messages and arguments → mention fields


def split_severity(args: list[str]) -> tuple[str | None, str]:
    """`["critical", "angry", "VIP"]` → ("critical", "angry VIP"); no severity word → (None, everything)."""
    if args and args[0].lower() in SEVERITIES:
        return args[0].lower(), " ".join(args[1:]).strip()
    return None, " ".join(args).strip()


def _author(origin: MessageOrigin) -> tuple[dict[str, Any], str | None, str | None]:
    """(author, author id, link) of a forward origin: user, hidden user, chat or channel."""
    if isinstance(origin, MessageOriginUser):
        user = origin.sender_user
        handle = f"@{user.username}" if user.username else None
        return {"name": user.full_name, "handle": handle}, str(user.id), None
    if isinstance(origin, MessageOriginHiddenUser):
        return {"name": origin.sender_user_name}, None, None
    if isinstance(origin, MessageOriginChat):
        chat = origin.sender_chat
        name = chat.title or chat.full_name or "?"
        if origin.author_signature:
            name = f"{name} ({origin.author_signature})"
        handle = f"@{chat.username}" if chat.username else None
        return {"name": name, "handle": handle}, str(chat.id), None
    if isinstance(origin, MessageOriginChannel):
        chat = origin.chat
        name = chat.title or "?"
        if origin.author_signature:
            name = f"{name} ({origin.author_signature})"
        link = f"https://t.me/{chat.username}/{origin.message_id}" if chat.username else None
        handle = f"@{chat.username}" if chat.username else None
        return {"name": name, "handle": handle}, str(chat.id), link
    return {"name": "?"}, None, None


def forwarded_mention(message: Message) -> dict[str, Any]:
    """The generic mention fields of a forwarded (or any) message in the bot's chat."""
    fields: dict[str, Any] = {
        "id": f"{message.chat_id}:{message.message_id}",
        "platform": "telegram",
        "text": message.text or message.caption or "",
    }
    origin = message.forward_origin
    if origin is None:
        return fields
    author, author_id, link = _author(origin)
    fields.update(author={k: v for k, v in author.items() if v}, created_at=origin.date.isoformat())
    fields["author_id"] = author_id
    fields["url"] = link
    fields["origin"] = origin.type
    return fields


def _link_mention(message: Message, rest: str) -> tuple[dict[str, Any], str | None]:
    """A link in the text: the mention is the link; the words around it are the note."""
    match = _URL.search(rest)
    assert match is not None
    url = match.group(0).rstrip(").,;")
    note = (rest[: match.start()] + " " + rest[match.end() :]).strip() or None
    host = (urlsplit(url).hostname or "").removeprefix("www.").removeprefix("m.")
    fields = {
        "id": f"{message.chat_id}:{message.message_id}",
        "platform": _PLATFORMS.get(host, "web"),
        "text": note or url,
        "url": url,
    }
    return fields, note


def _report_from(message: Message, rest: str, *, floor: str | None) -> Report | None:
    """The content of `/escalate` or `/attach`: a replied-to message, a link, or the text itself."""
    replied = message.reply_to_message
    if replied is not None and (replied.forward_origin is not None or replied.text or replied.caption):
        fields = forwarded_mention(replied)
        fields["id"] = f"{message.chat_id}:{message.message_id}"
        return Report(fields, floor=floor, note=rest or None, same_as=f"{replied.chat_id}:{replied.message_id}")
    if _URL.search(rest):
        fields, note = _link_mention(message, rest)
        return Report(fields, floor=floor, note=note)
    if rest:
        return Report({"id": f"{message.chat_id}:{message.message_id}", "platform": "telegram", "text": rest}, floor)
    return None


# Handlers


async def receive_forward(update: Update, context: Context) -> None:
    """A message forwarded into the bot's private chat: escalate it (floor high)."""
    message = update.effective_message
    if message is None:
        return
    await _submit(update, context, Report(forwarded_mention(message)))


async def escalate_command(update: Update, context: Context) -> None:
    """/escalate [critical|high] [note] with a link or text, or in reply to a forwarded message."""
    message = update.effective_message
    if message is None:
        return
    severity, rest = split_severity(list(context.args or []))
    report = _report_from(message, rest, floor=severity or DEFAULT_FLOOR)
    await _submit(update, context, report, usage="escalate.usage")


async def attach_command(update: Update, context: Context) -> None:
    """/attach N with a link or text, or in reply to a forwarded message: join case N."""
    message = update.effective_message
    if message is None:
        return
    args = list(context.args or [])
    number = args[0].lstrip("#") if args else ""
    report = _report_from(message, " ".join(args[1:]).strip(), floor=None) if number.isdigit() else None
    if report is not None and len(number) <= 18:
        report = Report(report.mention, floor=None, note=report.note, attach_to=int(number))
    await _submit(update, context, report, usage="attach.usage")


async def reply_to_confirmation(update: Update, context: Context) -> None:
    """Text in reply to the bot's "📨 … #N" confirmation joins case N; any other text goes on as before
    (the answer to a prompt, or the help)."""
    message = update.effective_message
    replied = message.reply_to_message if message else None
    author = replied.from_user if replied is not None else None
    match = _CONFIRMATION.match(replied.text or "") if replied is not None else None
    if message is None or match is None or author is None or author.id != context.bot.id:
        await handlers.receive_message(update, context)
        return
    report = _report_from_text(message, message.text or "")
    if report is not None:
        report = Report(report.mention, floor=None, note=report.note, attach_to=int(match.group(1)))
    await _submit(update, context, report, usage="attach.usage")


def _report_from_text(message: Message, text: str) -> Report | None:
    text = text.strip()
    if _URL.search(text):
        fields, note = _link_mention(message, text)
        return Report(fields, floor=None, note=note)
    return (
        Report({"id": f"{message.chat_id}:{message.message_id}", "platform": "telegram", "text": text})
        if text
        else None
    )


async def _submit(update: Update, context: Context, report: Report | None, *, usage: str | None = None) -> None:
    """Check the reporter, store the mention (committed), wake the pipeline, say it was received."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = deps_of(context.bot_data)
    now = deps.clock.now()
    async with deps.sessions() as session, session.begin():
        found = await person_by_telegram_user(session, user.id)
        if found is None:
            await message.reply_text(t("start.refused", telegram_language(update)))
            return
        person, link = found
        lang = await language_of(session, person)
        if not may_report(person):
            await message.reply_text(t("report.not_allowed", lang))
            return
        if report is None:
            await message.reply_text(t(usage or "escalate.usage", lang))
            return
        if report.attach_to is not None and not await _is_open(session, report.attach_to):
            await message.reply_text(t("attach.closed", lang, id=report.attach_to))
            return
        row = _row(report, person, link, now=now)
        inserted = await insert_new_mentions(session, [row])
    deps.wake_pipeline()
    if inserted:
        log.info("person %s reported mention %s", person.key, row["external_id"])


async def _is_open(session: Any, escalation_id: int) -> bool:
    escalation = await session.get(Escalation, escalation_id)
    return escalation is not None and not EscalationState(escalation.state).is_closed


def _row(report: Report, person: Person, link: TelegramLink, *, now: Any) -> dict[str, Any]:
    fields = {k: v for k, v in report.mention.items() if v is not None and k != "origin"}
    row = mention_row(FORWARD_SOURCE, NormalizedMention.model_validate(fields), now)
    row["payload"] = {
        **row["payload"],
        "reporter": {
            "person_id": person.id,
            "person_key": person.key,
            "name": person.name,
            "chat_id": link.chat_id,
            "telegram_user_id": link.telegram_user_id,
        },
        "forward_origin": report.mention.get("origin"),
        "severity_floor": report.floor,
        "note": report.note,
        "attach_to": report.attach_to,
        "same_as": report.same_as,
    }
    row["payload"] = {k: v for k, v in row["payload"].items() if v is not None}
    return row
