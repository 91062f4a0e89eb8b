/* Autocomplete for the search boxes: as the reader types, fill the box's
   <datalist> with matching page titles and popular searches from
   /api/search/suggest/. The browser draws and announces the list, so it
   works by keyboard and with screen readers; without JavaScript the box is
   a plain search field. */
(function () {
  "use strict";
  var lang = (document.documentElement.lang || "").toLowerCase().indexOf("en") === 0 ? "en" : "zh-hans";
  var boxes = document.querySelectorAll("input[data-suggest]");
  Array.prototype.forEach.call(boxes, function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var lastAsked = "";
    if (!list || !window.fetch) { return; }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var text = input.value.trim();
        if (text.length < 1 || text === lastAsked) { return; }
        lastAsked = text;
        fetch(input.getAttribute("data-suggest") + "?lang=" + lang + "&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (data) {
            if (!data || input.value.trim() !== text) { return; }
            var seen = {};
            list.textContent = "";
            data.queries.concat(data.pages.map(function (page) { return page.title; })).forEach(function (value) {
              if (seen[value]) { return; }
              seen[value] = true;
              var option = document.createElement("option");
              option.value = value;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience; the search itself still works */ });
      }, 200);
    });
  });
})();
