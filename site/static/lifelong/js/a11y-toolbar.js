/* 适老化/无障碍 toolbar: text size, high contrast, wider line spacing, large
   cursor, read aloud, reset. Everything here is optional: without this script
   the toolbar stays `hidden` and the page reads as normal.

   Each setting is a data attribute on <html> (data-text-size="1|2",
   data-contrast="high", data-spacing="wide", data-cursor="large"); the CSS
   does the rest. Settings are kept in localStorage under "lifelong:<name>";
   the inline script in base.html's <head> applies them before first paint,
   this one wires up the buttons. Any button with data-a11y-<name>="<value>"
   drives a setting, wherever it is: the article toolbar's 大/中/小 buttons
   are the same text size setting. All words come from the template.
   Loaded with `defer`. */
(function () {
  "use strict";

  var PREFIX = "lifelong:";
  /* Allowed values; the first ("" or "0") is the default and is not stored.
     Settings with two values are toggles, the others a choice of values. */
  var SETTINGS = {
    "text-size": ["0", "1", "2"],
    "contrast": ["", "high"],
    "spacing": ["", "wide"],
    "cursor": ["", "large"]
  };
  var root = document.documentElement;

  /* localStorage throws in some private modes and when storage is disabled. */
  function readSetting(name) {
    try { return window.localStorage.getItem(PREFIX + name); } catch (error) { return null; }
  }

  function writeSetting(name, value) {
    try {
      if (value === SETTINGS[name][0]) {
        window.localStorage.removeItem(PREFIX + name);
      } else {
        window.localStorage.setItem(PREFIX + name, value);
      }
    } catch (error) { /* not kept; fine */ }
  }

  function valueOf(name) {
    var value = root.getAttribute("data-" + name);
    return SETTINGS[name].indexOf(value) > 0 ? value : SETTINGS[name][0];
  }

  function buttonsFor(name) {
    return document.querySelectorAll("button[data-a11y-" + name + "]");
  }

  function sync(name) {
    var value = valueOf(name);
    var buttons = buttonsFor(name);
    for (var i = 0; i < buttons.length; i++) {
      var pressed = buttons[i].getAttribute("data-a11y-" + name) === value;
      buttons[i].setAttribute("aria-pressed", pressed ? "true" : "false");
    }
  }

  function apply(name, value) {
    if (SETTINGS[name].indexOf(value) < 1) {
      root.removeAttribute("data-" + name);
    } else {
      root.setAttribute("data-" + name, value);
    }
    sync(name);
  }

  function choose(name, value) {
    apply(name, value);
    writeSetting(name, valueOf(name));
  }

  function setupSettings() {
    var name;
    for (name in SETTINGS) {
      if (SETTINGS.hasOwnProperty(name)) {
        wire(name);
        sync(name);
      }
    }
    /* Settings changed (or storage cleared: key null) in another tab. */
    window.addEventListener("storage", function (event) {
      if (event.key !== null && event.key.indexOf(PREFIX) !== 0) { return; }
      for (var changed in SETTINGS) {
        if (SETTINGS.hasOwnProperty(changed)) { apply(changed, readSetting(changed) || SETTINGS[changed][0]); }
      }
    });
  }

  function wire(name) {
    var buttons = buttonsFor(name);
    var toggle = SETTINGS[name].length === 2;
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (event) {
        var value = event.currentTarget.getAttribute("data-a11y-" + name);
        choose(name, toggle && valueOf(name) === value ? SETTINGS[name][0] : value);
      });
    }
  }

  /* The article toolbar once kept its own 大/中/小 size (key "lifelong:font-size",
     article text only). Its "large" (about 122%) is nearest to step 1 (118.75%). */
  function migrateOldFontSize() {
    var old = readSetting("font-size");
    if (old === null) { return; }
    if (old === "large" && readSetting("text-size") === null) { choose("text-size", "1"); }
    try { window.localStorage.removeItem(PREFIX + "font-size"); } catch (error) { /* fine */ }
  }

  /* Read aloud: the article (#article), else <main>, block by block, each in
     its own language, in short pieces (some browsers stop long utterances). */
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,summary";
  /* Left out: tools, navigation, and the notice's disclosure record (a table
     of metadata above the title), so reading starts with the title. */
  var SKIP = ".article-toolbar,.a11y-toolbar,.breadcrumbs,.disclosure,nav,script,style,button,[aria-hidden='true']";
  /* Characters per utterance: about 15 seconds of speech. */
  var PIECE = { zh: 60, other: 180 };

  function speechLang(element) {
    var holder = element.closest ? element.closest("[lang]") : null;
    var lang = (holder && holder.getAttribute("lang")) || root.lang || "";
    /* Speech voices are tagged zh-CN rather than zh-Hans. */
    return /^zh(-Hans)?$/i.test(lang) ? "zh-CN" : lang;
  }

  function pieces(text, lang) {
    var limit = lang.indexOf("zh") === 0 ? PIECE.zh : PIECE.other;
    var parts = text.match(/[^。！？；，、：!?;,:.]+[。！？；，、：!?;,:.]*\s*/g) || [text];
    var out = [];
    var current = "";
    for (var i = 0; i < parts.length; i++) {
      if (current && (current + parts[i]).length > limit) {
        out.push(current);
        current = "";
      }
      current += parts[i];
    }
    if (current.replace(/\s+/g, "")) { out.push(current); }
    return out;
  }

  function readableBlocks(container) {
    var found = container.querySelectorAll(BLOCKS);
    var blocks = [];
    for (var i = 0; i < found.length; i++) {
      var element = found[i];
      var outer = element.parentElement && element.parentElement.closest(BLOCKS);
      var skipped = element.closest(SKIP);
      if ((outer && container.contains(outer)) || (skipped && container.contains(skipped))) { continue; }
      if (!element.getClientRects().length) { continue; }  /* not rendered */
      blocks.push(element);
    }
    return blocks.length ? blocks : [container];
  }

  function setupSpeech() {
    var button = document.querySelector("button[data-a11y-speak]");
    if (!button || !("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function" ||
        !root.closest) { return; }
    var synth = window.speechSynthesis;
    var speakLabel = button.getAttribute("data-label-speak") || button.textContent;
    var stopLabel = button.getAttribute("data-label-stop") || speakLabel;
    var speaking = false;
    var run = 0;  /* events of a cancelled reading are ignored */

    function show(on) {
      speaking = on;
      button.textContent = on ? stopLabel : speakLabel;
    }

    function stop() {
      run += 1;
      show(false);
      synth.cancel();
    }

    function onEnd(id) {
      return function () { if (id === run) { show(false); } };
    }

    function onError(id) {
      return function () { if (id === run) { stop(); } };
    }

    function start() {
      var container = document.getElementById("article") || document.querySelector("main");
      if (!container) { return; }
      var blocks = readableBlocks(container);
      var queue = [];
      for (var i = 0; i < blocks.length; i++) {
        var lang = speechLang(blocks[i]);
        var texts = pieces((blocks[i].innerText || blocks[i].textContent || "").replace(/\s+/g, " "), lang);
        for (var j = 0; j < texts.length; j++) { queue.push({ text: texts[j], lang: lang }); }
      }
      if (!queue.length) { return; }
      stop();
      show(true);
      for (var k = 0; k < queue.length; k++) {
        var utterance = new window.SpeechSynthesisUtterance(queue[k].text);
        utterance.lang = queue[k].lang;
        if (k === queue.length - 1) { utterance.onend = onEnd(run); }
        utterance.onerror = onError(run);
        synth.speak(utterance);
      }
    }

    button.addEventListener("click", function () {
      if (speaking) { stop(); } else { start(); }
    });
    window.addEventListener("pagehide", function () { if (speaking) { stop(); } });
    show(false);
    button.hidden = false;
    return stop;
  }

  function setupReset(stopSpeech) {
    var button = document.querySelector("button[data-a11y-reset]");
    var status = document.querySelector("[data-a11y-status]");
    if (!button) { return; }
    button.addEventListener("click", function () {
      for (var name in SETTINGS) {
        if (SETTINGS.hasOwnProperty(name)) { choose(name, SETTINGS[name][0]); }
      }
      if (stopSpeech) { stopSpeech(); }
      if (status) {
        status.textContent = "";
        window.setTimeout(function () { status.textContent = button.getAttribute("data-done-text") || ""; }, 50);
      }
    });
  }

  /* On narrow screens the controls fold behind one button (CSS shows it
     below 40rem only), so the page itself stays at the top of the screen. */
  function setupFolding(toolbar) {
    var toggle = toolbar && toolbar.querySelector("button[data-a11y-toggle]");
    if (!toggle) { return; }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toolbar.classList.toggle("is-open", open);
    });
  }

  function init() {
    migrateOldFontSize();
    setupSettings();
    setupReset(setupSpeech());
    var toolbar = document.querySelector("[data-a11y-toolbar]");
    setupFolding(toolbar);
    /* Reveal only now, so no button shows that cannot work. */
    var groups = document.querySelectorAll("[data-a11y-toolbar], [data-a11y-controls]");
    for (var i = 0; i < groups.length; i++) { groups[i].hidden = false; }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
