/* The glossary's search worker, in place of Material's (the theme's search box and result list stay).

   It speaks the theme's worker protocol: SETUP (Material's own index, which now holds only the hand-written
   pages) is answered with READY at once; each QUERY with a RESULT. The glossary's own pages are searched in the
   static index that mcglossary/searchindex.py writes under search/glossary/: a query fetches the manifest, the
   words files for its words' first two characters, and the document blocks of its best results. Nothing is
   built in the browser, so the first result comes as fast at 50,000 terms as at 50.

   Titles and texts are inserted by the theme as HTML: everything shown is escaped here first. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var LABEL = 1, TEXT = 2;
var SHOWN = 50;
var cache = new Map();
var handWritten = [];
var suggestions = false;
var latest = 0;
/* the same list as searchindex.STOP_WORDS: not indexed in running text, so not required of it either */
var STOP_WORDS = new Set(("a an and are as at be by for from in into is it its of on or that the this to which " +
  "with").split(" "));

function fetchJson(name) {
  if (!cache.has(name)) {
    var folder = new URL("../search/glossary/", self.location.href);  // the index, beside this script's folder
    cache.set(name, fetch(new URL(name, folder)).then(function (response) {
      return response.ok ? response.json() : null;
    }).catch(function () { return null; }));
  }
  return cache.get(name);
}

/* The same words as searchindex.words: lower case, accents removed, hyphenated words also joined. */
function words(text) {
  var plain = text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  var found = plain.match(/[\p{L}\p{N}]+/gu) || [];
  var compounds = plain.match(/[\p{L}\p{N}]+(?:[-\u2010\u2011\u2013][\p{L}\p{N}]+)+/gu) || [];
  compounds.forEach(function (compound) { found.push(compound.replace(/[-\u2010\u2011\u2013]/g, "")); });
  return found;
}

