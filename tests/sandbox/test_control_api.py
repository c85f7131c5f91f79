"""The `/_sandbox/...` JSON control API: the same actions and read-outs over HTTP."""

from __future__ import annotations

import httpx

from bot.sandbox import FakeBotApiServer

from .conftest import ALICE, Api


async def test_control_api_drives_users_and_reads_back_messages(
    http: httpx.AsyncClient, api: Api, server: FakeBotApiServer
) -> None:
    created = await http.post("/_sandbox/users", json={"id": 3003, "first_name": "Dana", "language_code": "en"})
    assert created.status_code == 201
    said = await http.post("/_sandbox/chats/3003/messages", json={"text": "/start XYZ"})
    assert said.json()["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    keyboard = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    sent = await api.ok("sendMessage", chat_id=3003, text="Hi", reply_markup=keyboard)
    await api.ok("editMessageText", chat_id=3003, message_id=sent["message_id"], text="Hi again", reply_markup=keyboard)
    pressed = await http.post(f"/_sandbox/chats/3003/messages/{sent['message_id']}/press", json={"data": "ok"})
    assert pressed.status_code == 201
    await api.ok("answerCallbackQuery", callback_query_id=pressed.json()["callback_query_id"], text="Done")
    messages = (await http.get("/_sandbox/chats/3003/messages")).json()
    assert [m["text"] for m in messages] == ["/start XYZ", "Hi again"]
    assert [v["text"] for v in messages[1]["history"]] == ["Hi"]
    queries = (await http.get("/_sandbox/callback_queries")).json()
    assert [(q["data"], q["answered"], q["answer"]["text"]) for q in queries] == [("ok", True, "Done")]
    calls = (await http.get("/_sandbox/calls", params={"method": "editMessageText"})).json()
    assert [c["ok"] for c in calls] == [True]


async def test_control_api_switches_limits_faults_and_blocking(http: httpx.AsyncClient, api: Api) -> None:
    assert (await http.post("/_sandbox/rate_limits", json={"enabled": True})).json()["enabled"] is True
    assert (await http.post("/_sandbox/faults", json={"status": 502, "count": 1})).status_code == 201
    assert (await http.post(f"/_sandbox/users/{ALICE}/block")).json() == {"blocked": True}
    assert (await http.post("/_sandbox/chats/999/messages", json={"text": "x"})).status_code == 404
    gateway = await http.post(f"/bot{api.token}/getMe")
    assert (gateway.status_code, gateway.headers["content-type"]) == (502, "text/html; charset=utf-8")
    assert await api.error("sendMessage", chat_id=ALICE, text="x") == (403, "Forbidden: bot was blocked by the user")
    overview = (await http.get("/_sandbox/state")).json()
    assert (overview["rate_limits"], overview["blocked_by"]) == (True, [ALICE])
