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
    document.querySelectorAll('.lang-switch a[hreflang], link[rel="alternate"][hreflang]').forEach(function (el) {
      var url = new URL(window.location.href);
      url.searchParams.set("lang", el.getAttribute("hreflang"));
      el.setAttribute("href", url.pathname + url.search);
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
