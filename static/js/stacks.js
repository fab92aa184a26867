// The stack explorer's view switch as WAI-ARIA tabs (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/):
// Left/Right/Home/End move focus between the tabs, Enter or Space opens one (manual activation).
// Without this file the tabs are plain links and every view still works.
(function () {
  "use strict";
  if (window.stackTabsReady) return;  // htmx runs the script again after a boosted visit; the listeners stay
  window.stackTabsReady = true;

  // Only the selected tab is in the Tab order; the arrow keys reach the others.
  function rove() {
    document.querySelectorAll('.stack-tabs [role="tab"]').forEach(function (tab) {
      tab.setAttribute("tabindex", tab.getAttribute("aria-selected") === "true" ? "0" : "-1");
    });
  }

  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest('.stack-tabs [role="tab"]');
    if (!tab || event.altKey || event.ctrlKey || event.metaKey) return;
    var tabs = Array.prototype.slice.call(tab.parentNode.querySelectorAll('[role="tab"]'));
    var index = tabs.indexOf(tab);
    var next = {
      ArrowRight: tabs[(index + 1) % tabs.length],
      ArrowLeft: tabs[(index - 1 + tabs.length) % tabs.length],
      Home: tabs[0],
      End: tabs[tabs.length - 1],
    }[event.key];
    if (event.key === " ") {
      event.preventDefault();
      tab.click();
    } else if (next) {
      event.preventDefault();
      next.focus();
    }
  });

  // htmx swaps only the explorer, so the page's other links to "this page" (language switch, JSON twin) follow here.
  function syncPageLinks() {
    var explorer = document.getElementById("stack-explorer");
    if (!explorer) return;
    var json = explorer.getAttribute("data-json-url");
    document.querySelectorAll('a.json-link, link[rel="alternate"][type="application/json"]').forEach(function (el) {
      el.setAttribute("href", json);
    });
    // Each page lives under its language (/ko/…, /en/…): the same address in another language swaps the first
    // segment; x-default names none; the canonical address is this one. An absolute address keeps its origin.
    var here = new URL(window.location.href);
    here.searchParams.delete("theme");
    var prefix = "/" + document.documentElement.lang;
    var rest = here.pathname.indexOf(prefix + "/") === 0 ? here.pathname.slice(prefix.length) : here.pathname;
    var selector = '.lang-switch a[hreflang], link[rel="alternate"][hreflang], link[rel="canonical"]';
    document.querySelectorAll(selector).forEach(function (el) {
      var code = el.getAttribute("hreflang");
      var path = code === "x-default" ? rest : (code ? "/" + code + rest : prefix + rest);
      var old = el.getAttribute("href") || "";
      var origin = /^https?:/.test(old) ? new URL(old).origin : "";
      el.setAttribute("href", origin + path + here.search);
    });
  }

  function refresh() {
    rove();
    syncPageLinks();
  }

  refresh();
  ["htmx:afterSettle", "htmx:pushedIntoHistory", "htmx:historyRestore"].forEach(function (name) {
    document.addEventListener(name, refresh);
  });
})();
