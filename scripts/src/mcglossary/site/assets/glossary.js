/* Microcredential Glossary: progressive enhancements. Everything works without this file: the IRI stays
   selectable text, and the map stays an SVG of ordinary links. */
(function () {
  "use strict";

  function setUpCopyButtons(root) {
    root.querySelectorAll("button.mcg-copy").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () {
        var text = button.getAttribute("data-copy");
        var done = function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
        } else {
          fallbackCopy(text);
          done();
        }
      });
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more we can do */ }
    document.body.removeChild(area);
  }

  function setUpMap(figure) {
    if (figure.dataset.ready) return;
    figure.dataset.ready = "1";
    var svg = figure.querySelector("svg");
    var viewport = figure.querySelector(".mcg-map__viewport");
    var controls = figure.querySelector(".mcg-map__controls");
    var nodes = Array.prototype.slice.call(figure.querySelectorAll(".mcg-node"));
    var edges = Array.prototype.slice.call(figure.querySelectorAll(".mcg-edge"));
    var view = { x: 0, y: 0, k: 1 };
    controls.hidden = false;

    function apply() {
      viewport.setAttribute("transform", "translate(" + view.x + " " + view.y + ") scale(" + view.k + ")");
    }
    function zoom(factor, cx, cy) {
      var box = svg.viewBox.baseVal;
      cx = cx === undefined ? box.width / 2 : cx;
      cy = cy === undefined ? box.height / 2 : cy;
      var k = Math.min(8, Math.max(0.5, view.k * factor));
      view.x = cx - (cx - view.x) * (k / view.k);
      view.y = cy - (cy - view.y) * (k / view.k);
      view.k = k;
      apply();
    }
    function svgPoint(event) {
      var point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      return point.matrixTransform(svg.getScreenCTM().inverse());
    }

    controls.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-zoom");
        if (action === "in") zoom(1.4);
        else if (action === "out") zoom(1 / 1.4);
        else { view = { x: 0, y: 0, k: 1 }; apply(); }
      });
    });
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var p = svgPoint(event);
      zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, p.x, p.y);
    }, { passive: false });

    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest(".mcg-node")) return;
      drag = { start: svgPoint(event), x: view.x, y: view.y };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var p = svgPoint(event);
      view.x = drag.x + (p.x - drag.start.x);
      view.y = drag.y + (p.y - drag.start.y);
      apply();
    });
    svg.addEventListener("pointerup", function () { drag = null; });

    // Highlight a node's neighbours while it is hovered or focused (keyboard users get the same view).
    function highlight(node) {
      var iri = node.getAttribute("data-node");
      var near = {};
      near[iri] = true;
      edges.forEach(function (edge) {
        var touches = edge.getAttribute("data-source") === iri || edge.getAttribute("data-target") === iri;
        edge.classList.toggle("is-near", touches);
        if (touches) {
          near[edge.getAttribute("data-source")] = true;
          near[edge.getAttribute("data-target")] = true;
        }
      });
      nodes.forEach(function (other) { other.classList.toggle("is-near", !!near[other.getAttribute("data-node")]); });
      figure.classList.add("is-highlighting");
    }
    function clear() { figure.classList.remove("is-highlighting"); }
    nodes.forEach(function (node) {
      node.addEventListener("mouseenter", function () { highlight(node); });
      node.addEventListener("mouseleave", clear);
      node.addEventListener("focus", function () { highlight(node); });
      node.addEventListener("blur", clear);
    });

    // Show or hide kinds of node, and the links that lose an end.
    var toggles = Array.prototype.slice.call(controls.querySelectorAll("input[data-kind]"));
    function filter() {
      var hidden = {};
      toggles.forEach(function (box) { if (!box.checked) hidden[box.getAttribute("data-kind")] = true; });
      var gone = {};
      nodes.forEach(function (node) {
        var hide = !!hidden[node.getAttribute("data-kind")];
        node.classList.toggle("is-hidden", hide);
        if (hide) gone[node.getAttribute("data-node")] = true;
        else node.removeAttribute("tabindex");
        if (hide) node.setAttribute("tabindex", "-1");
      });
      edges.forEach(function (edge) {
        edge.classList.toggle("is-hidden", !!(gone[edge.getAttribute("data-source")] || gone[edge.getAttribute("data-target")]));
      });
    }
    toggles.forEach(function (box) { box.addEventListener("change", filter); });

    // Find a node by name: mark matches, and move focus to the first on Enter.
    var search = controls.querySelector(".mcg-map__search");
    search.addEventListener("input", function () {
      var text = search.value.trim().toLowerCase();
      nodes.forEach(function (node) {
        node.classList.toggle("is-found", text.length > 1 && node.getAttribute("data-label").indexOf(text) >= 0);
      });
    });
    search.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var found = figure.querySelector(".mcg-node.is-found");
      if (found) found.focus();
    });

    // Keyboard: arrows pan, + and - zoom, 0 resets, while focus is inside the map.
    figure.addEventListener("keydown", function (event) {
      if (event.target === search) return;
      var step = 40;
      var handled = true;
      if (event.key === "ArrowLeft") view.x += step;
      else if (event.key === "ArrowRight") view.x -= step;
      else if (event.key === "ArrowUp") view.y += step;
      else if (event.key === "ArrowDown") view.y -= step;
      else if (event.key === "+" || event.key === "=") { zoom(1.4); return; }
      else if (event.key === "-") { zoom(1 / 1.4); return; }
      else if (event.key === "0") view = { x: 0, y: 0, k: 1 };
      else handled = false;
      if (handled) { event.preventDefault(); apply(); }
    });
  }

  // The A–Z page: a filter box that hides the entries (and the letters left empty) not matching what is typed.
  function setUpIndexFilter(root) {
    var box = root.querySelector(".mcg-az-filter");
    if (!box) return;
    var input = box.querySelector("input");
    var count = box.querySelector(".mcg-az-filter__count");
    var fold = function (text) {
      return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[-\u2010-\u2015\s]+/g, " ");
    };
    box.hidden = false;
    input.addEventListener("input", function () {
      var wanted = fold(input.value).trim();
      var shown = 0;
      root.querySelectorAll("dl.mcg-index").forEach(function (list) {
        var any = false;
        list.querySelectorAll("dt").forEach(function (term) {
          var hit = !wanted || fold(term.textContent).indexOf(wanted) !== -1;
          term.hidden = !hit;
          if (term.nextElementSibling) term.nextElementSibling.hidden = !hit;
          if (hit) { any = true; shown += 1; }
        });
        list.hidden = !any;
        var heading = list.previousElementSibling;
        if (heading && heading.tagName === "H2") heading.hidden = !any;
      });
      count.textContent = wanted ? shown + (shown === 1 ? " entry" : " entries") : "";
    });
  }

  // Tables of the hand-written pages: each cell gets its column's name, so that on a phone (glossary.css) a row
  // shows as a block of named cells rather than columns cut off at the screen's edge. Generated pages have them.
  function nameTableCells(root) {
    root.querySelectorAll("article table:not([class]):not([data-mcg-stack])").forEach(function (table) {
      if (table.closest(".mcg-stack")) return;
      var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (!names.length) return;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (names[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[i]);
        });
      });
      table.setAttribute("data-mcg-stack", "");
    });
  }

  // The theme gives each code block's buttons a <nav> of their own: many unnamed navigation landmarks on one page,
  // which screen readers list with the site's. They are a group of buttons, not a landmark.
  function unlandmarkCodeButtons(root) {
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) { nav.setAttribute("role", "none"); });
  }
  if (window.MutationObserver) {
    new MutationObserver(function () { unlandmarkCodeButtons(document); })
      .observe(document.documentElement, { childList: true, subtree: true });
  }

  function setUp() {
    unlandmarkCodeButtons(document);
    nameTableCells(document);
    setUpIndexFilter(document);
    setUpCopyButtons(document);
    document.querySelectorAll("figure.mcg-map").forEach(setUpMap);
  }

  // Material's instant navigation swaps pages without a reload; document$ tells us when.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
