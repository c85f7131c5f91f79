"""Deliver the outbox to Telegram: render each card from the database, send or edit it in place, and
record every attempt. Failures are classified: retry later (flood control, network), or give up and mark
the chat unreachable (blocked, chat gone)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import Awaitable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.clock import Clock
from bot.db.engine import is_postgres_session
from bot.db.models import Card, Notification
from bot.escalation import delivery
from bot.escalation.cards import CardView, load_card_view
from bot.escalation.outbox import NotificationKind
from bot.metrics import Metrics
from bot.telegram.card import render_card
from bot.telegram.texts import t

__all__ = ["Notifier", "retry_after_seconds"]

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_FAILED = object()  # what `_attempt` returns when the call failed (its outcome is already recorded)


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
        idle_poll_seconds: float = 2.0,
    ) -> None:
        self._bot = bot
        self._sessions = sessions
        self._clock = clock
        self._metrics = metrics
        self._idle = idle_poll_seconds
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
        while True:
            self._wake.clear()
            try:
                while await self.deliver_due() > 0:
                    pass
            except Exception:
                log.exception("notifier pass failed; retrying shortly")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._idle)

    async def deliver_due(self, limit: int = 50) -> int:
        """One pass over what is due; each notification in its own transaction. Returns how many were tried."""
        async with self._sessions() as session:
            ids = [n.id for n in await delivery.claim_due(session, self._clock.now(), limit=limit)]
        for notification_id in ids:
            async with self._sessions() as session, session.begin():
                await self._deliver_one(session, notification_id)
        return len(ids)

    async def _deliver_one(self, session: AsyncSession, notification_id: int) -> None:
        stmt = select(Notification).where(Notification.id == notification_id, Notification.status == "pending")
        if is_postgres_session(session):
            stmt = stmt.with_for_update(skip_locked=True)
        notification = await session.scalar(stmt)
        now = self._clock.now()
        if notification is None or notification.card_id is None:
            return
        loaded = await load_card_view(session, notification.card_id, now)
        if loaded is None:
            delivery.mark_failed(notification, "card or escalation gone", now)
            return
        card, view = loaded
        if notification.kind == NotificationKind.TEXT.value:
            await self._deliver_text(session, notification, card, view.language, now)
        else:
            await self._deliver_card(session, notification, card, view, now)

    async def _deliver_card(
        self, session: AsyncSession, notification: Notification, card: Card, view: CardView, now: datetime
    ) -> None:
        rendered = render_card(view)
        is_send = notification.kind == NotificationKind.CARD_SEND.value
        superseded = (is_send and card.message_id is not None) or (not is_send and card.message_id is None)
        # An edit before the card exists is covered by the send (it renders the latest state), and a
        # second send of one card would be a duplicate: neither needs a call.
        if superseded or (card.message_id is not None and rendered.fingerprint == card.rendered_hash):
            delivery.mark_delivered(notification, now)
            return
        call: Awaitable[object]
        if card.message_id is None:
            call = self._bot.send_message(
                chat_id=card.chat_id,
                text=rendered.html,
                parse_mode=ParseMode.HTML,
                reply_markup=rendered.keyboard,
                link_preview_options=NO_PREVIEW,
                disable_notification=view.severity not in ("critical", "high"),
            )
        else:
            call = self._bot.edit_message_text(
                chat_id=card.chat_id,
                message_id=card.message_id,
                text=rendered.html,
                parse_mode=ParseMode.HTML,
                reply_markup=rendered.keyboard,
                link_preview_options=NO_PREVIEW,
            )
        outcome = await self._attempt(session, notification, call, now)
        if outcome is not _FAILED:
            message_id = outcome.message_id if isinstance(outcome, Message) else None
            delivery.record_card(card, message_id=message_id, rendered_hash=rendered.fingerprint, now=now)
            delivery.mark_delivered(notification, now)
            self._metrics.notifications_sent.labels(notification.kind).inc()

    async def _deliver_text(
        self, session: AsyncSession, notification: Notification, card: Card, language: str, now: datetime
    ) -> None:
        payload = notification.payload or {}
        text = t(str(payload.get("key")), language, **dict(payload.get("values") or {}))
        reply = ReplyParameters(card.message_id, allow_sending_without_reply=True) if card.message_id else None
        call = self._bot.send_message(chat_id=card.chat_id, text=text, reply_parameters=reply)
        if await self._attempt(session, notification, call, now) is not _FAILED:
            delivery.mark_delivered(notification, now)
            self._metrics.notifications_sent.labels(notification.kind).inc()

    async def _attempt(
        self, session: AsyncSession, notification: Notification, call: Awaitable[object], now: datetime
    ) -> object:
        """Await the Bot API call; on failure record why and what happens next, and return `_FAILED`."""
        try:
            return await call
        except RetryAfter as exc:
            self._metrics.notifications_failed.labels("flood_control").inc()
            delivery.mark_retry(notification, str(exc), now, retry_after=retry_after_seconds(exc))
        except Forbidden as exc:
            self._metrics.notifications_failed.labels("forbidden").inc()
            log.warning("chat %s is unreachable: %s", notification.chat_id, exc.message)
            await delivery.mark_unreachable(session, notification, exc.message, now)
        except BadRequest as exc:
            if "message is not modified" in exc.message:
                return None
            self._metrics.notifications_failed.labels("bad_request").inc()
            if "chat not found" in exc.message.lower():
                await delivery.mark_unreachable(session, notification, exc.message, now)
            else:
                log.error("Telegram refused notification %s: %s", notification.id, exc.message)
                delivery.mark_failed(notification, exc.message, now)
        except (NetworkError, TelegramError) as exc:
            self._metrics.notifications_failed.labels("network").inc()
            delivery.mark_retry(notification, f"{type(exc).__name__}: {exc}", now)
        return _FAILED
