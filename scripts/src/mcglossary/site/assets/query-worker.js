// The query page's engine: Oxigraph (WebAssembly) in a worker, so a long query never freezes the page and Stop can
// end it (the page terminates this worker and starts another). It loads the site's N-Triples download, the bytes
// `mcg query` reads, and answers with Oxigraph's own result writers (SPARQL JSON and CSV, Turtle for graphs).
import init, { Store, parse } from "./oxigraph/web.js";

let store = null;

async function load(message) {
  const started = performance.now();
  try {
    // the wasm's bytes, not a streamed response: a server need not know the application/wasm type
    const [wasm, data] = await Promise.all([
      fetch(message.wasm).then((response) => checked(response).arrayBuffer()),
      fetch(message.data).then((response) => checked(response).arrayBuffer()),
    ]);
    await init({ module_or_path: wasm });
    // parse() keeps the file's blank node labels, as the CLI's store does (Store.load would rename them)
    store = new Store(parse(new Uint8Array(data), { format: "application/n-triples" }));
    postMessage({ type: "ready", triples: store.size, ms: performance.now() - started });
  } catch (error) {
    postMessage({ type: "failed", message: String(error && error.message ? error.message : error) });
  }
}

function checked(response) {
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response;
}

function run(message) {
  const started = performance.now();
  try {
    const text = store.query(message.query, { results_format: message.format });
    postMessage({ type: "result", id: message.id, text, format: message.format, ms: performance.now() - started });
  } catch (error) {
    postMessage({ type: "error", id: message.id, format: message.format, message: String(error.message || error) });
  }
}

onmessage = (event) => {
  if (event.data.type === "load") load(event.data);
  else if (event.data.type === "run") run(event.data);
};
