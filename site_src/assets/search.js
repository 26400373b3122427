// The search page: Dutch full-text search over the pagefind index, with facets.
// State lives in the address (?q=...&thema=...), so a search can be shared and the
// back button works. Values from the index are put in the page as text, never as HTML.

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
  const facets = [...root.querySelectorAll("[data-facet]")];
  // Beside the results on a wide screen; folded above them on a phone.
  facetBox.open = matchMedia("(min-width: 60em)").matches;
  let pagefind;  // results: loads a filter index only for a facet the visitor chose
  let results = [];
  let shown = 0;
  let generation = 0;
  // The totals the page was built with (lessons-search.html), shown without a query.
  const totals = Object.fromEntries(facets.map((fieldset) => [fieldset.dataset.facet,
    Object.fromEntries([...fieldset.querySelectorAll("li")].map((li) => [
      li.querySelector("input").value,
      Number(li.querySelector(".lessons-count").textContent.replace(/\D/g, "")),
    ]))]));

  const params = () => new URLSearchParams(location.search);

  function chosen() {
    const filters = {};
    for (const fieldset of facets) {
      const name = fieldset.dataset.facet;
      const values = [...fieldset.querySelectorAll("input:checked")].map((box) => box.value);
      if (values.length) filters[name] = { any: values };
    }
    return filters;
  }

  function writeAddress(query, filters) {
    const next = new URLSearchParams();
    if (query) next.set("q", query);
    for (const [name, { any }] of Object.entries(filters)) {
      for (const value of any) next.append(name, value);
    }
    const search = next.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
  }

  function renderFacets(counts, filters) {
    for (const fieldset of facets) {
      const name = fieldset.dataset.facet;
      const selected = new Set(filters[name]?.any ?? []);
      const entries = Object.entries(counts[name] ?? {})
        .filter(([value, count]) => count > 0 || selected.has(value));
      entries.sort(name === "jaar"
        ? (a, b) => b[0].localeCompare(a[0])
        : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "nl"));
      const ul = fieldset.querySelector("ul");
      ul.replaceChildren(...entries.map(([value, count], i) => {
        const li = document.createElement("li");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.id = `facet-${name}-${i}`;
        box.value = value;
        box.checked = selected.has(value);
        const label = document.createElement("label");
        label.htmlFor = box.id;
        label.append(value, " ");
        const number = document.createElement("span");
        number.className = "lessons-count";
        number.textContent = `(${count})`;
        label.append(number);
        li.append(box, label);
        return li;
      }));
      fieldset.hidden = entries.length === 0;
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

  async function showMore(run) {
    const slice = results.slice(shown, shown + PAGE_SIZE);
    shown += slice.length;
    more.hidden = true;
    // Fetch all excerpts at once, but show each as soon as it and those above it are in:
    // the first result should not wait for the tenth.
    const pending = slice.map((result) => result.data());
    for (const data of pending) {
      const item = resultItem(await data);
      if (run !== generation) return;
      list.append(item);
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

  async function countFacets(run, query, options, filters) {
    try {
      const counted = await (await counts()).search(query || null, options);
      if (run === generation && counted) renderFacets(counted.filters, filters);
    } catch (error) {
      counter = undefined;  // try again with the next search
      console.error(error);  // the results stand; only the counts are not refreshed
    } finally {
      if (run === generation) facetBox.removeAttribute("aria-busy");
    }
  }

  async function run() {
    // Instant navigation may have replaced this page while a search was queued: the
    // address now belongs to another page and must not be rewritten.
    if (!root.isConnected) return;
    const run = ++generation;
    const query = input.value.trim();
    const filters = chosen();
    writeAddress(query, filters);
    if (!query && !Object.keys(filters).length) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Typ een zoekterm of kies een soort, thema, organisatie, jaar of stand van opvolging.";
      renderFacets(totals, filters);
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
    status.textContent = describe(results.length, query);
    await showMore(run);
    if (run === generation) countFacets(run, query, options, filters);
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
    clearTimeout(timer);
    if (query.length > 0 && query.length < 3) {
      pagefind.preload(query);
      timer = setTimeout(searchNow, 150);
    } else {
      searchNow();
    }
  }

  async function start() {
    status.textContent = "Zoeken wordt geladen…";
    loaded ??= loadCopy("pagefind/pagefind.js", { excerptLength: 30 }, (copy) => copy.init());
    pagefind = await loaded;
    const state = params();
    // A visitor may have typed while the index was loading: keep their words.
    input.value = input.value || (state.get("q") ?? "");
    const initial = {};
    for (const fieldset of facets) {
      const values = state.getAll(fieldset.dataset.facet);
      if (values.length) initial[fieldset.dataset.facet] = { any: values };
    }
    // Tick the facets chosen in the address before the first search reads them.
    renderFacets(totals, initial);
    if (Object.keys(initial).length) facetBox.open = true;  // show what narrows the results
    form.addEventListener("submit", (event) => { event.preventDefault(); searchNow(); });
    input.addEventListener("input", typed);
    facetBox.addEventListener("change", searchNow);
    more.addEventListener("click", () => showMore(generation));
    await searchNow();
  }

  start().catch((error) => {
    loaded = undefined;  // the next visit to the search page tries again
    status.textContent = "Zoeken is nu niet beschikbaar. Blader via thema, organisatie, soort of jaar.";
    console.error(error);
  });
}
