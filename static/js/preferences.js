// The reader's preferences, kept in cookies the server never reads for a page, so every page stays the same for
// every reader of its URL (and any cache may keep it): the colour theme is applied here before the page is
// drawn, and the language switch remembers its choice for addresses that name no language.
(function () {
  "use strict";
  var MAX_AGE_S = 365 * 24 * 3600;
  var root = document.documentElement;

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? match[1] : null;
  }

  // A theme in the URL (?theme=, the switch's form without JavaScript) wins; else the kept choice.
  if (!root.hasAttribute("data-theme")) {
    var theme = cookie("theme");
    if (theme === "light" || theme === "dark") {
      root.setAttribute("data-theme", theme);
      var meta = document.querySelector('meta[name="color-scheme"]');
      if (meta) meta.setAttribute("content", theme);
    }
  }

  if (window.languageSwitchReady) return;
  window.languageSwitchReady = true;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".lang-switch a[data-language]");
    if (!link) return;
    document.cookie = "lang=" + link.getAttribute("data-language") + "; path=/; max-age=" + MAX_AGE_S + "; samesite=lax";
  });
})();
