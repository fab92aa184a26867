// The learning path's progress, kept in this browser's localStorage only: nothing is sent and there is no account.
// On the path page it shows the progress bar, marks visited stops and points "continue" at the first stop not yet
// visited; on a stop's own page it marks that stop visited and adds a small link to the next one. Without
// JavaScript the path page is an ordered list of links, and nothing else changes.
(function () {
  "use strict";
  if (window.pathProgressReady) return;  // htmx runs the script again after a boosted visit; the listeners stay
  window.pathProgressReady = true;

  var KEY = "explorer.path";

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || null; } catch (e) { return null; }
  }

  function save(state) {
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* storage off: no progress */ }
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function visited(state, key) { return state.visited.indexOf(key) !== -1; }

  function firstUnvisited(state) {
    for (var i = 0; i < state.stops.length; i++) {
      if (!visited(state, state.stops[i].key)) return state.stops[i];
    }
    return null;
  }

  function markVisited(state, key) {
    if (!visited(state, key)) state.visited.push(key);
  }

  // This page's address without its language, as the path page names its stops ("/concepts/docker").
  function here() {
    var lang = document.documentElement.lang;
    var prefix = "/" + lang;
    var path = window.location.pathname.indexOf(prefix + "/") === 0 ? window.location.pathname.slice(prefix.length) : null;
    return path === null ? null : path + window.location.search;
  }

  function showPath(section) {
    var lang = section.getAttribute("data-lang");
    var items = Array.prototype.slice.call(document.querySelectorAll(".path-stop"));
    var stops = items.map(function (item) {
      var link = item.querySelector("a");
      return { key: item.getAttribute("data-key"), page: item.getAttribute("data-page"),
               href: link.getAttribute("href"), title: link.textContent.trim() };
    });
    var state = load();
    if (!state || state.slug !== section.getAttribute("data-path") || !Array.isArray(state.visited)) {
      state = { slug: section.getAttribute("data-path"), visited: [], texts: {} };
    }
    var keys = stops.map(function (stop) { return stop.key; });
    state.visited = state.visited.filter(function (key) { return keys.indexOf(key) !== -1; });
    state.stops = stops.map(function (stop) { return { key: stop.key, page: stop.page }; });
    state.texts = state.texts || {};
    var titles = {};
    stops.forEach(function (stop) { titles[stop.key] = stop.title; });
    state.texts[lang] = { next: section.getAttribute("data-next-text"), titles: titles };
    save(state);

    function render() {
      var done = stops.filter(function (stop) { return visited(state, stop.key); }).length;
      var bar = document.getElementById("path-bar");
      bar.value = done;
      document.getElementById("path-count").textContent =
        fill(section.getAttribute("data-count-text"), { done: done, total: stops.length });
      items.forEach(function (item) {
        var seen = visited(state, item.getAttribute("data-key"));
        item.classList.toggle("is-visited", seen);
        item.querySelector(".path-visited").hidden = !seen;
      });
      var next = firstUnvisited(state);
      var link = document.getElementById("path-continue");
      if (next) {
        var stop = stops[keys.indexOf(next.key)];
        link.hidden = false;
        link.setAttribute("href", stop.href);
        link.textContent = done ? fill(section.getAttribute("data-continue-text"), { title: stop.title })
                                : link.getAttribute("data-start-text") || link.textContent;
      } else {
        link.hidden = true;
      }
      var finished = document.getElementById("path-finished");
      finished.hidden = Boolean(next);
    }

    var start = document.getElementById("path-continue");
    if (!start.hasAttribute("data-start-text")) start.setAttribute("data-start-text", start.textContent);
    if (!section.getAttribute("data-ready")) {
      section.setAttribute("data-ready", "1");
      // A stop followed from here counts as visited, even before its page has loaded.
      document.querySelector(".path-stops").addEventListener("click", function (event) {
        var link = event.target.closest(".path-stop a");
        if (!link) return;
        markVisited(state, link.closest(".path-stop").getAttribute("data-key"));
        save(state);
      });
      document.getElementById("path-reset").addEventListener("click", function () {
        state.visited = [];
        save(state);
        render();
      });
    }
    render();
    section.hidden = false;
  }

  function showNext() {
    var state = load();
    var main = document.getElementById("main");
    if (!state || !Array.isArray(state.stops) || !main || document.getElementById("path-next")) return;
    var page = here();
    var lang = document.documentElement.lang;
    var current = state.stops.filter(function (stop) { return stop.page === page; })[0];
    if (!current) return;
    markVisited(state, current.key);
    save(state);
    var texts = (state.texts || {})[lang];
    var next = firstUnvisited(state);
    if (!texts || !next || !texts.titles[next.key]) return;
    var nav = document.createElement("p");
    nav.id = "path-next";
    nav.className = "path-next";
    var link = document.createElement("a");
    link.href = "/" + lang + next.page;
    link.textContent = fill(texts.next, { title: texts.titles[next.key] });
    nav.appendChild(link);
    main.insertBefore(nav, main.firstChild);
  }

  function init() {
    var section = document.getElementById("path-progress");
    if (section) { showPath(section); } else { showNext(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // A boosted visit swaps the whole body, a fragment swap may change the address (the stack view), and going back
  // restores a page from htmx's history: look again each time (init does nothing twice).
  ["htmx:afterSettle", "htmx:historyRestore"].forEach(function (name) { document.addEventListener(name, init); });
  window.addEventListener("pageshow", function (event) { if (event.persisted) init(); });
})();
