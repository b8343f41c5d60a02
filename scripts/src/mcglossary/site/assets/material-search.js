/* The one place that knows Material for MkDocs' search (adapters/material.py puts this file in the place of the
   theme's search worker; tests/test_adapters_material.py fails, naming what changed, when a theme upgrade moves
   anything used here). The same file runs twice:

   - as the theme's search worker: it speaks the theme's worker protocol (SETUP with the theme's index of the
     hand-written pages -> READY; each QUERY -> RESULT) over the glossary's engine, glossary-search.js, and turns
     its answers into the theme's result items: each with its kind ("Term", "Organisation", ...) before its
     title, and, when nothing matches exactly, a first item that says so and leads to the A–Z index;
   - on every page: it makes the theme search every input, hands the home page's search box to the theme's, and
     names the theme's search dialog.

   The theme inserts titles and texts as HTML: everything shown is escaped here or by the engine's highlight(). */
(function () {
  "use strict";

  // The theme's markup and messages as this file meets them (Material 9.x).
  var THEME = {
    searchInput: "input.md-search__input",
    searchToggle: "__search",
    searchDialog: '.md-search[role="dialog"]'
  };
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var SHOWN = 50;
  var AZ_INDEX = "terms/";

  function plainText(html) {
    return html.replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
  }

  function short(text) {
    return text.length > 180 ? text.slice(0, 180).replace(/\s+\S*$/, "") + " …" : text;
  }

  function asItem(result, marked) {
    var kind = '<span class="mcg-search-kind">' + escapeHtml(result.kind) + "</span> ";
    var item = {
      location: result.location, title: kind + highlight(result.title, marked), text: highlight(result.text, marked),
      score: result.score, terms: {}
    };
    if (result.names && result.names.length) item.tags = result.names.map(function (n) { return highlight(n, marked); });
    return item;
  }

  function notice(query, close) {
    var said = escapeHtml(query.trim());
    return {
      location: AZ_INDEX, notice: true, score: 0, terms: {},
      title: '<span class="mcg-search-kind mcg-search-kind--notice">No exact match</span> ' +
        (close ? "Close matches for “" + said + "” follow" : "Nothing found for “" + said + "”"),
      text: "Browse the A–Z index of every term and its alternative names."
    };
  }

  // Results on one page (its sections, from the theme's index of hand-written pages) are shown as one group.
  function groups(results, marked) {
    var byPage = new Map(), order = [];
    results.forEach(function (result) {
      var page = result.location.split("#")[0];
      if (!byPage.has(page)) { byPage.set(page, []); order.push(page); }
      byPage.get(page).push(asItem(result, marked));
    });
    return order.map(function (page) { return byPage.get(page); });
  }

  function runAsWorker() {
    importScripts("glossary-search.js");  // beside this file
    var engine = null, suggest = false, latest = 0;
    self.addEventListener("message", async function (event) {
      var message = event.data;
      if (message.type === SETUP) {
        var data = message.data || {};
        suggest = Boolean(data.options && data.options.suggest);
        var pages = (data.docs || []).map(function (doc) {
          return {
            location: doc.location, title: plainText(doc.title || ""), text: short(plainText(doc.text || "")),
            boost: doc.boost || 1
          };
        });
        engine = new GlossarySearch(new URL("../search/glossary/", self.location.href), pages);
        self.postMessage({ type: READY });
      } else if (message.type === QUERY && engine) {
        var ticket = ++latest;
        var query = String(message.data || "");
        var answer = { items: [] };
        try {
          var found = await engine.search(query);
          var items = groups(found.results, found.words).slice(0, SHOWN);
          if (query.trim() && (found.close || !items.length)) items.unshift([notice(query, items.length > 0)]);
          answer.items = items;
          var last = plainWords(query).pop();
          if (suggest && last && !/\s$/.test(query) && found.results.length) {
            var completion = plainWords(found.results[0].title).find(function (w) { return w.startsWith(last); });
            answer.suggest = completion ? [completion] : [];
          }
        } catch (error) {
          answer = { items: [] };
        }
        if (ticket === latest) self.postMessage({ type: RESULT, data: answer });  // a newer query supersedes it
      }
    });
  }

  function runOnPage() {
    // The theme's search panel is a role="dialog" without a name; screen readers announce it unnamed.
    function nameSearchDialog() {
      var dialog = document.querySelector(THEME.searchDialog);
      if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search the glossary");
    }

    // The theme reads the query when a key is released (and when its search starts, and on focus), so a query
    // that arrives without a key (pasted, autofilled, dictated, or handed over by the home page's box) after the
    // search has started would never be searched. Every input is passed on as a key release.
    function searchEveryInput() {
      var box = document.querySelector(THEME.searchInput);
      if (!box || box.dataset.everyInput) return;
      box.dataset.everyInput = "1";
      box.addEventListener("input", function () {
        box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      });
    }

    // The home page's own box hands what is typed to the theme's, so there is one search with one index.
    function setUpHomeSearch() {
      var input = document.querySelector(".mcg-home-search__input");
      if (!input || input.dataset.ready) return;
      input.dataset.ready = "1";
      input.addEventListener("input", function () {
        var box = document.querySelector(THEME.searchInput);
        var toggle = document.getElementById(THEME.searchToggle);
        if (!box) return;
        if (toggle && !toggle.checked) toggle.click();
        box.value = input.value;
        box.dispatchEvent(new Event("input", { bubbles: true }));
        box.focus();
        input.value = "";
      });
    }

    function setUp() {
      nameSearchDialog();
      searchEveryInput();
      setUpHomeSearch();
    }

    // The theme's instant navigation swaps pages without a reload; document$ tells us when.
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
    else setUp();
  }

  if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) runAsWorker();
  else runOnPage();
})();
