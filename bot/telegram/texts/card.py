"""The executive's card: its extra lines, its buttons, drafts and the lint, the reply conversation, the
answers to presses, and the /queue, /status, /help and /settings commands."""

from __future__ import annotations

__all__ = ["CATALOGUE"]

CATALOGUE: dict[str, dict[str, str]] = {
    # The card
    "card.replies_to": {"en": "In reply to", "es": "En respuesta a"},
    "card.latest": {"en": "Latest in this case", "es": "Lo último en este caso"},
    "card.counters": {
        "en": "{count} mention(s) · {authors} author(s) · {reach} followers in all",
        "es": "{count} mención(es) · {authors} autor(es) · {reach} seguidores en total",
    },
    "card.snoozed_until": {
        "en": "Snoozed until {at} UTC ({left} left)",
        "es": "Pospuesta hasta las {at} UTC (quedan {left})",
    },
    "card.first_response": {
        "en": "First response {took} after the first mention",
        "es": "Primera respuesta {took} después de la primera mención",
    },
    "card.owner_none": {"en": "nobody yet", "es": "nadie todavía"},
    "card.drill": {"en": "DRILL · practice, not a real case", "es": "SIMULACRO · práctica, no es un caso real"},
    # Buttons on the card
    "button.take": {"en": "🙋 Take it", "es": "🙋 Me la quedo"},
    "button.draft.acknowledge": {"en": "📝 Acknowledge + DM", "es": "📝 Acuse y privado"},
    "button.draft.offer": {"en": "📝 Offer", "es": "📝 Oferta"},
    "button.draft.apology": {"en": "📝 Apology", "es": "📝 Disculpa"},
    "button.own": {"en": "✍️ Write my own", "es": "✍️ Escribir la mía"},
    "button.delegate": {"en": "👥 Delegate to CM", "es": "👥 Delegar a CM"},
    "button.escalate": {"en": "⏫ Escalate now", "es": "⏫ Escalar ya"},
    "button.snooze_30": {"en": "💤 30 min", "es": "💤 30 min"},
    "button.snooze_120": {"en": "💤 2 h", "es": "💤 2 h"},
    "button.snooze_custom": {"en": "💤 Other…", "es": "💤 Otro…"},
    "button.not_relevant": {"en": "🚫 Not relevant", "es": "🚫 No relevante"},
    # Buttons of drafts and previews
    "button.confirm": {"en": "✅ Confirm", "es": "✅ Confirmar"},
    "button.edit": {"en": "✏️ Edit", "es": "✏️ Editar"},
    "button.back": {"en": "↩️ Back", "es": "↩️ Volver"},
    "button.send": {"en": "📤 Send", "es": "📤 Enviar"},
    "button.cancel": {"en": "✖️ Cancel", "es": "✖️ Cancelar"},
    "button.open_intent_link": {"en": "Open X and post it", "es": "Abrir X y publicarla"},
    "button.open_share_link": {"en": "Open LinkedIn", "es": "Abrir LinkedIn"},
    "button.open_copy": {"en": "Open the original", "es": "Abrir el original"},
    # Answers to presses (the toast)
    "answer.take": {"en": "It's yours now.", "es": "Ahora es tuya."},
    "answer.already_yours": {"en": "It's already yours.", "es": "Ya es tuya."},
    "answer.escalate": {"en": "Level {level} is being paged now.", "es": "Avisando ya al nivel {level}."},
    "answer.no_higher": {
        "en": "There is no higher level in this policy.",
        "es": "No hay un nivel superior en esta política.",
    },
    "answer.snooze": {"en": "Snoozed until {at} UTC.", "es": "Pospuesta hasta las {at} UTC."},
    "answer.not_relevant": {
        "en": "Marked not relevant; the rules that fired get the feedback.",
        "es": "Marcada como no relevante; las reglas que saltaron reciben el aviso.",
    },
    "answer.delegate": {"en": "Delegated to {name}.", "es": "Delegada a {name}."},
    "answer.no_cm": {
        "en": "The playbook has no community manager to delegate to.",
        "es": "El playbook no tiene community managers a quien delegar.",
    },
    "answer.draft": {"en": "Draft below.", "es": "Borrador abajo."},
    "answer.write": {"en": "Write it below.", "es": "Escríbela abajo."},
    "answer.ask": {"en": "Answer below.", "es": "Responde abajo."},
    "answer.sent": {
        "en": "Recorded. Post it from your account with the link.",
        "es": "Registrada. Publícala desde tu cuenta con el enlace.",
    },
    "answer.cancelled": {"en": "Cancelled.", "es": "Cancelado."},
    "answer.conversation_over": {"en": "That is already finished.", "es": "Eso ya terminó."},
    "answer.settings": {"en": "Saved.", "es": "Guardado."},
    # Drafts and the lint
    "draft.title": {
        "en": "📝 Draft {n}/{total} · {intent} · escalation #{id}",
        "es": "📝 Borrador {n}/{total} · {intent} · escalada #{id}",
    },
    "draft.intent.acknowledge": {"en": "acknowledge and DM", "es": "acuse y privado"},
    "draft.intent.offer": {"en": "offer", "es": "oferta"},
    "draft.intent.apology": {"en": "apology with the fix", "es": "disculpa con la solución"},
    "draft.note": {
        "en": "A suggestion: nothing goes out without you, and only from your own account.",
        "es": "Es una sugerencia: nada sale sin ti, y solo desde tu propia cuenta.",
    },
    "preview.title": {
        "en": "👀 Your reply · escalation #{id} · {chars}/{limit} characters on {platform}",
        "es": "👀 Tu respuesta · escalada #{id} · {chars}/{limit} caracteres en {platform}",
    },
    "lint.title": {"en": "⚠️ Before sending:", "es": "⚠️ Antes de enviar:"},
    "lint.ok": {"en": "✅ No warnings.", "es": "✅ Sin avisos."},
    "lint.unfilled_slot": {"en": "unfilled slot {detail}", "es": "hueco sin rellenar {detail}"},
    "lint.over_length": {"en": "too long: {detail} characters", "es": "demasiado larga: {detail} caracteres"},
    "lint.competitor": {
        "en": "names a competitor ({detail}); the playbook advises against it",
        "es": "nombra a la competencia ({detail}); el playbook lo desaconseja",
    },
    "lint.out_of_scope": {
        "en": "an offer outside your decision scope ({detail})",
        "es": "una oferta fuera de tu margen de decisión ({detail})",
    },
    "lint.profanity": {"en": "strong language ({detail})", "es": "lenguaje malsonante ({detail})"},
    "lint.empty": {"en": "it is empty", "es": "está vacía"},
    # The conversation
    "own.prompt": {
        "en": "✍️ Escalation #{id}: write your reply to {who} in your own words, answering this message. "
        "You will see it before anything goes out.",
        "es": "✍️ Escalada #{id}: escribe tu respuesta a {who} con tus palabras, contestando a este mensaje. "
        "La verás antes de que salga nada.",
    },
    "own.placeholder": {"en": "Your reply", "es": "Tu respuesta"},
    "edit.prompt": {
        "en": "✏️ Escalation #{id}: send me the final text in your own words, answering this message. "
        "The draft was:\n\n{text}",
        "es": "✏️ Escalada #{id}: mándame el texto final con tus palabras, contestando a este mensaje. "
        "El borrador era:\n\n{text}",
    },
    "sent.title": {
        "en": "📤 Escalation #{id}: ready to post from your own account. Tap the button, or copy it:",
        "es": "📤 Escalada #{id}: lista para publicar desde tu propia cuenta. Toca el botón o cópiala:",
    },
    "sent.webhook_ok": {
        "en": "Also handed to {url} ({detail}).",
        "es": "También entregada a {url} ({detail}).",
    },
    "sent.webhook_failed": {
        "en": "⚠️ The hand-over to {url} failed after {attempts} tries ({detail}); post it with the link.",
        "es": "⚠️ La entrega a {url} falló tras {attempts} intentos ({detail}); publícala con el enlace.",
    },
    "conversation.cancelled": {
        "en": "✖️ Cancelled. The card is still above.",
        "es": "✖️ Cancelado. La tarjeta sigue arriba.",
    },
    "delegate.choose": {
        "en": "👥 Escalation #{id}: delegate to whom?",
        "es": "👥 Escalada #{id}: ¿a quién se la delegas?",
    },
    "delegate.prompt": {
        "en": "👥 Escalation #{id}: a note for {name}, answering this message (or - for none).",
        "es": "👥 Escalada #{id}: una nota para {name}, contestando a este mensaje (o - para ninguna).",
    },
    "delegate.note": {
        "en": "👥 Escalation #{id} was delegated to you. Note: {note}",
        "es": "👥 Te han delegado la escalada #{id}. Nota: {note}",
    },
    "delegate.no_note": {
        "en": "👥 Escalation #{id} was delegated to you.",
        "es": "👥 Te han delegado la escalada #{id}.",
    },
    "delegate.done": {"en": "👥 Delegated to {name}.", "es": "👥 Delegada a {name}."},
    "snooze.prompt": {
        "en": "💤 Escalation #{id}: snooze for how long? Answer this message: 45m, 3h or 18:30 (UTC).",
        "es": "💤 Escalada #{id}: ¿cuánto la pospongo? Contesta a este mensaje: 45m, 3h o 18:30 (UTC).",
    },
    "snooze.bad": {
        "en": "I don't understand that time. Try 45m, 3h or 18:30.",
        "es": "No entiendo ese tiempo. Prueba con 45m, 3h o 18:30.",
    },
    "snooze.done": {"en": "💤 Snoozed until {at} UTC.", "es": "💤 Pospuesta hasta las {at} UTC."},
    "refused.text": {
        "en": "That can't be done now: {why}.",
        "es": "Ahora no se puede: {why}.",
    },
    # Commands
    "command.queue": {"en": "My open escalations", "es": "Mis escaladas abiertas"},
    "command.status": {"en": "The timeline of one: /status N", "es": "El historial de una: /status N"},
    "command.settings": {"en": "Language and quiet hours", "es": "Idioma y horas de silencio"},
    "help.commands": {
        "en": "Directo sends you the brand mentions that need your decision, with drafts you can use or ignore: "
        "nothing is ever published for you.\n\n"
        "/queue — your open escalations\n/status N — the timeline of escalation N\n"
        "/settings — language and quiet hours\n/help — this message",
        "es": "Directo te envía las menciones de la marca que necesitan tu decisión, con borradores que puedes "
        "usar o ignorar: nunca se publica nada por ti.\n\n"
        "/queue — tus escaladas abiertas\n/status N — el historial de la escalada N\n"
        "/settings — idioma y horas de silencio\n/help — este mensaje",
    },
    "queue.title": {"en": "📋 Your open escalations ({count}):", "es": "📋 Tus escaladas abiertas ({count}):"},
    "queue.empty": {"en": "You have no open escalations.", "es": "No tienes escaladas abiertas."},
    "queue.line": {"en": "#{id} {icon} {state}{left} · {snippet}", "es": "#{id} {icon} {state}{left} · {snippet}"},
    "status.usage": {"en": "Usage: /status N (the escalation's number)", "es": "Uso: /status N (el número)"},
    "status.title": {
        "en": "🧾 Escalation #{id} · {severity} · {state}",
        "es": "🧾 Escalada #{id} · {severity} · {state}",
    },
    "status.response": {
        "en": "First response {took} after the first mention.",
        "es": "Primera respuesta {took} después de la primera mención.",
    },
    "settings.show": {
        "en": "⚙️ Settings\nLanguage: {language}\nQuiet hours: {quiet}\n\n"
        "Change quiet hours with /settings quiet 23:00-07:00, or /settings quiet off.",
        "es": "⚙️ Ajustes\nIdioma: {language}\nHoras de silencio: {quiet}\n\n"
        "Cambia las horas de silencio con /settings quiet 23:00-07:00, o /settings quiet off.",
    },
    "settings.language.es": {"en": "Español", "es": "Español"},
    "settings.language.en": {"en": "English", "es": "English"},
    "settings.quiet_none": {"en": "none", "es": "ninguna"},
    "settings.quiet_set": {"en": "Quiet hours: {quiet}.", "es": "Horas de silencio: {quiet}."},
    "settings.quiet_bad": {
        "en": "Write them as /settings quiet 23:00-07:00 (your time), or /settings quiet off.",
        "es": "Escríbelas así: /settings quiet 23:00-07:00 (tu hora), o /settings quiet off.",
    },
    # Timeline events, for /status
    "event.opened": {"en": "opened", "es": "abierta"},
    "event.mention_attached": {"en": "another mention", "es": "otra mención"},
    "event.mentions_attached": {"en": "{count} more mentions", "es": "{count} menciones más"},
    "event.level_paged": {"en": "level paged", "es": "nivel avisado"},
    "event.paged": {"en": "paged", "es": "avisado"},
    "event.acknowledge": {"en": "acknowledged", "es": "confirmada"},
    "event.take": {"en": "taken", "es": "asumida"},
    "event.escalate_now": {"en": "escalated now", "es": "escalada ya"},
    "event.snooze": {"en": "snoozed", "es": "pospuesta"},
    "event.snooze_expired": {"en": "snooze over", "es": "fin de la pausa"},
    "event.delegate": {"en": "delegated", "es": "delegada"},
    "event.not_relevant": {"en": "not relevant", "es": "no relevante"},
    "event.resolve": {"en": "resolved", "es": "resuelta"},
    "event.reply_chosen": {"en": "reply chosen", "es": "respuesta elegida"},
    "event.first_response": {"en": "first response", "es": "primera respuesta"},
    "event.reply_webhook_delivered": {"en": "reply handed over", "es": "respuesta entregada"},
    "event.reply_webhook_failed": {"en": "reply hand-over failed", "es": "falló la entrega"},
    "event.ack_timeout": {"en": "not acknowledged in time", "es": "sin confirmar a tiempo"},
    "event.respond_reminder": {"en": "reminder to respond", "es": "recordatorio de responder"},
    "event.respond_timeout": {"en": "no response in time", "es": "sin respuesta a tiempo"},
}
