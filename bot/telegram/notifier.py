"""Deliver the outbox to Telegram: render each card from the database, send or edit it in place, and
record every attempt. Failures are classified: retry later (flood control, network), or give up and mark
the chat unreachable (blocked, chat gone)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.clock import Clock
from bot.db.engine import is_postgres_session
from bot.db.models import Notification
from bot.escalation import delivery
from bot.escalation.cards import load_card_view
from bot.escalation.outbox import NotificationKind
from bot.metrics import Metrics
from bot.telegram.card import render_card

__all__ = ["Notifier", "retry_after_seconds"]

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
        rendered = render_card(view)
        is_send = notification.kind == NotificationKind.CARD_SEND.value
        superseded = (is_send and card.message_id is not None) or (not is_send and card.message_id is None)
        # An edit before the card exists is covered by the send (it renders the latest state), and a
        # second send of one card would be a duplicate: neither needs a call.
        if superseded or (card.message_id is not None and rendered.fingerprint == card.rendered_hash):
            delivery.mark_delivered(notification, card, message_id=None, rendered_hash=rendered.fingerprint, now=now)
            return
        try:
            message = await self._call(notification, card.message_id, rendered.html, rendered.keyboard, view.severity)
        except RetryAfter as exc:
            self._metrics.notifications_failed.labels("flood_control").inc()
            delivery.mark_retry(notification, str(exc), now, retry_after=retry_after_seconds(exc))
            return
        except Forbidden as exc:
            self._metrics.notifications_failed.labels("forbidden").inc()
            log.warning("chat %s is unreachable: %s", notification.chat_id, exc.message)
            await delivery.mark_unreachable(session, notification, exc.message, now)
            return
        except BadRequest as exc:
            if "message is not modified" in exc.message:
                delivery.mark_delivered(
                    notification, card, message_id=None, rendered_hash=rendered.fingerprint, now=now
                )
                return
            self._metrics.notifications_failed.labels("bad_request").inc()
            if "chat not found" in exc.message.lower():
                await delivery.mark_unreachable(session, notification, exc.message, now)
                return
            log.error("Telegram refused notification %s: %s", notification.id, exc.message)
            delivery.mark_failed(notification, exc.message, now)
            return
        except (NetworkError, TelegramError) as exc:
            self._metrics.notifications_failed.labels("network").inc()
            delivery.mark_retry(notification, f"{type(exc).__name__}: {exc}", now)
            return
        delivery.mark_delivered(
            notification,
            card,
            message_id=message.message_id if message else None,
            rendered_hash=rendered.fingerprint,
            now=now,
        )
        self._metrics.notifications_sent.labels(notification.kind).inc()

    async def _call(
        self, notification: Notification, message_id: int | None, html: str, keyboard: object, severity: str
    ) -> Message | None:
        if message_id is None:
            return await self._bot.send_message(
                chat_id=notification.chat_id,
                text=html,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard,  # type: ignore[arg-type]
                link_preview_options=NO_PREVIEW,
                disable_notification=severity not in ("critical", "high"),
            )
        result = await self._bot.edit_message_text(
            chat_id=notification.chat_id,
            message_id=message_id,
            text=html,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard,  # type: ignore[arg-type]
            link_preview_options=NO_PREVIEW,
        )
        return result if isinstance(result, Message) else None
