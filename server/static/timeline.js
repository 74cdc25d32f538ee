// The timeline: every dated statement and event of the `timeline` query, one row (group) per kind,
// the row names being the legend. A statement reads "speaker — stance — topic", an event its
// label; the quote or the event's subject shows on hover. Zoomed with the wheel, panned by
// dragging, scrolled down when the items stack higher than the box; an item clicked opens its page
// (pageOf, from results.js). The timeline is kept on its container (`.visTimeline`) for the tests.
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

function statementTimeline(container, body) {
  const items = body.results.bindings.map(timelineItem);
  const groups = Object.entries(KINDS).filter(([kind]) => items.some(i => i.group === kind))
                       .map(([kind, name]) => ({id: kind, content: name}));
  const widget = new vis.Timeline(container, items, groups, {
    maxHeight: 460, verticalScroll: true, zoomKey: "ctrlKey", horizontalScroll: true, stack: true,
    margin: {item: {horizontal: 2, vertical: 4}}, orientation: {axis: "top"}, tooltip: {followMouse: true},
  });
  widget.on("click", e => {
    const item = items.find(i => i.id === e.item);
    if (item && item.iri) window.location.href = pageOf(item.iri);
  });
  container.visTimeline = widget;
  return widget;
}
