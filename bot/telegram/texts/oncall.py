"""On-call texts: rotations, hand-overs, reminders, covers and swaps, daily checks, digests."""

from __future__ import annotations

__all__ = ["CATALOGUE"]

CATALOGUE: dict[str, dict[str, str]] = {
    "rotation.handover": {
        "en": "🟢 Your shift in {rotation} ({layer}) starts now, until {until}.\n{lines}",
        "es": "🟢 Empieza tu turno en {rotation} ({layer}), hasta {until}.\n{lines}",
    },
    "rotation.handover_open": {
        "en": "You inherit {count} open escalation(s):",
        "es": "Heredas {count} escalada(s) abierta(s):",
    },
    "rotation.handover_item": {
        "en": "• #{id} {severity} · {state} · {count} mention(s) — /status {id}",
        "es": "• #{id} {severity} · {state} · {count} mención(es) — /status {id}",
    },
    "rotation.handover_none": {"en": "No open escalations.", "es": "No hay escaladas abiertas."},
    "rotation.reminder": {
        "en": "⏰ Reminder: your shift in {rotation} ({layer}) starts at {starts}.",
        "es": "⏰ Recordatorio: tu turno en {rotation} ({layer}) empieza a las {starts}.",
    },
    "daily_check.title": {"en": "Daily on-call check", "es": "Revisión diaria de guardias"},
    "daily_check.ok": {
        "en": "✅ Daily check: everyone is reachable and someone is on call for the next 24 hours.",
        "es": "✅ Revisión diaria: todos son localizables y hay alguien de guardia las próximas 24 horas.",
    },
    "daily_check.problems": {
        "en": "⚠️ Daily on-call check:\n{lines}",
        "es": "⚠️ Revisión diaria de guardias:\n{lines}",
    },
    "daily_check.unreachable": {"en": "• {name}: {why}", "es": "• {name}: {why}"},
    "daily_check.gap": {
        "en": "• {rotation} ({layer}): nobody on call from {start}",
        "es": "• {rotation} ({layer}): nadie de guardia desde {start}",
    },
    "digest.title": {
        "en": "📋 Daily digest: {count} low-priority mention(s) since {since}\n{top}",
        "es": "📋 Resumen diario: {count} mención(es) de prioridad baja desde {since}\n{top}",
    },
    "oncall.title": {"en": "On call", "es": "De guardia"},
    "oncall.line": {
        "en": "{rotation} ({layer}): {now} now · next {next} from {starts}",
        "es": "{rotation} ({layer}): {now} ahora · después {next} desde {starts}",
    },
    "oncall.nobody": {"en": "nobody", "es": "nadie"},
    "oncall.none": {"en": "The playbook has no rotations.", "es": "El playbook no tiene rotaciones."},
    "cover.usage": {
        "en": "Usage: /cover @person 18:00-23:00 (today, your time) or /cover @person 2026-03-10T09:00-2026-03-11T09:00",
        "es": "Uso: /cover @persona 18:00-23:00 (hoy, tu hora) o /cover @persona 2026-03-10T09:00-2026-03-11T09:00",
    },
    "swap.usage": {"en": "Usage: /swap @person", "es": "Uso: /swap @persona"},
    "cover.asked": {
        "en": "Asked {name} to confirm: you cover {period}.",
        "es": "Pedido a {name} que confirme: cubres {period}.",
    },
    "cover.request": {
        "en": "{name} offers to cover your on-call in {rotation}: {period}. Do you agree?",
        "es": "{name} se ofrece a cubrir tu guardia en {rotation}: {period}. ¿De acuerdo?",
    },
    "swap.request": {
        "en": "{name} proposes to swap shifts in {rotation}: they take yours ({yours}), you take theirs ({theirs}).",
        "es": "{name} propone cambiar turnos en {rotation}: hace el tuyo ({yours}) y tú el suyo ({theirs}).",
    },
    "override.accept": {"en": "✅ Agree", "es": "✅ De acuerdo"},
    "override.decline": {"en": "✖️ Decline", "es": "✖️ Rechazar"},
    "override.accepted": {"en": "Agreed: the rotation is updated.", "es": "Hecho: la rotación está actualizada."},
    "override.declined": {"en": "Declined.", "es": "Rechazado."},
    "override.told_accepted": {
        "en": "{name} agreed. The rotation is updated.",
        "es": "{name} ha aceptado. La rotación está actualizada.",
    },
    "override.told_declined": {"en": "{name} declined.", "es": "{name} lo ha rechazado."},
    "override.unknown_person": {
        "en": "I don't know {who}: use their playbook id or Telegram username.",
        "es": "No conozco a {who}: usa su id del playbook o su usuario de Telegram.",
    },
    "override.unreachable": {
        "en": "{name} has not linked Telegram, so they cannot confirm.",
        "es": "{name} no ha vinculado Telegram, así que no puede confirmar.",
    },
    "override.refused": {"en": "Not possible: {why}.", "es": "No es posible: {why}."},
    "flood.report": {
        "en": "⚠️ Source {source} is sending more than its configured rate: Directo answers 429 (retry after {retry_after} s). The platform resends later; nothing is dropped. If this is a real storm, raise DIRECTO_SOURCE_MAX_PER_SECOND.",
        "es": "⚠️ La fuente {source} envía más de su ritmo configurado: Directo responde 429 (reintentar en {retry_after} s). La plataforma reenvía después; no se pierde nada. Si es una tormenta real, sube DIRECTO_SOURCE_MAX_PER_SECOND.",
    },
    "command.oncall": {"en": "Who is on call now and next", "es": "Quién está de guardia ahora y después"},
    "command.cover": {"en": "Cover part of someone's shift", "es": "Cubrir parte del turno de alguien"},
    "command.swap": {"en": "Swap your next shift with someone", "es": "Cambiar tu próximo turno con alguien"},
}
