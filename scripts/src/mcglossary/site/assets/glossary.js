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

  // The relational map. The page already holds the whole picture (an SVG of links, laid out at build time); this
  // adds panning and zooming (mouse, wheel, keys, one finger to drag and two to pinch), names that stay
  // LABEL_PX pixels tall at any zoom and are shown only where they overlap no other name (the most linked nodes
  // first, so zooming in shows more), highlighting, finding and filtering.
  var LABEL_PX = 13;
  var MAX_ZOOM = 24;

  function setUpMap(figure) {
    if (figure.dataset.ready) return;
    figure.dataset.ready = "1";
    var svg = figure.querySelector("svg");
    var viewport = figure.querySelector(".mcg-map__viewport");
    var controls = figure.querySelector(".mcg-map__controls");
    var status = figure.querySelector(".mcg-map__status");
    var nodes = Array.prototype.slice.call(figure.querySelectorAll(".mcg-node"));  // most important first
    var edges = Array.prototype.slice.call(figure.querySelectorAll(".mcg-edge"));
    var view = { x: 0, y: 0, k: 1 };
    controls.hidden = false;
    figure.querySelectorAll(".mcg-map__help--live").forEach(function (p) { p.hidden = false; });
    figure.querySelectorAll(".mcg-map__help--still").forEach(function (p) { p.hidden = true; });
    figure.classList.add("is-live");

    // Each name's box relative to its anchor (the bottom of its circle), in ems: measured once, at any size.
    var texts = Array.prototype.slice.call(figure.querySelectorAll(".mcg-label"));  // in the nodes' order
    var labels = nodes.map(function (node, index) {
      var circle = node.querySelector("circle");
      var text = texts[index];
      return {
        node: node, text: text,
        x: circle.cx.baseVal.value, y: circle.cy.baseVal.value + circle.r.baseVal.value,
        r: circle.r.baseVal.value, kind: node.getAttribute("data-kind"), shown: true
      };
    });
    function measure() {
      var size = parseFloat(getComputedStyle(viewport).fontSize) || LABEL_PX;
      labels.forEach(function (label) { label.text.style.display = "inline"; });  // all first: one layout, not n
      labels.forEach(function (label) {
        label.shown = true;
        var box = label.text.getBBox();
        label.box = { left: (box.x - label.x) / size, top: (box.y - label.y) / size,
                      width: box.width / size, height: box.height / size };
      });
    }

    var active = null;  // the hovered or focused node: its name is placed first
    var hiddenKinds = {};
    var pending = false;
    function placeLabels() {
      pending = false;
      var ctm = viewport.getScreenCTM();
      if (!ctm || !ctm.a) return;
      var scale = ctm.a;  // screen pixels per map unit, at this zoom
      viewport.style.fontSize = (LABEL_PX / scale) + "px";
      if (!labels.length || !labels[0].box) measure();
      var frame = svg.getBoundingClientRect();
      var cell = 80;
      var grid = {};
      var placed = [];
      var shown = 0;
      var inView = 0;
      var order = labels;
      var found = labels.filter(function (l) { return l.node.classList.contains("is-found"); });
      var first = (active ? [labelOf(active)] : []).concat(found);
      if (first.length) order = first.concat(labels.filter(function (l) { return first.indexOf(l) < 0; }));
      order.forEach(function (label) {
        var show = false;
        if (!hiddenKinds[label.kind]) {
          var ax = ctm.a * label.x + ctm.c * label.y + ctm.e;
          var ay = ctm.b * label.x + ctm.d * label.y + ctm.f;
          if (ax >= frame.left && ax <= frame.right && ay - label.r * scale >= frame.top && ay - label.r * scale <= frame.bottom) {
            inView += 1;
          }
          var b = { left: ax + label.box.left * LABEL_PX - 1, top: ay + label.box.top * LABEL_PX - 1 };
          b.right = b.left + label.box.width * LABEL_PX + 2;
          b.bottom = b.top + label.box.height * LABEL_PX + 2;
          // whole names only: one cut by the map's edge shows once the map is moved
          var inside = b.left >= frame.left && b.right <= frame.right && b.top >= frame.top && b.bottom <= frame.bottom;
          if (inside) {
            var keys = [];
            for (var cx = Math.floor(b.left / cell); cx <= Math.floor(b.right / cell); cx++) {
              for (var cy = Math.floor(b.top / cell); cy <= Math.floor(b.bottom / cell); cy++) keys.push(cx + "," + cy);
            }
            var clash = keys.some(function (key) {
              return (grid[key] || []).some(function (o) {
                return b.left < o.right && o.left < b.right && b.top < o.bottom && o.top < b.bottom;
              });
            });
            if (!clash) {
              keys.forEach(function (key) { (grid[key] = grid[key] || []).push(b); });
              placed.push(b);
              show = true;
            }
          }
        }
        if (show !== label.shown) {
          label.text.style.display = show ? "inline" : "none";
          label.shown = show;
        }
        if (show) shown += 1;
      });
      status.textContent = "Names shown: " + shown + " of the " + inView + " nodes in view" +
        (shown < inView ? "; zoom in for more." : ".");
    }
    function labelOf(node) { return labels[nodes.indexOf(node)]; }
    function schedule() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(placeLabels);
    }

    function apply() {
      viewport.setAttribute("transform", "translate(" + view.x + " " + view.y + ") scale(" + view.k + ")");
      schedule();
    }
    function zoom(factor, cx, cy) {
      var box = svg.viewBox.baseVal;
      cx = cx === undefined ? box.width / 2 : cx;
      cy = cy === undefined ? box.height / 2 : cy;
      var k = Math.min(MAX_ZOOM, Math.max(0.5, view.k * factor));
      view.x = cx - (cx - view.x) * (k / view.k);
      view.y = cy - (cy - view.y) * (k / view.k);
      view.k = k;
      apply();
    }
    function svgPoint(x, y) {
      var point = svg.createSVGPoint();
      point.x = x;
      point.y = y;
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
      var p = svgPoint(event.clientX, event.clientY);
      zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, p.x, p.y);
    }, { passive: false });

    // Pointers: one drags the map, two pinch it (the canvas has touch-action: none, so the browser leaves
    // touches to us). A press that moves less than a few pixels stays a click on the node under it.
    var pointers = {};
    var gesture = null;
    var dragged = false;
    function pointerList() { return Object.keys(pointers).map(function (id) { return pointers[id]; }); }
    function startGesture() {
      var list = pointerList();
      if (!list.length) { gesture = null; return; }
      var a = list[0], b = list[1] || list[0];
      gesture = {
        mid: svgPoint((a.x + b.x) / 2, (a.y + b.y) / 2), distance: Math.hypot(a.x - b.x, a.y - b.y),
        view: { x: view.x, y: view.y, k: view.k }, count: list.length, startX: a.x, startY: a.y
      };
    }
    svg.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      dragged = false;
      startGesture();
    });
    svg.addEventListener("pointermove", function (event) {
      if (!pointers[event.pointerId] || !gesture) return;
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      var list = pointerList();
      var a = list[0], b = list[1] || list[0];
      if (!dragged && Math.hypot(a.x - gesture.startX, a.y - gesture.startY) < 5 && list.length < 2) return;
      if (!dragged) {
        dragged = true;
        Object.keys(pointers).forEach(function (id) {
          try { svg.setPointerCapture(Number(id)); } catch (e) { /* the pointer is gone already */ }
        });
      }
      var start = gesture.view;
      var k = start.k;
      if (list.length > 1 && gesture.distance > 0) {
        k = Math.min(MAX_ZOOM, Math.max(0.5, start.k * Math.hypot(a.x - b.x, a.y - b.y) / gesture.distance));
      }
      // keep the map point that was under the fingers' midpoint under their midpoint now
      var now = svgPoint((a.x + b.x) / 2, (a.y + b.y) / 2);
      var mapX = (gesture.mid.x - start.x) / start.k, mapY = (gesture.mid.y - start.y) / start.k;
      view = { x: now.x - mapX * k, y: now.y - mapY * k, k: k };
      apply();
    });
    function release(event) {
      if (!pointers[event.pointerId]) return;
      delete pointers[event.pointerId];
      startGesture();  // the fingers left go on from where the map is now
      // the click that ends a drag comes right after this; the next click (a key's, a tap's) is a click again
      if (!gesture) setTimeout(function () { dragged = false; }, 0);
    }
    svg.addEventListener("pointerup", release);
    svg.addEventListener("pointercancel", release);
    svg.addEventListener("click", function (event) {
      if (dragged) { event.preventDefault(); dragged = false; }  // the end of a drag is not a click on a node
    }, true);

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
      labels.forEach(function (label) {
        var isNear = !!near[label.node.getAttribute("data-node")];
        label.node.classList.toggle("is-near", isNear);
        label.text.classList.toggle("is-near", isNear);
        label.text.classList.toggle("is-active", label.node === node);
      });
      figure.classList.add("is-highlighting");
      active = node;
      schedule();
    }
    function clear() {
      figure.classList.remove("is-highlighting");
      if (active) labelOf(active).text.classList.remove("is-active");
      active = null;
      schedule();
    }
    nodes.forEach(function (node) {
      node.addEventListener("mouseenter", function () { highlight(node); });
      node.addEventListener("mouseleave", clear);
      node.addEventListener("focus", function () { highlight(node); });
      node.addEventListener("blur", clear);
    });

    // Show or hide kinds of node, and the links that lose an end.
    var toggles = Array.prototype.slice.call(controls.querySelectorAll("input[data-kind]"));
    function filter() {
      hiddenKinds = {};
      toggles.forEach(function (box) { if (!box.checked) hiddenKinds[box.getAttribute("data-kind")] = true; });
      var gone = {};
      nodes.forEach(function (node) {
        var hide = !!hiddenKinds[node.getAttribute("data-kind")];
        node.classList.toggle("is-hidden", hide);
        if (hide) gone[node.getAttribute("data-node")] = true;
        if (hide) node.setAttribute("tabindex", "-1");
        else node.removeAttribute("tabindex");
      });
      edges.forEach(function (edge) {
        edge.classList.toggle("is-hidden", !!(gone[edge.getAttribute("data-source")] || gone[edge.getAttribute("data-target")]));
      });
      schedule();
    }
    toggles.forEach(function (box) { box.addEventListener("change", filter); });

    // Find a node by name: mark matches (their names come first), and move focus to the first on Enter.
    var search = controls.querySelector(".mcg-map__search");
    search.addEventListener("input", function () {
      var text = search.value.trim().toLowerCase();
      nodes.forEach(function (node) {
        node.classList.toggle("is-found", text.length > 1 && node.getAttribute("data-label").indexOf(text) >= 0);
      });
      schedule();
    });
    search.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var found = figure.querySelector(".mcg-node.is-found:not(.is-hidden)");
      if (found) found.focus();
    });

    // Keyboard: arrows pan, + and - zoom, 0 resets, while focus is on the map (not in the Find box).
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

    window.addEventListener("resize", schedule);
    placeLabels();
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
      var inView = 0;
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
