"""X posts to mentions: the v1.1 tweet objects of the Account Activity API and the v2 filtered-stream form."""

from __future__ import annotations

from typing import Any

from bot.sources.base import ParsedItem, SourceSettings
from bot.sources.payload import (
    at,
    build_mention,
    index,
    opt_bool,
    opt_int,
    opt_obj,
    opt_str,
    opt_time,
    req_obj,
    req_str,
)

__all__ = ["v1_tweet", "v2_post"]

_METRICS_V1 = {"reposts": "retweet_count", "likes": "favorite_count", "replies": "reply_count", "quotes": "quote_count"}
_METRICS_V2 = {"reposts": "retweet_count", "likes": "like_count", "replies": "reply_count", "quotes": "quote_count"}


def v1_tweet(
    tweet: dict[str, Any],
    path: str,
    settings: SourceSettings,
    *,
    for_user_id: str | None = None,
    blocked: bool | None = None,
) -> ParsedItem | None:
    """One `tweet_create_events` item, or None when the brand (or the subscribed account) wrote it."""
    tweet_id = _v1_id(tweet, path)
    user_path = at(path, "user")
    user = req_obj(tweet.get("user"), user_path)
    author_id = _v1_id(user, user_path)
    handle = opt_str(user, "screen_name", user_path)
    if author_id == for_user_id or settings.is_own(author_id, handle):
        return None
    source, source_path = tweet, path
    retweeted = tweet.get("retweeted_status")
    if retweeted is not None:  # a retweet's own text is cut ("RT @a: …"): take the original's
        source_path = at(path, "retweeted_status")
        source = req_obj(retweeted, source_path)
    text, entities = _v1_text(source, source_path)
    if retweeted is not None:
        original_author = opt_str(opt_obj(source, "user", source_path), "screen_name", at(source_path, "user"))
        text = f"RT @{original_author}: {text}" if original_author else text
    quoted_path = at(path, "quoted_status")
    quoted = opt_obj(tweet, "quoted_status", path)
    metrics = _max_metrics(
        _metrics(tweet, path, _METRICS_V1),
        _metrics(source, source_path, _METRICS_V1),
        _metrics(quoted, quoted_path, _METRICS_V1),
    )
    reply_to = opt_str(tweet, "in_reply_to_status_id_str", path)
    quoted_id = opt_str(tweet, "quoted_status_id_str", path) or opt_str(quoted, "id_str", quoted_path)
    fields = {
        "id": tweet_id,
        "text": text,
        "platform": "x",
        "url": f"https://x.com/{handle or 'i'}/status/{tweet_id}",
        "language": _language(opt_str(tweet, "lang", path)),
        "created_at": opt_time(tweet, "created_at", path, unit="x") or opt_time(tweet, "timestamp_ms", path, unit="ms"),
        "author": {
            "handle": handle,
            "name": opt_str(user, "name", user_path),
            "followers": opt_int(user, "followers_count", user_path),
            "verified": bool(opt_bool(user, "verified", user_path)),
        },
        "thread_id": reply_to or quoted_id,
        "in_reply_to": reply_to,
        "metrics": metrics,
    }
    return ParsedItem(
        mention=build_mention(fields, path),
        author_id=author_id,
        hashtags=_names(entities, "hashtags", "text", at(source_path, "entities")),
        user_mentions=_names(entities, "user_mentions", "screen_name", at(source_path, "entities")),
        author_blocked=blocked,
        for_user_id=for_user_id,
    )


