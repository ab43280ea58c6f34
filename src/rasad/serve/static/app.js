// rasad serve: the page. Every value from the analysis goes into the DOM as text (textContent; never parsed from
// HTML strings), each snippet isolated in its own dir="auto" element so bidi controls cannot leak.
"use strict";

const VERDICTS = ["verified", "false", "misleading", "unproven"];
const main = () => document.getElementById("main");
const show = (...nodes) => main().replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined && n !== false));

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A snippet of article text: isolated, its direction from its own first strong letter.
const snippet = (text, tag = "bdi", lang = null) => el(tag, { dir: "auto", lang, text: text || "" });
// The same in plain text, where no element can isolate (an <option>): FSI … PDI around the value.
const iso = (text) => "\u2068" + (text ?? "") + "\u2069";

function hashRoute() {
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  return { path: path || "/search", params: new URLSearchParams(query || "") };
}

function go(path, params) {
  const query = new URLSearchParams([...params].filter(([, v]) => v)).toString();
  location.hash = "#" + path + (query ? "?" + query : "");
}

async function api(path, params) {
  const url = path + (params ? "?" + new URLSearchParams([...params].filter(([, v]) => v)).toString() : "");
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) throw new Error(`${response.status} ${(await response.json().catch(() => ({}))).detail || ""}`);
  return response.json();
}

const articleLink = (id, q) => "#/article/" + encodeURIComponent(id) + (q ? "?q=" + encodeURIComponent(q) : "");

function meta(item) {
  return el("div", { class: "meta" },
    el("span", { text: item.lang || "" }), el("span", {}, snippet(item.outlet || "")),
    el("span", { text: item.published || "no date" }));
}

function verdictBadge(annotation) {
  if (!annotation || !annotation.verdict) return null;
  return el("span", { class: "verdict " + annotation.verdict, text: annotation.verdict });
}

