// The colour theme switch: apply the choice at once, without a reload, and keep it in the cookie that
// preferences.js applies to every page before it is drawn. Without this file the switch is a GET form (?theme=).
(function () {
  "use strict";
  if (window.themeSwitchReady) return;  // htmx runs the script again after a boosted visit; the listeners stay
  window.themeSwitchReady = true;

  var COOKIE = "theme";
  var MAX_AGE_S = 365 * 24 * 3600;

  function current() {
    return document.documentElement.getAttribute("data-theme") || "auto";
  }

  // Every copy of the switch (one per page, replaced by htmx swaps) shows the theme in force.
  function mark() {
    var theme = current();
    document.querySelectorAll('.theme-switch button[name="theme"]').forEach(function (button) {
      button.setAttribute("aria-pressed", button.value === theme ? "true" : "false");
    });
    var meta = document.querySelector('meta[name="color-scheme"]');
    if (meta) meta.setAttribute("content", theme === "auto" ? "light dark" : theme);
  }

  function apply(theme) {
    var root = document.documentElement;
    if (theme === "auto") {
      root.removeAttribute("data-theme");
    } else {
      root.setAttribute("data-theme", theme);
    }
    document.cookie = COOKIE + "=" + theme + "; path=/; max-age=" + MAX_AGE_S + "; samesite=lax";
    mark();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest('.theme-switch button[name="theme"]');
    if (!button) return;
    event.preventDefault();  // no form submission: the page stays where it is, focus stays on the button
    apply(button.value);
  });

  ["htmx:afterSettle", "htmx:historyRestore", "pageshow"].forEach(function (name) {
    (name === "pageshow" ? window : document).addEventListener(name, mark);
  });
  mark();
})();
