"""/report [7d]: the decision-speed chart as a photo and three lines of summary, for admins and executives.

Read-only (no commit). The chart is drawn in a worker thread: matplotlib takes a few hundred milliseconds
and the bot keeps serving other updates meanwhile.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot.domain import Role
from bot.escalation.people import person_by_telegram_user
from bot.escalation.report import Report, build_report, parse_since
from bot.escalation.report_charts import fmt_seconds, speed_chart
from bot.telegram.deps import deps_of

__all__ = ["ALLOWED_ROLES", "report_handlers", "send_report", "summary_lines"]

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
ALLOWED_ROLES = frozenset({Role.ADMIN.value, Role.EXECUTIVE.value})

_TEXTS: dict[str, dict[str, str]] = {
    "refused": {
        "en": "Sorry, the decision-speed report is for admins and executives.",
        "es": "Lo siento, el informe de velocidad de decisión es para administradores y directivos.",
    },
    "usage": {
        "en": "Usage: /report [7d] — a period such as 24h, 7d or 2w, or a date (2026-01-05).",
        "es": "Uso: /report [7d] — un periodo como 24h, 7d o 2w, o una fecha (2026-01-05).",
    },
    "empty": {
        "en": "No escalations since {since}.",
        "es": "Ninguna escalada desde el {since}.",
    },
    "line1": {
        "en": "{n} escalations since {since}: {acked} acknowledged, {answered} answered; within the deadline: {share}.",
        "es": "{n} escaladas desde el {since}: {acked} aceptadas, {answered} respondidas; dentro de plazo: {share}.",
    },
    "line2": {
        "en": "Median to acknowledge {ack} (p90 {ack90}); to first response {resp} (p90 {resp90}).",
        "es": "Mediana hasta aceptar {ack} (p90 {ack90}); hasta la primera respuesta {resp} (p90 {resp90}).",
    },
    "line3": {
        "en": "{beyond} went past level 1{why}. {rules}",
        "es": "{beyond} pasaron del nivel 1{why}. {rules}",
    },
    "noisy": {
        "en": 'Noisiest rule: "{rule}" ({count}× not relevant).',
        "es": "Regla más ruidosa: «{rule}» ({count}× no relevante).",
    },
    "quiet": {"en": 'No "Not relevant" feedback.', "es": "Ningún «No relevante»."},
    "no_deadline": {"en": "none due yet", "es": "ningún plazo vencido aún"},
}
_REASONS = {
    "no_answer": {"en": "no answer", "es": "sin respuesta"},
    "no_reply_in_time": {"en": "no reply in time", "es": "sin réplica a tiempo"},
    "unreachable": {"en": "unreachable", "es": "inalcanzable"},
    "quiet_hours": {"en": "quiet hours", "es": "horas de silencio"},
    "on_leave": {"en": "on leave", "es": "de permiso"},
    "nobody_on_call": {"en": "nobody on call", "es": "nadie de guardia"},
    "by_hand": {"en": "escalated by hand", "es": "escalada a mano"},
}


def _t(key: str, language: str, **values: object) -> str:
    entry = _TEXTS[key]
    return (entry.get(language) or entry["en"]).format(**values)


def report_handlers() -> list[BaseHandler[Update, Context, None]]:
    return [CommandHandler("report", send_report)]


def summary_lines(report: Report, language: str) -> list[str]:
    """Three lines: volume and deadline share; medians; where the chain broke and the noisiest rule."""
    o = report.overall
    since = f"{report.since:%d/%m}" if language == "es" else f"{report.since:%d %b}"
    share = (
        _t("no_deadline", language)
        if o.share_within_deadline is None
        else f"{o.share_within_deadline:.0%} ({o.within_deadline}/{o.deadline_due})"
    )
    reasons = [f"{_REASONS.get(k, {}).get(language) or k} {v}" for k, v in report.beyond_reasons.items()]
    top = report.noisy_rules[0] if report.noisy_rules else None
    rules = _t("noisy", language, rule=top.rule, count=top.not_relevant) if top else _t("quiet", language)
    return [
        _t("line1", language, n=o.escalations, since=since, acked=o.acknowledged, answered=o.responded, share=share),
        _t(
            "line2",
            language,
            ack=fmt_seconds(o.to_ack.median),
            ack90=fmt_seconds(o.to_ack.p90),
            resp=fmt_seconds(o.to_first_response.median),
            resp90=fmt_seconds(o.to_first_response.p90),
        ),
        _t(
            "line3",
            language,
            beyond=report.beyond_level_1,
            why=f" ({', '.join(reasons)})" if reasons else "",
            rules=rules,
        ),
    ]


async def send_report(update: Update, context: Context) -> None:
    """/report [period]: the key chart and three lines for admins and executives; others are refused."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = deps_of(context.bot_data)
    now = deps.clock.now()
    async with deps.sessions() as session:
        found = await person_by_telegram_user(session, user.id)
        language = found[0].language if found else (user.language_code or "en")[:2]
        if found is None or found[0].role not in ALLOWED_ROLES:
            await message.reply_text(_t("refused", language))
            return
        try:
            since = parse_since((context.args or ["7d"])[0], now)
        except ValueError:
            await message.reply_text(_t("usage", language))
            return
        report = await build_report(session, since=since, now=now)
    lines = summary_lines(report, language)
    if report.overall.escalations == 0:
        await message.reply_text(_t("empty", language, since=f"{since:%Y-%m-%d %H:%M}"))
        return
    chart = await asyncio.to_thread(speed_chart, report)
    await message.reply_photo(photo=chart, caption="\n".join(lines), filename="decision-speed.png")
    log.info("report sent", extra={"person": found[0].key, "escalations": report.overall.escalations})