function annotationForm(kind, target, current) {
  const select = el("select", { "aria-label": "verdict", name: "verdict" }, el("option", { value: "", text: "— verdict —" }),
    VERDICTS.map((v) => el("option", { value: v, text: v, selected: current && current.verdict === v })));
  const note = el("textarea", { name: "note", maxlength: 2000, placeholder: "note", dir: "auto" });
  note.value = (current && current.note) || "";
  const status = el("span", { class: "meta", text: current ? "saved " + (current.updated || "") : "" });
  const save = async (event) => {
    event.preventDefault();
    const body = { kind, target, verdict: select.value || null, note: note.value };
    const response = await fetch("/api/annotations", { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = await response.json().catch(() => ({}));
    status.textContent = response.ok ? (answer.annotation ? "saved " + answer.annotation.updated : "removed")
      : "not saved: " + (typeof answer.detail === "string" ? answer.detail : response.status);
    status.className = response.ok ? "meta saved" : "error";
  };
  return el("form", { class: "annot", "data-kind": kind, "data-target": target, onsubmit: save },
    select, note, el("button", { type: "submit", text: "Save" }), status);
}

function pager(params, total, size, path) {
  const page = Number(params.get("page") || 1);
  const pages = Math.max(1, Math.ceil(total / size));
  const to = (n) => () => { const next = new URLSearchParams(params); next.set("page", n); go(path, next); };
  return el("div", { class: "pager" },
    el("button", { type: "button", disabled: page <= 1, onclick: to(page - 1), text: "‹ previous" }),
    el("span", { text: `page ${page} of ${pages}` }),
    el("button", { type: "button", disabled: page >= pages, onclick: to(page + 1), text: "next ›" }));
}

function facetSelect(name, label, facet, chosen) {
  const options = (facet || []).map((f) =>
    el("option", { value: f.value, selected: f.value === chosen, text: `${iso(f.label || f.value)} (${f.count})` }));
  if (chosen && !(facet || []).some((f) => f.value === chosen)) options.unshift(el("option", { value: chosen, selected: true, text: iso(chosen) }));
  return el("label", {}, label, el("select", { name }, el("option", { value: "", text: "all" }), options));
}

// A search box, one select per facet ([name, label] pairs), and extra fields; submitting (or
// choosing in a select) goes to `path` with the form's values.
function filterForm(path, params, facets, placeholder, selects, ...extra) {
  const q = el("input", { type: "search", name: "q", placeholder, dir: "auto", "aria-label": "search" });
  q.value = params.get("q") || "";
  const form = el("form", { class: "searchbar", id: "filters" }, q,
    selects.map(([name, label]) => facetSelect(name, label, facets[name], params.get(name))), extra,
    el("button", { type: "submit", text: "Search" }));
  form.addEventListener("submit", (event) => { event.preventDefault(); go(path, new FormData(form)); });
  form.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") go(path, new FormData(form)); });
  return form;
}

async function viewSearch(params) {
  const data = await api("/api/search", params);
  const form = filterForm("/search", params, data.facets, "search: الحسكة · حسکه · Hasakah",
    [["lang", "language"], ["outlet", "outlet"], ["story", "story"], ["narrative", "narrative"], ["entity", "entity"]],
    el("label", {}, "from", el("input", { type: "date", name: "date_from", value: params.get("date_from") })),
    el("label", {}, "to", el("input", { type: "date", name: "date_to", value: params.get("date_to") })));
  const results = data.results.map((a) => el("div", { class: "result", "data-id": a.id },
    el("a", { class: "title", href: articleLink(a.id, params.get("q")) }, snippet(a.title || a.id, "bdi", a.lang)), " ",
    verdictBadge(a.annotation), meta(a),
    a.snippet ? el("p", { class: "snippet", dir: "auto", lang: a.lang },
      highlighted(a.snippet.text, a.snippet.marks.map(([start, end]) => ({ start, end, type: "hit" })))) : null,
    a.title_en ? el("div", { class: "en", text: a.title_en }) : null));
  show(form, el("p", { class: "count", id: "count", text: `${data.total} articles` }),
    el("div", { id: "results" }, results), pager(params, data.total, data.size, "/search"));
  form.querySelector("input[name=q]").focus();
}

// `text` with marks: each span {start, end, type, entity_id} may overlap others (an entity that a
// search hit also covers); every piece between two boundaries gets the classes of the spans over it.
function highlighted(text, spans) {
  const inside = (spans || []).filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const bounds = [...new Set([0, text.length, ...inside.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [from, to] = [bounds[i], bounds[i + 1]];
    const over = inside.filter((s) => s.start <= from && s.end >= to);
    const piece = text.slice(from, to);
    if (!over.length) { parts.push(piece); continue; }
    const named = over.find((s) => s.entity_id);
    parts.push(el("mark", { class: [...new Set(over.map((s) => s.type))].join(" "),
      title: named ? `${named.type} ${named.entity_id}` : null, text: piece }));
  }
  return parts;
}

async function viewArticle(id, params) {
  const a = await api("/api/articles/" + encodeURIComponent(id), params);
  const hits = (a.hits || []).map(([start, end]) => ({ start, end, type: "hit" }));
  const entityChips = Object.entries(a.entity_names || {}).map(([eid, name]) =>
    el("a", { href: "#/search?entity=" + encodeURIComponent(eid), title: eid }, snippet(name)));
  const claims = (a.claims || []).map((c) => el("div", { class: "card claim", "data-id": c.gid },
    snippet(c.sentence, "p", a.lang), c.english ? el("p", { class: "en", text: c.english }) : null,
    el("div", { class: "meta" }, el("span", { text: c.action || "" }), el("span", { text: c.certainty || "" })),
    annotationForm("claim", c.gid, c.annotation)));
  show(
    el("h2", { dir: "auto", lang: a.lang, id: "article-title", text: a.title || a.id }),
    a.title_en ? el("p", { class: "en", text: a.title_en }) : null,
    el("div", { class: "meta" }, el("span", { text: a.lang }), el("span", {}, snippet(a.outlet || "")),
      el("span", { text: a.country || "" }), el("span", {}, snippet(a.state_affiliation || "")),
      el("span", { text: a.published || "no date" }),
      a.story ? el("a", { href: "#/search?story=" + encodeURIComponent(a.story), text: "story" }) : null),
    annotationForm("article", a.id, a.annotation),
    el("div", { class: "chips" }, entityChips),
    el("div", { class: "legend" }, ["PER", "ORG", "GPE", "LOC", "FAC", "EVENT", "MISC"].map((t) => el("mark", { class: t, text: t }))),
    el("div", { class: "article-text", dir: "auto", lang: a.lang, id: "article-text" }, highlighted(a.text || "", [...(a.entities || []), ...hits])),
    el("h3", { text: `Claims (${(a.claims || []).length})` }), claims,
    (a.removed || []).length ? el("details", {}, el("summary", { text: `Removed by cleaning (${a.removed.length})` }),
      a.removed.map((r) => el("p", { class: "meta" }, el("span", { text: r.kind }), snippet(r.text)))) : null);
}

async function viewStories(params) {
  const data = await api("/api/stories", params);
  const cards = data.results.map((s) => el("div", { class: "card story", "data-id": s.id },
    el("h3", {}, snippet(s.title_en || s.id)), verdictBadge(s.annotation),
    el("div", { class: "meta" }, el("span", { text: (s.languages || []).join(" · ") }),
      el("span", {}, snippet((s.outlets || []).join(", "))), el("span", { text: s.first_published || "" })),
    el("ul", {}, (s.members || []).map((m) => el("li", {}, el("a", { href: articleLink(m.id) }, snippet(m.title || m.id, "bdi", m.lang)),
      " ", el("span", { class: "meta" }, [m.lang, m.outlet, m.published].filter(Boolean).join(" · "))))),
    el("a", { href: "#/search?story=" + encodeURIComponent(s.id), text: "articles of this story" }),
    annotationForm("story", s.id, s.annotation)));
  show(el("p", { class: "count", text: `${data.total} stories` }), cards,
    pager(params, data.total, data.size, "/stories"));
}

async function viewClaims(params) {
  const data = await api("/api/claims", params);
  const form = filterForm("/claims", params, data.facets, "claims of articles matching…",
    [["lang", "language"], ["outlet", "outlet"], ["certainty", "certainty"], ["action", "action"]]);
  const rows = data.results.map((c) => el("tr", { "data-id": c.id },
    el("td", {}, snippet(c.sentence, "div", c.lang)), el("td", { class: "en", text: c.english || "" }),
    el("td", {}, snippet(c.outlet || ""), el("div", { class: "meta", text: c.published || "" })),
    el("td", { text: c.certainty || "" }),
    el("td", {}, el("a", { href: articleLink(c.article), text: "article" }), annotationForm("claim", c.id, c.annotation))));
  show(form, el("p", { class: "count", text: `${data.total} claims` }),
    el("table", {}, el("thead", {}, el("tr", {}, ["sentence", "English", "outlet", "certainty", "verdict"].map((h) => el("th", { text: h })))),
      el("tbody", {}, rows)), pager(params, data.total, data.size, "/claims"));
}

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  node.append(...children);
  return node;
}

// Articles per period as bars (an SVG built node by node: no markup from data).
function timelineChart(timeline) {
  if (!timeline || !timeline.length) return null;
  const width = 600, height = 60, most = Math.max(...timeline.map((t) => t.count || 0), 1);
  const step = width / timeline.length;
  return svg("svg", { class: "timeline", viewBox: `0 0 ${width} ${height + 14}`, role: "img", "aria-label": "articles over time" },
    ...timeline.map((t, i) => {
      const h = Math.max(1, (height * (t.count || 0)) / most);
      return svg("rect", { x: i * step + 1, y: height - h, width: Math.max(1, step - 2), height: h, class: "bar" },
        svg("title", {}, `${t.date}: ${t.count}`));
    }),
    svg("text", { x: 0, y: height + 12, class: "axis" }, timeline[0].date),
    svg("text", { x: width, y: height + 12, class: "axis", "text-anchor": "end" }, timeline[timeline.length - 1].date));
}

function narrativeCard(n) {
  return el("div", { class: "card narrative", "data-id": n.id },
    el("h3", {}, el("a", { href: "#/narrative/" + encodeURIComponent(n.id) }, snippet(n.name || n.title_en || n.id))),
    n.description ? snippet(n.description, "p") : null,
    el("div", { class: "meta" }, el("span", { text: n.kind || "" }), el("span", { text: `${(n.articles || []).length} articles` }),
      el("span", { text: (n.languages || []).join(" · ") }),
      el("span", { text: [n.first_seen, n.last_seen].filter(Boolean).join(" – ") })),
    (n.outlets || []).length ? el("div", { class: "meta" }, "outlets: ", snippet(n.outlets.join(", "))) : null,
    timelineChart(n.timeline),
    el("a", { href: "#/search?narrative=" + encodeURIComponent(n.id), text: "articles of this narrative" }));
}

async function viewNarratives() {
  const data = await api("/api/narratives");
  if (!data.results.length) {
    show(el("p", { text: "This analysis has no narratives.json." }));
    return;
  }
  show(el("p", { class: "count", text: `${data.results.length} narratives` }), data.results.map(narrativeCard));
}

async function viewNarrative(id) {
  const n = await api("/api/narratives/" + encodeURIComponent(id));
  const rows = (n.assignments || []).map((a) => el("tr", {},
    el("td", {}, el("a", { href: articleLink(a.article) }, snippet(a.title || a.article, "bdi", a.lang))),
    el("td", {}, snippet(a.outlet || "")), el("td", { text: a.published || "" }), el("td", { text: a.score }),
    el("td", {}, ((a.evidence || {}).claims || []).map((c) => el("div", { class: "en", text: c.english || "" })),
      ((a.evidence || {}).phrases || []).map((p) => el("div", {}, snippet(p.snippet || p.text, "bdi")))),
  ));
  show(narrativeCard(n),
    rows.length ? el("table", {}, el("thead", {}, el("tr", {}, ["article", "outlet", "published", "score", "evidence"].map((h) => el("th", { text: h })))),
      el("tbody", {}, rows)) : el("ul", {}, (n.members || []).map((m) => el("li", {}, el("a", { href: articleLink(m.id) }, snippet(m.title || m.id, "bdi", m.lang))))));
}

async function viewAnnotations() {
  const data = await api("/api/annotations");
  const target = (a) => a.target_kind === "article" ? articleLink(a.target_id)
    : a.target_kind === "claim" ? articleLink(a.target_id.split("#")[0]) : "#/search?story=" + encodeURIComponent(a.target_id);
  show(el("p", { class: "count", text: `${data.results.length} annotations (exported to annotations.jsonl)` }),
    el("table", {}, el("thead", {}, el("tr", {}, ["kind", "target", "verdict", "note", "updated"].map((h) => el("th", { text: h })))),
      el("tbody", {}, data.results.map((a) => el("tr", {}, el("td", { text: a.target_kind }),
        el("td", {}, el("a", { href: target(a), text: a.target_id })), el("td", {}, verdictBadge(a)),
        el("td", {}, snippet(a.note, "div")), el("td", { class: "meta", text: a.updated }))))));
}

async function render() {
  const { path, params } = hashRoute();
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.getAttribute("href") === "#" + path);
  try {
    if (path.startsWith("/article/")) await viewArticle(decodeURIComponent(path.slice("/article/".length)), params);
    else if (path === "/stories") await viewStories(params);
    else if (path === "/claims") await viewClaims(params);
    else if (path === "/narratives") await viewNarratives();
    else if (path.startsWith("/narrative/")) await viewNarrative(decodeURIComponent(path.slice("/narrative/".length)));
    else if (path === "/annotations") await viewAnnotations();
    else await viewSearch(params);
  } catch (error) {
    show(el("p", { class: "error", text: "Could not load: " + error.message }));
  }
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered || 0) + 1);  // for tests
}

window.addEventListener("hashchange", render);
window.addEventListener("DOMContentLoaded", render);
