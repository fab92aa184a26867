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

// Drafts: what is typed in an item's form is also kept in this browser (localStorage) until a save is confirmed,
// so that a session that ended, a 500 or a closed tab loses nothing. The next visit to the form puts the draft
// back, says so, and offers to discard it. Passwords and the form's own tokens are never kept.
(function () {
  "use strict";
  var PREFIX = "explorer-draft:";
  var PENDING = "explorer-draft-pending";
  var SKIPPED = /^(csrf_token|version|action|relogin_.*)$/;
  var storage;
  try { storage = window.localStorage; storage.getItem(PREFIX); } catch (error) { return; }

  function keyOf(form) { return PREFIX + form.getAttribute("action"); }

  function fieldsOf(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || SKIPPED.test(element.name) || element.type === "password" ||
          element.type === "submit" || element.type === "button" || element.type === "hidden") { return; }
      var key = element.name + (element.type === "checkbox" || element.type === "radio" ? "=" + element.value : "");
      values[key] = element.type === "checkbox" || element.type === "radio" ? element.checked : element.value;
    });
    return values;
  }

  function apply(form, values) {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || SKIPPED.test(element.name) || element.type === "password") { return; }
      var choice = element.type === "checkbox" || element.type === "radio";
      var key = element.name + (choice ? "=" + element.value : "");
      if (!Object.prototype.hasOwnProperty.call(values, key)) { return; }
      if (choice) { element.checked = values[key]; } else { element.value = values[key]; }
    });
  }

  function differs(a, b) {
    return Object.keys(a).some(function (key) { return Object.prototype.hasOwnProperty.call(b, key) && a[key] !== b[key]; });
  }

  function read(form) {
    try { return JSON.parse(storage.getItem(keyOf(form)) || "null"); } catch (error) { return null; }
  }

  function keep(form) {
    try {
      storage.setItem(keyOf(form), JSON.stringify({ at: new Date().toISOString(), fields: fieldsOf(form) }));
    } catch (error) { /* full or refused: the warning before leaving still protects the text */ }
  }

  function announce(form, draft, original) {
    var notice = document.createElement("div");
    notice.className = "draft-notice";
    notice.setAttribute("role", "status");
    var text = document.createElement("p");
    var when = new Date(draft.at);
    text.textContent = (form.getAttribute("data-draft-restored") || "") + " (" + when.toLocaleString() + ")";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.textContent = form.getAttribute("data-draft-discard") || "Discard";
    discard.addEventListener("click", function () {
      storage.removeItem(keyOf(form));
      apply(form, original);
      notice.remove();
    });
    notice.appendChild(text);
    notice.appendChild(discard);
    form.parentNode.insertBefore(notice, form);
  }

  var saved = /[?&]saved=1(&|$)/.test(window.location.search);
  if (saved) {  // the save went through: the draft it came from is stored now
    var pending = window.sessionStorage && window.sessionStorage.getItem(PENDING);
    if (pending) { storage.removeItem(pending); window.sessionStorage.removeItem(PENDING); }
  }
  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), function (form) {
    if (saved) { storage.removeItem(keyOf(form)); return; }
    var draft = read(form);
    var original = fieldsOf(form);
    if (draft && draft.fields && differs(draft.fields, original)) {
      apply(form, draft.fields);
      announce(form, draft, original);
    }
    var timer = null;
    var later = function () { clearTimeout(timer); timer = setTimeout(function () { keep(form); }, 250); };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function () {
      keep(form);  // kept until the page after the save says it is stored
      if (window.sessionStorage) { window.sessionStorage.setItem(PENDING, keyOf(form)); }
    });
  });
})();
