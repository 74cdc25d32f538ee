// SPARQL results as a table people read: shared by the home page and the canned-query pages, so
// that every result shows labels and links the same way. The page's <script> tag carries the base
// under which the graph mints IRIs (data-base), which decides where an IRI is shown.
const BASE = document.currentScript.dataset.base, CURATED = "https://w3id.org/whosaid/id/",
      STANCE = "https://w3id.org/whosaid/stance/";
const JSON_RESULTS = {headers: {"Accept": "application/sparql-results+json"}};

// Where this server shows an IRI (as server/linked_data.py's link()): a minted IRI at its own path,
// a curated name at /id/NAME, anything else at /resource.
function pageOf(iri) {
  if (iri.startsWith(BASE + "id/")) return "/" + iri.slice(BASE.length);
  const name = iri.startsWith(CURATED) ? iri.slice(CURATED.length) : "";
  if (name && !name.includes("/")) return "/id/" + name;
  return "/resource?iri=" + encodeURIComponent(iri);
}

function localName(iri) { return decodeURIComponent(iri.split(/[#/]/).filter(Boolean).pop() || iri); }

// A cell: an IRI as a link named by its label column (xLabel) or its last segment, a stance as a
// coloured badge; never the raw IRI as text.
function cell(td, term, label) {
  if (!term) { if (label) td.textContent = label.value; return; }     // a label alone: an alias, say
  if (term.type !== "uri") { td.textContent = term.value; return; }
  const a = document.createElement("a");
  a.href = pageOf(term.value);
  a.title = term.value;
  if (term.value.startsWith(STANCE)) { a.className = "badge stance-" + localName(term.value); }
  a.textContent = label ? label.value : localName(term.value);
  td.appendChild(a);
}

// Results into `out` (a label column folded into the column it names, empty columns left out),
// with the row count, scrolled into view unless `scroll` is false.
function showResults(out, body, scroll = true) {
  out.innerHTML = "";
  if ("boolean" in body) { out.textContent = String(body.boolean); return; }
  const all = body.head.vars, labelled = new Set(all.filter(v => all.includes(v + "Label")).map(v => v + "Label"));
  const vars = all.filter(v => !labelled.has(v) && body.results.bindings.some(b => b[v] || b[v + "Label"]));
  const wrap = document.createElement("div"), t = document.createElement("table");
  wrap.className = "table-wrap"; t.className = "results";
  const head = t.createTHead().insertRow();
  vars.forEach(v => { const th = document.createElement("th"); th.textContent = v; th.className = "col-" + v; head.appendChild(th); });
  const rows = t.createTBody();
  body.results.bindings.forEach(b => {
    const row = rows.insertRow();
    vars.forEach(v => { const td = row.insertCell(); td.className = "col-" + v; td.dataset.label = v; cell(td, b[v], b[v + "Label"]); });
  });
  wrap.appendChild(t);
  out.appendChild(wrap);
  const n = document.createElement("p"); n.className = "count"; n.textContent = body.results.bindings.length + " rows"; out.appendChild(n);
  if (scroll) (out.closest("section") || out).scrollIntoView({block: "start"});
}

function showError(out, err) {
  out.innerHTML = "";
  const p = document.createElement("p"); p.className = "error"; p.textContent = err.message; out.appendChild(p);
  (out.closest("section") || out).scrollIntoView({block: "start"});
}

// A canned query's results as SPARQL JSON; an Error with the server's detail when it refuses.
async function canned(name, params) {
  const r = await fetch("/queries/" + name + "?" + new URLSearchParams(params), JSON_RESULTS);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.detail : r.statusText);
  return body;
}

// A form's filled-in fields, the parameters of a canned query.
function formParams(form) { return Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== "")); }
