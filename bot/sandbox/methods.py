"""The Bot API methods about messages and chats, one function each, plus the table of all methods."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from . import commands, updates
from .context import ApiContext
from .errors import bad_request
from .html import utf16_len
from .markup import validate_reply_markup
from .params import Params
from .state import Chat, Message
from .text import prepare_text

__all__ = ["METHODS", "Method"]

Method = Callable[[ApiContext, Params], Awaitable[Any]]

MAX_CAPTION_UTF16 = 1024
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a "
    "current content and reply markup of the message"
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


async def send_message(ctx: ApiContext, p: Params) -> Any:
    chat = ctx.chat(p.chat_id())
    text, entities = prepare_text(
        p.text("text"),
        parse_mode=p.text("parse_mode"),
        entities=p.json("entities"),
        strict_ampersand=ctx.strict_ampersand,
    )
    markup = validate_reply_markup(p.json("reply_markup", "reply keyboard markup"))
    p.json("link_preview_options")  # must at least be valid JSON
    reply_to = _reply_target(ctx, chat, p)
    thread_id = p.integer("message_thread_id") if chat.is_forum else None
    ctx.check_flood(chat)
    message = ctx.state.add_message(
        chat,
        ctx.state.bot,
        text,
        entities=entities,
        reply_markup=markup,
        reply_to=reply_to,
        message_thread_id=thread_id,
    )
    return message.to_dict()


async def send_photo(ctx: ApiContext, p: Params) -> Any:
    """An uploaded photo (multipart) or the file_id of one sent before; an optional caption (≤ 1024)."""
    chat = ctx.chat(p.chat_id())
    photo = _photo(ctx, p.raw.get("photo"))
    caption: str = ""
    entities: list[Any] = []
    if p.text("caption"):
        caption, entities = prepare_text(
            p.text("caption"),
            parse_mode=p.text("parse_mode"),
            entities=p.json("caption_entities"),
            strict_ampersand=ctx.strict_ampersand,
        )
        if utf16_len(caption) > MAX_CAPTION_UTF16:
            raise bad_request("message caption is too long")
    markup = validate_reply_markup(p.json("reply_markup", "reply keyboard markup"))
    reply_to = _reply_target(ctx, chat, p)
    ctx.check_flood(chat)
    message = ctx.state.add_message(
        chat, ctx.state.bot, caption, entities=entities, reply_markup=markup, reply_to=reply_to, photo=photo
    )
    return message.to_dict()


def _photo(ctx: ApiContext, value: Any) -> list[Any]:
    """The sizes Telegram stores for a photo: one here, the upload as sent (bytes length, PNG dimensions)."""
    if isinstance(value, dict) and "size" in value:
        if not value["size"]:
            raise bad_request("file must be non-empty")
        number = len(ctx.state.calls_to("sendPhoto")) + 1
        return [
            {
                "file_id": f"sandbox-photo-{number}",
                "file_unique_id": f"sandbox-photo-u{number}",
                "file_size": value["size"],
                "width": value.get("width", 0),
                "height": value.get("height", 0),
            }
        ]
    if isinstance(value, str) and value:
        for message in ctx.state.bot_messages():
            if message.photo and any(size["file_id"] == value for size in message.photo):
                return message.photo
        raise bad_request("wrong file identifier/HTTP URL specified")
    raise bad_request("there is no photo in the request")


def _reply_target(ctx: ApiContext, chat: Chat, p: Params) -> Message | None:
    reply = p.json("reply_parameters", "reply parameters")
    if reply is None and "reply_to_message_id" in p:
        reply = {
            "message_id": p.integer("reply_to_message_id"),
            "allow_sending_without_reply": p.flag("allow_sending_without_reply"),
        }
    if reply is None:
        return None
    if not isinstance(reply, dict):
        raise bad_request("can't parse reply parameters JSON object")
    target_chat = ctx.state.resolve_chat(reply.get("chat_id", chat.id)) or chat
    target = ctx.state.message(target_chat.id, int(reply.get("message_id") or 0))
    if target is None and not reply.get("allow_sending_without_reply"):
        raise bad_request("message to be replied not found")
    return target


def _message_to_edit(ctx: ApiContext, p: Params) -> Message:
    if "inline_message_id" in p:
        raise bad_request("MESSAGE_ID_INVALID")
    chat = ctx.chat(p.chat_id())
    message = ctx.state.message(chat.id, p.required_int("message_id"))
    if message is None:
        raise bad_request("message to edit not found")
    if message.photo is not None and p.text("text") is not None:
        raise bad_request("there is no text in the message to edit")
    if message.sender.id != ctx.state.bot.id:
        raise bad_request("message can't be edited")
    return message


def _apply_edit(ctx: ApiContext, message: Message, text: str, entities: list[Any], markup: Any) -> Any:
    if (text, entities, markup) == (message.text, message.entities, message.reply_markup):
        raise bad_request(_NOT_MODIFIED)
    ctx.check_flood(message.chat)
    message.edit(text, entities, markup, ctx.state.now())
    ctx.state.notify()
    return message.to_dict()


async def edit_message_text(ctx: ApiContext, p: Params) -> Any:
    message = _message_to_edit(ctx, p)
    text, entities = prepare_text(
        p.text("text"),
        parse_mode=p.text("parse_mode"),
        entities=p.json("entities"),
        strict_ampersand=ctx.strict_ampersand,
        too_long="MESSAGE_TOO_LONG",
    )
    markup = validate_reply_markup(p.json("reply_markup", "reply keyboard markup"))
    p.json("link_preview_options")
    return _apply_edit(ctx, message, text, entities, markup)


async def edit_message_reply_markup(ctx: ApiContext, p: Params) -> Any:
    message = _message_to_edit(ctx, p)
    markup = validate_reply_markup(p.json("reply_markup", "reply keyboard markup"))
    return _apply_edit(ctx, message, message.text, message.entities, markup)


async def delete_message(ctx: ApiContext, p: Params) -> Any:
    chat = ctx.chat(p.chat_id())
    message = ctx.state.message(chat.id, p.required_int("message_id"))
    if message is None:
        raise bad_request("message to delete not found")
    if message.sender.id != ctx.state.bot.id and chat.type == "private":
        raise bad_request("message can't be deleted for everyone")
    message.deleted = True
    ctx.state.notify()
    return True


async def answer_callback_query(ctx: ApiContext, p: Params) -> Any:
    query = ctx.state.callback_queries.get(p.text("callback_query_id") or "")
    too_old = query is None or query.answered or ctx.state.clock() - query.created_at > ctx.callback_query_ttl
    if too_old or query is None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = p.text("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answered = True
    query.answer = {
        "text": text,
        "show_alert": p.flag("show_alert"),
        "url": p.text("url"),
        "cache_time": p.integer("cache_time", 0),
    }
    ctx.state.notify()
    return True


async def send_chat_action(ctx: ApiContext, p: Params) -> Any:
    ctx.chat(p.chat_id())
    if p.text("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


async def get_chat(ctx: ApiContext, p: Params) -> Any:
    chat = ctx.state.resolve_chat(p.chat_id())
    if chat is None:
        raise bad_request("chat not found")
    gifts = dict.fromkeys(
        ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription", "gifts_from_channels"),
        False,
    )
    return {**chat.to_dict(), "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}


async def create_forum_topic(ctx: ApiContext, p: Params) -> Any:
    """A topic in a forum supergroup; its id is the id of the service message that opens it, as in Telegram."""
    chat = ctx.chat(p.chat_id())
    if not chat.is_forum:
        raise bad_request("the chat is not a forum")
    name = p.text("name") or ""
    if not 1 <= len(name) <= 128:
        raise bad_request("TOPIC_NAME_INVALID")
    ctx.check_flood(chat)
    opener = ctx.state.add_message(chat, ctx.state.bot, f"Topic created: {name}")
    opener.message_thread_id = opener.message_id
    chat.topics[opener.message_id] = name
    return {"message_thread_id": opener.message_id, "name": name, "icon_color": 7322096}


async def leave_chat(ctx: ApiContext, p: Params) -> Any:
    chat = ctx.chat(p.chat_id())
    if chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    chat.bot_is_member = False
    ctx.state.push_update("my_chat_member", ctx.state.bot_status_change(chat, "member", "left"))
    return True


METHODS: dict[str, Method] = {
    name.lower(): method
    for name, method in {
        "sendMessage": send_message,
        "sendPhoto": send_photo,
        "editMessageText": edit_message_text,
        "editMessageReplyMarkup": edit_message_reply_markup,
        "deleteMessage": delete_message,
        "answerCallbackQuery": answer_callback_query,
        "sendChatAction": send_chat_action,
        "getChat": get_chat,
        "leaveChat": leave_chat,
        "createForumTopic": create_forum_topic,
        **updates.METHODS,
        **commands.METHODS,
    }.items()
}
