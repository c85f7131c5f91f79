// The sandbox page: phones that show what the bot sends, through the fake Bot API server's control API.
// Plain JavaScript, no build step. Configuration comes from `api/config` (see bot/sandbox/page.py).
"use strict";

const state = { config: null, version: -1, phones: new Map(), seen: new Map() };

function $(selector, root = document) { return root.querySelector(selector); }
function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}
function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
}
async function call(url, options = {}) {
  const init = { ...options, headers: { "content-type": "application/json" } };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  const response = await fetch(url, init);
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!response.ok) throw Object.assign(new Error((data && data.error) || text || response.statusText), { data });
  return data;
}
const tg = (path) => `${state.config.telegram}/_sandbox${path}`;

// Telegram's entities (UTF-16 offsets, as JavaScript strings count) → HTML.
const TAGS = {
  bold: ["<b>", "</b>"], italic: ["<i>", "</i>"], underline: ["<u>", "</u>"], strikethrough: ["<s>", "</s>"],
  spoiler: ['<span class="spoiler">', "</span>"], code: ["<code>", "</code>"], pre: ["<pre>", "</pre>"],
  blockquote: ["<blockquote>", "</blockquote>"], expandable_blockquote: ["<blockquote>", "</blockquote>"],
  hashtag: ['<span class="tag">', "</span>"], mention: ['<span class="tag">', "</span>"],
  bot_command: ['<span class="tag">', "</span>"],
};
function entityTags(entity, text) {
  if (entity.type === "text_link" || entity.type === "url") {
    const href = entity.type === "url" ? text.substr(entity.offset, entity.length) : entity.url;
    return [`<a href="${escapeHtml(href)}" target="_blank" rel="noopener">`, "</a>"];
  }
  return TAGS[entity.type] || ["", ""];
}
function renderText(text, entities = []) {
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const cuts = new Set([0, text.length]);
  for (const e of sorted) { cuts.add(e.offset); cuts.add(e.offset + e.length); }
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  const open = [];
  for (let i = 0; i < points.length; i++) {
    const at = points[i];
    while (open.length && open[open.length - 1].offset + open[open.length - 1].length <= at) html += open.pop().close;
    for (const e of sorted) {
      if (e.offset === at && e.length > 0) {
        const [start, close] = entityTags(e, text);
        html += start;
        open.push({ ...e, close });
      }
    }
    if (i + 1 < points.length) {
      html += escapeHtml(text.slice(at, points[i + 1]));
    }
  }
  while (open.length) html += open.pop().close;
  // A blockquote is a block of its own: the newlines around it would show as blank lines.
  return html.replace(/\n<blockquote>/g, "<blockquote>").replace(/<\/blockquote>\n/g, "</blockquote>");
}

