"""Community managers and team chats: forwarding into the bot, /escalate, /attach, the team chat's posts."""

from __future__ import annotations

__all__ = ["CATALOGUE"]

# The confirmation starts with 📨 and names the case as #N in every language: a reply to it joins that case
# (bot/telegram/forwarding.py reads the number back from the replied-to message).
CATALOGUE: dict[str, dict[str, str]] = {
    "command.escalate": {
        "en": "Escalate a link or text: /escalate [critical|high] [note]",
        "es": "Escala un enlace o texto: /escalate [critical|high] [nota]",
    },
    "command.attach": {
        "en": "Add a link or message to a case: /attach N",
        "es": "Añade un enlace o mensaje a un caso: /attach N",
    },
    "report.opened": {
        "en": "📨 Escalation #{id} opened ({lines}). Reply to this message with more links to add them to it, "
        "or send /attach {id} in reply to another forward.",
        "es": "📨 Escalada #{id} abierta ({lines}). Responde a este mensaje con más enlaces para añadirlos, "
        "o envía /attach {id} respondiendo a otro reenvío.",
    },
    "report.attached": {
        "en": "📨 Added to escalation #{id} ({lines}, {count} mentions).",
        "es": "📨 Añadido a la escalada #{id} ({lines}, {count} menciones).",
    },
    "report.received": {
        "en": "📥 Received. You will get the escalation number in a moment.",
        "es": "📥 Recibido. En un momento te digo el número de escalada.",
    },
    "report.not_allowed": {
        "en": "Observers can see escalations but not report them. Ask a community manager.",
        "es": "Los observadores ven las escaladas pero no las abren. Pídeselo a un community manager.",
    },
    "escalate.usage": {
        "en": "Usage: /escalate [critical|high] [note] followed by a link or the text, or in reply to a forwarded "
        "message. Forwarding a message on its own escalates it as high.",
        "es": "Uso: /escalate [critical|high] [nota] seguido de un enlace o del texto, o respondiendo a un "
        "mensaje reenviado. Reenviar un mensaje sin más lo escala como alto.",
    },
    "attach.usage": {
        "en": "Usage: /attach N followed by a link or the text, or in reply to a forwarded message.",
        "es": "Uso: /attach N seguido de un enlace o del texto, o respondiendo a un mensaje reenviado.",
    },
    "attach.closed": {
        "en": "Escalation #{id} is not open (or does not exist): nothing was added.",
        "es": "La escalada #{id} no está abierta (o no existe): no se ha añadido nada.",
    },
    "team.event": {
        "en": "🗒 #{id} · {lines} · {who}",
        "es": "🗒 #{id} · {lines} · {who}",
    },
    "team.delegated": {
        "en": "👥 #{id} delegated to {to} by {who}: {note}",
        "es": "👥 #{id} delegada a {to} por {who}: {note}",
    },
    "team.delegated_no_note": {
        "en": "👥 #{id} delegated to {to} by {who}.",
        "es": "👥 #{id} delegada a {to} por {who}.",
    },
}
