// The actor network: actors linked by the topics they both took positions on. Laid out once and
// then held still (labels do not drift over each other), fitted so that every actor is in view,
// zoomed and panned with the mouse, the keyboard or the buttons; an actor clicked opens its page
// (pageOf, from results.js). The network is kept on its container (`.visNetwork`) for the tests.
const EDGE_COLOURS = {disagree: "#c0392b", agree: "#27ae60", neither: "#999"};

function actorNetwork(container, body) {
  const nodes = new Map(), edges = [];
  const name = (b, v) => b[v + "Label"] ? b[v + "Label"].value : localName(b[v].value);
  body.results.bindings.forEach(b => {
    for (const v of ["actorA", "actorB"]) {
      const iri = b[v].value, node = nodes.get(iri) || {id: iri, label: name(b, v), title: name(b, v), value: 0};
      node.value += +b.weight.value;
      nodes.set(iri, node);
    }
    const weight = +b.weight.value, agree = +b.agree.value, disagree = +b.disagree.value;
    edges.push({from: b.actorA.value, to: b.actorB.value, value: weight,
                color: {color: EDGE_COLOURS[disagree ? "disagree" : agree ? "agree" : "neither"]},
                title: `${weight} shared topic(s), ${agree} agreed, ${disagree} opposed`});
  });
  const network = new vis.Network(container, {nodes: [...nodes.values()], edges: edges}, {
    nodes: {shape: "dot", scaling: {min: 6, max: 24, label: {enabled: false}}, font: {size: 13, background: "rgba(255,255,255,.8)"}},
    edges: {scaling: {min: 1, max: 6}, smooth: false},
    layout: {randomSeed: 1, improvedLayout: true},
    physics: {solver: "forceAtlas2Based", forceAtlas2Based: {gravitationalConstant: -80, springLength: 120, avoidOverlap: 1},
              stabilization: {iterations: 400, fit: true}},
    interaction: {navigationButtons: true, keyboard: {enabled: true, bindToWindow: false}, hover: true, tooltipDelay: 150},
  });
  network.once("stabilizationIterationsDone", () => { network.setOptions({physics: false}); network.fit(); });
  network.on("click", e => { if (e.nodes.length) window.location.href = pageOf(e.nodes[0]); });
  network.on("hoverNode", () => { container.style.cursor = "pointer"; });
  network.on("blurNode", () => { container.style.cursor = ""; });
  container.visNetwork = network;
  return network;
}
