/* Article page enhancements. Everything here is optional: without this
   script the page shows the page link to copy by hand, the QR code and the
   view count rendered with the page. Loaded with `defer`. */
(function () {
  "use strict";

  var FONT_SIZE_KEY = "lifelong:font-size";
  var FONT_SIZES = ["large", "medium", "small"];

  function reveal(element) {
    element.hidden = false;
  }

  /* localStorage throws in some private modes and when storage is disabled. */
  function readSetting(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }

  function writeSetting(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* not kept; fine */ }
  }

  /* Font size: 大 / 中 / 小 set data-font-size on the article; CSS does the rest. */
  function setupFontSize(article) {
    var group = document.querySelector("[data-font-size-controls]");
    if (!group || !article) { return; }
    var buttons = group.querySelectorAll("button[data-font-size]");

    function apply(size) {
      if (FONT_SIZES.indexOf(size) === -1) { size = "medium"; }
      article.setAttribute("data-font-size", size);
      for (var i = 0; i < buttons.length; i++) {
        var pressed = buttons[i].getAttribute("data-font-size") === size;
        buttons[i].setAttribute("aria-pressed", pressed ? "true" : "false");
      }
    }

    for (var i = 0; i < buttons.length; i++) {
      reveal(buttons[i]);
      buttons[i].addEventListener("click", function (event) {
        var size = event.currentTarget.getAttribute("data-font-size");
        apply(size);
        writeSetting(FONT_SIZE_KEY, size);
      });
    }
    apply(readSetting(FONT_SIZE_KEY) || "medium");
    reveal(group);
  }

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

  /* View counter: one POST per page view. The page itself is cached and never
     writes to the database; this beacon does, and shows the new total. */
  function setupViewCounter() {
    var counter = document.querySelector("[data-view-counter][data-count-url]");
    if (!counter) { return; }
    var url = counter.getAttribute("data-count-url");
    var number = counter.querySelector("[data-view-count]");

    function show(data) {
      if (number && data && typeof data.views === "number") {
        number.textContent = String(data.views);
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
    setupFontSize(document.getElementById("article"));
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
