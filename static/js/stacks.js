// The stack explorer's view switch as WAI-ARIA tabs (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/):
// Left/Right/Home/End move focus between the tabs, Enter or Space opens one (manual activation).
// Without this file the tabs are plain links and every view still works.
(function () {
  "use strict";
  if (window.stackTabsReady) { rove(); return; }  // htmx runs the script again after a boosted visit
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

  rove();
  document.addEventListener("htmx:afterSettle", rove);
  document.addEventListener("htmx:historyRestore", rove);
})();