def v2_post(envelope: dict[str, Any], path: str, settings: SourceSettings) -> ParsedItem | None:
    """One filtered-stream delivery (`data`, `includes.users`, `matching_rules`), or None for the brand's own."""
    data_path = at(path, "data")
    data = req_obj(envelope.get("data"), data_path)
    post_id = req_str(data, "id", data_path)
    author_id = opt_str(data, "author_id", data_path)
    includes = opt_obj(envelope, "includes", path)
    user, user_path = _find(includes, "users", author_id, at(path, "includes"))
    handle = opt_str(user, "username", user_path)
    if settings.is_own(author_id, handle):
        return None
    note = opt_obj(data, "note_tweet", data_path)  # posts over 280 characters: the full text is here
    text = opt_str(note, "text", at(data_path, "note_tweet")) or opt_str(data, "text", data_path) or ""
    refs = _references(data, data_path)
    reposted, reposted_path = _find(includes, "tweets", refs.get("retweeted"), at(path, "includes"))
    quoted, quoted_path = _find(includes, "tweets", refs.get("quoted"), at(path, "includes"))
    conversation = opt_str(data, "conversation_id", data_path)
    user_metrics = opt_obj(user, "public_metrics", user_path)
    entities = opt_obj(data, "entities", data_path)
    fields = {
        "id": post_id,
        "text": text,
        "platform": "x",
        "url": f"https://x.com/{handle or 'i'}/status/{post_id}",
        "language": _language(opt_str(data, "lang", data_path)),
        "created_at": opt_time(data, "created_at", data_path),
        "author": {
            "handle": handle,
            "name": opt_str(user, "name", user_path),
            "followers": opt_int(user_metrics, "followers_count", at(user_path, "public_metrics")),
            "verified": bool(opt_bool(user, "verified", user_path)),
        },
        "thread_id": (conversation if conversation != post_id else None)
        or refs.get("replied_to")
        or refs.get("quoted"),
        "in_reply_to": refs.get("replied_to"),
        "metrics": _max_metrics(
            _v2_metrics(data, data_path), _v2_metrics(reposted, reposted_path), _v2_metrics(quoted, quoted_path)
        ),
    }
    return ParsedItem(
        mention=build_mention(fields, path),
        author_id=author_id,
        hashtags=_names(entities, "hashtags", "tag", at(data_path, "entities")),
        user_mentions=_names(entities, "mentions", "username", at(data_path, "entities")),
        labels=_rule_tags(envelope, path),
    )


def _v1_id(obj: dict[str, Any], path: str) -> str:
    """`id_str` (exact) before `id` (a number that loses digits in JavaScript, not in Python)."""
    return opt_str(obj, "id_str", path) or req_str(obj, "id", path)


def _v1_text(tweet: dict[str, Any], path: str) -> tuple[str, dict[str, Any]]:
    """The full text and its entities: from `extended_tweet` when the tweet is `truncated` (or has one)."""
    extended = opt_obj(tweet, "extended_tweet", path)
    ext_path = at(path, "extended_tweet")
    full = opt_str(extended, "full_text", ext_path)
    if full is not None:
        return full, opt_obj(extended, "entities", ext_path) or opt_obj(tweet, "entities", path)
    text = opt_str(tweet, "full_text", path) or opt_str(tweet, "text", path) or ""
    return text, opt_obj(tweet, "entities", path)


def _metrics(obj: dict[str, Any], path: str, names: dict[str, str]) -> dict[str, int]:
    return {ours: opt_int(obj, theirs, path) for ours, theirs in names.items()}


def _v2_metrics(obj: dict[str, Any], path: str) -> dict[str, int]:
    return _metrics(opt_obj(obj, "public_metrics", path), at(path, "public_metrics"), _METRICS_V2)


def _max_metrics(*all_metrics: dict[str, int]) -> dict[str, int]:
    """A repost or quote of a busy post is as visible as that post: each count is the largest seen."""
    return {key: max(m[key] for m in all_metrics) for key in all_metrics[0]}


def _names(entities: dict[str, Any], key: str, name: str, path: str) -> tuple[str, ...]:
    items = entities.get(key) or []
    if not isinstance(items, list):
        return ()
    out: list[str] = []
    for i, item in enumerate(items):
        value = opt_str(req_obj(item, index(at(path, key), i)), name, index(at(path, key), i))
        if value:
            out.append(value)
    return tuple(out)


def _references(data: dict[str, Any], path: str) -> dict[str, str]:
    refs = data.get("referenced_tweets") or []
    if not isinstance(refs, list):
        return {}
    out: dict[str, str] = {}
    for i, ref in enumerate(refs):
        ref_path = index(at(path, "referenced_tweets"), i)
        item = req_obj(ref, ref_path)
        out[req_str(item, "type", ref_path)] = req_str(item, "id", ref_path)
    return out


def _find(includes: dict[str, Any], key: str, wanted: str | None, path: str) -> tuple[dict[str, Any], str]:
    items = includes.get(key) or []
    if wanted is None or not isinstance(items, list):
        return {}, path
    for i, item in enumerate(items):
        if isinstance(item, dict) and str(item.get("id")) == wanted:
            return item, index(at(path, key), i)
    return {}, path


def _rule_tags(envelope: dict[str, Any], path: str) -> tuple[str, ...]:
    rules = envelope.get("matching_rules") or []
    if not isinstance(rules, list):
        return ()
    out = []
    for i, rule in enumerate(rules):
        rule_path = index(at(path, "matching_rules"), i)
        item = req_obj(rule, rule_path)
        tag = opt_str(item, "tag", rule_path) or opt_str(item, "id", rule_path)
        if tag:
            out.append(tag)
    return tuple(out)


def _language(lang: str | None) -> str | None:
    return None if lang in (None, "und", "zxx", "qme", "qht", "qam") else lang
