// Live refresh for the console, no build step: an element with an id and
// data-live="<seconds>" is read again from the same URL in the background and its content
// replaced when it changed. Without JavaScript the page is the same, only static.
(function () {
  "use strict";
  document.querySelectorAll("[data-live][id]").forEach(function (el) {
    var every = Math.max(2, parseInt(el.getAttribute("data-live"), 10) || 10) * 1000;
    function tick() {
      // A hidden tab is not refreshed; it catches up when shown.
      if (document.hidden) { setTimeout(tick, every); return; }
      fetch(location.href, { credentials: "same-origin", headers: { "X-Console-Live": "1" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (!html) return;
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(el.id);
          if (fresh && fresh.innerHTML !== el.innerHTML) el.innerHTML = fresh.innerHTML;
        })
        .catch(function () { /* offline for a moment: try again next time */ })
        .then(function () { setTimeout(tick, every); });
    }
    setTimeout(tick, every);
  });
})();
