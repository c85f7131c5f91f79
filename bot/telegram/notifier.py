"""Deliver the outbox to Telegram: render each card from the database, send or edit it in place, and
record every attempt. Failures are classified: retry later (flood control, network), or give up and mark
the chat unreachable (blocked, chat gone)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import warnings
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from html import unescape
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut

from bot.clock import Clock
from bot.db.engine import is_postgres_session
from bot.db.loop_thread import InLoopSessions, SessionRunner
from bot.db.models import Card, Notification
from bot.escalation import delivery
from bot.escalation.cards import CardView, load_card_view
from bot.escalation.outbox import NotificationKind, Priority
from bot.escalation.people import person_language
from bot.metrics import Metrics
from bot.rules.playbook import Playbook
from bot.telegram.budget import Budgets, Limits
from bot.telegram.card import render_card
from bot.telegram.texts import t

__all__ = ["ChatProfile", "Notifier", "build_notifier", "retry_after_seconds", "team_chat_profiles"]

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def retry_after_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB warns about the int → timedelta migration on access
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Notifier:
    def __init__(
        self,
        bot: Bot,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        metrics: Metrics,
        *,
        database: SessionRunner | None = None,
        idle_poll_seconds: float = 2.0,
        budgets: Budgets | None = None,
        edit_interval: timedelta = timedelta(seconds=5),
        chat_profile: Callable[[int], ChatProfile | None] = lambda _chat_id: None,
    ) -> None:
        self._bot = bot
        # Each transaction below is handed whole to `database` (by default this loop): in the app, a loop of its
        # own in another thread, so its round trips do not wait behind the web requests (bot.db.loop_thread).
        self._db: SessionRunner = database or InLoopSessions(sessions)
        self._clock = clock
        self._metrics = metrics
        self._idle = idle_poll_seconds
        self._budgets = budgets or Budgets()
        self._edit_interval = edit_interval
        self._chat_profile = chat_profile
        self._soonest: float | None = None  # seconds until a budget-held notification may go
        self._outage = False  # a network error happened and no call has succeeded since
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="notifier")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    @property
    def alive(self) -> bool:
        return self._task is not None and not self._task.done()

    async def _run(self) -> None:
        async def recover(sessions: async_sessionmaker[AsyncSession]) -> None:
            async with sessions() as session, session.begin():
                await delivery.recover_interrupted(session, self._clock.now())

        await self._db.run(recover)
        while True:
            self._wake.clear()
            try:
                while await self.deliver_due() > 0:
                    pass
            except Exception:
                log.exception("notifier pass failed; retrying shortly")
            timeout = self._idle if self._soonest is None else min(self._idle, max(self._soonest, 0.01))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=timeout)

    async def deliver_due(self, limit: int = 50) -> int:
        """One pass over what is due, most urgent first, within the chats' budgets. Returns how many were
        tried; those held back by a budget wait for it without holding back other chats."""
        now = self._clock.now()
        if self._outage:
            return await self._probe(now)

        async def claim(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[int, int]]:
            async with sessions() as session:
                return [(n.id, n.chat_id) for n in await delivery.claim_due(session, now, limit=limit)]

        due = await self._db.run(claim)
        self._soonest = None
        tried = 0
        for notification_id, chat_id in due:
            wait = self._budgets.reserve(chat_id, self._clock.now())
            if wait > 0:
                self._soonest = wait if self._soonest is None else min(self._soonest, wait)
                continue
            await self._deliver_one(notification_id)
            tried += 1
        return tried

    async def _probe(self, now: datetime) -> int:
        """While the Bot API is failing, only the most urgent notification is retried, on its own backoff;
        the rest wait without spending attempts. When it gets through, everything waiting becomes due at
        once, so the backlog goes out in priority order (pages first)."""

        async def most_urgent(sessions: async_sessionmaker[AsyncSession]) -> tuple[int, datetime] | None:
            async with sessions() as session:
                top = await delivery.most_urgent_pending(session)
                return None if top is None else (top.id, top.next_attempt_at)

        async def release(sessions: async_sessionmaker[AsyncSession]) -> int:
            async with sessions() as session, session.begin():
                return await delivery.release_backoff(session, self._clock.now())

        top = await self._db.run(most_urgent)
        if top is None:
            self._outage = False
            return 0
        top_id, next_attempt_at = top
        if next_attempt_at > now:
            self._soonest = (next_attempt_at - now).total_seconds()
            return 0
        await self._deliver_one(top_id)
        if not self._outage:
            released = await self._db.run(release)
            log.info("the Bot API answers again; %d notification(s) that were waiting are due now", released)
        return 1

    async def _deliver_one(self, notification_id: int) -> None:
        """Two transactions around the Bot API call. The first marks the row `sending` (and commits), so a
        crash during the call can never send it again after a restart; the second records the outcome."""

        async def prepare(sessions: async_sessionmaker[AsyncSession]) -> _Prepared | None:
            async with sessions() as session, session.begin():
                return await self._prepare(session, notification_id)

        prepared = await self._db.run(prepare)
        if prepared is None:
            return
        outcome: object = None
        error: TelegramError | None = None
        try:
            outcome = await prepared.call()
        except TelegramError as exc:
            error = exc

        async def finish(sessions: async_sessionmaker[AsyncSession]) -> None:
            async with sessions() as session, session.begin():
                await self._finish(session, prepared, outcome, error)

        await self._db.run(finish)

    async def _prepare(self, session: AsyncSession, notification_id: int) -> _Prepared | None:
        stmt = select(Notification).where(Notification.id == notification_id, Notification.status == "pending")
        if is_postgres_session(session):
            stmt = stmt.with_for_update(skip_locked=True)
        notification = await session.scalar(stmt)
        now = self._clock.now()
        if notification is None:
            return None
        if notification.card_id is None:
            language = await person_language(session, notification.person_id)
            delivery.mark_sending(notification, now)
            return self._prepare_text(notification, None, notification.chat_id, language)
        loaded = await load_card_view(session, notification.card_id, now)
        if loaded is None:
            delivery.mark_failed(notification, "card or escalation gone", now)
            return None
        card, view = loaded
        profile = self._chat_profile(card.chat_id) if card.person_id is None else None
        if profile is not None:
            view = replace(view, language=profile.language)
        if self._coalesced(notification, card, now):
            return None
        prepared = (
            self._prepare_text(notification, card, card.chat_id, view.language)
            if notification.kind == NotificationKind.TEXT.value
            else self._prepare_card(notification, card, view)
        )
        if prepared is None:
            delivery.mark_delivered(notification, now)
        else:
            delivery.mark_sending(notification, now)
        return prepared

    def _coalesced(self, notification: Notification, card: Card, now: datetime) -> bool:
        """Storm edits of a card go out at most once per `edit_interval`: postpone this one if too soon."""
        if notification.kind != NotificationKind.CARD_EDIT.value or notification.priority != Priority.EDIT:
            return False
        ready_at = card.updated_at + self._edit_interval
        if card.message_id is None or ready_at <= now:
            return False
        notification.next_attempt_at = ready_at
        return True

    def _prepare_card(self, notification: Notification, card: Card, view: CardView) -> _Prepared | None:
        rendered = render_card(view)
        is_send = notification.kind == NotificationKind.CARD_SEND.value
        superseded = (is_send and card.message_id is not None) or (not is_send and card.message_id is None)
        # An edit before the card exists is covered by the send (it renders the latest state), and a
        # second send of one card would be a duplicate: neither needs a call.
        if superseded or (card.message_id is not None and rendered.fingerprint == card.rendered_hash):
            return None
        text, mode = (html_to_text(rendered.html), None) if _plain(notification) else (rendered.html, ParseMode.HTML)
        message = _Message(card.chat_id, text, mode, rendered.keyboard)
        call = (
            self._send_call(message, card, view)
            if card.message_id is None
            else self._edit_call(message, card.message_id)
        )
        return _Prepared(notification.id, card.id, notification.kind, rendered.fingerprint, call)

    def _send_call(self, m: _Message, card: Card, view: CardView) -> Callable[[], Awaitable[object]]:
        """Send the card; in a forum team chat, first open the escalation's own topic."""
        profile = self._chat_profile(m.chat_id)
        new_topic = profile is not None and profile.forum and card.message_thread_id is None
        handle = (view.mention.get("author") or {}).get("handle") or ""
        topic = f"#{view.escalation_id} {view.severity} {handle}".strip()[:128]
        thread_id = card.message_thread_id

        async def call() -> object:
            opened = await self._bot.create_forum_topic(chat_id=m.chat_id, name=topic) if new_topic else None
            sent = await self._bot.send_message(
                chat_id=m.chat_id,
                text=m.text,
                parse_mode=m.mode,
                reply_markup=m.keyboard,
                link_preview_options=NO_PREVIEW,
                disable_notification=view.severity not in ("critical", "high"),
                message_thread_id=opened.message_thread_id if opened else thread_id,
            )
            return _Sent(sent, opened.message_thread_id if opened else None)

        return call

    def _edit_call(self, m: _Message, message_id: int) -> Callable[[], Awaitable[object]]:
        def call() -> Awaitable[object]:
            return self._bot.edit_message_text(
                chat_id=m.chat_id,
                message_id=message_id,
                text=m.text,
                parse_mode=m.mode,
                reply_markup=m.keyboard,
                link_preview_options=NO_PREVIEW,
            )

        return call

    def _prepare_text(self, notification: Notification, card: Card | None, chat_id: int, language: str) -> _Prepared:
        """A text from the message catalogue; replying to the card when there is one."""
        text = render_payload(notification.payload or {}, language)
        reply = None
        if card is not None and card.message_id is not None:
            reply = ReplyParameters(card.message_id, allow_sending_without_reply=True)
        thread_id = card.message_thread_id if card is not None else None

        def call() -> Awaitable[object]:
            return self._bot.send_message(
                chat_id=chat_id, text=text, reply_parameters=reply, message_thread_id=thread_id
            )

        return _Prepared(notification.id, card.id if card else None, notification.kind, None, call)

    async def _finish(
        self, session: AsyncSession, prepared: _Prepared, outcome: object, error: TelegramError | None
    ) -> None:
        notification = await session.get(Notification, prepared.notification_id)
        card = await session.get(Card, prepared.card_id) if prepared.card_id is not None else None
        if notification is None:
            return
        now = self._clock.now()
        if error is not None and not _not_modified(error):
            await self._record_failure(session, notification, error, now)
            return
        self._outage = False
        if isinstance(outcome, _Sent):
            if card is not None and outcome.thread_id is not None:
                card.message_thread_id = outcome.thread_id
            outcome = outcome.message
        if card is not None and prepared.fingerprint is not None:
            message_id = outcome.message_id if isinstance(outcome, Message) else None
            delivery.record_card(card, message_id=message_id, rendered_hash=prepared.fingerprint, now=now)
        delivery.mark_delivered(notification, now)
        self._metrics.notifications_sent.labels(notification.kind).inc()

    async def _record_failure(
        self, session: AsyncSession, notification: Notification, error: TelegramError, now: datetime
    ) -> None:
        """Classify: retry later (flood control, network), unreachable (blocked, chat gone), or give up."""
        if isinstance(error, RetryAfter):
            self._metrics.notifications_failed.labels("flood_control").inc()
            delivery.mark_retry(notification, str(error), now, retry_after=retry_after_seconds(error))
        elif isinstance(error, TimedOut) and notification.kind != NotificationKind.CARD_EDIT.value:
            # Telegram may have sent it before the answer timed out: like a crash mid-call, never send twice.
            self._metrics.notifications_failed.labels("timeout").inc()
            log.warning("notification %s timed out; it may have been delivered, it is not sent again", notification.id)
            await delivery.mark_uncertain(session, notification, str(error), now)
        elif isinstance(error, Forbidden) or (
            isinstance(error, BadRequest) and "chat not found" in error.message.lower()
        ):
            self._metrics.notifications_failed.labels("unreachable").inc()
            log.warning("chat %s is unreachable: %s", notification.chat_id, error.message)
            await delivery.mark_unreachable(session, notification, error.message, now)
        elif (
            isinstance(error, BadRequest)
            and "can't parse entities" in error.message.lower()
            and not _plain(notification)
        ):
            self._metrics.notifications_failed.labels("html").inc()
            log.error(
                "Telegram could not parse the HTML of notification %s (%s); sending it again as plain text",
                notification.id,
                error.message,
            )
            notification.payload = {**(notification.payload or {}), "plain_text": True}
            delivery.mark_retry(notification, error.message, now, retry_after=0)
        elif isinstance(error, BadRequest):
            self._metrics.notifications_failed.labels("bad_request").inc()
            log.error("Telegram refused notification %s: %s", notification.id, error.message)
            delivery.mark_failed(notification, error.message, now)
        else:
            self._outage = True
            self._metrics.notifications_failed.labels("network").inc()
            delivery.mark_retry(notification, f"{type(error).__name__}: {error}", now)
            if notification.status == "failed":  # retried for minutes: give up, let the escalation move on
                log.error("giving up on notification %s after %d attempts", notification.id, notification.attempts)
                await delivery.give_up_page(session, notification, str(error), now)


