// The search page: Dutch full-text search over the pagefind index, with facets.
// Within a facet the ticked values are alternatives (OR: "Memo" or "Rapport"); between
// facets they narrow each other (AND: a memo about this theme). Each value shows how many
// results ticking it would give, so the other values of a facet stay listed once one is
// ticked. The state lives in the address (?q=...&soort=...&soort=...&pagina=2), so a
// search can be shared, reloaded, and walked back and forth with the browser's buttons.
// Values from the index are put in the page as text, never as HTML.

const PAGE_SIZE = 10;
// One copy of each pagefind for the whole visit: with instant navigation the search
// page can be left and opened again without a page load, and the index stays loaded.
let loaded;
let counter;
// This file is <site>/assets/search.js, wherever the page that loads it lives.
const base = new URL("../", import.meta.url);

// Loaded on every page, so that instant navigation (which swaps pages without running
// their scripts) finds it when the search page is opened.
function mountAll() {
  const root = document.querySelector("[data-lessons-search]");
  if (root && !root.dataset.mounted) {
    root.dataset.mounted = "true";
    mount(root);
  }
}

if (window.document$) window.document$.subscribe(mountAll);  // mkdocs-material's page stream
else mountAll();

async function loadCopy(address, options, prepare) {
  const module = await import(new URL(address, base).href);
  await module.options({ baseUrl: base.pathname, ...options });
  await prepare(module);
  return module;
}

