/* The glossary's search engine: no theme in it (material-search.js is the glue to Material's search box).

   It reads the static index that site/search_index.py writes under search/glossary/: a query fetches the
   manifest, the words files for its words' first two characters, and the document blocks of its best results.
   Nothing is built in the browser, so the first result comes as fast at 10,000 terms as at 100.

   What people type is read generously: case, accents, hyphens and spaces inside a name ("micro-credentials",
   "micro credential", "nano degree" all find the one-word label), English plurals ("competencies"), and, when a
   word is in no page at all, words one or two letters away ("credentail"); the answer then says that it holds
   close matches only. An exact match on a page's title or alternative name ranks first, then pages that carry
   every word in a name, then the rest by weight.

   Results carry text, never markup: whoever shows them escapes them (highlight() returns escaped HTML). */
"use strict";

var LABEL = 1, TEXT = 2;
/* the same list as search_index.STOP_WORDS: not indexed in running text, so not required of it either */
var STOP_WORDS = new Set(("a an and are as at be by for from in into is it its of on or that the this to which " +
  "with").split(" "));

/* The same words as search_index.words: lower case, accents removed, hyphenated words also joined. */
function words(text) {
  var found = plainWords(text);
  var compounds = fold(text).match(/[\p{L}\p{N}]+(?:[-\u2010\u2011\u2013][\p{L}\p{N}]+)+/gu) || [];
  compounds.forEach(function (compound) { found.push(compound.replace(/[-\u2010\u2011\u2013]/g, "")); });
  return found;
}

function fold(text) {
  return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
}

function plainWords(text) {
  return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
}

function key(word) {
  var bytes = new TextEncoder().encode(Array.from(word).slice(0, 2).join(""));
  return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
}

