// The SPARQL editor (YASGUI) made for this dataset: tabs and history kept in the browser, the
// data's prefixes and the ontology's classes and properties completed from this server (never
// prefix.cc or LOV), the canned queries to open as examples, literals shown as their values and a
// bar chart for any result with a number column.

const MAX_TABS = 12;          // the oldest tab closes when a 13th opens, so storage stays bounded
const MAX_BARS = 50;

// What the editor asks this server for, once per page: the ontology's classes and properties
// (shared by both completers) and the canned queries as they run for their examples.
const fetched = {};
function once(path) {
  fetched[path] = fetched[path] || fetch(path, {headers: {Accept: "application/json"}})
    .then(r => { if (!r.ok) throw new Error(`${path} answered ${r.status}`); return r.json(); });
  return fetched[path];
}
const terms = () => once("/editor/terms");

function ontologyCompleter(from, kind) {
  Yasgui.Yasqe.forkAutocompleter(from, {
    name: `ontology-${kind}`, bulk: true, persistenceId: null,
    get: () => terms().then(t => t[kind]),
  }, true);
}

// A bar per row: the first column that holds a number in every row, labelled by the first other
// column. Offered for results of up to MAX_BARS rows.
class BarChart {
  constructor(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = "Chart";
  }

  columns() {
    const results = this.yasr.results;
    if (!results || !results.getVariables || !results.getBindings) return null;
    const rows = results.getBindings() || [];
    if (!rows.length || rows.length > MAX_BARS) return null;
    const variables = results.getVariables();
    const isNumber = b => b && b.type !== "uri" && b.value.trim() !== "" && Number.isFinite(Number(b.value));
    const value = variables.find(v => rows.every(r => isNumber(r[v])));
    if (!value) return null;
    const label = variables.find(v => v !== value);
    return {rows, value, label};
  }

  canHandleResults() { return this.columns() !== null; }

  draw() {
    const {rows, value, label} = this.columns();
    const most = Math.max(...rows.map(r => Number(r[value].value)), 0) || 1;
    const chart = document.createElement("figure");
    chart.className = "bar-chart";
    const caption = document.createElement("figcaption");
    caption.textContent = label ? `${value} by ${label}` : value;
    chart.appendChild(caption);
    for (const row of rows) {
      const n = Number(row[value].value);
      const line = document.createElement("div");
      line.className = "bar-row";
      const name = document.createElement("span");
      name.className = "bar-label";
      name.textContent = label && row[label] ? row[label].value : "";
      const bar = document.createElement("span");
      bar.className = "bar";
      bar.style.width = `${Math.max(0, n) / most * 100}%`;
      const figure = document.createElement("span");
      figure.className = "bar-value";
      figure.textContent = row[value].value;
      line.append(name, bar, figure);
      chart.appendChild(line);
    }
    this.yasr.resultsEl.appendChild(chart);
  }

  getIcon() {
    const icon = document.createElement("span");
    icon.textContent = "▮";
    return icon;
  }
}

function closeOldestTabs(yasgui) {
  const ids = yasgui.persistentConfig.getTabs();
  const active = yasgui.persistentConfig.currentId();
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_TABS))) {
    if (id !== active && yasgui.getTab(id)) yasgui.getTab(id).close();
  }
}

// `linked`: a query to open in its own tab (a query page's "open in the editor"), or null.
function sparqlEditor(element, picker, {example, linked}) {
  ontologyCompleter("class", "classes");
  ontologyCompleter("property", "properties");
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables", "ontology-classes", "ontology-properties"];
  Yasgui.Yasr.registerPlugin("chart", BarChart);
  Yasgui.Yasr.defaults.pluginOrder = ["table", "chart", "response"];
  // Each tab's results take Yasr's defaults, not Yasgui's options: the table starts in its
  // "simple view" (5, not "5"^^xsd:integer) until one unticks it.
  Yasgui.Yasr.defaults.plugins.table.dynamicConfig = {compact: true};
  const yasgui = new Yasgui(element, {
    requestConfig: {endpoint: "/sparql", method: "POST"},
    copyEndpointOnNewTab: false,
    populateFromUrl: false,
    yasqe: {value: example, autofocus: false, prefixCcApi: "/editor/prefixes"},
  });
  yasgui.on("tabAdd", () => closeOldestTabs(yasgui));
  // A query opened again goes to its tab, unless that tab's text has since been edited.
  const open = (name, query) => {
    const same = yasgui.persistentConfig.getTabs().map(id => yasgui.getTab(id))
      .find(tab => tab && tab.getName() === name && tab.getQuery() === query);
    return same ? yasgui.selectTabId(same.getId()) : yasgui.addTab(true, {name, yasqe: {value: query}});
  };
  if (linked !== null) open("Linked query", linked);
  picker.addEventListener("change", () => {
    const name = picker.value;
    picker.value = "";
    if (name) once("/editor/examples").then(examples => open(name, examples[name]));
  });
  return yasgui;
}
