"""Build python-telegram-bot's `Application`: the API server, the rate limiter, the handlers, the commands."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.telegram import commands, forwarding, groups, handlers
from bot.telegram.deps import BotDeps
from bot.telegram.oncall_commands import oncall_handlers
from bot.telegram.report_command import report_handlers
from bot.telegram.sending_bot import api_request
from bot.telegram.texts import LANGUAGES, t

__all__ = ["TelegramBot", "build_application"]

log = logging.getLogger(__name__)

TelegramBot = Application[Any, Any, Any, Any, Any, Any]
COMMANDS = ("start", "help", "queue", "status", "settings", "oncall", "cover", "swap", "escalate", "attach", "report")


def build_application(
    *, token: str, api_url: str, deps: BotDeps, webhook_mode: bool, rate_limit: bool = True
) -> TelegramBot:
    """PTB application talking to `<api_url>/bot<token>/<method>`; in webhook mode it has no updater."""
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        .request(api_request())
        .get_updates_request(HTTPXRequest(connect_timeout=5, read_timeout=40))
        .concurrent_updates(True)
    )
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=0))
    if webhook_mode:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data["deps"] = deps
    for handler in (
        *oncall_handlers(),  # before the catch-all button handler: its callback pattern is specific
        *report_handlers(),
        CommandHandler("start", handlers.start_linking),
        CommandHandler("help", handlers.show_help),
        CommandHandler("queue", commands.show_queue),
        CommandHandler("status", commands.show_status),
        CommandHandler("settings", commands.show_settings),
        CallbackQueryHandler(commands.change_setting, pattern=r"^s1:"),
        CallbackQueryHandler(handlers.press_button),
        CommandHandler("escalate", forwarding.escalate_command, filters=filters.ChatType.PRIVATE),
        CommandHandler("attach", forwarding.attach_command, filters=filters.ChatType.PRIVATE),
        MessageHandler(filters.ChatType.PRIVATE & filters.FORWARDED, forwarding.receive_forward),
        MessageHandler(
            filters.ChatType.PRIVATE & filters.REPLY & filters.TEXT & ~filters.COMMAND, forwarding.reply_to_confirmation
        ),
        ChatMemberHandler(groups.check_membership, ChatMemberHandler.MY_CHAT_MEMBER),
        MessageHandler(filters.ChatType.PRIVATE & ~filters.COMMAND, handlers.receive_message),
    ):
        application.add_handler(handler)
    application.add_handler(TypeHandler(Update, groups.guard_group), group=-1)  # groups not in the playbook
    application.add_error_handler(handlers.handle_error)
    return application


async def register_commands(application: TelegramBot) -> None:
    """The command menu, in every language the bot speaks."""
    for language in LANGUAGES:
        commands = [BotCommand(name, t(f"command.{name}", language)) for name in COMMANDS]
        await application.bot.set_my_commands(commands, language_code=language)
    await application.bot.set_my_commands([BotCommand(n, t(f"command.{n}", "en")) for n in COMMANDS])


async def start_telegram(application: TelegramBot, *, webhook_url: str | None, secret: str | None) -> None:
    """Initialize, register commands, then either set the webhook or start long polling."""
    await application.initialize()
    await register_commands(application)
    if webhook_url:
        await application.bot.set_webhook(webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
        await application.start()
        log.info("Telegram: webhook set to %s", webhook_url)
        return
    await application.bot.delete_webhook()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0.0, timeout=30, allowed_updates=Update.ALL_TYPES)
    log.info("Telegram: long polling as @%s", application.bot.username)


async def stop_telegram(application: TelegramBot) -> None:
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()


async def feed_update(application: TelegramBot, data: dict[str, Any]) -> None:
    """Webhook mode: hand one update to the application's queue."""
    update = Update.de_json(data, application.bot)
    await application.update_queue.put(update)
