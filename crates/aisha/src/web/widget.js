// AiSHA web chat. Embed with one tag:
//   <script src="https://aisha.example.com/widget.js" data-key="pk_…" async></script>
// Vanilla JavaScript, no build step. The key is the company's publishable key: it can only open
// chats and send turns, and only from the company's allowed origins.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var key = script.getAttribute("data-key") || "";
  var title = script.getAttribute("data-title") || "Chat with us";
  // pk_<companyId>_<random>: the company is in the key, the server is where this file came from.
  var m = /^pk_(.+)_[0-9a-f]+$/.exec(key);
  if (!m) {
    console.error("AiSHA chat: data-key must be the company's publishable key (pk_…)");
    return;
  }
  var company = m[1];
  var base = new URL(script.src, document.baseURI).origin + "/v1/chat/" + encodeURIComponent(company);
  var stored = "aisha-chat:" + key;

  var css =
    "#aisha-chat{position:fixed;right:16px;bottom:16px;z-index:2147483000;font:16px/1.4 system-ui,sans-serif;color:#111}" +
    "#aisha-chat *{box-sizing:border-box}" +
    "#aisha-chat-open,#aisha-chat button{font:inherit;cursor:pointer;border:0;border-radius:8px;background:#0b57d0;color:#fff;padding:10px 16px;min-height:44px}" +
    "#aisha-chat button:focus-visible,#aisha-chat input:focus-visible{outline:3px solid #f9ab00;outline-offset:2px}" +
    "#aisha-chat-panel{display:flex;flex-direction:column;width:360px;max-width:calc(100vw - 32px);height:480px;max-height:calc(100vh - 32px);background:#fff;border:1px solid #888;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.25)}" +
    "#aisha-chat-panel[hidden]{display:none}" +
    "#aisha-chat header{display:flex;justify-content:space-between;align-items:center;padding:8px 12px;border-bottom:1px solid #ddd}" +
    "#aisha-chat h2{font-size:1rem;margin:0}" +
    "#aisha-chat-close{background:#444!important;padding:6px 12px!important}" +
    "#aisha-chat-log{flex:1;overflow-y:auto;padding:12px;margin:0;list-style:none}" +
    "#aisha-chat-log li{margin:0 0 8px;padding:8px 10px;border-radius:8px;max-width:85%;overflow-wrap:anywhere}" +
    "#aisha-chat-log .aisha-you{background:#e8f0fe;margin-left:auto}" +
    "#aisha-chat-log .aisha-them{background:#f1f3f4}" +
    "#aisha-chat-log .aisha-error{background:#fce8e6;color:#a50e0e}" +
    "#aisha-chat form{display:flex;gap:8px;padding:8px;border-top:1px solid #ddd;flex-wrap:wrap}" +
    "#aisha-chat label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}" +
    "#aisha-chat input{flex:1;min-width:0;font:inherit;padding:8px;border:1px solid #666;border-radius:8px;min-height:44px}" +
    "@media (max-width:480px){#aisha-chat{right:0;bottom:0;left:0}#aisha-chat-open{margin:0 0 8px auto;display:block}" +
    "#aisha-chat-panel{width:100vw;max-width:100vw;height:100vh;max-height:100vh;border-radius:0}}";

  var root = document.createElement("div");
  root.id = "aisha-chat";
  root.innerHTML =
    "<style>" + css + "</style>" +
    '<button type="button" id="aisha-chat-open" aria-expanded="false" aria-controls="aisha-chat-panel"></button>' +
    '<section id="aisha-chat-panel" role="dialog" aria-labelledby="aisha-chat-title" hidden>' +
    '<header><h2 id="aisha-chat-title"></h2><button type="button" id="aisha-chat-close">Close</button></header>' +
    '<ol id="aisha-chat-log" role="log" aria-live="polite" aria-label="Conversation"></ol>' +
    '<form id="aisha-chat-form"><label for="aisha-chat-input">Your message</label>' +
    '<input id="aisha-chat-input" name="text" autocomplete="off" maxlength="2000" required>' +
    '<button type="submit" id="aisha-chat-send">Send</button></form></section>';
  var open = root.querySelector("#aisha-chat-open");
  var panel = root.querySelector("#aisha-chat-panel");
  var log = root.querySelector("#aisha-chat-log");
  var form = root.querySelector("#aisha-chat-form");
  var input = root.querySelector("#aisha-chat-input");
  var send = root.querySelector("#aisha-chat-send");
  open.textContent = title;
  root.querySelector("#aisha-chat-title").textContent = title;

  function say(text, who) {
    var li = document.createElement("li");
    li.className = "aisha-" + who;
    li.textContent = text;
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  function call(path, body) {
    return fetch(base + path, {
      method: "POST",
      headers: { "Authorization": "Bearer " + key, "Content-Type": "application/json" },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (r.ok) return j;
        var wait = r.headers.get("Retry-After");
        throw new Error(r.status === 429 && wait
          ? "Too many messages; please wait " + wait + " seconds."
          : (j && j.error) || "The chat is unavailable right now.");
      });
    });
  }

  var conversation = null;
  try { conversation = sessionStorage.getItem(stored); } catch (e) { /* storage blocked */ }
  var opening = null;
  function ensureOpen() {
    if (conversation) return Promise.resolve(conversation);
    if (!opening) {
      opening = call("/conversations").then(function (j) {
        conversation = j.conversationId;
        try { sessionStorage.setItem(stored, conversation); } catch (e) { /* storage blocked */ }
        say(j.greeting, "them");
        return conversation;
      }, function (e) { opening = null; throw e; });
    }
    return opening;
  }

  function show(visible) {
    panel.hidden = !visible;
    open.hidden = visible;
    open.setAttribute("aria-expanded", String(visible));
    if (visible) {
      input.focus();
      ensureOpen().catch(function (e) { say(e.message, "error"); });
    } else {
      open.focus();
    }
  }
  open.addEventListener("click", function () { show(true); });
  root.querySelector("#aisha-chat-close").addEventListener("click", function () { show(false); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") show(false); });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    say(text, "you");
    send.disabled = true;
    ensureOpen().then(function (id) {
      return call("/conversations/" + encodeURIComponent(id) + "/turns", { text: text });
    }).then(function (j) {
      say(j.reply, "them");
    }).catch(function (err) {
      say(err.message, "error");
    }).then(function () {
      send.disabled = false;
      input.focus();
    });
  });

  function mount() { document.body.appendChild(root); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
