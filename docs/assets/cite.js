/* The "Cite ¶N" control under each paragraph: the citations are in the page (a <details>
   element that opens with the keyboard and works without JavaScript); this script only adds a
   button to copy each of them, and says in a live region that it was copied. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    /* Fallback (e.g. an old browser): copy from a temporary, off-screen text area. */
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function setUp(details) {
    var formats = details.querySelectorAll(".ed-cite-format");
    var status = document.createElement("span");
    status.className = "ed-cite-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    Array.prototype.forEach.call(formats, function (format) {
      var label = format.querySelector(".ed-cite-label");
      var source = format.querySelector(".ed-cite-text");
      if (!label || !source || format.querySelector(".ed-cite-copy")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ed-cite-copy md-button";
      button.textContent = "Copy " + label.textContent;
      button.addEventListener("click", function () {
        var text = source.textContent.replace(/\s+$/, "");
        copyText(text).then(function () {
          status.textContent = label.textContent + " citation copied.";
        }, function () {
          status.textContent = "Could not copy: select the text and copy it.";
        });
      });
      format.appendChild(button);
    });
    var body = details.querySelector(".ed-cite-body");
    if (body) { body.appendChild(status); }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("details.ed-cite"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
