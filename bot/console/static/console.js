/* The console's live parts. One websocket per page (bot/console/live.py) brings the queue, the
 * advocate's conversations with their unread counts, and the open conversation's new lines and
 * delivery states. A new request sounds a tone and, once allowed, shows a notification with its
 * priority and channel only. Opening another of my conversations swaps the middle and right
 * columns without a reload. Enter sends, Shift+Enter is a new line, "/" finds a canned reply.
 * Everything is written with textContent: what people write is shown as text, never as markup.
 * The page's own words come in data attributes, from the catalogs, in the advocate's language. */
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf"]') || {}).content || "";
  var title = document.title;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function token() { return el("input", { type: "hidden", name: "csrf", value: csrf }); }

  // ---- attention: a tone, and a notification once the advocate allowed them ------------------
  var audio = null;
  function tone(urgent) {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    if (audio.resume) audio.resume();
    (urgent ? [0, 0.3] : [0]).forEach(function (delay) {
      var beep = audio.createOscillator();
      var gain = audio.createGain();
      beep.frequency.value = urgent ? 880 : 660;
      gain.gain.value = 0.2;
      beep.connect(gain);
      gain.connect(audio.destination);
      beep.start(audio.currentTime + delay);
      beep.stop(audio.currentTime + delay + 0.2);
    });
  }

  // ---- the queue ------------------------------------------------------------------------------
  var queue = document.getElementById("queue");
  var known = {};  // the requests already on the page: only later ones alert
  if (queue) {
    Array.prototype.forEach.call(queue.querySelectorAll("form[action^='/claim/']"), function (form) {
      known[form.getAttribute("action").split("/").pop()] = true;
    });
    var alertsButton = document.getElementById("alerts");
    if (alertsButton && "Notification" in window && Notification.permission === "default") {
      alertsButton.hidden = false;
      alertsButton.addEventListener("click", function () {
        tone(false);  // a click lets the page play sound from now on
        Notification.requestPermission().then(function () { alertsButton.hidden = true; });
      });
    }
  }

  function notify(row) {
    tone(row.priority === "danger");
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    new Notification(fill(queue.dataset.alert, { priority: row.priority_label, channel: row.channel }),
                     { tag: "queue-" + row.id });
  }

  function card(data) {
    var item = el("li", { "class": "p-" + data.priority });
    var first = el("p");
    var priority = el("span", { "class": "priority" });
    priority.appendChild(el("span", { "class": "icon", "aria-hidden": "true" }, data.icon));
    priority.appendChild(document.createTextNode(" " + data.priority_label));
    first.appendChild(priority);
    first.appendChild(document.createTextNode(" · "));
    first.appendChild(el("span", { "class": "wait" }, fill(queue.dataset.waited, { minutes: data.wait })));
    item.appendChild(first);
    item.appendChild(el("p", { "class": "facts" }, [data.channel, data.language, data.state].join(" · ")));
    item.appendChild(el("p", { "class": "need" }, fill(queue.dataset.need, { need: data.need })));
    item.appendChild(el("p", { "class": "safe" }, fill(queue.dataset.safe, { answer: data.safe })));
    var form = el("form", { method: "post", action: "/claim/" + data.id });
    form.appendChild(token());
    form.appendChild(el("button", {}, queue.dataset.claim));
    item.appendChild(form);
    return item;
  }

  function showQueue(rows) {
    queue.textContent = "";
    rows.forEach(function (data) {
      queue.appendChild(card(data));
      if (!known[data.id]) notify(data);
    });
    known = {};
    rows.forEach(function (data) { known[data.id] = true; });
    document.getElementById("queue-empty").hidden = rows.length > 0;
    document.title = rows.length ? "(" + rows.length + ") " + title : title;
  }

  // ---- my conversations -------------------------------------------------------------------------
  var mine = document.getElementById("mine");
  var current = null;  // the open conversation's request id

  function showMine(rows) {
    mine.textContent = "";
    rows.forEach(function (data) {
      var item = el("li", { "class": "p-" + data.priority });
      var link = el("a", { href: "/conversation/" + data.id, "data-request": String(data.id) });
      if (String(data.id) === current) link.setAttribute("aria-current", "page");
      link.appendChild(el("span", { "class": "icon", "aria-hidden": "true" }, data.icon));
      link.appendChild(document.createTextNode(" " + [data.priority_label, data.channel,
        fill(mine.dataset.need, { need: data.need })].join(" · ")));
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      var unread = el("span", { "class": "unread" }, fill(mine.dataset.unread, { count: data.unread }));
      unread.hidden = !data.unread;
      item.appendChild(unread);
      mine.appendChild(item);
    });
    document.getElementById("mine-empty").hidden = rows.length > 0;
  }

  // ---- the open conversation ----------------------------------------------------------------------
  var log = null;
  var after = 0;

  function showLine(line) {
    var item = el("li", { "data-id": String(line.id), "class": line.sender });
    item.appendChild(el("span", { "class": "who" }, line.who));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(el("small", {}, line.at));
    item.appendChild(el("br"));
    item.appendChild(document.createTextNode(line.text));
    if (line.state) {
      var status = el("span", { "class": "status s-" + line.state_key });
      status.appendChild(el("strong", {}, line.state));
      if (line.note) status.appendChild(document.createTextNode(": " + line.note));
      item.appendChild(status);
    }
    var old = log.querySelector('li[data-id="' + line.id + '"]');
    if (old) log.replaceChild(item, old); else log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    after = Math.max(after, line.id);
  }

  function showState(state) {
    var text = { cancelled: log.dataset.endedCancelled, closing: log.dataset.endedClosed,
                 closed: log.dataset.endedClosed }[state];
    if (!text) return;
    var ended = document.getElementById("ended");
    ended.textContent = text;
    ended.hidden = false;
  }

  function cannedShortcut(textarea) {
    var filter = document.getElementById("canned-filter");
    var select = document.getElementById("canned");
    if (!filter || !select) return;
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "/" && !textarea.value) {
        event.preventDefault();
        filter.focus();
      }
    });
    filter.addEventListener("input", function () {
      var words = filter.value.toLowerCase();
      var first = null;
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = option.textContent.toLowerCase().indexOf(words) < 0;
        if (!option.hidden && !first) first = option;
      });
      if (first) select.value = first.value;
    });
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { filter.value = ""; textarea.focus(); }
    });
  }

  function openConversation() {
    log = document.getElementById("transcript");
    current = log ? log.dataset.request : null;
    after = log ? Number(log.dataset.after) || 0 : 0;
    if (!log) return;
    log.scrollTop = log.scrollHeight;
    var reply = document.getElementById("reply");
    if (!reply) return;
    var textarea = document.getElementById("text");
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey &&
          !event.isComposing) {
        event.preventDefault();
        if (textarea.value.trim()) reply.requestSubmit();
      }
    });
    cannedShortcut(textarea);
    reply.addEventListener("submit", function (event) {
      event.preventDefault();
      var status = document.getElementById("sent-status");
      fetch(reply.action, { method: "POST", body: new FormData(reply), credentials: "same-origin",
                            headers: { "X-CSRF-Token": csrf, "Accept": "application/json" } })
        .then(function (r) { return r.json().catch(function () { return { state: String(r.status) }; }); })
        .then(function (result) {
          status.textContent = (result.state || "") + (result.note ? ": " + result.note : "");
          if (result.status === "sent" || result.status === "pending") reply.reset();
        })
        .catch(function () { status.textContent = reply.dataset.unreachable; });
    });
  }

  // Another of my conversations, without a reload: the page's middle and right columns from the
  // server's own page for it. Anything unexpected falls back to opening the link.
  function switchTo(link) {
    var href = link.getAttribute("href");
    fetch(href, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        ["middle", "tools"].forEach(function (id) {
          document.getElementById(id).replaceWith(document.adoptNode(page.getElementById(id)));
        });
        var back = document.querySelector(".availability input[name=back]");
        if (back) back.value = href;
        document.querySelector(".shift").classList.remove("idle");
        history.pushState({}, "", href);
        title = page.title;
        document.title = title;
        openConversation();
        Array.prototype.forEach.call(mine.querySelectorAll("a"), function (a) {
          if (a.dataset.request === current) a.setAttribute("aria-current", "page");
          else a.removeAttribute("aria-current");
        });
        connect();
        document.querySelector("#middle h1").focus();
      })
      .catch(function () { location.href = href; });
  }

  if (mine) {
    mine.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-request]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      switchTo(link);
    });
    window.addEventListener("popstate", function () { location.reload(); });
  }

  // ---- the socket -----------------------------------------------------------------------------------
  var socket = null;
  function connect() {
    if (socket) socket.close();
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var path = "/live" + (current ? "?request=" + current + "&after=" + after : "");
    var mySocket = socket = new WebSocket(scheme + location.host + path);
    mySocket.onmessage = function (event) {
      if (mySocket !== socket) return;
      var update = JSON.parse(event.data);
      if (update.queue && queue) showQueue(update.queue);
      if (update.mine && mine) showMine(update.mine);
      if (update.lines && log) update.lines.forEach(showLine);
      if (update.state && log) showState(update.state);
    };
    mySocket.onclose = function (event) {
      if (mySocket !== socket) return;  // replaced: another conversation was opened
      if (event.code !== 4401 && event.code !== 4403) setTimeout(connect, 2000);
    };
  }

  openConversation();
  if (queue || log) connect();
})();
