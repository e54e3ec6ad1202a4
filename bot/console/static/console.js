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
  var queue = document.querySelector("#queue tbody");
  if (queue) {
    listen(function () { return "/live"; }, function (update) {
      if (!update.queue) return;
      queue.textContent = "";
      update.queue.forEach(function (row) {
        var tr = el("tr");
        [row.priority, row.wait + " min", row.channel, row.language, row.summary].forEach(function (cell) {
          tr.appendChild(el("td", {}, String(cell)));
        });
        var form = el("form", { method: "post", action: "/claim/" + row.id });
        form.appendChild(el("input", { type: "hidden", name: "csrf", value: csrf }));
        form.appendChild(el("button", {}, "Claim"));
        var td = el("td");
        td.appendChild(form);
        tr.appendChild(td);
        queue.appendChild(tr);
      });
      document.getElementById("queue-empty").hidden = update.queue.length > 0;
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