/* An English plural's singular, or the word itself: enough for a glossary's nouns. */
function singular(word) {
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/* A label or query with spaces, hyphens, apostrophes and plurals gone: "Micro-credentials" == "microcredential". */
function squash(text) {
  return plainWords(text).filter(function (w) { return w !== "s"; }).map(singular).join("");
}

/* Damerau-Levenshtein distance (adjacent swaps count once), stopping early past `limit`. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var rows = [], i, j;
  for (i = 0; i <= a.length; i++) { rows.push([i]); }
  for (j = 1; j <= b.length; j++) { rows[0][j] = j; }
  for (i = 1; i <= a.length; i++) {
    var best = limit + 1;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2][j - 2] + 1);
      rows[i][j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

function typoLimit(word) {
  return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* Escaped text with the words that match a query word marked. */
function highlight(text, matched) {
  return text.split(/([\p{L}\p{N}]+)/u).map(function (part, index) {
    if (index % 2 === 1) {
      var normal = plainWords(part)[0] || "";
      if (matched.some(function (word) { return normal.startsWith(word) || word.startsWith(normal) && normal.length > 3; })) {
        return "<mark>" + escapeHtml(part) + "</mark>";
      }
    }
    return escapeHtml(part);
  }).join("");
}

/* The readings of a query: its words as typed, and with neighbours joined ("nano degree" -> "nanodegree"). Each
   reading is a list of tokens; the last word is a prefix while it is being typed. */
function readings(text) {
  var list = plainWords(text);
  var kept = list.filter(function (w) { return !STOP_WORDS.has(w); });
  if (kept.length) list = kept;
  list = list.filter(function (w, i) { return list.indexOf(w) === i; });
  if (!list.length) return [];
  var open = !/\s$/.test(text);
  var token = function (word, last) {
    var forms = new Set([word, singular(word)]);
    return { word: word, forms: forms, prefix: open && last && word.length > 1 };
  };
  var asTokens = function (ws) { return ws.map(function (w, i) { return token(w, i === ws.length - 1); }); };
  var all = [asTokens(list)];
  if (list.length <= 6) {
    for (var i = 0; i + 1 < list.length; i++) {
      all.push(asTokens(list.slice(0, i).concat([list[i] + list[i + 1]], list.slice(i + 2))));
    }
    if (list.length > 2) all.push(asTokens([list.join("")]));
  }
  return all;
}

function weight(where, exact) {
  var label = where & LABEL ? (exact ? 10 : 6) : 0;
  var text = where & TEXT ? (exact ? 3 : 1.5) : 0;
  return Math.max(label, text);
}

/* A search over the index at `folder` (a URL ending in /) and over `pages` (the hand-written pages, as
   {location, title, text, boost}); search(text) resolves to {results, close}. */
function GlossarySearch(folder, pages) {
  var cache = new Map();
  var fetchJson = function (name) {
    if (!cache.has(name)) {
      cache.set(name, fetch(new URL(name, folder)).then(function (response) {
        return response.ok ? response.json() : null;
      }).catch(function () { return null; }));
    }
    return cache.get(name);
  };
  var handWritten = (pages || []).map(function (page) {
    return Object.assign({}, page, { titleWords: plainWords(page.title), textWords: plainWords(page.text) });
  });
  fetchJson("manifest.json");  // start loading while the user types

  /* For each token of a reading: index word -> [weight factor, fuzzy] it accepts. */
  function matchesOf(token, entries, fuzzy) {
    var found = new Map();
    Object.keys(entries).forEach(function (word) {
      if (token.forms.has(word)) found.set(word, 1);
      else if (token.prefix && word.startsWith(token.word)) found.set(word, 0.6);
    });
    if (!found.size && fuzzy) {
      var limit = typoLimit(token.word);
      Object.keys(entries).forEach(function (word) {
        if (limit && distance(token.word, word, limit) <= limit) found.set(word, 0.5);
      });
    }
    return found;
  }

  async function score(tokens, fuzzy, scores) {
    var files = await Promise.all(tokens.map(function (t) { return fetchJson("words-" + key(t.word) + ".json"); }));
    var unknown = false;
    tokens.forEach(function (token, index) {
      var entries = files[index] || {};
      var found = matchesOf(token, entries, false);
      if (!found.size) { unknown = true; if (fuzzy) found = matchesOf(token, entries, true); }
      found.forEach(function (factor, word) {
        entries[word].forEach(function (pair) {
          var row = scores.get(pair[0]) || { each: new Array(tokens.length).fill(0), label: 0 };
          var exact = factor === 1;  // a prefix counts less, a word a typo away less again
          row.each[index] = Math.max(row.each[index], weight(pair[1], exact) * (factor === 0.5 ? 0.5 : 1));
          if (pair[1] & LABEL) row.label |= 1 << index;
          scores.set(pair[0], row);
        });
      });
    });
    return unknown;
  }

  function coverage(row) {
    var matched = row.each.filter(function (v) { return v > 0; }).length;
    var sum = row.each.reduce(function (a, b) { return a + b; }, 0);
    var whole = matched === row.each.length;
    var inLabels = row.label === (1 << row.each.length) - 1;
    return { matched: matched, whole: whole, inLabels: inLabels, sum: whole ? sum : sum / 2 };
  }

  async function glossary(text, all) {
    var manifest = await fetchJson("manifest.json");
    if (!manifest) return { results: [], close: false };
    var best = new Map(), close = false;
    for (var r = 0; r < all.length; r++) {
      var scores = new Map();
      var unknown = await score(all[r], r === 0, scores);
      if (r === 0) close = unknown;  // a word of the query as typed is in no page: what we found is close only
      scores.forEach(function (row, number) {
        var c = coverage(row);
        if (c.matched < Math.max(1, row.each.length - 1)) return;  // at most one word missing
        var kept = best.get(number);
        if (!kept || c.whole > kept.whole || c.whole === kept.whole && c.sum > kept.sum) best.set(number, c);
      });
    }
    var boosts = manifest.boosts || [[0, 1]];
    var boost = function (n) {
      var value = 1;
      boosts.forEach(function (run) { if (n >= run[0]) value = run[1]; });
      return value;
    };
    var numbers = Array.from(best.keys());
    var rank = function (n) { var c = best.get(n); return (c.whole ? 2 : 0) + (c.inLabels ? 1 : 0) + c.sum * boost(n) / 1e4; };
    numbers.sort(function (a, b) { return rank(b) - rank(a) || a - b; });
    numbers = numbers.slice(0, 200);
    var block = manifest.block;
    var blocks = new Map(await Promise.all(Array.from(new Set(numbers.map(function (n) { return Math.floor(n / block); })))
      .map(function (b) { return fetchJson("docs-" + b + ".json").then(function (docs) { return [b, docs || []]; }); })));
    var wanted = squash(text);
    return {
      close: close,
      results: numbers.map(function (n) {
        var doc = blocks.get(Math.floor(n / block))[n % block];
        var c = best.get(n);
        var names = [doc[1]].concat(doc[3]);
        var limit = close ? typoLimit(wanted) : 0;  // close matches only: the name nearest what was typed first
        var exact = names.some(function (name) { return distance(squash(name), wanted, limit) <= limit; });
        var starts = names.some(function (name) { return squash(name).startsWith(wanted); });
        var tier = exact ? 3 : c.whole && c.inLabels ? 2 : c.whole ? 1 : 0;
        return {
          location: doc[0], title: doc[1], text: doc[2], names: doc[3], kind: doc[5] || "Page", exact: exact,
          tier: tier, score: (c.sum + (starts ? 5 : 0)) * doc[4]
        };
      })
    };
  }

  function handWrittenResults(all) {
    var tokens = all[0];
    var found = [];
    handWritten.forEach(function (doc) {
      var each = tokens.map(function (token) {
        var best = 0;
        [[doc.titleWords, LABEL], [doc.textWords, TEXT]].forEach(function (pair) {
          pair[0].forEach(function (word) {
            if (token.forms.has(word)) best = Math.max(best, weight(pair[1], true));
            else if (token.prefix && word.startsWith(token.word)) best = Math.max(best, weight(pair[1], false));
          });
        });
        return best;
      });
      if (each.some(function (v) { return v === 0; })) return;
      var sum = each.reduce(function (a, b) { return a + b; }, 0);
      var inTitle = tokens.every(function (t) { return doc.titleWords.some(function (w) { return t.forms.has(w) || t.prefix && w.startsWith(t.word); }); });
      found.push({
        location: doc.location, title: doc.title, text: doc.text, names: [], kind: "Page", exact: false,
        tier: inTitle ? 2 : 1, score: sum * (doc.boost || 1)
      });
    });
    return found;
  }

  this.search = async function (text) {
    var all = readings(text);
    if (!all.length) return { results: [], close: false, words: [] };
    var answer = await glossary(text, all);
    var results = answer.results.concat(handWrittenResults(all));
    results.sort(function (a, b) { return b.tier - a.tier || b.score - a.score || a.title.localeCompare(b.title); });
    var marked = [];
    all.forEach(function (tokens) { tokens.forEach(function (t) { t.forms.forEach(function (f) { marked.push(f); }); }); });
    return { results: results, close: answer.close, words: marked };
  };
}
