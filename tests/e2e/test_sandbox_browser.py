"""Acceptance: the `/sandbox` page in a real headless Chromium, over the real app in sandbox mode.

The roaming mention is fired from the page's panel; the card arrives on Ana's phone (she is the CEO, and the
churn route pages her); the offer draft is tapped and confirmed on the page; the card, edited in place,
says the case was responded. A screenshot goes to `test-artifacts/sandbox-roaming.png`.

Chromium is Debian's (`make browser`); without it, and without root and apt-get to install it, the test
skips and says why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.sandbox_mode import sandbox_user_id
from tests.e2e.cdp import ROOT, Chromium, find_chromium
from tests.e2e.sandbox_support import running_sandbox, sandbox_settings

pytestmark = pytest.mark.slow
ARTIFACTS = ROOT / "test-artifacts"
ANA = sandbox_user_id("ana")


@pytest.fixture(scope="module")
def chromium() -> str:
    path, why = find_chromium()
    if path is None:
        pytest.skip(why)
    return path


def phone(person_chat_id: int) -> str:
    return f"document.querySelector('.phone[data-chat-id=\"{person_chat_id}\"]')"


def message_with(chat_id: int, text: str) -> str:
    """JS: the id of the latest message on that phone whose text contains `text` (or undefined)."""
    return (
        f"[...{phone(chat_id)}.querySelectorAll('.msg')].reverse()"
        f".find(m => m.textContent.includes({json.dumps(text)}))?.dataset.messageId"
    )


def tap(chat_id: int, message_id: str, label: str) -> str:
    """JS: tap the button with this label under that message; true when there was one."""
    return (
        f"(() => {{ const b = [...{phone(chat_id)}.querySelectorAll('.kb[data-message-id=\"{message_id}\"] button')]"
        f".find(b => b.textContent === {json.dumps(label)}); if (b) b.click(); return Boolean(b); }})()"
    )


@pytest.mark.timeout(900)  # the first run may install Chromium through `make browser`
async def test_roaming_story_in_the_sandbox_page(chromium: str, tmp_path: Path) -> None:
    settings = sandbox_settings(f"sqlite+aiosqlite:///{tmp_path / 'sandbox.sqlite3'}")
    async with running_sandbox(settings) as running, Chromium(chromium, width=1780, height=720) as page:
        await page.goto(f"{running.url}/sandbox")
        await page.wait_for("document.querySelectorAll('.phone').length === 5")
        # Each phone already shows the bot's greeting: the people were linked through /start <code>.
        await page.wait_for(message_with(ANA, "vinculada"))

        await page.eval("document.querySelector('[data-sample=\"roaming.json\"]').click()")
        card_id = await page.wait_for(message_with(ANA, "Escalada #"))
        card_text = await page.eval(f"{phone(ANA)}.querySelector('.msg[data-message-id=\"{card_id}\"]').textContent")
        assert "CRÍTICO" in card_text
        assert "#churn" in card_text
        assert "Qué hago en Movilia" in card_text
        # Telegram HTML is rendered: the bold severity and the quoted post.
        assert await page.eval(f"{phone(ANA)}.querySelector('.msg[data-message-id=\"{card_id}\"] blockquote') !== null")

        assert await page.eval(tap(ANA, card_id, "📝 Oferta"))
        draft_id = await page.wait_for(message_with(ANA, "Borrador"))
        await page.wait_for(f"{phone(ANA)}.querySelector('.toast:not([hidden])')?.textContent.includes('Borrador')")
        assert await page.eval(tap(ANA, draft_id, "✅ Confirmar"))

        await page.wait_for(
            f"{phone(ANA)}.querySelector('.msg[data-message-id=\"{card_id}\"]').textContent.includes('respondida')"
        )
        edited = await page.eval(f"{phone(ANA)}.querySelector('.msg[data-message-id=\"{card_id}\"] .meta').textContent")
        assert edited.startswith("edited"), "the card is edited in place, not sent again"
        await page.wait_for(message_with(ANA, "lista para publicar"))
        # The screenshot (README's too): the responded card at the top of Ana's phone.
        await page.eval(
            f"(() => {{ const chat = {phone(ANA)}.querySelector('.chat');"
            f" const card = chat.querySelector('.msg[data-message-id=\"{card_id}\"]');"
            " chat.scrollTop = card.offsetTop - chat.offsetTop - 6; })()"
        )
        await page.wait_for(f"{phone(ANA)}.querySelector('.toast').hidden")
        await page.eval("document.querySelector('#custom').closest('details').open = false")
        shot = await page.screenshot(ARTIFACTS / "sandbox-roaming.png")
    assert shot.stat().st_size > 10_000
