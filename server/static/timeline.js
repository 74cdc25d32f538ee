// The timeline: every dated statement and event of the `timeline` query, one row (group) per kind,
// the row names being the legend. A statement reads "speaker — stance — topic", an event its
// label; the quote or the event's subject shows on hover. Zoomed with the wheel, panned by
// dragging, scrolled down when the items stack higher than the box; an item clicked opens its page
// (pageOf, from results.js). It opens on the years most items fall in (a few historical ones,
// a treaty of 1972, would otherwise squeeze the rest into a stack); "All years" shows every item.
// The timeline is kept on its container (`.visTimeline`) for the tests.
const KINDS = {"statement": "statements", "event": "events", "treaty event": "treaty steps"};

function timelineItem(b, i) {
  const value = v => (b[v] ? b[v].value : "");
  const statement = value("kind") === "statement";
  const content = statement ? [value("actors"), value("stanceLabel"), value("subjectLabel")].filter(Boolean).join(" — ")
                            : value("label");
  const item = {id: i, group: value("kind"), content: document.createElement("a"),
                title: statement ? "“" + value("label") + "”" : [value("label"), value("subjectLabel")].filter(Boolean).join(": "),
                start: value("date").length === 4 ? value("date") + "-01-01" : value("date"), iri: value("item")};
  item.content.href = pageOf(item.iri);
  item.content.textContent = content;
  if (statement && b.stance) item.className = "stance-item stance-" + localName(b.stance.value);
  return item;
}

const YEAR = 365.25 * 24 * 3600 * 1000;

// The window from the 10th to the 90th percentile of the items' dates, a tenth wider each side
// (a year at least); null for fewer than ten items, which fit as they are.
function busiestYears(items) {
  const times = items.map(i => Date.parse(i.start)).filter(Number.isFinite).sort((a, b) => a - b);
  if (times.length < 10) return null;
  const low = times[Math.floor(times.length * 0.1)], high = times[Math.ceil(times.length * 0.9) - 1];
  const pad = Math.max(YEAR, (high - low) / 10);
  return {start: new Date(low - pad), end: new Date(high + pad)};
}

function timelineButtons(container, widget) {
  const bar = document.createElement("div");
  bar.className = "timeline-buttons";
  for (const [label, act] of [["All years", () => widget.fit()], ["Zoom in", () => widget.zoomIn(0.5)],
                              ["Zoom out", () => widget.zoomOut(0.5)]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.addEventListener("click", act);
    bar.appendChild(button);
  }
  container.before(bar);
}

function statementTimeline(container, body) {
  const items = body.results.bindings.map(timelineItem);
  const groups = Object.entries(KINDS).filter(([kind]) => items.some(i => i.group === kind))
                       .map(([kind, name]) => ({id: kind, content: name}));
  const widget = new vis.Timeline(container, items, groups, {
    maxHeight: 460, verticalScroll: true, zoomKey: "ctrlKey", horizontalScroll: true, stack: true,
    margin: {item: {horizontal: 2, vertical: 4}}, orientation: {axis: "top"}, tooltip: {followMouse: true},
    ...(busiestYears(items) || {}),
  });
  timelineButtons(container, widget);
  widget.on("click", e => {
    const item = items.find(i => i.id === e.item);
    if (item && item.iri) window.location.href = pageOf(item.iri);
  });
  container.visTimeline = widget;
  return widget;
}
