// Admin pages: warn before leaving a form with unsaved changes (no inline scripts: the CSP forbids them).
(function () {
  "use strict";
  var dirty = null;

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-warn-unsaved]");
    if (form) { dirty = form; }
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-warn-unsaved]");
    if (form) { dirty = form; }
  });
  // Submitting the form (saving, or adding and moving rows) keeps what was typed: no warning.
  document.addEventListener("submit", function () { dirty = null; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = dirty.getAttribute("data-warn-unsaved") || "";
      return event.returnValue;
    }
  });
})();
