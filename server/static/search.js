// Suggestions as one types in the search box: /api/suggest (the name index: names, aliases, their
// words' beginnings, near spellings) grouped by kind, each a link to the entity's page. Arrow keys
// move through them, Enter opens the one chosen, Escape closes the list. Needs results.js (pageOf).
const KIND_HEADINGS = {actor: "Actors", topic: "Topics"};
const SUGGEST_DELAY_MS = 120;

function suggestionBox(input, list) {
  let asked = 0, timer = null;

  const options = () => [...list.querySelectorAll("[role=option]")];
  const active = () => list.querySelector("[role=option].active");

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function choose(option) {
    options().forEach(o => o.classList.toggle("active", o === option));
    if (option) { input.setAttribute("aria-activedescendant", option.id); option.scrollIntoView({block: "nearest"}); }
  }

  function render(suggestions) {
    list.innerHTML = "";
    if (!suggestions.length) { close(); return; }
    let n = 0;
    Object.keys(KIND_HEADINGS).forEach(kind => {
      const ofKind = suggestions.filter(s => s.kind === kind);
      if (!ofKind.length) return;
      const group = document.createElement("div"), heading = document.createElement("div");
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", "suggest-" + kind);
      heading.id = "suggest-" + kind; heading.className = "suggest-kind"; heading.textContent = KIND_HEADINGS[kind];
      group.appendChild(heading);
      ofKind.forEach(s => {
        const a = document.createElement("a");
        a.setAttribute("role", "option");
        a.id = "suggestion-" + n++;
        a.href = pageOf(s.iri);
        a.textContent = s.label;
        if (s.matched.toLowerCase() !== s.label.toLowerCase()) {
          const why = document.createElement("small"); why.textContent = s.matched; a.appendChild(why);
        }
        group.appendChild(a);
      });
      list.appendChild(group);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  async function ask(text) {
    const mine = ++asked;
    const r = await fetch("/api/suggest?" + new URLSearchParams({q: text}));
    const body = r.ok ? await r.json() : {suggestions: []};
    if (mine === asked) render(body.suggestions);        // an older answer arriving late is dropped
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) { asked++; close(); return; }
    timer = setTimeout(() => ask(text).catch(close), SUGGEST_DELAY_MS);
  });
  input.addEventListener("keydown", e => {
    const all = options(), at = all.indexOf(active());
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden || !all.length) return;
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      choose(all[(at + step + all.length) % all.length]);
    } else if (e.key === "Enter" && !list.hidden && at >= 0) {
      e.preventDefault();
      window.location.href = all[at].href;
    } else if (e.key === "Escape") {
      close();
    }
  });
  list.addEventListener("mousedown", e => e.preventDefault());   // a click keeps the focus, so blur does not close first
  input.addEventListener("blur", close);
  return {close};
}

// No statement by or on `text` itself: say so, with the actors and topics it may mean as links
// (a family name alone, a part of a name, a typo), rather than an empty table.
async function showNoStatements(out, text) {
  const r = await fetch("/api/suggest?" + new URLSearchParams({q: text}));
  const found = r.ok ? (await r.json()).suggestions : [];
  out.innerHTML = "";
  const p = document.createElement("p");
  p.className = "nothing";
  p.textContent = `No statement by or on “${text}”` + (found.length ? ". Perhaps: " : ".");
  found.forEach((s, i) => {
    const a = document.createElement("a");
    a.href = pageOf(s.iri);
    a.textContent = s.label;
    p.append(i ? ", " : "", a, ` (${s.kind})`);
  });
  out.appendChild(p);
  (out.closest("section") || out).scrollIntoView({block: "start"});
}
