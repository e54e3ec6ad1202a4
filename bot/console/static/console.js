/* The console's live parts: the queue and a conversation's transcript update over a websocket
 * (bot/console/live.py), and a reply is sent without reloading the page. Everything is written
 * with textContent: what people write is shown as text, never as markup. */
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf"]') || {}).content || "";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function listen(path, onUpdate) {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + path());
    socket.onmessage = function (event) { onUpdate(JSON.parse(event.data)); };
    socket.onclose = function (event) {
      if (event.code !== 4401 && event.code !== 4403) setTimeout(function () { listen(path, onUpdate); }, 2000);
    };
  }

  // ---- the queue --------------------------------------------------------------------------
  // Rows come with the advocate's words already (bot/console/labels.py); the page's own words are
  // in the table's data attributes. A request that was not there before sounds a tone and, when
  // the advocate turned alerts on, shows a notification with its priority and channel only:
  // never what the person wrote. The page title counts who is waiting.
  var table = document.getElementById("queue");
  if (table) {
    var queue = table.querySelector("tbody");
    var title = document.title;
    var known = {};  // the requests already on the page: only later ones alert
    Array.prototype.forEach.call(queue.querySelectorAll("form[action^='/claim/']"), function (form) {
      known[form.getAttribute("action").split("/").pop()] = true;
    });
    var fill = function (template, values) {
      return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
    };
    var alertsButton = document.getElementById("alerts");
    var audio = null;
    var tone = function (urgent) {
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
    };
    var notify = function (row) {
      tone(row.priority === "danger");
      if (!("Notification" in window) || Notification.permission !== "granted") return;
      new Notification(fill(table.dataset.alert, { priority: row.priority_label, channel: row.channel }),
                       { tag: "queue-" + row.id });
    };
    if (alertsButton && "Notification" in window && Notification.permission === "default") {
      alertsButton.hidden = false;
      alertsButton.addEventListener("click", function () {
        tone(false);  // a click lets the page play sound from now on
        Notification.requestPermission().then(function () { alertsButton.hidden = true; });
      });
    }
    var row = function (data) {
      var tr = el("tr", { "class": "p-" + data.priority });
      var priority = el("td", { "class": "priority" });
      priority.appendChild(el("span", { "class": "icon", "aria-hidden": "true" }, data.icon));
      priority.appendChild(document.createTextNode(" " + data.priority_label));
      tr.appendChild(priority);
      tr.appendChild(el("td", { "class": "wait" }, fill(table.dataset.minutes, { minutes: data.wait })));
      [data.channel, data.language, data.need, data.safe, data.state].forEach(function (cell) {
        tr.appendChild(el("td", {}, String(cell)));
      });
      var form = el("form", { method: "post", action: "/claim/" + data.id });
      form.appendChild(el("input", { type: "hidden", name: "csrf", value: csrf }));
      form.appendChild(el("button", {}, table.dataset.claim));
      var td = el("td");
      td.appendChild(form);
      tr.appendChild(td);
      return tr;
    };
    var count = function (waiting) { document.title = waiting ? "(" + waiting + ") " + title : title; };
    count(queue.rows.length);
    listen(function () { return "/live"; }, function (update) {
      if (!update.queue) return;
      queue.textContent = "";
      update.queue.forEach(function (data) {
        queue.appendChild(row(data));
        if (!known[data.id]) notify(data);
      });
      known = {};
      update.queue.forEach(function (data) { known[data.id] = true; });
      document.getElementById("queue-empty").hidden = update.queue.length > 0;
      count(update.queue.length);
    });
  }

  // ---- a conversation ---------------------------------------------------------------------
  var log = document.getElementById("transcript");
  if (log) {
    var after = Number(log.dataset.after) || 0;
    var ENDED = { cancelled: "The person went back to the assistant.", closing: "This conversation is closed.",
                  closed: "This conversation is closed." };
    var show = function (line) {
      var item = el("li", { "data-id": String(line.id), "class": line.sender });
      item.appendChild(el("span", { "class": "who" }, line.who));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("small", {}, line.at));
      item.appendChild(el("br"));
      item.appendChild(document.createTextNode(line.text));
      if (line.note) item.appendChild(el("span", { "class": "status" }, line.note));
      var old = log.querySelector('li[data-id="' + line.id + '"]');
      if (old) log.replaceChild(item, old); else log.appendChild(item);
      log.scrollTop = log.scrollHeight;
      after = Math.max(after, line.id);
    };
    listen(function () { return "/live?request=" + log.dataset.request + "&after=" + after; }, function (update) {
      if (update.line) show(update.line);
      if (update.state && ENDED[update.state]) {
        var ended = document.getElementById("ended");
        ended.textContent = ENDED[update.state];
        ended.hidden = false;
      }
    });
    var reply = document.getElementById("reply");
    if (reply) {
      reply.addEventListener("submit", function (event) {
        event.preventDefault();
        var status = document.getElementById("sent-status");
        fetch(reply.action, { method: "POST", body: new FormData(reply), credentials: "same-origin",
                              headers: { "X-CSRF-Token": csrf, "Accept": "application/json" } })
          .then(function (r) { return r.json().catch(function () { return { note: "Not sent (" + r.status + ")." }; }); })
          .then(function (result) {
            status.textContent = result.note || "";
            if (result.status === "sent") reply.reset();
          })
          .catch(function () { status.textContent = "The console cannot be reached; your message was not sent."; });
      });
    }
  }
})();
