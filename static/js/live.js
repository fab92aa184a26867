// Say what changed after htmx swaps part of a page, through one polite live region that is always in the page:
// a live region that arrives with the swap itself is not reliably announced. The swapped content marks its summary
// with data-announce (its text, or the attribute's own value); after a boosted visit (the whole body swapped) the new page's title is announced instead.
// Fields whose errors arrive out of band get aria-invalid to match.
(function () {
  "use strict";
  if (window.liveRegionReady) return;  // htmx runs the script again after a boosted visit; the listener stays
  window.liveRegionReady = true;

  var pending = [];
  var timer = null;

  function say() {
    var region = document.getElementById("live-status");
    var text = pending.join(" · ");
    pending = [];
    timer = null;
    if (!region || !text) return;
    region.textContent = "";
    // A short pause between clearing and filling makes screen readers speak the same text again.
    setTimeout(function () { region.textContent = text; }, 60);
  }

  function queue(text) {
    text = (text || "").replace(/\s+/g, " ").trim();
    if (text && pending.indexOf(text) === -1) pending.push(text);
    if (!timer) timer = setTimeout(say, 0);
  }

  // A field's error (.field-error, named by the field's aria-describedby) can arrive out of band while the field
  // itself stays, so typing is not interrupted: mark the field invalid, or valid again, to match its error.
  function syncInvalid() {
    document.querySelectorAll("input[aria-describedby], select[aria-describedby], textarea[aria-describedby]")
      .forEach(function (field) {
        var errors = field.getAttribute("aria-describedby").split(/\s+/).map(function (id) {
          return document.getElementById(id);
        }).filter(function (el) { return el && el.classList.contains("field-error"); });
        if (!errors.length) return;
        var invalid = errors.some(function (el) { return el.textContent.trim() !== ""; });
        if (invalid) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
        var wrapper = field.closest(".field");
        if (wrapper) wrapper.classList.toggle("has-error", invalid);
      });
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    syncInvalid();
    var swapped = event.target;
    if (!swapped || !swapped.querySelectorAll) return;
    if (swapped === document.body) {
      queue(document.title);
      return;
    }
    var marked = Array.prototype.slice.call(swapped.querySelectorAll("[data-announce]"));
    if (swapped.hasAttribute("data-announce")) marked.unshift(swapped);
    marked.forEach(function (el) { queue(el.getAttribute("data-announce") || el.textContent); });
  });
})();