function mount(root) {
  const form = root.querySelector("form");
  const input = root.querySelector("input[name=q]");
  const status = root.querySelector(".lessons-search__status");
  const list = root.querySelector(".lessons-search__list");
  const more = root.querySelector(".lessons-search__more");
  const facetBox = root.querySelector(".lessons-search__facets");
  const chosenNote = root.querySelector(".lessons-search__chosen");  // in the fold's summary
  const facets = [...root.querySelectorAll("[data-facet]")];
  const names = facets.map((fieldset) => fieldset.dataset.facet);
  const path = location.pathname;  // the search page's own address, without the state
  // Beside the results on a wide screen; folded above them on a phone. A phone turned
  // to a wide screen unfolds them; the other way round they stay as the visitor left them.
  const wide = matchMedia("(min-width: 60em)");
  facetBox.open = wide.matches;
  wide.addEventListener("change", () => { if (wide.matches) facetBox.open = true; });
  let pagefind;  // results: loads a filter index only for a facet the visitor chose
  let results = [];
  let shown = 0;
  let pages = 1;  // pages of results on screen ("Meer resultaten" adds one)
  let generation = 0;

  // One checkbox per value, made once and then only re-counted: re-rendering a list
  // would take away the focus of the visitor who just ticked a value in it.
  const entries = new Map(facets.map((fieldset) => [fieldset.dataset.facet, new Map(
    [...fieldset.querySelectorAll("li")].map((li) => [li.querySelector("input").value, {
      li, box: li.querySelector("input"), number: li.querySelector(".lessons-count"),
    }]))]));
  // The totals the page was built with (lessons-search.html), shown without a query.
  const totals = Object.fromEntries([...entries].map(([name, values]) => [name,
    Object.fromEntries([...values].map(([value, entry]) => [value,
      Number(entry.number.textContent.replace(/\D/g, ""))]))]));

  function addEntry(name, value) {
    const values = entries.get(name);
    const li = document.createElement("li");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = `facet-${name}-${values.size}`;  // the build numbers its values from 0
    box.value = value;
    const label = document.createElement("label");
    label.htmlFor = box.id;
    const number = document.createElement("span");
    number.className = "lessons-count";
    label.append(value, " ", number);
    li.append(box, label);
    values.set(value, { li, box, number });  // put in its list by renderFacets
  }

  // The values ticked now, as pagefind takes them: { soort: { any: ["Memo", "Rapport"] } }.
  function chosen() {
    const filters = {};
    for (const [name, values] of entries) {
      const ticked = [...values].filter(([, entry]) => entry.box.checked).map(([v]) => v);
      if (ticked.length) filters[name] = { any: ticked };
    }
    return filters;
  }

  function address() {
    const next = new URLSearchParams();
    const query = input.value.trim();
    if (query) next.set("q", query);
    for (const [name, { any }] of Object.entries(chosen())) {
      for (const value of any) next.append(name, value);
    }
    if (pages > 1) next.set("pagina", String(pages));
    const search = next.toString();
    return search ? `${path}?${search}` : path;
  }

  // A new entry in the browser's history for each facet ticked and each search sent;
  // typing and more results change the entry the visitor is on.
  function writeAddress(mode) {
    const next = address();
    if (next === location.pathname + location.search) return;
    if (mode === "push") history.pushState(null, "", next);
    else history.replaceState(history.state, "", next);
  }

  // Tick the boxes and fill the field as the address says (on load, back and forward).
  function restore() {
    const state = new URLSearchParams(location.search);
    input.value = state.get("q") ?? "";
    for (const [name, values] of entries) {
      const wanted = new Set(state.getAll(name));
      for (const value of wanted) if (!values.has(value)) addEntry(name, value);
      for (const [value, entry] of values) entry.box.checked = wanted.has(value);
    }
    pages = Math.max(1, Number.parseInt(state.get("pagina") ?? "1", 10) || 1);
  }

  // counts: { facet: { value: number } }. A value that would give no results is taken
  // out of its list, unless it is ticked (so it can be unticked) or has the focus. The
  // others stay where they are, in the build's order: a list that jumps loses the eye,
  // and an element moved in the page loses the focus.
  function renderFacets(counts) {
    for (const [name, values] of entries) {
      for (const [value, count] of Object.entries(counts[name] ?? {})) {
        if (count > 0 && !values.has(value)) addEntry(name, value);
      }
      const fieldset = facets[names.indexOf(name)];
      const ul = fieldset.querySelector("ul");
      let next = null;  // the listed entry after this one
      let listed = 0;
      for (const [value, entry] of [...values].reverse()) {
        const count = counts[name]?.[value] ?? 0;
        entry.number.textContent = `(${count})`;
        if (count > 0 || entry.box.checked || entry.li.contains(document.activeElement)) {
          if (!entry.li.isConnected) ul.insertBefore(entry.li, next);
          next = entry.li;
          listed += 1;
        } else {
          entry.li.remove();
        }
      }
      fieldset.hidden = listed === 0;
    }
    facetBox.hidden = false;
  }

  // Keep only the text and pagefind's <mark> highlights of an excerpt.
  function excerptNodes(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return [...template.content.childNodes].map((node) => {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        return mark;
      }
      return document.createTextNode(node.textContent);
    });
  }

  function resultItem(data) {
    const li = document.createElement("li");
    li.className = "lessons-search__result";
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.append(link);
    const meta = document.createElement("p");
    meta.className = "lessons-item__meta";
    meta.textContent = [data.meta.soort, data.meta.datum].filter(Boolean).join(" · ");
    const excerpt = document.createElement("p");
    excerpt.className = "lessons-search__excerpt";
    excerpt.append(...excerptNodes(data.excerpt || ""));
    li.append(heading, meta, excerpt);
    return li;
  }

  // Show `count` more results. focus: move the keyboard to the first of them (the
  // "Meer resultaten" button the visitor pressed may disappear).
  async function showMore(run, count, focus) {
    const slice = results.slice(shown, shown + count);
    shown += slice.length;
    more.hidden = true;
    // Fetch all excerpts at once, but show each as soon as it and those above it are in:
    // the first result should not wait for the tenth.
    const pending = slice.map((result) => result.data());
    let first = true;
    for (const data of pending) {
      const item = resultItem(await data);
      if (run !== generation) return;
      list.append(item);
      if (focus && first) item.querySelector("a").focus();
      first = false;
    }
    more.hidden = shown >= results.length;
  }

  function describe(count, query) {
    const noun = count === 1 ? "resultaat" : "resultaten";
    return query ? `${count} ${noun} voor ‘${query}’` : `${count} ${noun}`;
  }

  // Counting facets over thousands of results takes pagefind longer than the search
  // itself (0.5 s against 0.1 s at 5,000 documents), and it needs every filter index.
  // A second copy of pagefind (another module address, so another worker thread) counts
  // after the results are on screen; the next search never waits behind it.
  function counts() {
    counter ??= loadCopy("pagefind/pagefind.js?facetten", {}, (copy) => copy.filters());
    return counter;
  }

  // The counts of a facet are those of the search with every OTHER facet's choice: what
  // ticking a value would give, whatever else of the same facet is ticked. One search
  // counts all facets with nothing ticked; each facet with a ticked value needs its own.
  async function countFacets(run, query, filters) {
    try {
      const copy = await counts();
      const countWith = async (others) => {
        if (!query && !Object.keys(others).length) return copy.filters();  // everything
        return (await copy.search(query || null, { filters: others }))?.filters;
      };
      const counted = {};
      const open = names.filter((name) => !filters[name]);
      const jobs = [[filters, open], ...names.filter((name) => filters[name]).map((name) => {
        const others = { ...filters };
        delete others[name];
        return [others, [name]];
      })];
      for (const [others, named] of jobs) {
        if (!named.length) continue;
        const found = await countWith(others);
        if (run !== generation || !found) return;
        for (const name of named) counted[name] = found[name] ?? {};
      }
      renderFacets(counted);
    } catch (error) {
      counter = undefined;  // try again with the next search
      console.error(error);  // the results stand; only the counts are not refreshed
    } finally {
      if (run === generation) facetBox.removeAttribute("aria-busy");
    }
  }

  async function run() {
    // Instant navigation may have replaced this page while a search was queued.
    if (!root.isConnected) return;
    const run = ++generation;
    const query = input.value.trim();
    const filters = chosen();
    const wanted = pages * PAGE_SIZE;
    // Folded on a phone, the filters still say that some narrow the results.
    const ticks = Object.values(filters).reduce((sum, { any }) => sum + any.length, 0);
    chosenNote.textContent = ticks ? ` (${ticks} gekozen)` : "";
    if (!query && !Object.keys(filters).length) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Typ een zoekterm of kies een soort, thema, organisatie, jaar of stand van opvolging.";
      renderFacets(totals);
      facetBox.removeAttribute("aria-busy");
      return;
    }
    const options = { filters, sort: query ? undefined : { datum: "desc" } };
    facetBox.setAttribute("aria-busy", "true");  // until counted for this search
    const search = await pagefind.search(query || null, options);
    if (run !== generation || !search) return;
    results = search.results;
    shown = 0;
    list.replaceChildren();
    // The polite live region: screen readers hear the count, focus stays where it is.
    status.textContent = describe(results.length, query);
    await showMore(run, wanted, false);
    if (run === generation) countFacets(run, query, filters);
  }

  // Search at once when the visitor types and no search is running; while one runs,
  // keep only the newest words and search for them when it is done. A one- or
  // two-letter prefix matches too much to be worth a search of its own: wait for a pause.
  let running = false;
  let again = false;
  let timer;
  async function searchNow() {
    clearTimeout(timer);
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await run();
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      searchNow();
    }
  }

  function typed() {
    const query = input.value.trim();
    pages = 1;
    writeAddress("replace");
    clearTimeout(timer);
    if (query.length > 0 && query.length < 3) {
      pagefind.preload(query);
      timer = setTimeout(searchNow, 150);
    } else {
      searchNow();
    }
  }

  function ticked() {
    pages = 1;
    writeAddress("push");
    searchNow();
  }

  function submitted(event) {
    event.preventDefault();
    pages = 1;
    writeAddress("push");
    searchNow();
  }

  function moreShown() {
    pages += 1;
    writeAddress("replace");
    showMore(generation, PAGE_SIZE, true);
  }

  // Back and forward between states of this page (the document stays; with instant
  // navigation the theme loads any other page itself).
  function walked() {
    if (!root.isConnected) {
      window.removeEventListener("popstate", walked);
      return;
    }
    if (location.pathname !== path) return;
    restore();
    searchNow();
  }

  async function start() {
    status.textContent = "Zoeken wordt geladen…";
    loaded ??= loadCopy("pagefind/pagefind.js", { excerptLength: 30 }, (copy) => copy.init());
    pagefind = await loaded;
    // A visitor may have typed while the index was loading: keep their words.
    const typedBefore = input.value;
    restore();
    if (typedBefore) input.value = typedBefore;
    if (Object.keys(chosen()).length) facetBox.open = true;  // show what narrows the results
    renderFacets(totals);
    form.addEventListener("submit", submitted);
    input.addEventListener("input", typed);
    facetBox.addEventListener("change", ticked);
    more.addEventListener("click", moreShown);
    window.addEventListener("popstate", walked);
    if (typedBefore) writeAddress("replace");
    await searchNow();
  }

  start().catch((error) => {
    loaded = undefined;  // the next visit to the search page tries again
    status.textContent = "Zoeken is nu niet beschikbaar. Blader via thema, organisatie, soort of jaar.";
    console.error(error);
  });
}
