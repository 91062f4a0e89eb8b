/* Article page enhancements. Everything here is optional: without this
   script the page shows the page link to copy by hand, the QR code and the
   view count rendered with the page. Loaded with `defer`. The 字号 buttons
   belong to the site-wide text size (a11y-toolbar.js). */
(function () {
  "use strict";

  function reveal(element) {
    element.hidden = false;
  }

  /* Font size (字号 大/中/小): the article toolbar's buttons carry
     data-a11y-text-size and are the site-wide text size setting, which
     a11y-toolbar.js wires up and reveals; nothing to do here. */

  function setupPrint() {
    var button = document.querySelector("[data-print]");
    if (!button || typeof window.print !== "function") { return; }
    button.addEventListener("click", function () { window.print(); });
    reveal(button);
  }

  /* Copy link: the clipboard API where allowed (HTTPS or localhost); otherwise
     select the visible link so the reader can copy it by hand. */
  function setupCopyLink() {
    var button = document.querySelector("[data-copy-link]");
    var input = document.getElementById("share-url");
    var status = document.querySelector("[data-copy-status]");
    if (!button || !input) { return; }

    function say(text) {
      if (status) { status.textContent = text; }
    }

    function fallback() {
      input.focus();
      input.select();
      say(button.getAttribute("data-copy-failed-text") || "");
    }

    button.addEventListener("click", function () {
      say("");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(function () {
          say(button.getAttribute("data-copied-text") || "");
        }, fallback);
      } else {
        fallback();
      }
    });
    reveal(button);
  }

  /* Numbers as the page renders them (site_tags.local_number): grouped by
     thousands on English pages (12,345), ungrouped on Chinese ones (12345). */
  function groupedNumber(value) {
    var lang = document.documentElement.getAttribute("lang") || "";
    if (lang.indexOf("en") === 0 && typeof value.toLocaleString === "function") {
      return value.toLocaleString("en");
    }
    return String(value);
  }

  /* View counter: one POST per page view. The page itself is cached and never
     writes to the database; this beacon does, and shows the new total. */
  function setupViewCounter() {
    var counter = document.querySelector("[data-view-counter][data-count-url]");
    if (!counter) { return; }
    var url = counter.getAttribute("data-count-url");
    var number = counter.querySelector("[data-view-count]");

    function show(data) {
      if (number && data && typeof data.views === "number") {
        number.textContent = groupedNumber(data.views);
      }
    }

    function send() {
      if (window.fetch) {
        window.fetch(url, {
          method: "POST",
          credentials: "omit",
          keepalive: true,
          headers: { "Accept": "application/json" }
        }).then(function (response) {
          return response.ok ? response.json() : null;
        }).then(show, function () { /* the rendered number stays */ });
      } else if (navigator.sendBeacon) {
        navigator.sendBeacon(url);
      }
    }

    /* A page prerendered by the browser is not a view until it is shown. */
    if (document.prerendering) {
      document.addEventListener("prerenderingchange", send, { once: true });
    } else {
      send();
    }
  }

  /* Printing: annexes folded in <details> are opened for the printout and
     folded again afterwards, so paper readers get the annex tables too. */
  function setupPrintAnnexes() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      var folded = document.querySelectorAll("details.annex__html:not([open])");
      for (var i = 0; i < folded.length; i++) {
        folded[i].open = true;
        opened.push(folded[i]);
      }
    });
    window.addEventListener("afterprint", function () {
      while (opened.length) { opened.pop().open = false; }
    });
  }

  function init() {
    setupPrint();
    setupPrintAnnexes();
    setupCopyLink();
    setupViewCounter();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
