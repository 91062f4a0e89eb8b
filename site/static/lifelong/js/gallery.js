/* Gallery lightbox. Everything here is optional: without this script (or
   without <dialog> support) each thumbnail is a plain link to the photo's
   own page, with previous/next links there. With it, the links open the
   <dialog> the template renders; all its words come from the template
   (data- attributes and the dialog's markup), so they are translated with
   the page. Loaded with `defer`. */
(function () {
  "use strict";

  var LARGE_SIZES = "(max-width: 62rem) calc(100vw - 2rem), 60rem";

  function setText(element, value) {
    if (!element) { return; }
    element.textContent = value || "";
    element.hidden = !value;
  }

  /* A plain left click or Enter; other clicks (new tab, new window) keep
     their usual meaning. */
  function isPlainClick(event) {
    return !event.defaultPrevented && event.button === 0 &&
      !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
  }

  function setupLightbox(grid, dialog) {
    var links = grid.querySelectorAll("a[data-lightbox-item]");
    if (!links.length) { return; }

    var image = dialog.querySelector("[data-lightbox-image]");
    var caption = dialog.querySelector("[data-lightbox-caption]");
    var credit = dialog.querySelector("[data-lightbox-credit]");
    var position = dialog.querySelector("[data-lightbox-position]");
    var previousButton = dialog.querySelector("[data-lightbox-previous]");
    var nextButton = dialog.querySelector("[data-lightbox-next]");
    var closeButton = dialog.querySelector("[data-lightbox-close]");
    var permalink = dialog.querySelector("[data-lightbox-permalink]");
    var download = dialog.querySelector("[data-lightbox-download]");
    if (!image || !position || !previousButton || !nextButton || !closeButton) { return; }

    var positionTemplate = dialog.getAttribute("data-position-template") || "{number} / {total}";
    var firstText = dialog.getAttribute("data-first-text") || "";
    var lastText = dialog.getAttribute("data-last-text") || "";
    var separator = dialog.getAttribute("data-separator") || " ";
    var current = 0;
    var opener = null;
    var flip = false;

    function positionText(index) {
      return positionTemplate
        .replace("{number}", String(index + 1))
        .replace("{total}", String(links.length));
    }

    /* The live region reads the position, then (visually hidden) what the
       photo shows. A trailing no-break space alternates so a repeated
       message (Next on the last photo, twice) is announced again. */
    function announce(message, alt) {
      var hidden;
      flip = !flip;
      position.textContent = message + (flip ? "" : "\u00a0");
      if (alt) {
        hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = separator + alt;
        position.appendChild(hidden);
      }
    }

    function altOf(index) {
      var thumbnail = links[index].querySelector("img");
      return thumbnail ? thumbnail.getAttribute("alt") || "" : "";
    }

    function setDisabled(button, disabled) {
      button.setAttribute("aria-disabled", disabled ? "true" : "false");
    }

    function show(index) {
      var link = links[index];
      current = index;
      image.removeAttribute("srcset");
      image.setAttribute("width", link.getAttribute("data-width") || "800");
      image.setAttribute("height", link.getAttribute("data-height") || "600");
      image.setAttribute("sizes", LARGE_SIZES);
      if (link.getAttribute("data-srcset")) { image.setAttribute("srcset", link.getAttribute("data-srcset")); }
      image.setAttribute("src", link.getAttribute("data-src") || link.href);
      image.setAttribute("alt", altOf(index));
      setText(caption, link.getAttribute("data-caption"));
      setText(credit, link.getAttribute("data-credit"));
      if (permalink) { permalink.href = link.href; }
      if (download) {
        download.href = link.getAttribute("data-download") || "";
        download.hidden = !link.getAttribute("data-download");
      }
      setDisabled(previousButton, index === 0);
      setDisabled(nextButton, index === links.length - 1);
      announce(positionText(index), altOf(index));
    }

    /* Previous/next stop at the ends, like the links on the photo pages:
       the button is marked aria-disabled (it keeps focus) and the reader
       hears that this is the first or the last photo. */
    function go(index) {
      if (index < 0) {
        announce(firstText ? firstText + " " + positionText(current) : positionText(current));
        return;
      }
      if (index > links.length - 1) {
        announce(lastText ? lastText + " " + positionText(current) : positionText(current));
        return;
      }
      if (index !== current) { show(index); }
    }

    function open(index, link) {
      opener = link;
      show(index);
      document.documentElement.classList.add("has-lightbox");
      dialog.showModal();
      closeButton.focus();
    }

    for (var i = 0; i < links.length; i++) {
      (function (index) {
        links[index].addEventListener("click", function (event) {
          if (!isPlainClick(event)) { return; }
          event.preventDefault();
          open(index, links[index]);
        });
      })(i);
    }

    previousButton.addEventListener("click", function () { go(current - 1); });
    nextButton.addEventListener("click", function () { go(current + 1); });
    closeButton.addEventListener("click", function () { dialog.close(); });

    dialog.addEventListener("keydown", function (event) {
      var handled = true;
      switch (event.key) {
        case "ArrowLeft": case "Left": go(current - 1); break;
        case "ArrowRight": case "Right": go(current + 1); break;
        case "Home": go(0); break;
        case "End": go(links.length - 1); break;
        default: handled = false;
      }
      if (handled) { event.preventDefault(); }
    });

    /* A click on the backdrop (the dialog box itself, outside its frame) closes. */
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }
    });

    /* Escape closes the native dialog; every way of closing ends here. */
    dialog.addEventListener("close", function () {
      document.documentElement.classList.remove("has-lightbox");
      if (opener) { opener.focus(); }
      opener = null;
    });

    dialog.hidden = false;
  }

  function init() {
    var grid = document.querySelector("[data-gallery]");
    var dialog = document.querySelector("dialog[data-lightbox]");
    if (!grid || !dialog || typeof dialog.showModal !== "function") { return; }
    setupLightbox(grid, dialog);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
