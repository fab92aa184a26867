// Scenario player: left/right arrow keys step through, and a play/pause button steps on a timer.
(function () {
  "use strict";
  var timer = null;
  var DELAY_MS = 2500;

  function control(key) {
    var link = document.querySelector('#player a[data-key="' + key + '"]');
    return link && link.getAttribute("aria-disabled") !== "true" ? link : null;
  }

  function step(key) {
    // An open prediction holds the player: neither autoplay nor the arrow key walks past the question.
    if (key === "next" && document.querySelector("#player #prediction form")) { return false; }
    var link = control(key);
    if (link) { link.click(); return true; }
    return false;
  }

  function button() { return document.querySelector("#player .autoplay"); }

  function render() {
    var b = button();
    if (!b) { return; }
    b.hidden = false;
    b.textContent = timer ? b.dataset.pause : b.dataset.play;
    b.setAttribute("aria-pressed", timer ? "true" : "false");
  }

  function stop() { if (timer) { clearInterval(timer); timer = null; } render(); }

  function toggle() {
    if (timer) { stop(); return; }
    timer = setInterval(function () { if (!step("next")) { stop(); } }, DELAY_MS);
    render();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || !document.getElementById("player")) { return; }
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) { return; }
    if (event.key === "ArrowRight" && step("next")) { event.preventDefault(); }
    if (event.key === "ArrowLeft" && step("prev")) { event.preventDefault(); }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#player .autoplay")) { toggle(); }
  });
  document.addEventListener("htmx:afterSettle", render);
  document.addEventListener("DOMContentLoaded", render);
  if (document.readyState !== "loading") { render(); }
})();