function key(word) {
  var bytes = new TextEncoder().encode(Array.from(word).slice(0, 2).join(""));
  return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function plainText(html) {
  return html.replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
}

/* Escaped text with the words that match a query word marked. */
function highlight(text, tokens) {
  return text.split(/([\p{L}\p{N}]+)/u).map(function (part, index) {
    if (index % 2 === 1) {
      var normal = words(part)[0] || "";
      if (tokens.some(function (token) { return normal.startsWith(token.word); })) {
        return "<mark>" + escapeHtml(part) + "</mark>";
      }
    }
    return escapeHtml(part);
  }).join("");
}

function parseQuery(text) {
  var list = words(text);
  var open = !/\s$/.test(text);  // the word being typed is a prefix
  var seen = new Set();
  var tokens = list.filter(function (word) { return !seen.has(word) && seen.add(word); }).map(function (word, index, all) {
    return { word: word, prefix: open && index === all.length - 1 && word.length > 1 };
  });
  var meaningful = tokens.filter(function (token) { return token.prefix || !STOP_WORDS.has(token.word); });
  return meaningful.length ? meaningful : tokens;
}

function weight(where, exact) {
  var label = where & LABEL ? (exact ? 10 : 6) : 0;
  var text = where & TEXT ? (exact ? 3 : 1.5) : 0;
  return Math.max(label, text);
}

/* document number -> best weight of each query word, from the words files */
async function scoreGlossary(tokens) {
  var manifest = await fetchJson("manifest.json");
  if (!manifest) return { manifest: null, scores: new Map() };
  var files = await Promise.all(tokens.map(function (token) { return fetchJson("words-" + key(token.word) + ".json"); }));
  var scores = new Map();
  tokens.forEach(function (token, index) {
    var entries = files[index] || {};
    Object.keys(entries).forEach(function (word) {
      var exact = word === token.word;
      if (!exact && !(token.prefix && word.startsWith(token.word))) return;
      entries[word].forEach(function (pair) {
        var found = scores.get(pair[0]) || new Array(tokens.length).fill(0);
        found[index] = Math.max(found[index], weight(pair[1], exact));
        scores.set(pair[0], found);
      });
    });
  });
  return { manifest: manifest, scores: scores };
}

function total(found) {
  return found.reduce(function (sum, value) { return sum + value; }, 0);
}

function matchedAll(found) {
  return found.every(function (value) { return value > 0; });
}

function phraseBonus(labels, tokens) {
  var query = tokens.map(function (token) { return token.word; }).join(" ");
  var bonus = 0;
  labels.forEach(function (label) {
    var normal = words(label).join(" ");
    if (normal === query) bonus = Math.max(bonus, 50);
    else if (normal.startsWith(query)) bonus = Math.max(bonus, 20);
  });
  return bonus;
}

function item(location, title, text, tags, score, tokens, found) {
  var terms = {};
  tokens.forEach(function (token, index) { terms[token.word] = found[index] > 0; });
  var shown = { location: location, title: highlight(title, tokens), text: highlight(text, tokens), score: score, terms: terms };
  if (tags && tags.length) shown.tags = tags.map(function (tag) { return highlight(tag, tokens); });
  return shown;
}

async function glossaryResults(tokens) {
  var scored = await scoreGlossary(tokens);
  if (!scored.manifest) return [];
  var numbers = Array.from(scored.scores.keys());
  var all = numbers.filter(function (n) { return matchedAll(scored.scores.get(n)); });
  if (all.length) numbers = all;  // every word if possible, else the best partial matches
  var boosts = scored.manifest.boosts || [[0, 1]];
  var boost = function (n) {
    var value = 1;
    boosts.forEach(function (run) { if (n >= run[0]) value = run[1]; });
    return value;
  };
  var rank = function (n) { return total(scored.scores.get(n)) * boost(n); };
  numbers.sort(function (a, b) { return rank(b) - rank(a) || a - b; });
  numbers = numbers.slice(0, SHOWN * 4);
  var block = scored.manifest.block;
  var blocks = await Promise.all(Array.from(new Set(numbers.map(function (n) { return Math.floor(n / block); })))
    .map(function (b) { return fetchJson("docs-" + b + ".json").then(function (docs) { return [b, docs || []]; }); }));
  var byBlock = new Map(blocks);
  return numbers.map(function (n) {
    var doc = byBlock.get(Math.floor(n / block))[n % block];
    var found = scored.scores.get(n);
    var score = (total(found) + phraseBonus([doc[1]].concat(doc[3]), tokens)) * doc[4];
    return { sort: score, title: doc[1], group: [item(doc[0], doc[1], doc[2], doc[3], score, tokens, found)] };
  });
}

/* Material's index of the hand-written pages: searched in memory, the same way. */
function handWrittenResults(tokens) {
  var groups = new Map();
  handWritten.forEach(function (doc) {
    var found = tokens.map(function (token) {
      var best = 0;
      [[doc.titleWords, LABEL], [doc.textWords, TEXT]].forEach(function (pair) {
        pair[0].forEach(function (word) {
          if (word === token.word) best = Math.max(best, weight(pair[1], true));
          else if (token.prefix && word.startsWith(token.word)) best = Math.max(best, weight(pair[1], false));
        });
      });
      return best;
    });
    if (!matchedAll(found)) return;
    var page = doc.location.split("#")[0];
    var score = total(found) * doc.boost;
    var group = groups.get(page) || { sort: 0, title: doc.title, group: [] };
    group.sort = Math.max(group.sort, score);
    group.group.push(item(doc.location, doc.title, doc.text, null, score, tokens, found));
    groups.set(page, group);
  });
  groups.forEach(function (group, page) {
    if (!group.group.some(function (doc) { return doc.location === page; })) {
      var article = handWritten.find(function (doc) { return doc.location === page; });
      if (article) group.group.push(item(article.location, article.title, "", null, 0, tokens, tokens.map(function () { return 0; })));
    }
    group.group.sort(function (a, b) { return b.score - a.score; });
  });
  return Array.from(groups.values());
}

function suggestion(tokens, results) {
  var last = tokens[tokens.length - 1];
  if (!suggestions || !last || !last.prefix || !results.length) return undefined;
  var completion = words(results[0].title).find(function (word) { return word.startsWith(last.word); });
  return completion ? [completion] : [];
}

async function search(text) {
  var tokens = parseQuery(text);
  if (!tokens.length) return { items: [] };
  var results = (await glossaryResults(tokens)).concat(handWrittenResults(tokens));
  results.sort(function (a, b) { return b.sort - a.sort || a.title.localeCompare(b.title); });
  results = results.slice(0, SHOWN);
  var answer = { items: results.map(function (result) { return result.group; }) };
  var suggest = suggestion(tokens, results);
  if (suggest !== undefined) answer.suggest = suggest;
  return answer;
}

function setup(data) {
  suggestions = Boolean(data.options && data.options.suggest);
  handWritten = (data.docs || []).map(function (doc) {
    var text = plainText(doc.text || "");
    var title = plainText(doc.title || "");
    return {
      location: doc.location, title: title, text: text.length > 180 ? text.slice(0, 180) + " …" : text,
      titleWords: words(title), textWords: words(text), boost: doc.boost || 1
    };
  });
  fetchJson("manifest.json");  // start loading while the user types
}

self.addEventListener("message", async function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    setup(message.data || {});
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var ticket = ++latest;
    var answer;
    try {
      answer = await search(String(message.data || ""));
    } catch (error) {
      answer = { items: [] };
    }
    if (ticket === latest) self.postMessage({ type: RESULT, data: answer });  // a newer query supersedes it
  }
});
