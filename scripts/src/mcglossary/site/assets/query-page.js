// The query page (sparql/run/): a SPARQL editor (CodeMirror, vendored) and a results table, with Oxigraph running
// in query-worker.js. The query lives in the page's fragment (#query=...), so a link shares it and no server sees it.
// Every value from the data or the query reaches the page through textContent or an attribute, never as markup.
import {
  EditorView,
  keymap,
  lineNumbers,
  drawSelection,
  EditorState,
  history,
  defaultKeymap,
  historyKeymap,
  indentWithTab,
  autocompletion,
  completionKeymap,
  closeBrackets,
  closeBracketsKeymap,
  HighlightStyle,
  syntaxHighlighting,
  bracketMatching,
  tags,
  sparql,
} from "./editor.js";

const box = document.getElementById("mcg-query");
const here = document.baseURI;
const absolute = (path) => new URL(path, here).href;
const part = (id) => document.getElementById(id);
const runButton = part("mcg-query-run");
const stopButton = part("mcg-query-stop");
const statusLine = part("mcg-query-status");
const errorBox = part("mcg-query-error");
const resultBox = part("mcg-query-result");
const WEB = /^https?:\/\//;
const GRAPH_FORMS = new Set(["CONSTRUCT", "DESCRIBE"]);

// --- the editor --------------------------------------------------------------------------------------------

// Material's own code colours, which follow its light and dark schemes
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: "var(--md-code-hl-keyword-color)" },
  { tag: tags.comment, color: "var(--md-code-hl-comment-color)", fontStyle: "italic" },
  { tag: tags.string, color: "var(--md-code-hl-string-color)" },
  { tag: [tags.integer, tags.float, tags.bool], color: "var(--md-code-hl-number-color)" },
  { tag: tags.variableName, color: "var(--md-code-hl-variable-color)" },
  { tag: [tags.namespace, tags.typeName], color: "var(--md-code-hl-name-color)" },
  { tag: tags.url, color: "var(--md-code-hl-constant-color)" },
  { tag: tags.annotation, color: "var(--md-code-hl-special-color)" },
  { tag: tags.brace, color: "var(--md-code-hl-punctuation-color)" },
]);
const theme = EditorView.theme({
  "&": {
    backgroundColor: "var(--md-code-bg-color)",
    color: "var(--md-code-fg-color)",
    border: "1px solid var(--md-default-fg-color--lighter)",
    borderRadius: "0.2rem",
    fontSize: "0.75rem",
  },
  "&.cm-focused": { outline: "2px solid var(--md-accent-fg-color)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "var(--md-code-font-family)", lineHeight: "1.5", minHeight: "14em" },
  ".cm-content": { caretColor: "var(--md-code-fg-color)" },
  ".cm-cursor": { borderLeftColor: "var(--md-code-fg-color)" },
  ".cm-gutters": {
    backgroundColor: "var(--md-code-bg-color)",
    color: "var(--mcg-muted)",
    borderRight: "1px solid var(--md-default-fg-color--lightest)",
  },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground": {
    backgroundColor: "var(--md-code-hl-color)",
  },
  ".cm-matchingBracket": { outline: "1px solid var(--md-default-fg-color--light)" },
  ".cm-tooltip": {
    backgroundColor: "var(--md-default-bg-color)",
    color: "var(--md-default-fg-color)",
    border: "1px solid var(--md-default-fg-color--lighter)",
  },
  ".cm-tooltip-autocomplete ul li[aria-selected]": {
    backgroundColor: "var(--md-accent-fg-color)",
    color: "var(--md-accent-bg-color)",
  },
  ".cm-completionDetail": { fontStyle: "normal", opacity: "0.8", marginLeft: "0.8em" },
});

let labels = { pages: {}, prefixes: {}, vocabularies: {} };

