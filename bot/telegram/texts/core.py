"""Core texts: the card, linking, help, nudges."""

from __future__ import annotations

__all__ = ["CATALOGUE"]

CATALOGUE: dict[str, dict[str, str]] = {
    "severity.critical": {"en": "CRITICAL", "es": "CRÍTICO"},
    "severity.high": {"en": "HIGH", "es": "ALTO"},
    "severity.medium": {"en": "MEDIUM", "es": "MEDIO"},
    "severity.low": {"en": "LOW", "es": "BAJO"},
    "state.open": {"en": "open, waiting for acknowledgement", "es": "abierta, pendiente de confirmar"},
    "state.acknowledged": {"en": "acknowledged by {who}", "es": "confirmada por {who}"},
    "state.responded": {"en": "responded", "es": "respondida"},
    "state.resolved": {"en": "resolved by {who}", "es": "resuelta por {who}"},
    "state.delegated": {"en": "delegated", "es": "delegada"},
    "state.snoozed": {"en": "snoozed", "es": "pospuesta"},
    "card.title": {"en": "Escalation #{id}", "es": "Escalada #{id}"},
    "card.why": {"en": "Why", "es": "Por qué"},
    "card.author": {"en": "Author", "es": "Autor"},
    "card.followers": {"en": "{n} followers", "es": "{n} seguidores"},
    "card.verified": {"en": "verified", "es": "verificado"},
    "card.state": {"en": "State", "es": "Estado"},
    "card.owner": {"en": "Owner", "es": "Responsable"},
    "card.mentions": {"en": "Related mentions", "es": "Menciones relacionadas"},
    "card.ack_due": {"en": "Acknowledge within {left}", "es": "Confirmar en {left}"},
    "card.ack_overdue": {"en": "Acknowledgement overdue by {left}", "es": "Confirmación vencida hace {left}"},
    "card.respond_due": {"en": "Respond within {left}", "es": "Responder en {left}"},
    "card.respond_overdue": {"en": "Response overdue by {left}", "es": "Respuesta vencida hace {left}"},
    "card.open_original": {"en": "Open the original", "es": "Ver el original"},
    "card.trimmed": {"en": "(trimmed)", "es": "(recortado)"},
    "button.ack": {"en": "✅ Acknowledge", "es": "✅ Confirmar"},
    "button.resolve": {"en": "🏁 Resolve", "es": "🏁 Resolver"},
    "answer.ack": {
        "en": "Acknowledged. The clock to respond is running.",
        "es": "Confirmada. Corre el plazo para responder.",
    },
    "answer.resolve": {"en": "Resolved.", "es": "Resuelta."},
    "answer.refused": {
        "en": "You can't act on this escalation.",
        "es": "No puedes actuar sobre esta escalada.",
    },
    "answer.closed": {"en": "This escalation is already resolved.", "es": "Esta escalada ya está resuelta."},
    "answer.already_ack": {"en": "Already acknowledged.", "es": "Ya estaba confirmada."},
    "answer.stale": {"en": "This button is no longer valid.", "es": "Este botón ya no es válido."},
    "answer.error": {
        "en": "Something went wrong; nothing changed. Try again.",
        "es": "Algo falló; no ha cambiado nada. Inténtalo de nuevo.",
    },
    "start.linked": {
        "en": "Hello {name}. Your Telegram account is now linked to Directo: escalations for you will arrive here.",
        "es": "Hola {name}. Tu cuenta de Telegram ya está vinculada a Directo: aquí te llegarán las escaladas.",
    },
    "start.already": {"en": "You are linked as {name}.", "es": "Estás vinculado como {name}."},
    "start.refused": {
        "en": "Sorry, this bot is private. If you were invited, ask for a new link.",
        "es": "Lo siento, este bot es privado. Si te invitaron, pide un enlace nuevo.",
    },
    "help": {
        "en": "Directo sends you the brand mentions that need your decision. Press the buttons on a card to act.",
        "es": "Directo te envía las menciones de la marca que necesitan tu decisión. Usa los botones de cada tarjeta.",
    },
    "nudge.still_open": {
        "en": "⏰ Escalation #{id} is still open ({count} mentions). It needs a decision: acknowledge it above.",
        "es": "⏰ La escalada #{id} sigue abierta ({count} menciones). Necesita una decisión: confírmala arriba.",
    },
    "nudge.respond_reminder": {
        "en": "⏰ Escalation #{id}: no public reply recorded yet. In {minutes} min it goes to the next level.",
        "es": "⏰ Escalada #{id}: aún no consta una respuesta pública. En {minutes} min pasa al siguiente nivel.",
    },
    "command.start": {
        "en": "Link your account or see who you are",
        "es": "Vincula tu cuenta o mira quién eres",
    },
    "command.report": {
        "en": "Decision-speed report (admins, executives)",
        "es": "Informe de velocidad de decisión (administradores, directivos)",
    },
    "command.help": {"en": "What this bot does", "es": "Qué hace este bot"},
}
