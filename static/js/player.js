// Scenario player: left/right arrow keys step through; Play steps on a timer at a pace the reader picks
// (remembered on this device); on a phone the controllers' detail starts folded.
(function () {
  "use strict";
  if (window.playerReady) return;  // htmx runs the script again after a boosted visit; the listeners stay
  window.playerReady = true;
  var timer = null;
  var PACE_KEY = "player-pace";
  var NARROW = "(max-width: 40rem)";

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
  function paceSelect() { return document.querySelector("#player .pace"); }

  function pace() {
    var select = paceSelect();
    var value = parseInt(select ? select.value : "", 10);
    return value > 0 ? value : 12000;
  }

  function render() {
    var b = button();
    var select = paceSelect();
    if (!b) { return; }
    b.closest(".autoplay-group").hidden = false;
    b.textContent = timer ? b.dataset.pause : b.dataset.play;
    b.setAttribute("aria-pressed", timer ? "true" : "false");
    var saved = null;
    try { saved = window.localStorage.getItem(PACE_KEY); } catch (e) { saved = null; }
    if (select && saved && select.querySelector('option[value="' + saved + '"]')) { select.value = saved; }
    if (window.matchMedia && window.matchMedia(NARROW).matches) {
      document.querySelectorAll("#player details[data-fold-narrow]").forEach(function (d) { d.open = false; });
    }
  }

  function stop() { if (timer) { clearInterval(timer); timer = null; } render(); }

  function start() {
    timer = setInterval(function () { if (!step("next")) { stop(); } }, pace());
    render();
  }

  function toggle() { if (timer) { stop(); } else { start(); } }

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
  document.addEventListener("change", function (event) {
    if (!event.target.matches || !event.target.matches("#player .pace")) { return; }
    try { window.localStorage.setItem(PACE_KEY, event.target.value); } catch (e) { /* private mode: not kept */ }
    if (timer) { clearInterval(timer); start(); }
  });
  document.addEventListener("htmx:afterSettle", render);
  document.addEventListener("DOMContentLoaded", render);
  if (document.readyState !== "loading") { render(); }
})();