// Prefix help: typing the start of a known prefix offers it; picking it writes `prefix:` and, when the query does
// not declare it yet, adds its PREFIX line at the top (Oxigraph, like any endpoint, predeclares none).
function prefixCompletions(context) {
  const word = context.matchBefore(/[A-Za-z][\w-]*:?/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  const before = context.state.sliceDoc(Math.max(0, word.from - 1), word.from);
  if (/[?$<"'\w]/.test(before)) return null; // a variable, an IRI, a string or inside a name
  const known = { ...labels.prefixes };
  for (const [namespace, prefix] of Object.entries(labels.vocabularies)) known[prefix] ??= namespace;
  const options = Object.entries(known)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([prefix, namespace]) => ({
      label: `${prefix}:`,
      detail: namespace,
      type: "namespace",
      apply: (view, completion, from, to) => {
        const changes = [{ from, to, insert: `${prefix}:` }];
        const declared = new RegExp(`^\\s*PREFIX\\s+${prefix}:`, "im").test(view.state.doc.toString());
        if (!declared) changes.push({ from: 0, insert: `PREFIX ${prefix}: <${namespace}>\n` });
        const shift = declared ? 0 : `PREFIX ${prefix}: <${namespace}>\n`.length;
        view.dispatch({ changes, selection: { anchor: from + shift + prefix.length + 1 } });
      },
    }));
  return { from: word.from, options, validFor: /^[\w-]*:?$/ };
}

function startEditor(text) {
  const textarea = part("mcg-query-text");
  const label = box.querySelector(".mcg-query__label");
  label.id = "mcg-query-label";
  label.removeAttribute("for");
  const view = new EditorView({
    doc: text,
    parent: textarea.parentNode,
    extensions: [
      keymap.of([{ key: "Mod-Enter", run: () => (runQuery(), true) }]),
      lineNumbers(),
      history(),
      drawSelection(),
      bracketMatching(),
      closeBrackets(),
      sparql(),
      syntaxHighlighting(highlight),
      autocompletion({ override: [prefixCompletions] }),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
      theme,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-labelledby": "mcg-query-label", "aria-multiline": "true" }),
      EditorView.updateListener.of((update) => update.docChanged && keepInUrl(update.state.doc.toString())),
    ],
  });
  textarea.parentNode.insertBefore(view.dom, textarea);
  textarea.remove();
  return view;
}

// --- the query in the URL ------------------------------------------------------------------------------------

function queryFromUrl() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  return fragment.get("query");
}

let urlTimer = 0;
function keepInUrl(text) {
  clearTimeout(urlTimer);
  // window.history: `history` in this module is the editor's undo history
  urlTimer = setTimeout(() => window.history.replaceState(null, "", "#query=" + encodeURIComponent(text)), 250);
}

// --- the engine ---------------------------------------------------------------------------------------------

let worker = null;
let ready = false;
let waiting = null; // { id, resolve } of the query the worker is running
let asked = 0;

function startWorker() {
  ready = false;
  runButton.disabled = true;
  worker = new Worker(new URL("query-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === "ready") {
      ready = true;
      runButton.disabled = false;
      box.dataset.ready = "true";
      box.dataset.loadMs = String(Math.round(message.ms));
      say(`Ready: ${message.triples.toLocaleString("en")} triples loaded in ${seconds(message.ms)}.`);
    } else if (message.type === "failed") {
      showError(`The glossary could not be loaded: ${message.message}`);
      say("Not ready.");
    } else if (waiting && message.id === waiting.id) {
      const done = waiting.resolve;
      waiting = null;
      done(message);
    }
  };
  worker.postMessage({ type: "load", wasm: absolute(box.dataset.assets + "oxigraph/web_bg.wasm"), data: absolute(box.dataset.data) });
  say("Loading the engine and the glossary…");
}

function ask(query, format) {
  return new Promise((resolve) => {
    asked += 1;
    waiting = { id: asked, resolve };
    worker.postMessage({ type: "run", id: asked, query, format });
  });
}

function stop() {
  if (!waiting) return;
  worker.terminate();
  const done = waiting.resolve;
  waiting = null;
  done({ type: "stopped" });
  delete box.dataset.ready;
  startWorker();
}

// The form decides the result format (SPARQL JSON for SELECT and ASK, Turtle for graphs). Read from the text
// with IRIs, strings and comments blanked; a wrong guess only costs a second run (see runQuery).
function guessForm(text) {
  const plain = text.replace(
    /<[^<>"{}|^`\\\s]*>|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g,
    " ",
  );
  const found = /(?<![\w:?$-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])/i.exec(plain);
  return found ? found[1].toUpperCase() : "SELECT";
}

// --- running a query ---------------------------------------------------------------------------------------

let lastQuery = "";

async function runQuery() {
  if (!ready || waiting) return;
  const text = editor.state.doc.toString();
  const started = performance.now();
  keepInUrl(text);
  hideError();
  runButton.disabled = true;
  stopButton.hidden = false;
  say("Running…");
  delete box.dataset.done;
  try {
    let reply = await ask(text, GRAPH_FORMS.has(guessForm(text)) ? "ttl" : "json");
    if (reply.type === "error" && /results format/i.test(reply.message)) reply = await ask(text, "json");
    let data = null;
    if (reply.type === "result" && reply.format === "json") {
      data = JSON.parse(reply.text);
      if (Array.isArray(data)) reply = await ask(text, "ttl"); // JSON-LD: a graph after all
    }
    if (reply.type === "stopped") {
      say("Stopped; loading the glossary again…");
      return;
    }
    if (reply.type === "error") {
      showError(reply.message);
      say("The query did not run.");
      return;
    }
    lastQuery = text;
    await labelsLoaded;
    say("");
    box.dataset.engineMs = reply.ms.toFixed(1); // the query alone, in the worker (the benchmark reads both)
    if (reply.format === "ttl") showGraph(reply.text, reply.ms);
    else if (typeof data.boolean === "boolean") showBoolean(reply.text, data.boolean, reply.ms);
    else showTable(reply.text, data, reply.ms);
  } finally {
    stopButton.hidden = true;
    runButton.disabled = !ready;
    box.dataset.ms = (performance.now() - started).toFixed(1); // from Run to the table shown
    box.dataset.done = String(asked);
  }
}

const SHOWN_ROWS = 1000; // more rows are a click away: a table of 10,000 rows takes the browser about a second

function showTable(text, data, ms) {
  const variables = data.head.vars || [];
  const rows = data.results.bindings;
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const variable of variables) {
    const th = document.createElement("th");
    th.textContent = variable;
    head.appendChild(th);
  }
  const body = table.createTBody();
  const addRows = (from, to) => {
    for (const row of rows.slice(from, to)) {
      const tr = body.insertRow();
      for (const variable of variables) tr.insertCell().append(...cell(row[variable]));
    }
  };
  addRows(0, SHOWN_ROWS);
  const parts = [table];
  if (rows.length > SHOWN_ROWS) {
    const more = document.createElement("button");
    more.type = "button";
    more.className = "md-button";
    more.textContent = `Show all ${rows.length.toLocaleString("en")} rows`;
    more.addEventListener("click", () => {
      addRows(SHOWN_ROWS, rows.length);
      more.remove();
    });
    parts.push(more);
  }
  part("mcg-query-table").replaceChildren(...parts);
  part("mcg-query-graph").hidden = true;
  part("mcg-query-table").parentNode.hidden = false;
  const count = `${rows.length.toLocaleString("en")} row${rows.length === 1 ? "" : "s"}`;
  const shown = rows.length > SHOWN_ROWS ? ` (the first ${SHOWN_ROWS.toLocaleString("en")} shown)` : "";
  summary(`${count} in ${seconds(ms)}${shown}.`);
  downloads([
    ["CSV", "results.csv", "text/csv", null],
    ["SPARQL results JSON", "results.json", "application/sparql-results+json", text],
  ]);
}

function showBoolean(text, value, ms) {
  part("mcg-query-table").parentNode.hidden = true;
  part("mcg-query-graph").hidden = true;
  const strong = document.createElement("strong");
  strong.textContent = value ? "yes (true)" : "no (false)";
  part("mcg-query-summary").replaceChildren("The answer is ", strong, ` (in ${seconds(ms)}).`);
  resultBox.hidden = false;
  downloads([["SPARQL results JSON", "results.json", "application/sparql-results+json", text]]);
}

function showGraph(text, ms) {
  part("mcg-query-table").parentNode.hidden = true;
  // made here, not in the template: Material rebuilds a page's `pre > code` blocks when it loads
  const pre = document.createElement("pre");
  pre.appendChild(document.createElement("code")).textContent = text;
  part("mcg-query-graph").replaceChildren(pre);
  part("mcg-query-graph").hidden = text === "";
  const count = text.split("\n").filter((line) => line.trim().endsWith(" .")).length;
  summary(`A graph of about ${count.toLocaleString("en")} triple${count === 1 ? "" : "s"} in ${seconds(ms)}.`);
  downloads([["Turtle", "results.ttl", "text/turtle", text]]);
}

function summary(text) {
  part("mcg-query-summary").textContent = text;
  resultBox.hidden = false;
}

// As result_cells.py shows a cell: a glossary IRI as its label, linked to its page; another web IRI as its
// prefixed name (a mapped vocabulary's, else one of ours), linked out; any other IRI as code; a literal as text.
function cell(value) {
  if (!value) return [];
  if (value.type === "bnode") return [`_:${value.value}`];
  if (value.type !== "uri") return [value.value];
  const page = labels.pages[value.value];
  if (page) {
    const link = document.createElement("a");
    link.href = box.dataset.root + page[1];
    link.className = `mcg-link mcg-link--${page[2]}`;
    link.title = value.value;
    link.textContent = page[0];
    return [link];
  }
  const code = document.createElement("code");
  code.textContent = shortName(value.value);
  if (!WEB.test(value.value)) {
    code.title = value.value;
    return [code];
  }
  const link = document.createElement("a");
  link.href = value.value;
  link.rel = "external";
  link.title = value.value;
  link.append(code);
  return [link];
}

function shortName(iri) {
  const vocabulary = longest(Object.keys(labels.vocabularies), iri);
  if (vocabulary) {
    const local = iri.slice(vocabulary.length);
    if (local && /^[\p{L}\p{N}]+$/u.test(local.replace(/[_-]/g, ""))) return `${labels.vocabularies[vocabulary]}:${local}`;
  }
  const ours = longest(Object.values(labels.prefixes), iri);
  if (ours) {
    const local = iri.slice(ours.length);
    const prefix = Object.keys(labels.prefixes).find((key) => labels.prefixes[key] === ours);
    if (/^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/.test(local)) return `${prefix}:${local}`;
  }
  return `<${iri}>`;
}

function longest(namespaces, iri) {
  return namespaces.filter((namespace) => iri.startsWith(namespace)).sort((a, b) => b.length - a.length)[0];
}

function downloads(entries) {
  const links = entries.map(([label, name, type, text]) => {
    const link = document.createElement("a");
    link.href = "#";
    link.textContent = label;
    link.className = "mcg-query__download";
    link.dataset.format = name.split(".").pop();
    link.addEventListener("click", async (event) => {
      event.preventDefault();
      if (text === null && waiting) return; // the worker answers one query at a time
      // CSV is written by Oxigraph on demand, from the query that was run (the editor may have changed since)
      const body = text ?? (await ask(lastQuery, "csv")).text;
      if (body === undefined) return;
      const save = document.createElement("a");
      save.href = URL.createObjectURL(new Blob([body], { type }));
      save.download = name;
      save.click();
      setTimeout(() => URL.revokeObjectURL(save.href), 1000);
    });
    return link;
  });
  const line = part("mcg-query-downloads");
  line.replaceChildren("Download the result: ");
  links.forEach((link, index) => line.append(...(index ? [" · ", link] : [link])));
}

// --- messages ----------------------------------------------------------------------------------------------

function say(text) {
  statusLine.textContent = text;
}

function seconds(ms) {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

// Oxigraph's syntax error, "error at LINE:COLUMN: expected ...": the place in words, the reason it names where it
// names one (as `mcg query` does, sparql/query.py), the full text folded under it, and the cursor put at the place.
function showError(message) {
  const place = /^error at (\d+):(\d+): /.exec(message);
  const reasons = message.match(/\b[A-Z][a-z]+(?: [^\s,[\]"']+){2,}/g);
  const heading = document.createElement("p");
  const detail = document.createElement("details"); // Oxigraph's whole message: long lists of expected characters
  detail.appendChild(document.createElement("summary")).textContent = "Oxigraph's full message";
  detail.appendChild(document.createElement("pre")).textContent = message;
  if (place) {
    const [line, column] = [Number(place[1]), Number(place[2])];
    const rest = message.slice(place[0].length);
    heading.textContent = `Line ${line}, column ${column}: ${reasons ? reasons.join("; ") : rest.slice(0, 300)}`;
    errorBox.dataset.line = String(line);
    errorBox.dataset.column = String(column);
    if (line <= editor.state.doc.lines) {
      const at = editor.state.doc.line(line);
      editor.dispatch({ selection: { anchor: at.from + Math.min(Math.max(column - 1, 0), at.length) }, scrollIntoView: true });
    }
  } else {
    heading.textContent = `The query failed: ${message}`;
    delete errorBox.dataset.line;
    delete errorBox.dataset.column;
  }
  errorBox.replaceChildren(heading, detail);
  errorBox.hidden = false;
  resultBox.hidden = true;
}

function hideError() {
  errorBox.hidden = true;
  errorBox.replaceChildren();
}

// --- start --------------------------------------------------------------------------------------------------

const editor = startEditor(queryFromUrl() ?? part("mcg-query-text").value);
runButton.addEventListener("click", runQuery);
stopButton.addEventListener("click", stop);
const labelsLoaded = fetch(box.dataset.labels)
  .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
  .then((data) => {
    labels = data;
  })
  .catch(() => say("The labels could not be loaded: IRIs show in full."));
startWorker();