function time(unix) {
  return new Date(unix * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
function forwardedFrom(origin) {
  return origin.sender_user_name || (origin.sender_user && origin.sender_user.first_name)
    || (origin.chat && origin.chat.title) || (origin.sender_chat && origin.sender_chat.title) || "someone";
}

function renderMessage(phone, message, byId) {
  const mine = !message.from || !message.from.is_bot;
  const bubble = el("div", { className: `msg${mine ? " mine" : ""}` });
  bubble.dataset.messageId = message.message_id;
  if (message.forward_origin) bubble.append(el("span", { className: "fwd", textContent: `Forwarded from ${forwardedFrom(message.forward_origin)}` }));
  if (message.reply_to_message) {
    const quoted = byId.get(message.reply_to_message.message_id) || message.reply_to_message;
    bubble.append(el("span", { className: "quote-of", textContent: (quoted.text || "").slice(0, 70) }));
  }
  if (message.photo) {
    const size = message.photo[message.photo.length - 1] || {};
    bubble.append(el("span", { className: "photo", textContent: `🖼 Photo ${size.width || "?"}×${size.height || "?"}` }));
  }
  const body = el("span", { className: "body" });
  body.innerHTML = renderText(message.text || message.caption || "", message.entities || message.caption_entities || []);
  bubble.append(body);
  const edited = message.edit_date ? "edited " : "";
  bubble.append(el("span", { className: "meta", textContent: `${edited}${time(message.edit_date || message.date)}` }));
  const reply = el("button", { className: "reply-btn", type: "button", title: "Reply", textContent: "↩" });
  reply.addEventListener("click", () => startReply(phone, message));
  bubble.append(reply);
  const nodes = [bubble];
  const keyboard = message.reply_markup && message.reply_markup.inline_keyboard;
  if (keyboard) {
    const kb = el("div", { className: "kb" });
    kb.dataset.messageId = message.message_id;
    for (const row of keyboard) {
      const line = el("div", { className: "row" });
      for (const button of row) {
        if (button.url) {
          line.append(el("a", { href: button.url, target: "_blank", rel: "noopener", textContent: button.text }));
        } else {
          const b = el("button", { type: "button", textContent: button.text });
          b.dataset.callbackData = button.callback_data || "";
          b.addEventListener("click", () => press(phone, message, button));
          line.append(b);
        }
      }
      kb.append(line);
    }
    nodes.push(kb);
  }
  return nodes;
}

function renderChat(phone, messages) {
  const chat = $(".chat", phone.node);
  const nearBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 80;
  const byId = new Map(messages.map((m) => [m.message_id, m]));
  const before = state.seen.get(phone.chatId) || new Map();
  const after = new Map();
  chat.replaceChildren();
  if (!messages.length) chat.append(el("p", { className: "empty", textContent: "No messages yet." }));
  for (const message of messages) {
    const nodes = renderMessage(phone, message, byId);
    const stamp = `${message.edit_date || message.date}|${message.text}`;
    after.set(message.message_id, stamp);
    if (before.size && before.get(message.message_id) !== stamp) nodes[0].classList.add("flash");
    chat.append(...nodes);
  }
  state.seen.set(phone.chatId, after);
  if (nearBottom || after.size > before.size) chat.scrollTop = chat.scrollHeight;
  const last = [...messages].reverse().find((m) => m.from && m.from.is_bot);
  if (last && last.reply_markup && last.reply_markup.force_reply && phone.promptedBy !== last.message_id) {
    phone.promptedBy = last.message_id;
    startReply(phone, last, last.reply_markup.input_field_placeholder);
  }
}

function startReply(phone, message, placeholder) {
  phone.replyTo = message.message_id;
  const bar = $(".replying", phone.node);
  $(".replying-text", bar).textContent = `↩ ${(message.text || "").slice(0, 80)}`;
  bar.hidden = false;
  const input = $(".text", phone.node);
  input.placeholder = placeholder || "Reply";
  input.focus();
}
function stopReply(phone) {
  phone.replyTo = null;
  $(".replying", phone.node).hidden = true;
  $(".text", phone.node).placeholder = "Message";
}

function toast(phone, text, alert) {
  const box = $(".toast", phone.node);
  box.textContent = text;
  box.hidden = false;
  clearTimeout(phone.toastTimer);
  phone.toastTimer = setTimeout(() => { box.hidden = true; }, alert ? 6000 : 2500);
}

async function press(phone, message, button) {
  try {
    const { callback_query_id: id } = await call(tg(`/chats/${phone.chatId}/messages/${message.message_id}/press`), {
      method: "POST", body: { data: button.callback_data, from_user_id: phone.chatId },
    });
    for (let i = 0; i < 50; i++) {
      const queries = await call(tg("/callback_queries"));
      const query = queries.find((q) => q.id === id);
      if (query && query.answered) {
        if (query.answer && query.answer.text) toast(phone, query.answer.text, query.answer.show_alert);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    toast(phone, `Could not press: ${error.message}`, true);
  }
}

async function sendFromComposer(phone) {
  const input = $(".text", phone.node);
  const text = input.value.trim();
  if (!text) return;
  try {
    if (phone.forwarding) {
      const origin = { type: "hidden_user", sender_user_name: $(".forward-from", phone.node).value || "someone", date: Math.floor(Date.now() / 1000) };
      await call(tg(`/chats/${phone.chatId}/forwards`), { method: "POST", body: { text, origin, from_user_id: phone.chatId } });
      toggleForward(phone, false);
    } else {
      const body = { text, from_user_id: phone.chatId };
      if (phone.replyTo) body.reply_to_message_id = phone.replyTo;
      await call(tg(`/chats/${phone.chatId}/messages`), { method: "POST", body });
    }
    input.value = "";
    stopReply(phone);
  } catch (error) {
    toast(phone, `Not sent: ${error.message}`, true);
  }
}

function toggleForward(phone, on) {
  phone.forwarding = on;
  $(".forwarding", phone.node).hidden = !on;
  $(".forward-toggle", phone.node).classList.toggle("on", on);
  $(".text", phone.node).placeholder = on ? "Text of the message to forward" : "Message";
}

function buildPhone(person) {
  const node = $("#phone-template").content.firstElementChild.cloneNode(true);
  node.dataset.chatId = person.chat_id;
  node.dataset.person = person.key;
  $(".avatar", node).textContent = person.name.slice(0, 1);
  $(".name", node).textContent = person.name;
  $(".role", node).textContent = [person.title, person.role.replace("_", " "), person.language].filter(Boolean).join(" · ");
  if (person.on_call) $(".phone-head", node).append(el("span", { className: "badge", textContent: "on call" }));
  const phone = { chatId: person.chat_id, node, replyTo: null, forwarding: false, promptedBy: null };
  $(".composer", node).addEventListener("submit", (event) => { event.preventDefault(); sendFromComposer(phone); });
  $(".replying-cancel", node).addEventListener("click", () => stopReply(phone));
  $(".forward-toggle", node).addEventListener("click", () => toggleForward(phone, !phone.forwarding));
  state.phones.set(person.chat_id, phone);
  return node;
}

async function refresh() {
  await Promise.all([...state.phones.values()].map(async (phone) => {
    renderChat(phone, await call(tg(`/chats/${phone.chatId}/messages`)));
  }));
}

async function poll() {
  const status = $("#status");
  for (;;) {
    try {
      const { version } = await call(tg(`/changes?since=${state.version}&wait=25`));
      if (version !== state.version) {
        state.version = version;
        await refresh();
      }
      status.textContent = "live";
    } catch (error) {
      status.textContent = "reconnecting…";
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function report(target, text, error) {
  target.textContent = text;
  target.classList.toggle("error", Boolean(error));
}

async function fire(mention) {
  const out = $("#fired");
  try {
    const result = await call(state.config.mentions_url, { method: "POST", body: mention });
    report(out, `${result.status} ${JSON.stringify(result.body)}`);
  } catch (error) {
    report(out, error.message, true);
  }
}

async function startDrill(drill) {
  const out = $("#drill-report");
  try {
    const run = await call(`${state.config.drills_url}/${encodeURIComponent(drill.name)}`, { method: "POST", body: {} });
    for (;;) {
      const status = await call(`${state.config.drills_url}/runs/${run.id}`);
      out.textContent = status.text;
      if (status.done) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } catch (error) {
    out.textContent = `Drill failed: ${error.message}`;
  }
}

function panel(config) {
  const samples = $("#samples");
  for (const sample of config.samples) {
    const button = el("button", { type: "button" }, `${sample.title}`, el("small", { textContent: sample.mention.text }));
    button.dataset.sample = sample.name;
    button.addEventListener("click", () => fire(sample.mention));
    samples.append(button);
  }
  const custom = $("#custom");
  custom.value = JSON.stringify(config.custom_example, null, 2);
  $("#send-custom").addEventListener("click", () => {
    try { fire(JSON.parse(custom.value)); } catch (error) { report($("#fired"), `Not JSON: ${error.message}`, true); }
  });
  const drills = $("#drills");
  for (const drill of config.drills) {
    const button = el("button", { type: "button" }, `▶ ${drill.title}`, el("small", { textContent: drill.description }));
    button.dataset.drill = drill.name;
    button.addEventListener("click", () => startDrill(drill));
    drills.append(button);
  }
}

async function main() {
  state.config = await call("api/config");
  panel(state.config);
  const phones = $("#phones");
  for (const person of state.config.people) phones.append(buildPhone(person));
  await refresh();
  poll();
}

main().catch((error) => { $("#status").textContent = `error: ${error.message}`; });
