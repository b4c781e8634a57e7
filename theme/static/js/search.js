// Search over the Pagefind index built with the site. Loaded only by the search page; the
// rest of the site needs no script. Results are built with DOM calls: nothing from the index is
// ever parsed into live HTML.
const form = document.getElementById("search-form");
const input = document.getElementById("search-query");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const MAX_RESULTS = 30;
let pagefind = null;
let latest = 0;

function checked(name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
}

function filters() {
  const out = {};
  for (const name of ["topic", "outlet"]) {
    const values = checked(name);
    if (values.length) out[name] = { any: values };
  }
  return out;
}

// The excerpt marks the matched words with <mark>; keep those and plain text, nothing else.
function excerptNode(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const p = document.createElement("p");
  p.className = "summary";
  for (const node of parsed.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    } else {
      p.append(document.createTextNode(node.textContent));
    }
  }
  return p;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

// "2020-02-29" -> "29 February 2020", as the pages write dates.
function readableDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return year && month && day ? `${day} ${MONTHS[month - 1]} ${year}` : iso;
}

function resultItem(data) {
  const li = document.createElement("li");
  const h = document.createElement("h2");
  h.className = "article-title";
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta.title || data.url;
  h.append(a);
  const by = document.createElement("p");
  by.className = "byline";
  const outlet = (data.filters.outlet || [])[0];
  const when = readableDate(data.meta.date || "");
  by.textContent = [outlet, when].filter(Boolean).join(" · ");
  li.append(h, by, excerptNode(data.excerpt || ""));
  return li;
}

function syncAddress(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const name of ["topic", "outlet"]) for (const v of checked(name)) params.append(name, v);
  const qs = params.toString();
  history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
}

async function run() {
  const query = input.value.trim();
  const chosen = filters();
  syncAddress(query);
  const ticket = ++latest;
  if (!query && !Object.keys(chosen).length) {
    list.replaceChildren();
    status.textContent = "Type words to search every article; tick topics or outlets to narrow.";
    return;
  }
  status.textContent = "Searching…";
  const search = await pagefind.search(query || null, { filters: chosen });
  const found = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (ticket !== latest) return; // a newer search has started
  list.replaceChildren(...found.map(resultItem));
  const n = search.results.length;
  status.textContent = n
    ? `${n} article${n === 1 ? "" : "s"} found${n > MAX_RESULTS ? `; the first ${MAX_RESULTS} shown` : ""}.`
    : "No article matches. Try fewer or other words.";
}

// The index comes in shards (so a build re-indexes only what changed): the primary sits at the
// bundle's root, the others in folders that shards.json lists, merged into one search here.
async function mergeShards(settings) {
  const response = await fetch(`${form.dataset.bundle}shards.json`);
  if (!response.ok) return; // an index in one piece
  const { shards } = await response.json();
  const folders = shards.map((shard) => shard.path).filter(Boolean);
  await Promise.all(folders.map((path) => pagefind.mergeIndex(`${form.dataset.bundle}${path}/`, settings)));
}

async function start() {
  try {
    pagefind = await import(`${form.dataset.bundle}pagefind.js`);
    const bundle = new URL(form.dataset.bundle, location.href).pathname;
    const settings = { excerptLength: 30, baseUrl: bundle.replace(/pagefind\/$/, "") };
    await pagefind.options(settings);
    await pagefind.init();
    await mergeShards(settings);
  } catch (err) {
    status.textContent = "The search index is not available on this copy of the site.";
    return;
  }
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const name of ["topic", "outlet"]) {
    const wanted = new Set(params.getAll(name));
    for (const box of form.querySelectorAll(`input[name="${name}"]`)) box.checked = wanted.has(box.value);
  }
  let timer = 0;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("change", run);
  await run();
}

start();
