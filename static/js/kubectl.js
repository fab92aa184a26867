// Terminal panels: copy buttons (keyboard and screen reader friendly), and the kubectl panel stays open across steps.
(function () {
  "use strict";
  var KEY = "kubectl-panel-open";

  function announce(button, ok) {
    var box = button.closest("details");
    var status = box && box.querySelector("[data-copy-status]");
    if (!status) { return; }
    status.textContent = "";
    // A fresh text node after clearing makes screen readers read it again on a second copy.
    setTimeout(function () { status.textContent = ok ? status.dataset.copied : status.dataset.failed; }, 50);
    if (ok) {
      button.classList.add("term-copied");
      setTimeout(function () { button.classList.remove("term-copied"); }, 1500);
    }
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(button) {
    var text = button.dataset.copy;
    if (text === undefined) {
      var source = document.getElementById(button.dataset.copyFrom);
      text = source ? source.textContent : "";
    }
    var focused = document.activeElement;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { announce(button, true); },
        function () { announce(button, fallback(text)); });
    } else {
      announce(button, fallback(text));
    }
    if (focused && focused !== document.activeElement) { focused.focus(); }
  }

  function enhance() {
    document.querySelectorAll(".term-copy[hidden]").forEach(function (b) { b.hidden = false; });
    var panel = document.getElementById("kubectl-panel");
    var remembered = null;
    try { remembered = sessionStorage.getItem(KEY); } catch (e) { remembered = null; }
    if (panel && remembered === "1") { panel.open = true; }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".term-copy");
    if (button) { copy(button); }
  });
  // Arrow keys scroll a focused terminal; they must not also step the player.
  document.addEventListener("keydown", function (event) {
    if (event.target.classList && event.target.classList.contains("term-out") && /^Arrow/.test(event.key)) {
      event.stopPropagation();
    }
  }, true);
  document.addEventListener("toggle", function (event) {
    if (event.target.id === "kubectl-panel") {
      try { sessionStorage.setItem(KEY, event.target.open ? "1" : "0"); } catch (e) { /* storage may be off */ }
    }
  }, true);
  document.addEventListener("htmx:afterSwap", enhance);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", enhance); } else { enhance(); }
}());
