/*
 * Victim and witness assistant: the embeddable chat widget. Plain JavaScript, no build step.
 *
 *   <script src="https://BOT/webhooks/socketio/widget.js" data-title="Talk to us"
 *           data-color="#1d3a6e" data-lang="en" data-exit-url="https://www.weather.gov"
 *           data-storage="session"></script>
 *
 * Speaks Rasa's socket.io protocol (session_request, session_confirm, user_uttered, bot_uttered)
 * over a WebSocket, written out here so that the page loads nothing from anyone but the bot.
 * Safety first: an always-visible Exit button (and Escape twice) leaves at once with
 * location.replace and clears what the widget stored; the conversation id and transcript live in
 * sessionStorage (or only in memory), never in cookies or localStorage; every text is shown as
 * text, and only http(s), tel: and sms: links are made.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__vwaWidget) return;
  window.__vwaWidget = true;

  var data = script.dataset;
  var server = (data.server || new URL(script.src).origin).replace(/\/$/, "");
  var title = data.title || "Confidential help";
  var color = data.color || "#1d3a6e";
  // The page's language (data-lang, else <html lang>) starts the chat; the toggle changes it.
  var lang = (data.lang || document.documentElement.lang || "en").slice(0, 2).toLowerCase();
  var exitUrl = /^https?:\/\//.test(data.exitUrl || "") ? data.exitUrl : "https://www.weather.gov";
  var KEY = "vwa-chat";
  var memory = {};
  var inMemory = {
    getItem: function (k) { return k in memory ? memory[k] : null; },
    setItem: function (k, v) { memory[k] = String(v); },
    removeItem: function (k) { delete memory[k]; }
  };
  var store = inMemory;
  if (data.storage !== "memory") {
    try { window.sessionStorage.getItem(KEY); store = window.sessionStorage; } catch (e) { /* blocked: memory */ }
  }

  function saved() {
    try { return JSON.parse(store.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(state) { store.setItem(KEY, JSON.stringify(state)); }
  function forget() { store.removeItem(KEY); memory = {}; }

  var state = saved();
  state.transcript = state.transcript || [];
  var words = {};

  // ---- the page elements ---------------------------------------------------------------
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  var css = el("link", { rel: "stylesheet", href: server + "/webhooks/socketio/widget.css" });
  document.head.appendChild(css);
  var root = el("div", { "class": "vwa-root" });
  root.style.setProperty("--vwa-color", color);
  var exit = el("button", { type: "button", "class": "vwa-exit" });
  var launcher = el("button", { type: "button", "class": "vwa-launcher", "aria-expanded": "false",
                                "aria-controls": "vwa-panel" });
  var panel = el("section", { id: "vwa-panel", "class": "vwa-panel", role: "dialog", "aria-label": title,
                              hidden: "" });
  var header = el("header", { "class": "vwa-header" });
  var heading = el("h2", { "class": "vwa-title" }, title);
  var clear = el("button", { type: "button", "class": "vwa-clear" });
  var language = el("button", { type: "button", "class": "vwa-clear vwa-language" });
  var close = el("button", { type: "button", "class": "vwa-close" });
  var erase = el("button", { type: "button", "class": "vwa-clear vwa-delete" });
  var log = el("div", { "class": "vwa-log", role: "log", "aria-live": "polite", tabindex: "0" });
  var status = el("p", { "class": "vwa-status", role: "status" });
  var typing = el("p", { "class": "vwa-typing", hidden: "" });
  var choices = el("div", { "class": "vwa-choices" });
  var form = el("form", { "class": "vwa-form" });
  var label = el("label", { "for": "vwa-input", "class": "vwa-label" });
  var input = el("input", { id: "vwa-input", type: "text", autocomplete: "off", maxlength: "5000" });
  var send = el("button", { type: "submit", "class": "vwa-send" });
  header.append(heading, close, language, clear, erase);
  form.append(label, input, send);
  panel.append(header, log, typing, status, choices, form);
  root.append(exit, launcher, panel);

  function label_(words_) {
    exit.textContent = words_.exit; exit.title = words_.exit_hint; exit.setAttribute("aria-label", words_.exit_hint);
    launcher.textContent = words_.launcher;
    clear.textContent = words_.clear;
    erase.textContent = words_.delete; erase.title = words_.delete_hint;
    erase.setAttribute("aria-label", words_.delete + ": " + words_.delete_hint);
    close.textContent = "\u00d7"; close.setAttribute("aria-label", words_.close); close.title = words_.close;
    label.textContent = words_.input_label;
    input.placeholder = words_.input_label;
    send.textContent = words_.send;
    typing.textContent = words_.typing;
    if (words_.switch_language) {
      language.textContent = words_.switch_language;
      language.setAttribute("aria-label", words_.switch_language_hint);
      language.title = words_.switch_language_hint;
    }
  }
  label_({ exit: "Exit", exit_hint: "Leave this site now", launcher: "Chat", clear: "Clear this chat",
           delete: "Delete this conversation", delete_hint: "Erases what you wrote and the answers",
           delete_confirm: "Press again to delete",
           close: "Close chat", input_label: "Your message", send: "Send", typing: "…",
           offline: "Can't reach the assistant right now.", you: "You", bot: "Assistant" });

  // ---- showing messages as text, with safe links ------------------------------------------
  var LINK = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)])|(\(\d{3}\) \d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b)|\b(?:[Cc]all|[Tt]ext)(?: or text)? (988|911|211)\b|\bText (\w+) to (\d{5,6})\b/g;

  function appendLinked(parent, text) {
    var last = 0, match;
    LINK.lastIndex = 0;
    while ((match = LINK.exec(text))) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var a;
      if (match[1]) {
        a = el("a", { href: match[1], target: "_blank", rel: "noopener noreferrer" }, match[1]);
      } else if (match[2]) {
        a = el("a", { href: "tel:+1" + match[2].replace(/\D/g, "") }, match[2]);
      } else if (match[3]) {
        parent.appendChild(document.createTextNode(match[0].slice(0, match[0].length - match[3].length)));
        a = el("a", { href: "tel:" + match[3] }, match[3]);
      } else {
        parent.appendChild(document.createTextNode("Text " + match[4] + " to "));
        a = el("a", { href: "sms:" + match[5] + "?body=" + encodeURIComponent(match[4]) }, match[5]);
      }
      parent.appendChild(a);
      last = LINK.lastIndex;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // `from` names a person (an advocate) who wrote the message: shown, so it is never taken for the bot.
  function show(who, text, remember, from) {
    var item = el("div", { "class": "vwa-msg vwa-" + (from ? "advocate" : who) });
    if (from) {
      item.appendChild(el("strong", { "class": "vwa-from" }, String(from)));
      item.appendChild(el("br"));
    } else {
      item.appendChild(el("span", { "class": "vwa-visually-hidden" }, (who === "user" ? words.you : words.bot) + ": "));
    }
    String(text).split("\n").forEach(function (line, i) {
      if (i) item.appendChild(el("br"));
      appendLinked(item, line);
    });
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    if (remember !== false) {
      state.transcript.push({ who: who, text: String(text), from: from ? String(from) : undefined });
      save(state);
    }
  }

  function showChoices(buttons) {
    choices.textContent = "";
    (buttons || []).forEach(function (b) {
      var button = el("button", { type: "button", "class": "vwa-choice" }, String(b.title || ""));
      button.addEventListener("click", function () { submit(String(b.payload || b.title || ""), String(b.title || "")); });
      choices.appendChild(button);
    });
  }

  // ---- Rasa's socket.io protocol over a WebSocket -------------------------------------------
  var socket = null, connected = false, queue = [], retry = 0, typingTimer = null;

  function emit(event, payload) { socket.send("42" + JSON.stringify([event, payload])); }

  function connect() {
    var url = server.replace(/^http/, "ws") + "/socket.io/?EIO=4&transport=websocket";
    try { socket = new WebSocket(url); } catch (e) { return offline(); }
    socket.onmessage = function (event) {
      var packet = String(event.data);
      if (packet === "2") return socket.send("3");           // ping -> pong
      if (packet.charAt(0) === "0") return socket.send("40"); // engine open -> join namespace
      if (packet.indexOf("40") === 0) {
        return emit("session_request", { session_id: state.session || null, token: state.token || null });
      }
      if (packet.indexOf("42") !== 0) return;
      var message = JSON.parse(packet.slice(2)), name = message[0], body = message[1];
      if (name === "session_confirm") {
        // The server names the conversation and signs the name; only that pair lets this tab back in.
        state.session = typeof body === "string" ? body : (body && body.session_id) || state.session;
        state.token = (body && body.token) || null;
        save(state);
        connected = true; retry = 0; status.textContent = "";
        while (queue.length) emit("user_uttered", utterance(queue.shift()));
      } else if (name === "bot_uttered") {
        typing.hidden = true;
        if (body && body.erased) { restart(); show("bot", String(body.text || ""), true, null); return; }
        if (body && body.text) show("bot", body.text, true, typeof body.sender === "string" ? body.sender : null);
        showChoices(body && (body.quick_replies || body.buttons));
      }
    };
    socket.onclose = function () { connected = false; offline(); };
  }

  function offline() {
    status.textContent = words.offline;
    typing.hidden = true;
    retry = Math.min(retry + 1, 6);
    setTimeout(connect, 500 * Math.pow(2, retry - 1));
  }

  // A new chat tells the bot the page's language with its first message (Rasa's customData).
  function utterance(payload) {
    var message = { message: payload, session_id: state.session };
    if (!state.told) { message.customData = { language: state.lang || lang }; state.told = true; save(state); }
    return message;
  }

  function submit(payload, shown) {
    if (!payload.trim()) return;
    show("user", shown || payload);
    showChoices([]);
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typing.hidden = true; }, 20000);
    if (connected) emit("user_uttered", utterance(payload));
    else queue.push(payload);
  }

  // ---- controls -------------------------------------------------------------------------------
  function leave() {
    try { forget(); } catch (e) { /* storage may be blocked; leave anyway */ }
    try { if (socket) socket.close(); } catch (e) { /* leaving */ }
    window.location.replace(exitUrl);
  }
  exit.addEventListener("click", leave);
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 1000) leave();
    lastEscape = now;
  });

  function open(visible) {
    panel.hidden = !visible;
    launcher.setAttribute("aria-expanded", String(visible));
    state.open = visible; save(state);
    if (visible) input.focus(); else launcher.focus();
  }
  launcher.addEventListener("click", function () { open(panel.hidden); });
  close.addEventListener("click", function () { open(false); });
  // Clearing forgets the conversation in this browser and starts a new one.
  function restart() {
    log.textContent = ""; showChoices([]);
    forget();
    state = { transcript: [], open: true, lang: state.lang };
    // A new socket, so that nothing more of the old conversation (a late reply, an advocate's
    // message) can reach the cleared panel: the old socket stays in the old session's room.
    if (socket) { socket.onclose = null; socket.close(); }
    connected = false;
    connect();
    input.focus();
  }
  clear.addEventListener("click", restart);
  // Deleting erases it on the server too (bot/privacy/erase.py): a second press within five
  // seconds confirms; the bot's answer ("erased") clears every tab of the conversation.
  var armed = null;
  erase.addEventListener("click", function () {
    var named = erase.getAttribute("aria-label");
    function disarm() { armed = null; erase.textContent = words.delete; erase.setAttribute("aria-label", named); }
    if (!armed) {
      erase.textContent = words.delete_confirm;
      erase.setAttribute("aria-label", words.delete_confirm);  // a screen reader hears it too
      armed = setTimeout(disarm, 5000);
      return;
    }
    clearTimeout(armed); disarm();
    if (connected && state.session) emit("delete_conversation", { session_id: state.session });
    else restart();  // nothing reached the server yet: forgetting it here is all there is
  });
  // The language toggle (the catalog's webchat.switch_to): says that language's name to the bot,
  // which switches and says so.
  language.addEventListener("click", function () {
    var name = language.textContent;  // the other language's own name, which the bot understands
    state.lang = words.switch_to || ((state.lang || lang) === "es" ? "en" : "es");
    save(state);
    loadWords();
    submit(name);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    submit(text);
  });

  // ---- start ------------------------------------------------------------------------------------
  function start() {
    document.body.appendChild(root);
    state.transcript.forEach(function (m) { show(m.who, m.text, false, m.from); });
    if (state.open) open(true);
    loadWords();
    connect();
  }
  function loadWords() {
    var chosen = state.lang || lang;
    root.setAttribute("lang", chosen);
    fetch(server + "/webhooks/socketio/labels?lang=" + encodeURIComponent(chosen), { credentials: "omit" })
      .then(function (r) { return r.json(); })
      .then(function (w) { words = w; label_(w); })
      .catch(function () { /* the built-in English words stay */ });
  }
  words = { you: "You", bot: "Assistant", offline: "Can't reach the assistant right now.",
            delete: "Delete this conversation", delete_confirm: "Press again to delete" };
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