def render_payload(payload: dict[str, Any], language: str) -> str:
    """A catalogue message; its `lines` (each a key and values) are rendered and joined into `{lines}`."""
    values = dict(payload.get("values") or {})
    lines = payload.get("lines") or []
    if lines:
        values["lines"] = "\n".join(t(str(line["key"]), language, **dict(line.get("values") or {})) for line in lines)
    return t(str(payload.get("key")), language, **values)


def _plain(notification: Notification) -> bool:
    return bool((notification.payload or {}).get("plain_text"))


def html_to_text(html: str) -> str:
    """The card without markup, for the rare message Telegram refuses to parse."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def _not_modified(error: TelegramError) -> bool:
    return isinstance(error, BadRequest) and "message is not modified" in error.message.lower()


@dataclass(frozen=True)
class ChatProfile:
    """What the playbook says about a chat that is not a person's: a team chat's language, and whether it
    is a forum (one topic per escalation)."""

    language: str
    forum: bool = False


def build_notifier(
    bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    metrics: Metrics,
    outbox: Mapping[str, float],
    *,
    playbook: Callable[[], Playbook],
    database: SessionRunner | None = None,
) -> Notifier:
    """The notifier with the outbox's settings as the composition roots hand them over (the web process from its
    Settings, the pipeline's process from its config): `private_per_second`, `group_per_minute`,
    `global_per_second`, `card_edit_interval_seconds` and optionally `idle_poll_seconds`."""
    return Notifier(
        bot,
        sessions,
        clock,
        metrics,
        database=database,
        idle_poll_seconds=outbox.get("idle_poll_seconds", 2.0),
        budgets=Budgets(
            Limits(
                private_per_second=outbox["private_per_second"],
                group_per_minute=outbox["group_per_minute"],
                global_per_second=outbox["global_per_second"],
            )
        ),
        edit_interval=timedelta(seconds=outbox["card_edit_interval_seconds"]),
        chat_profile=team_chat_profiles(playbook),
    )


def team_chat_profiles(playbook: Callable[[], Playbook]) -> Callable[[int], ChatProfile | None]:
    """A team chat's language and whether it is a forum, from the playbook in force when asked."""

    def profile(chat_id: int) -> ChatProfile | None:
        for team in playbook().team_chats:
            if team.chat_id == chat_id:
                return ChatProfile(language=team.language, forum=team.forum)
        return None

    return profile


@dataclass(frozen=True)
class _Message:
    chat_id: int
    text: str
    mode: str | None
    keyboard: InlineKeyboardMarkup | None


@dataclass(frozen=True)
class _Sent:
    message: Message
    thread_id: int | None


@dataclass(frozen=True)
class _Prepared:
    """A claimed notification and the one Bot API call that delivers it."""

    notification_id: int
    card_id: int | None
    kind: str
    fingerprint: str | None  # set for cards: what the chat shows once the call succeeds
    call: Callable[[], Awaitable[object]]
