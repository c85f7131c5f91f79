"""Render a `CardView` as Telegram HTML (always escaped, always within 4096 characters) and its buttons."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.actions.service import SNOOZE_CHOICES, Action
from bot.escalation.cards import CardView, ThreadPost
from bot.rules.replies import Intent
from bot.telegram import callback_data
from bot.telegram.texts import t

__all__ = ["RenderedCard", "duration", "render_card", "utf16_len"]

MAX_CHARS = 4096
SNIPPET = 140  # characters of a thread post shown on the card
SEVERITY_ICON = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "⚪"}


@dataclass(frozen=True)
class RenderedCard:
    html: str
    keyboard: InlineKeyboardMarkup | None

    @property
    def fingerprint(self) -> str:
        """Same fingerprint, same message: no edit needed (Telegram refuses identical edits anyway)."""
        buttons = self.keyboard.to_json() if self.keyboard else ""
        return hashlib.sha256((self.html + "\x00" + buttons).encode()).hexdigest()


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def render_card(view: CardView) -> RenderedCard:
    lang = view.language
    head = _head(view)
    tail = _thread(view) + _tail(view)
    body = view.mention.get("text", "")
    budget = MAX_CHARS - utf16_len(head) - utf16_len(tail) - 16
    quoted = _quote(body, budget, lang)
    return RenderedCard(html=f"{head}\n{quoted}\n{tail}", keyboard=_keyboard(view))


def _snippet(post: ThreadPost) -> str:
    text = " ".join(post.text.split())
    text = text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"
    return f"<i>{escape(post.author)}</i>: {escape(text, quote=False)}"


def _thread(view: CardView) -> str:
    """What the mention replies to and the latest posts of the case, when known ("" otherwise)."""
    lang, lines = view.language, []
    if view.replies_to is not None:
        lines.append(f"↩️ <b>{escape(t('card.replies_to', lang))}:</b> {_snippet(view.replies_to)}")
    if view.latest:
        lines.append(f"<b>{escape(t('card.latest', lang))}:</b>")
        lines += [f"• {_snippet(post)}" for post in view.latest]
    return "".join(line + "\n" for line in lines)


def _head(view: CardView) -> str:
    lang = view.language
    icon = SEVERITY_ICON.get(view.severity, "")
    lines = [
        f"{icon} <b>{escape(t('severity.' + view.severity, lang))}</b> · "
        f"{escape(t('card.title', lang, id=view.escalation_id))}",
    ]
    if view.drill:
        lines.insert(0, f"🧯 <b>{escape(t('card.drill', lang))}</b>")
    if view.lanes:
        lines.append(" · ".join(f"#{escape(lane)}" for lane in view.lanes))
    if view.reasons:
        lines.append(f"<b>{escape(t('card.why', lang))}:</b>")
        lines += [f"• {escape(reason)}" for reason in view.reasons[:8]]
    lines.append(_author_line(view))
    return "\n".join(lines)


def _author_line(view: CardView) -> str:
    lang = view.language
    author = view.mention.get("author") or {}
    parts = [escape(str(author.get("name") or "")), escape(str(author.get("handle") or ""))]
    who = " ".join(p for p in parts if p) or "?"
    extra = [t("card.followers", lang, n=f"{int(author.get('followers') or 0):,}")]
    if author.get("verified"):
        extra.append("✔︎ " + t("card.verified", lang))
    platform = escape(str(view.mention.get("platform") or ""))
    return f"<b>{escape(t('card.author', lang))}:</b> {who} ({escape(', '.join(extra))}) · {platform}"


def _quote(text: str, budget: int, lang: str) -> str:
    text = text.strip()
    if utf16_len(escape(text, quote=False)) > budget:
        marker = " … " + t("card.trimmed", lang)
        while text and utf16_len(escape(text, quote=False)) + utf16_len(marker) > budget:
            text = text[: max(0, len(text) - max(1, len(text) // 10))]
        return f"<blockquote>{escape(text, quote=False)}{escape(marker)}</blockquote>"
    return f"<blockquote>{escape(text, quote=False)}</blockquote>"


def _tail(view: CardView) -> str:
    lang = view.language
    lines = [f"<b>{escape(t('card.state', lang))}:</b> {escape(_state_text(view))}"]
    owner = view.owner_name or t("card.owner_none", lang)
    lines.append(f"<b>{escape(t('card.owner', lang))}:</b> {escape(owner)}")
    counters = t("card.counters", lang, count=view.mention_count, authors=view.authors, reach=f"{view.reach:,}")
    lines.append(f"<b>{escape(t('card.mentions', lang))}:</b> {escape(counters)}")
    deadline = _deadline(view)
    if deadline:
        lines.append(f"⏱ {escape(deadline)}")
    if view.first_response_seconds is not None:
        took = duration(view.first_response_seconds)
        lines.append(f"📤 {escape(t('card.first_response', lang, took=took))}")
    url = view.mention_url
    if url and url.startswith(("https://", "http://")):
        lines.append(f'<a href="{escape(url, quote=True)}">{escape(t("card.open_original", lang))}</a>')
    return "\n".join(lines)


def _state_text(view: CardView) -> str:
    who = view.last_actor or view.owner_name or "?"
    return t(f"state.{view.state}", view.language, who=who)


def _deadline(view: CardView) -> str | None:
    if view.state == "open" and view.ack_due_at:
        return _left("card.ack_due", "card.ack_overdue", view.ack_due_at, view.now, view.language)
    if view.state == "acknowledged" and view.respond_due_at:
        return _left("card.respond_due", "card.respond_overdue", view.respond_due_at, view.now, view.language)
    if view.state == "snoozed" and view.snoozed_until:
        left = duration(max(0.0, (view.snoozed_until - view.now).total_seconds()), up=True)
        return t("card.snoozed_until", view.language, at=f"{view.snoozed_until:%H:%M}", left=left)
    return None


def duration(seconds: float, *, up: bool = False) -> str:
    """`45 s`, `12 min`, `2 h 5 min`: short enough for a phone. `up` rounds to the next minute (time left)."""
    seconds = int(seconds)
    if up and seconds >= 60 and seconds % 60:
        seconds += 60 - seconds % 60
    if seconds < 60:
        return f"{seconds} s"
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def _left(due_key: str, overdue_key: str, due: datetime, now: datetime, lang: str) -> str:
    seconds = int((due - now).total_seconds())
    key = due_key if seconds >= 0 else overdue_key
    # Rounded up: 4 min 59 s left reads "5 min", as a countdown on a phone should.
    left = f"{-(-abs(seconds) // 60)} min" if abs(seconds) >= 60 else f"{abs(seconds)} s"
    return t(key, lang, left=left) + f" ({due:%H:%M} UTC)"


def _button(view: CardView, key: str, action: Action, arg: int | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        t(key, view.language), callback_data=callback_data.pack(action, view.escalation_id, arg)
    )


def _keyboard(view: CardView) -> InlineKeyboardMarkup | None:
    """Buttons by state: none once resolved; drafts and ✍️ while a reply makes sense; the rest as it fits."""
    if view.state == "resolved":
        return None
    rows: list[list[InlineKeyboardButton]] = []
    first: list[InlineKeyboardButton] = []
    if view.state == "open":
        first.append(_button(view, "button.ack", Action.ACKNOWLEDGE))
    elif not view.viewer_is_owner:
        first.append(_button(view, "button.take", Action.TAKE))
    rows.append(first)
    rows.append([_button(view, f"button.draft.{intent.value}", Action.DRAFT, i) for i, intent in enumerate(Intent)])
    rows.append([_button(view, "button.own", Action.OWN)])
    if view.state != "responded":
        second = [_button(view, "button.escalate", Action.ESCALATE)]
        if view.can_delegate and view.state != "delegated":
            second.insert(0, _button(view, "button.delegate", Action.DELEGATE))
        rows.append(second)
        rows.append(
            [_button(view, f"button.snooze_{m}", Action.SNOOZE, m) for m in SNOOZE_CHOICES]
            + [_button(view, "button.snooze_custom", Action.SNOOZE)]
        )
    rows.append(
        [_button(view, "button.resolve", Action.RESOLVE), _button(view, "button.not_relevant", Action.NOT_RELEVANT)]
    )
    return InlineKeyboardMarkup([row for row in rows if row])
