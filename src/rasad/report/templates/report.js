// rasad report: renders the views from the embedded, compressed data. Every value from the data is put
// into the page as a text node or an attribute set with setAttribute, never parsed as HTML.
"use strict";
(() => {
  const PAGE = 50;
  const RTL = new Set(["ar", "fa", "ur", "he", "ps", "ckb", "ku", "yi"]);
  const SVGNS = "http://www.w3.org/2000/svg";
  const state = { D: null, chunks: new Map(), view: "", filters: {} };
  // Measurements read by the browser tests and benchmarks/bench_report.py.
  const perf = (window.__rasad = { ready: false, lastFilterMs: null, filterTimes: [], updateTimes: [], errors: [] });

  // --- DOM helpers -------------------------------------------------------------------------------
  function put(el, attrs, kids) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "on") for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else if (k === "cls") el.setAttribute("class", v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid === null || kid === undefined || kid === false) continue;
      el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return el;
  }
  const h = (tag, attrs, ...kids) => put(document.createElement(tag), attrs, kids);
  const s = (tag, attrs, ...kids) => put(document.createElementNS(SVGNS, tag), attrs, kids);
  const dirOf = (lang) => (!lang || lang === "und" ? "auto" : RTL.has(lang) ? "rtl" : "ltr");
  // A value isolated from its neighbours (bidi controls in it cannot reorder the text around it).
  const bdi = (text, lang, cls) => h("bdi", { dir: "auto", lang: lang || null, cls }, text ?? "");
  // The same in plain text, where no element can isolate (an <option>, SVG text and titles): FSI … PDI.
  const iso = (text) => "\u2068" + (text ?? "") + "\u2069";
  const link = (hash, ...kids) => h("a", { href: "#" + hash }, ...kids);
  const fmt = (n) => (typeof n === "number" ? n.toLocaleString("en") : n ?? "—");

  // --- data --------------------------------------------------------------------------------------
  // A block's bytes (rasad.report.textcode.embed): the page is windows-1252, "~" escapes NUL, CR, "<", "~".
  let C1 = null;
  function blockBytes(text) {
    if (!C1) { C1 = new Map(); [...JSON.parse(document.getElementById("rasad-c1").textContent)].forEach((ch, i) => C1.set(ch.charCodeAt(0), 0x80 + i)); }
    const bytes = new Uint8Array(text.length);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c > 0xff || (c >= 0x80 && c < 0xa0)) c = C1.get(c);
      if (c === 0x7e) { i++; c = text.charCodeAt(i) ^ 0x40; }
      bytes[n++] = c;
    }
    return bytes.subarray(0, n);
  }
  async function inflateBytes(block) {
    const bytes = blockBytes(block);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  async function inflate(b64) {
    return JSON.parse(new TextDecoder().decode(await inflateBytes(b64)));
  }
  // rasad.report.textcode: ASCII bytes as themselves, 0x80 + three bytes a code point, else the table.
  function decodeText(bytes) {
    const codes = state.codes, parts = [];
    let buf = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b < 0x80) buf.push(b);
      else if (b === 0x80) { buf.push((bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]); i += 3; }
      else buf.push(codes[b - 0x81]);
      if (buf.length >= 8192) { parts.push(String.fromCodePoint(...buf)); buf = []; }
    }
    parts.push(String.fromCodePoint(...buf));
    return parts.join("");
  }
  async function unpackChunk(b64) {
    const raw = await inflateBytes(b64), view = new DataView(raw.buffer);
    const size = view.getUint32(0);
    const arts = JSON.parse(new TextDecoder().decode(raw.subarray(4, 4 + size)));
    let pos = 4 + size;
    for (const art of arts) {
      const n = view.getUint32(pos);
      art.text = decodeText(raw.subarray(pos + 4, pos + 4 + n));
      pos += 4 + n;
      for (const kind of ["ent", "time", "qty", "attr", "claim", "loaded"]) {
        let prev = 0;
        for (const sp of art[kind] || []) { sp[0] += prev; sp[1] += sp[0]; prev = sp[0]; }
      }
    }
    return arts;
  }
  async function detail(i) {
    const n = Math.floor(i / state.D.meta.chunk);
    if (!state.chunks.has(n)) state.chunks.set(n, unpackChunk(document.getElementById("chunk-" + n).textContent));
    return (await state.chunks.get(n))[i % state.D.meta.chunk];
  }
  // rasad.text.fold.SEARCH (the folding rasad serve searches with), mirrored with the table exported
  // from Python (rasad.text.fold.search_rules).
  function fold(text) {
    const table = state.D.search.table;
    let out = "";
    for (const ch of String(text || "")) out += ch in table ? table[ch] : ch;
    return out.toLowerCase().replace(/\s+/g, " ").trim();
  }
  // rasad.text.fold.search_stem: a word without its article (الحسكه → حسكه) when enough letters remain.
  function stem(word) {
    const { prefixes, min_stem } = state.D.search;
    for (const p of prefixes) if (word.startsWith(p) && word.length - p.length >= min_stem) return word.slice(p.length);
    return word;
  }
  // The words of a query (rasad.text.fold.search_words), stemmed: each must occur in a key.
  const queryWords = (text) => (fold(text).match(/[\p{L}\p{N}_]+/gu) || []).map(stem);
  const A = () => state.D.articles;
  // Search keys, folded as rasad.report.data.search_key folds them: built once, on the first search.
  function keys() {
    const D = state.D, a = D.articles, E = D.entities;
    if (!a.key) a.key = a.id.map((_, i) => fold([a.title[i], a.title_en[i], D.outlets[a.outlet[i]].name, ...a.cited[i]].join(" ")));
    const names = (e) => [E.name[e], ...Object.values(E.names[e]).flat()];
    if (!E.key) E.key = E.id.map((id, e) => fold([id, ...names(e), ...E.same[e].flatMap(names)].join(" ")));
  }
  const langName = (i) => state.D.langs[A().lang[i]];
  const outletOf = (i) => state.D.outlets[A().outlet[i]];
  function articleLink(i, withMeta) {
    if (i < 0 || i === undefined || i === null) return h("span", { cls: "muted" }, "(article not in this folder)");
    const lang = langName(i);
    const title = h("a", { href: "#article/" + i, dir: "auto", lang }, A().title[i] || "(no title)");
    if (!withMeta) return title;
    return h("span", {}, title, " ", h("span", { cls: "muted" }, bdi(outletOf(i).name), " · ", lang, " · ", A().date[i] || "no date"));
  }

  // --- generic paginated, sortable table ---------------------------------------------------------
  function table(columns, rows, opts = {}) {
    const box = h("div", { cls: "tablebox" });
    let sortCol = opts.sort ?? -1, sortDir = opts.dir ?? 1, page = 0;
    const per = opts.per || PAGE;
    function draw() {
      const sorted = sortCol < 0 ? rows : rows.slice().sort((a, b) => {
        const x = columns[sortCol].key(a), y = columns[sortCol].key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
      });
      const pages = Math.max(1, Math.ceil(sorted.length / per));
      page = Math.min(page, pages - 1);
      const head = h("tr", {}, columns.map((c, ci) => h("th", {
        cls: c.key ? "sortable" : null, "aria-sort": ci === sortCol ? (sortDir > 0 ? "ascending" : "descending") : null,
        on: c.key ? { click: () => { sortDir = ci === sortCol ? -sortDir : (c.desc ? -1 : 1); sortCol = ci; draw(); } } : {},
      }, c.label, ci === sortCol ? (sortDir > 0 ? " ▲" : " ▼") : "")));
      const body = sorted.slice(page * per, page * per + per).map((r) => h("tr", {}, columns.map((c) => h("td", { cls: c.cls }, c.cell(r)))));
      box.replaceChildren(pager(sorted.length, page, pages, (p) => { page = p; draw(); }),
        h("table", { cls: opts.cls || null }, h("thead", {}, head), h("tbody", {}, body)));
    }
    draw();
    return box;
  }
  function pager(total, page, pages, go) {
    return h("div", { cls: "pager" }, `${fmt(total)} rows`, pages > 1 ? [
      h("button", { disabled: page === 0, on: { click: () => go(page - 1) } }, "‹ prev"),
      ` page ${page + 1} / ${pages} `,
      h("button", { disabled: page >= pages - 1, on: { click: () => go(page + 1) } }, "next ›"),
    ] : "");
  }
  function pagedList(items, render, per = 20) {
    const box = h("div", {});
    let page = 0;
    const pages = Math.max(1, Math.ceil(items.length / per));
    const draw = () => box.replaceChildren(pager(items.length, page, pages, (p) => { page = p; draw(); box.scrollIntoView(); }),
      ...items.slice(page * per, page * per + per).map(render));
    draw();
    return box;
  }
  const section = (title, ...kids) => h("section", { cls: "panel" }, h("h2", {}, title), ...kids);
  const missing = (name) => h("p", { cls: "muted" }, `This folder has no ${name} (the corpus stage did not run or found nothing).`);

  // --- small charts (inline SVG) -----------------------------------------------------------------
  function bars(pairs, opts = {}) {
    const max = Math.max(1, ...pairs.map((p) => p[1]));
    const rowH = 18, w = 560, labelW = opts.labelW || 150;
    const svg = s("svg", { viewBox: `0 0 ${w} ${pairs.length * rowH + 4}`, cls: "chart", role: "img" });
    pairs.forEach(([label, n], i) => {
      const bw = Math.max(1, ((w - labelW - 60) * n) / max);
      svg.append(s("text", { x: labelW - 6, y: i * rowH + 13, "text-anchor": "end", cls: "lbl" }, iso(label)),
        s("rect", { x: labelW, y: i * rowH + 3, width: bw, height: rowH - 6, cls: "bar" }),
        s("text", { x: labelW + bw + 4, y: i * rowH + 13, cls: "num" }, fmt(n)));
    });
    return svg;
  }
  function timeline(points, opts = {}) {
    // points: [[label (sortable string), count]] in order
    const w = opts.w || 720, hgt = opts.h || 120, pad = 24;
    const max = Math.max(1, ...points.map((p) => p[1]));
    const bw = Math.max(1, (w - pad * 2) / Math.max(1, points.length));
    const svg = s("svg", { viewBox: `0 0 ${w} ${hgt + 20}`, cls: "chart", role: "img" });
    points.forEach(([label, n], i) => {
      const bh = ((hgt - 10) * n) / max;
      svg.append(s("rect", { x: pad + i * bw, y: hgt - bh, width: Math.max(1, bw - 1), height: bh, cls: "bar" },
        s("title", {}, `${iso(label)}: ${n}`)));
    });
    if (points.length) {
      svg.append(s("text", { x: pad, y: hgt + 14, cls: "num" }, points[0][0]),
        s("text", { x: w - pad, y: hgt + 14, "text-anchor": "end", cls: "num" }, points[points.length - 1][0]),
        s("text", { x: 2, y: 12, cls: "num" }, `max ${fmt(max)}`));
    }
    return svg;
  }
  function countBy(items, keyOf) {
    const m = new Map();
    for (const it of items) { const k = keyOf(it); if (k !== null && k !== undefined && k !== "") m.set(k, (m.get(k) || 0) + 1); }
    return m;
  }
  const months = (idxs) => [...countBy(idxs, (i) => A().date[i].slice(0, 7))].sort();
  // Sorted [date, count] pairs with the missing days (YYYY-MM-DD) or months (YYYY-MM) between them as 0.
  function continuous(pairs, unit) {
    if (pairs.length < 2) return pairs;
    const have = new Map(pairs), out = [];
    const first = new Date(pairs[0][0] + (unit === "day" ? "" : "-01") + "T00:00:00Z");
    const last = pairs[pairs.length - 1][0];
    if (Number.isNaN(first.getTime())) return pairs;  // not ISO dates: drawn as they are
    for (let d = first, n = 0; n < 5000; n++) {
      const key = d.toISOString().slice(0, unit === "day" ? 10 : 7);
      out.push([key, have.get(key) || 0]);
      if (key >= last) break;
      d = unit === "day" ? new Date(d.getTime() + 86400000) : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    }
    return out;
  }

  // --- views -------------------------------------------------------------------------------------
  const views = {};

  views.overview = () => {
    const D = state.D, n = A().id.length;
    const cards = [["articles", n], ["inputs with errors", D.errors.length], ["entities", D.entities.id.length],
      ["stories (2+ articles)", D.stories.length], ["claims", D.claims.length], ["repeated claims", D.clusters.length],
      ["contradictions", D.contradictions.length], ["recycled-text pairs", D.reuse.length], ["narratives", D.narratives.length]];
    const byLang = [...countBy(A().lang.map((_, i) => i), langName)].sort((a, b) => b[1] - a[1]);
    const byOutlet = [...countBy(A().outlet.map((_, i) => i), (i) => A().outlet[i])];
    const outletRows = byOutlet.map(([o, c]) => ({ o, c, ...D.outlets[o] }));
    const outlets = table([
      { label: "outlet", key: (r) => r.name, cell: (r) => h("a", { href: "#articles", on: { click: () => { state.filters = { outlet: String(r.o) }; } } }, bdi(r.name)) },
      { label: "country", key: (r) => r.country || "", cell: (r) => r.country || "—" },
      { label: "state affiliation", key: (r) => r.state || "", cell: (r) => r.state ? bdi(r.state) : "—" },
      { label: "articles", key: (r) => r.c, desc: true, cell: (r) => fmt(r.c), cls: "num" },
      { label: "cites", key: (r) => r.cites.length, desc: true, cell: (r) => r.cites.slice(0, 6).map(([a, c]) => [bdi(a, null, "tag"), ` ${c} `]) },
    ], outletRows, { sort: 3, dir: -1, per: 25 });
    const dated = A().date.map((_, i) => i).filter((i) => A().date[i]);
    const days = continuous([...countBy(dated, (i) => A().date[i])].sort(), "day");
    const series = days.length > 120 ? continuous(months(dated), "month") : days;
    return h("div", {},
      section("Overview", h("div", { cls: "cards" }, cards.map(([l, v]) => h("div", { cls: "card" }, h("b", {}, fmt(v)), l))),
        h("p", { cls: "muted" }, `rasad ${D.meta.version} · output folder `, bdi(D.meta.out_dir))),
      section("Articles by language", bars(byLang.map(([l, c]) => [l, c]))),
      section(`Articles by ${series === days ? "day" : "month"}`, series.length ? timeline(series) : h("p", { cls: "muted" }, "No article has a publication date."),
        h("p", { cls: "muted" }, `${fmt(n - dated.length)} articles without a date.`)),
      section("Outlets (country and documented state affiliation from the outlet registry)", outlets),
      section("Outlets and the agencies they cite", agencyGraph()),
      D.errors.length ? section("Inputs with errors", table([
        { label: "input", key: (e) => e.source || "", cell: (e) => bdi(e.source) },
        { label: "error", key: (e) => e.error || "", cell: (e) => bdi(e.error) },
        { label: "detail", cell: (e) => bdi(e.detail) }], D.errors, { per: 20 })) : "");
  };

  function agencyGraph() {
    const D = state.D;
    const agencies = new Map();
    D.outlets.forEach((o) => o.cites.forEach(([a, c]) => agencies.set(a, (agencies.get(a) || 0) + c)));
    const right = [...agencies].sort((a, b) => b[1] - a[1]).slice(0, D.agencies).map((x) => x[0]);
    const rset = new Set(right);
    const left = D.outlets.map((o, i) => [i, o.cites.filter(([a]) => rset.has(a)).reduce((t, [, c]) => t + c, 0)])
      .filter((x) => x[1] > 0).sort((a, b) => b[1] - a[1]).slice(0, 20).map((x) => x[0]);
    if (!left.length) return h("p", { cls: "muted" }, "No article credits another outlet or agency.");
    const rowH = 20, hgt = Math.max(left.length, right.length) * rowH + 10, w = 720;
    const svg = s("svg", { viewBox: `0 0 ${w} ${hgt}`, cls: "chart graph", role: "img" });
    const ly = (i) => 10 + i * rowH + (hgt - left.length * rowH) / 2 - 5, ry = (i) => 10 + i * rowH + (hgt - right.length * rowH) / 2 - 5;
    const max = Math.max(...left.flatMap((o) => D.outlets[o].cites.map((x) => x[1])));
    left.forEach((o, li) => D.outlets[o].cites.forEach(([a, c]) => {
      const ri = right.indexOf(a);
      if (ri >= 0) svg.append(s("path", { d: `M230 ${ly(li)} C360 ${ly(li)} 360 ${ry(ri)} 490 ${ry(ri)}`, cls: "edge", "stroke-width": 0.6 + (4 * c) / max },
        s("title", {}, `${iso(D.outlets[o].name)} cites ${iso(a)}: ${c} articles`)));
    }));
    left.forEach((o, li) => svg.append(s("circle", { cx: 230, cy: ly(li), r: 4, cls: "node" }),
      s("text", { x: 222, y: ly(li) + 4, "text-anchor": "end", cls: "lbl" }, iso(D.outlets[o].name))));
    right.forEach((a, ri) => svg.append(s("circle", { cx: 490, cy: ry(ri), r: 4, cls: "node agency" }),
      s("text", { x: 498, y: ry(ri) + 4, cls: "lbl" }, `${iso(a)} (${agencies.get(a)})`)));
    return h("div", {}, h("p", { cls: "muted" }, "Left: publishing outlets; right: the agencies and outlets their articles credit (line width: articles)."), svg);
  }

  // Articles: search (folded keys and entity names) and facets.
  function matchArticles(f) {
    keys();
    const t0 = performance.now();
    const a = A(), E = state.D.entities, n = a.id.length;
    const asEntity = E.id.indexOf((f.q || "").trim());  // a query that is an entity id finds its articles
    const tokens = asEntity >= 0 ? [] : queryWords(f.q || "");
    const tokenEnts = tokens.map((t) => { const m = new Set(); for (let e = 0; e < E.key.length; e++) if (E.key[e].includes(t)) m.add(e); return m; });
    const lang = f.lang ?? "", outlet = f.outlet ?? "", story = f.story ?? "", from = f.from || "", to = f.to || "";
    const ent = f.entity === undefined || f.entity === "" ? -1 : Number(f.entity);
    const narr = f.narrative === undefined || f.narrative === "" ? null : new Set(state.D.narratives[Number(f.narrative)].articles);
    const out = [];
    for (let i = 0; i < n; i++) {
      if (lang !== "" && a.lang[i] !== Number(lang)) continue;
      if (outlet !== "" && a.outlet[i] !== Number(outlet)) continue;
      if (story !== "" && a.story[i] !== Number(story)) continue;
      if (from && (!a.date[i] || a.date[i] < from)) continue;
      if (to && (!a.date[i] || a.date[i] > to)) continue;
      if (ent >= 0 && !a.ents[i].includes(ent)) continue;
      if (asEntity >= 0 && !a.ents[i].includes(asEntity)) continue;
      if (narr && !narr.has(i)) continue;
      let ok = true;
      for (let t = 0; t < tokens.length && ok; t++) {
        if (a.key[i].includes(tokens[t])) continue;
        const m = tokenEnts[t];
        ok = m.size > 0 && a.ents[i].some((e) => m.has(e));
      }
      if (ok) out.push(i);
    }
    const ms = performance.now() - t0;
    perf.lastFilterMs = ms; perf.filterTimes.push(ms);
    return out;
  }
  views.articles = () => {
    const D = state.D, f = state.filters;
    const opt = (value, label, sel) => h("option", { value, selected: sel }, label);
    const select = (name, label, options) => h("label", {}, label, " ", h("select", { name, on: { change: (e) => { f[name] = e.target.value; update(); } } },
      opt("", "all", !f[name]), options.map(([v, l]) => opt(String(v), l, String(f[name]) === String(v)))));
    const langCounts = countBy(A().lang, (l) => l), outletCounts = countBy(A().outlet, (o) => o);
    const ent = f.entity !== undefined && f.entity !== "" ? Number(f.entity) : -1;
    const input = h("input", { type: "search", id: "q", value: f.q || "", placeholder: "Search titles, outlets and entity names in any script (الحسكه, حسکه, Hasakah)…",
      "aria-label": "Search articles", on: { input: (e) => { f.q = e.target.value; update(); } } });
    const facets = h("div", { cls: "facets" },
      select("lang", "language", D.langs.map((l, i) => [i, `${l} (${langCounts.get(i) || 0})`])),
      select("outlet", "outlet", D.outlets.map((o, i) => [i, `${iso(o.name)} (${outletCounts.get(i) || 0})`]).sort((x, y) => x[1].localeCompare(y[1]))),
      select("story", "story", D.stories.slice(0, 500).map((st, i) => [i, `${iso(st.title || st.id)} (${st.members.length})`])),
      select("narrative", "narrative", D.narratives.map((nv, i) => [i, `${iso(nv.name)} (${nv.articles.length})`])),
      h("label", {}, "from ", h("input", { type: "date", value: f.from || "", on: { change: (e) => { f.from = e.target.value; update(); } } })),
      h("label", {}, "to ", h("input", { type: "date", value: f.to || "", on: { change: (e) => { f.to = e.target.value; update(); } } })),
      ent >= 0 ? h("span", { cls: "chip" }, "entity: ", bdi(D.entities.name[ent]), " ", h("button", { on: { click: () => { f.entity = ""; render(); } } }, "×"))
        : h("label", {}, "entity ", h("input", { list: "entity-names", name: "entity", size: 18, placeholder: "any name",
          on: { change: (e) => { const k = fold(e.target.value), E = D.entities;
            const hit = E.id.findIndex((id, i) => fold(E.name[i]) === k || id === e.target.value || Object.values(E.names[i]).flat().some((n) => fold(n) === k));
            if (hit >= 0) { f.entity = String(hit); render(); } } } }),
          h("datalist", { id: "entity-names" }, D.entities.name.slice(0, 300).map((n) => h("option", { value: n })))),
      h("button", { on: { click: () => { state.filters = {}; render(); } } }, "clear filters"));
    const results = h("div", { id: "results" });
    const cols = [
      { label: "#", key: (i) => i, cell: (i) => String(i + 1), cls: "num" },
      { label: "title", key: (i) => A().title[i], cell: (i) => articleLink(i) },
      { label: "lang", key: (i) => langName(i), cell: (i) => langName(i) },
      { label: "outlet", key: (i) => outletOf(i).name, cell: (i) => bdi(outletOf(i).name) },
      { label: "published", key: (i) => A().date[i], cell: (i) => A().date[i] || "—" },
      { label: "story", key: (i) => A().story[i], cell: (i) => A().story[i] >= 0 ? link("stories/" + A().story[i], `${D.stories[A().story[i]].members.length} articles`) : "—" },
    ];
    function update() {
      const t0 = performance.now();
      const rows = matchArticles(f);
      results.replaceChildren(h("p", { cls: "muted", id: "count", "data-count": rows.length }, `${fmt(rows.length)} of ${fmt(A().id.length)} articles match`), table(cols, rows));
      perf.updateTimes.push(performance.now() - t0);
    }
    update();
    return section("Articles", input, facets, results);
  };

  views.stories = (arg) => {
    const D = state.D;
    if (!D.meta.present["stories.json"]) return section("Stories", missing("stories.json"));
    const card = (st) => {
      const i = D.stories.indexOf(st);
      const ev = new Map(st.evidence);
      const firstBy = [...new Set(st.members.filter((m) => m >= 0 && st.first && A().date[m] === st.first).map((m) => outletOf(m).name))];
      return h("article", { cls: "story", id: "story-" + i },
        h("h3", {}, bdi(st.title || "(untitled story)", "en")),
        h("div", { cls: "meta" }, h("span", {}, `${st.members.length} articles`), h("span", {}, "languages ", h("b", {}, st.languages.join(", "))),
          h("span", {}, `${st.first || "?"} → ${st.last || "?"}`), firstBy.length ? h("span", {}, "first published by ", h("b", {}, firstBy.map((o, k) => [k ? ", " : "", bdi(o)]))) : "",
          h("a", { href: "#articles", on: { click: () => { state.filters = { story: String(i) }; } } }, "filter articles")),
        h("table", {}, h("thead", {}, h("tr", {}, ["article", "outlet", "lang", "published", "evidence that tied it in"].map((x) => h("th", {}, x)))),
          h("tbody", {}, st.members.map((m) => h("tr", {},
            h("td", {}, articleLink(m)), h("td", {}, m >= 0 ? bdi(outletOf(m).name) : "—"), h("td", {}, m >= 0 ? langName(m) : "—"),
            h("td", {}, m >= 0 ? A().date[m] || "—" : "—", m >= 0 && st.first && A().date[m] === st.first ? h("span", { cls: "first" }, "first") : ""),
            h("td", {}, ev.has(m) ? h("ul", { cls: "ev" }, ev.get(m).map(([what, items]) => h("li", {}, h("b", {}, what), " ", items.map((x) => bdi(x, null, "tag"))))) : h("span", { cls: "muted" }, "seed of the story")))))));
    };
    if (arg !== undefined && D.stories[Number(arg)]) return section("Story", card(D.stories[Number(arg)]), link("stories", "all stories"));
    return section("Stories", h("p", { cls: "muted" }, `${fmt(D.stories.length)} stories with several articles, largest first. Each member lists the evidence that tied it in.`),
      pagedList(D.stories, card, 15));
  };

  views.claims = () => {
    const D = state.D, f = { q: "", certainty: "", action: "" };
    const keys = D.claims.map((c) => fold(c[1] + " " + c[2] + " " + c[3].join(" ")));
    const results = h("div", {});
    const opts = (vals) => [h("option", { value: "" }, "all"), ...[...new Set(vals)].filter(Boolean).sort().map((v) => h("option", { value: v }, v))];
    const cols = [
      { label: "original sentence", key: (c) => c[1], cell: (c) => h("div", { dir: "auto", lang: langName(c[0]), cls: "orig" }, c[1]) },
      { label: "English rendering", key: (c) => c[2], cell: (c) => h("div", { dir: "ltr", lang: "en" }, c[2]) },
      { label: "attribution chain", key: (c) => c[3].join(" "), cell: (c) => chain(c[3]) },
      { label: "certainty", key: (c) => c[4], cell: (c) => h("span", { cls: "tag cert-" + c[4] }, c[4] || "—") },
      { label: "repeated", key: (c) => (c[6] >= 0 ? -D.clusters[c[6]].repeated.length : 0), cell: (c) => c[6] >= 0 ? clusterBadge(c) : "—" },
      { label: "article", key: (c) => A().date[c[0]], cell: (c) => articleLink(c[0], true) },
    ];
    function update() {
      const q = queryWords(f.q);
      const rows = D.claims.filter((c, i) => (!f.certainty || c[4] === f.certainty) && (!f.action || c[5] === f.action) && q.every((t) => keys[i].includes(t)));
      results.replaceChildren(table(cols, rows, { cls: "claims" }));
    }
    update();
    const clusters = D.clusters.length ? pagedList(D.clusters, (c) => h("div", { cls: "cluster" },
      h("div", {}, bdi(c.english, "en"), " ", h("span", { cls: "tag" }, c.action || "")),
      h("div", { cls: "meta" }, h("span", {}, h("span", { cls: "first" }, "first"), " ", articleLink(c.first.article, true)),
        h("span", {}, `repeated by ${c.repeated.length}: `, c.repeated.map((r) => [articleLink(r.article, true), " "])))), 20)
      : missing("repeated claims (claim_clusters.json)");
    return h("div", {}, section("Claims", h("div", { cls: "facets" },
      h("input", { type: "search", placeholder: "Filter claims (folded: any spelling, any script)…", "aria-label": "Filter claims", on: { input: (e) => { f.q = e.target.value; update(); } } }),
      h("label", {}, "certainty ", h("select", { on: { change: (e) => { f.certainty = e.target.value; update(); } } }, opts(D.claims.map((c) => c[4])))),
      h("label", {}, "action ", h("select", { on: { change: (e) => { f.action = e.target.value; update(); } } }, opts(D.claims.map((c) => c[5]))))),
      results), section("Claim clusters: who said it first, who repeated it", clusters));
  };
  const chain = (names) => h("span", { cls: "chain" }, names.length ? names.map((x, i) => [i ? " → " : "", bdi(x)]) : "—");
  function clusterBadge(c) {
    const cl = state.D.clusters[c[6]];
    return h("span", {}, cl.first.article === c[0] ? h("span", { cls: "first" }, "first") : h("span", { cls: "tag" }, "repeated"), ` ${cl.repeated.length + 1} articles`);
  }

  views.contradictions = () => {
    const D = state.D;
    if (!D.meta.present["contradictions.json"]) return section("Contradictions", missing("contradictions.json"));
    return section("Contradictions", h("p", { cls: "muted" }, "The same fact, different values: each value with its source chain."),
      pagedList(D.contradictions, (c) => h("div", { cls: "contra" },
        h("h3", {}, bdi(c.slot, "en"), " ", c.action ? h("span", { cls: "tag" }, c.action) : ""),
        h("div", { cls: "sides" }, c.values.map((v) => h("div", { cls: "side" },
          h("div", { cls: "value" }, fmt(v.value)), h("div", { dir: "auto", cls: "orig" }, v.text || ""),
          h("div", { cls: "muted" }, bdi(v.english || "", "en")), h("div", {}, "source: ", chain(v.chain), v.kind ? h("span", { cls: "tag" }, v.kind) : ""),
          h("div", {}, articleLink(v.article, true)))))), 20));
  };

  function markPassages(text, ranges, lang) {
    const box = h("div", { cls: "text reusetext", dir: dirOf(lang), lang });
    let pos = 0;
    for (const [s0, e0] of ranges.slice().sort((x, y) => x[0] - y[0])) {
      if (s0 < pos || e0 > text.length || e0 <= s0) continue;
      box.append(text.slice(pos, s0), h("mark", { cls: "reuse" }, text.slice(s0, e0)));
      pos = e0;
    }
    box.append(text.slice(pos));
    return box;
  }
  views.reuse = () => {
    const D = state.D;
    if (!D.meta.present["reuse.json"]) return section("Recycled text", missing("reuse.json"));
    const pairs = D.reuse.slice().sort((x, y) => (A().date[x.a] || "9999").localeCompare(A().date[y.a] || "9999"));
    return section("Recycled text", h("p", { cls: "muted" }, "Pairs of articles sharing text: both texts side by side with the matching passages highlighted; the earlier publisher is marked."),
      pagedList(pairs, (p) => {
        const sides = h("div", { cls: "sides" }, h("div", { cls: "muted" }, "loading…"));
        const open = (e) => {
          if (!e.target.open || sides.dataset.done) return;
          sides.dataset.done = "1";
          Promise.all([detail(p.a), detail(p.b)]).then(([da, db]) => sides.replaceChildren(
            markPassages(da.text, p.passages.map((x) => [x[0], x[1]]), langName(p.a)),
            markPassages(db.text, p.passages.map((x) => [x[2], x[3]]), langName(p.b))));
        };
        const who = p.first === "a" ? outletOf(p.a).name : p.first === "b" ? outletOf(p.b).name : null;
        return h("div", { cls: "pair" },
          h("div", { cls: "meta" }, h("span", {}, "kind ", h("b", {}, p.kind)), h("span", {}, "similarity ", h("b", {}, typeof p.similarity === "number" ? p.similarity.toFixed(2) : "—")),
            h("span", {}, who ? ["first: ", h("b", {}, bdi(who))] : "who was first cannot be told (same day or no date)"), h("span", {}, `${p.passages.length} passages`)),
          h("div", { cls: "sides" }, ["a", "b"].map((k) => h("div", {}, articleLink(p[k], true), p.first === k ? h("span", { cls: "first" }, "first") : ""))),
          h("details", { on: { toggle: open } }, h("summary", {}, "show both texts with the matching passages"), sides));
      }, 15));
  };

  views.narratives = () => {
    const D = state.D;
    const loaded = D.outlets.filter((o) => o.loaded.length);
    const loadedTable = loaded.length ? table([
      { label: "outlet", key: (o) => o.name, cell: (o) => bdi(o.name) },
      { label: "loaded terms (→ neutral wording) × articles", cell: (o) => o.loaded.map(([t, n, c]) => h("span", { cls: "tag" }, bdi(t), n ? [" → ", bdi(n)] : "", ` ×${c}`)) },
    ], loaded, { per: 20 }) : h("p", { cls: "muted" }, "No loaded terms were marked in these articles.");
    if (!D.narratives.length) return h("div", {}, section("Narratives", missing("narratives (narratives.json)")), section("Loaded terms per outlet", loadedTable));
    const card = (nv) => {
      const i = D.narratives.indexOf(nv);
      const byMonth = (keyOf) => {
        const m = new Map();
        for (const a of nv.articles) { const k = keyOf(a), d = A().date[a].slice(0, 7) || "no date"; if (!m.has(k)) m.set(k, new Map()); m.get(k).set(d, (m.get(k).get(d) || 0) + 1); }
        const cols = [...new Set(nv.articles.map((a) => A().date[a].slice(0, 7) || "no date"))].sort();
        return h("table", { cls: "grid" }, h("thead", {}, h("tr", {}, h("th", {}, ""), cols.map((c) => h("th", {}, c)))),
          h("tbody", {}, [...m].sort((x, y) => y[1].size - x[1].size).slice(0, 15).map(([k, row]) => h("tr", {}, h("th", {}, bdi(k)), cols.map((c) => h("td", { cls: row.get(c) ? "hot" : "" }, row.get(c) || ""))))));
      };
      return h("article", { cls: "story" }, h("h3", {}, bdi(nv.name), " ", h("span", { cls: "tag" }, nv.kind)),
        h("p", {}, bdi(nv.description)),
        h("div", { cls: "meta" }, h("span", {}, `${nv.articles.length} articles, ${nv.claims} claims`), h("span", {}, `${nv.first || "?"} → ${nv.last || "?"}`),
          h("span", {}, "languages ", nv.languages.join(", ")), h("a", { href: "#articles", on: { click: () => { state.filters = { narrative: String(i) }; } } }, "filter articles")),
        h("h4", {}, `Timeline${nv.bucket ? " (by " + nv.bucket + ")" : ""}`), nv.timeline.length ? timeline(nv.timeline, { h: 80 }) : h("p", { cls: "muted" }, "no dated articles"),
        h("details", {}, h("summary", {}, "outlets and languages over time"), byMonth((a) => outletOf(a).name), byMonth((a) => langName(a)),
          nv.outlet_first.length ? h("table", {}, h("thead", {}, h("tr", {}, ["outlet", "first seen", "last seen", "articles", "languages"].map((x) => h("th", {}, x)))),
            h("tbody", {}, nv.outlet_first.map(([o, f, l, n, langs]) => h("tr", {}, h("td", {}, bdi(o)), h("td", {}, f || "—"), h("td", {}, l || "—"), h("td", { cls: "num" }, fmt(n)), h("td", {}, langs.join(", ")))))) : ""),
        nv.graph.length ? h("details", {}, h("summary", {}, `who repeated whom (${nv.graph.length})`), h("ul", { cls: "vals" },
          nv.graph.map(([from, to, kind, n]) => h("li", {}, bdi(from), " → ", bdi(to), " ", h("span", { cls: "tag" }, kind), ` ×${n ?? 1}`)))) : "",
        nv.loaded.length ? h("details", {}, h("summary", {}, "loaded terms per outlet in this narrative"), h("ul", { cls: "vals" },
          nv.loaded.map(([o, terms]) => h("li", {}, h("b", {}, bdi(o)), ": ", terms.slice(0, 12).map(([t, neu, c]) => h("span", { cls: "tag" }, bdi(t), neu ? [" → ", bdi(neu)] : "", ` ×${c ?? 1}`)))))) : "");
    };
    return h("div", {}, section("Narratives", pagedList(D.narratives, card, 10)), section("Loaded terms per outlet", loadedTable));
  };

  views.map = () => {
    const D = state.D, E = D.entities, W = D.world;
    const pts = [];
    for (let e = 0; e < E.id.length; e++) if (typeof E.lat[e] === "number" && typeof E.lon[e] === "number") pts.push(e);
    pts.sort((x, y) => E.narticles[y] - E.narticles[x]);
    const svg = s("svg", { viewBox: `0 0 ${W.width} ${W.height}`, cls: "map", role: "img", "aria-label": "map of the places named" },
      s("rect", { x: 0, y: 0, width: W.width, height: W.height, cls: "sea" }),
      Object.entries(W.paths).map(([code, d]) => s("path", { d, cls: "land" }, s("title", {}, code))));
    const scale = W.width / 360;
    const list = h("div", {});
    const max = Math.max(1, ...pts.map((e) => E.narticles[e]));
    const x = (e) => (E.lon[e] + 180) * scale, y = (e) => (90 - E.lat[e]) * scale;
    const marks = [];  // [element, base size]: circles and labels keep their size on screen when zoomed
    pts.slice().reverse().forEach((e) => {
      const r = 0.8 + 5 * Math.sqrt(E.narticles[e] / max);
      const c = s("circle", { cx: x(e), cy: y(e), r, cls: "pt",
        on: { click: () => { state.filters = { entity: String(e) }; location.hash = "#articles"; } } }, s("title", {}, `${iso(E.name[e])}: ${E.narticles[e]} articles`));
      svg.append(c);
      marks.push([c, "r", r]);
    });
    pts.slice(0, 15).forEach((e) => {
      const t = s("text", { x: x(e) + 3, y: y(e) - 2, cls: "maplbl", "font-size": 4 }, iso(E.name[e]));
      svg.append(t);
      marks.push([t, "font-size", 4]);
    });
    const zoom = (vx, vy, vw, vh) => {
      svg.setAttribute("viewBox", `${vx} ${vy} ${vw} ${vh}`);
      for (const [el, attr, base] of marks) el.setAttribute(attr, base * Math.max(vw / W.width, 0.15));
    };
    // Start on the places that hold most of the articles (the box of the places with 80% of them).
    const total = pts.reduce((t, e) => t + E.narticles[e], 0);
    let acc = 0;
    const core = pts.filter((e) => { const keep = acc < 0.8 * total; acc += E.narticles[e]; return keep; });
    if (core.length) {
      const xs = core.map(x), ys = core.map(y);
      let vw = Math.max(Math.max(...xs) - Math.min(...xs), 60) * 1.3, vh = Math.max(Math.max(...ys) - Math.min(...ys), 30) * 1.3;
      vw = Math.min(W.width, Math.max(vw, vh * 2)); vh = Math.min(W.height, vw / 2);
      const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
      zoom(Math.max(0, Math.min(W.width - vw, cx - vw / 2)), Math.max(0, Math.min(W.height - vh, cy - vh / 2)), vw, vh);
    }
    list.append(table([
      { label: "place", key: (e) => E.name[e], cell: (e) => h("a", { href: "#articles", on: { click: () => { state.filters = { entity: String(e) }; } } }, bdi(E.name[e])) },
      { label: "names", cell: (e) => Object.values(E.names[e]).flat().slice(0, 6).map((x) => [bdi(x, null, "tag"), " "]) },
      { label: "lat, lon", cell: (e) => `${E.lat[e].toFixed(2)}, ${E.lon[e].toFixed(2)}` },
      { label: "articles", key: (e) => E.narticles[e], desc: true, cell: (e) => fmt(E.narticles[e]), cls: "num" }], pts, { per: 20 }));
    return section("Map", h("p", { cls: "muted" }, `${fmt(pts.length)} places with coordinates; circle area: articles naming the place. Base map: Natural Earth 1:110m (public domain), bundled.`),
      h("div", { cls: "facets" }, h("button", { on: { click: () => zoom(0, 0, W.width, W.height) } }, "world"),
        h("button", { on: { click: () => zoom(205 * scale, 48 * scale, 45 * scale, 22.5 * scale) } }, "Middle East")), svg, list);
  };

  views.entities = () => {
    const D = state.D, E = D.entities;
    const f = { q: "", type: "" };
    const all = E.id.map((_, i) => i);
    const results = h("div", {});
    const cols = [
      { label: "name", key: (e) => E.name[e], cell: (e) => h("a", { href: "#articles", on: { click: () => { state.filters = { entity: String(e) }; } } }, bdi(E.name[e])) },
      { label: "type", key: (e) => E.type[e], cell: (e) => h("span", { cls: "tag ent-" + E.type[e] }, E.type[e]) },
      { label: "id", key: (e) => E.id[e], cell: (e) => h("code", {}, E.id[e]) },
      { label: "names", cell: (e) => Object.entries(E.names[e]).map(([l, ns]) => ns.slice(0, 4).map((x) => [bdi(x, l, "tag"), " "])) },
      { label: "mentions", key: (e) => E.mentions[e], desc: true, cell: (e) => fmt(E.mentions[e]), cls: "num" },
      { label: "articles", key: (e) => E.narticles[e], desc: true, cell: (e) => fmt(E.narticles[e]), cls: "num" },
    ];
    function update() {
      keys();
      const q = queryWords(f.q);
      results.replaceChildren(table(cols, all.filter((e) => (!f.type || E.type[e] === f.type) && q.every((t) => E.key[e].includes(t)))));
    }
    update();
    return h("div", {}, section("Entities that appear together", coocGraph()),
      section("All entities", h("div", { cls: "facets" },
        h("input", { type: "search", placeholder: "Filter entities by any of their names…", "aria-label": "Filter entities", on: { input: (e) => { f.q = e.target.value; update(); } } }),
        h("label", {}, "type ", h("select", { on: { change: (e) => { f.type = e.target.value; update(); } } }, h("option", { value: "" }, "all"),
          [...new Set(E.type)].sort().map((t) => h("option", { value: t }, t))))), results));
  };
  function coocGraph() {
    const D = state.D, E = D.entities, { nodes, edges } = D.cooc;
    if (!nodes.length) return h("p", { cls: "muted" }, "No entities.");
    const w = 720, c = 360, r = 250;
    const pos = new Map(nodes.map((e, i) => [e, [c + r * Math.cos((2 * Math.PI * i) / nodes.length), c * 0.9 + r * Math.sin((2 * Math.PI * i) / nodes.length)]]));
    const svg = s("svg", { viewBox: `0 0 ${w} ${c * 1.8}`, cls: "chart graph", role: "img" });
    const max = Math.max(1, ...edges.map((x) => x[2]));
    edges.forEach(([a, b, n]) => svg.append(s("line", { x1: pos.get(a)[0], y1: pos.get(a)[1], x2: pos.get(b)[0], y2: pos.get(b)[1], cls: "edge", "stroke-width": 0.4 + (4 * n) / max },
      s("title", {}, `${iso(E.name[a])} + ${iso(E.name[b])}: ${n} articles`))));
    nodes.forEach((e) => { const [x, y] = pos.get(e); svg.append(s("circle", { cx: x, cy: y, r: 5, cls: "node ent-" + E.type[e] }),
      s("text", { x: x + (x >= c ? 8 : -8), y: y + 4, "text-anchor": x >= c ? "start" : "end", cls: "lbl" }, iso(E.name[e]))); });
    return h("div", {}, h("p", { cls: "muted" }, `The ${nodes.length} most mentioned entities; a line joins two named in the same articles (width: how many).`), svg);
  }

  // One article: text with every span highlighted, values inline and in the side panel.
  const LAYERS = [["ent", "entity"], ["time", "date"], ["qty", "quantity"], ["attr", "attribution"], ["claim", "claim"], ["loaded", "loaded term"]];
  function highlighted(text, d) {
    const spans = [];
    for (const [kind] of LAYERS) for (const sp of d[kind] || []) spans.push([sp[0], sp[1], kind, sp]);
    const cuts = new Set([0, text.length]);
    spans.forEach(([a, b]) => { cuts.add(a); cuts.add(b); });
    const points = [...cuts].sort((x, y) => x - y);
    const endsAt = new Map();
    spans.forEach((sp) => { if (sp[2] === "time" || sp[2] === "qty") { if (!endsAt.has(sp[1])) endsAt.set(sp[1], []); endsAt.get(sp[1]).push(sp); } });
    const out = [];
    for (let p = 0; p < points.length - 1; p++) {
      const a = points[p], b = points[p + 1], piece = text.slice(a, b);
      const cover = spans.filter((sp) => sp[0] <= a && sp[1] >= b);
      if (!cover.length) out.push(piece);
      else {
        const cls = cover.map((sp) => (sp[2] === "ent" ? "ent ent-" + sp[3][2] : sp[2])).join(" ");
        out.push(h("span", { cls }, piece));
      }
      for (const sp of endsAt.get(b) || []) out.push(h("sup", { cls: "val", dir: "ltr" }, sp[2] === "time" ? sp[3][2] || "?" : sp[3][2]));
    }
    return out;
  }
  views.article = async (arg) => {
    const i = Number(arg), D = state.D, E = D.entities;
    if (!(i >= 0 && i < A().id.length)) return section("Article", h("p", {}, "No such article."));
    const d = await detail(i), lang = langName(i), o = outletOf(i);
    const list = (title, items, row) => items.length ? h("div", {}, h("h4", {}, `${title} (${items.length})`), h("ul", { cls: "vals" }, items.map((x) => h("li", {}, row(x))))) : "";
    const txt = (sp) => bdi(d.text.slice(sp[0], sp[1]), lang);
    const why = (rule) => (rule ? h("span", { cls: "rule", dir: "ltr" }, rule) : "");
    return section("Article",
      h("h2", { dir: dirOf(lang), lang, cls: "atitle" }, A().title[i] || "(no title)"),
      A().title_en[i] ? h("p", { dir: "ltr", lang: "en" }, "English: ", A().title_en[i]) : "",
      h("div", { cls: "meta" }, h("span", {}, "outlet ", h("b", {}, bdi(o.name)), o.country ? ` (${o.country})` : "", o.state ? [" · ", bdi(o.state)] : ""),
        h("span", {}, "language ", lang), h("span", {}, "published ", A().date[i] || "unknown"),
        A().story[i] >= 0 ? link("stories/" + A().story[i], "its story") : "", h("span", { cls: "muted" }, "source ", bdi(d.source || "")), h("code", {}, A().id[i])),
      h("div", { cls: "legend" }, ["PER", "ORG", "GPE", "LOC", "FAC", "EVENT", "MISC"].map((t) => h("span", { cls: "ent ent-" + t }, t)),
        h("span", { cls: "time" }, "date"), h("span", { cls: "qty" }, "quantity"), h("span", { cls: "attr" }, "attribution"), h("span", { cls: "claim" }, "claim"), h("span", { cls: "loaded" }, "loaded term")),
      h("div", { cls: "articlegrid" },
        h("div", { cls: "text", dir: dirOf(lang), lang, id: "article-text" }, highlighted(d.text, d)),
        h("aside", { cls: "sidepanel" },
          list("claims", d.claim, (c) => [bdi(c[2] || "", "en"), " ", h("span", { cls: "tag cert-" + c[3] }, c[3] || "")]),
          list("attributions", d.attr, (a) => [txt(a), " → ", chain(a[3]), a[2] ? h("span", { cls: "tag" }, a[2]) : ""]),
          list("quantities", d.qty, (q) => [txt(q), " = ", h("b", { dir: "ltr" }, q[2]), why(q[3])]),
          list("dates", d.time, (t) => [txt(t), " = ", h("b", { dir: "ltr" }, t[2] || "no value"), why(t[3])]),
          list("entities", d.ent, (e) => [h("span", { cls: "ent ent-" + e[2] }, txt(e)), " ", e[2], " ", e[3] >= 0 ? h("a", { href: "#articles", on: { click: () => { state.filters = { entity: String(e[3]) }; } } }, bdi(E.name[e[3]])) : h("span", { cls: "muted" }, "not linked"),
            why([e[4], typeof e[5] === "number" ? e[5].toFixed(2) : "", e[6] ? "· link " + e[6] : ""].filter(Boolean).join(" "))]),
          list("loaded terms", d.loaded, (t) => [txt(t), t[2] ? [" → neutral: ", bdi(t[2])] : "", t[3] ? h("span", { cls: "tag" }, t[3]) : ""]),
          list("outlet evidence", d.evidence, (ev) => [bdi(ev[0]), " ", h("span", { cls: "tag" }, ev[1] || ""), " ", bdi(ev[2] || "", lang)]))),
      h("h4", {}, `What cleaning removed (${d.removed.length})`),
      d.removed.length ? d.removed.map((r) => h("div", { cls: "removed", dir: "auto" }, h("span", { cls: "tag" }, r.kind), " ", r.text)) : h("p", { cls: "muted" }, "Nothing."));
  };

  // --- routing -----------------------------------------------------------------------------------
  const NAV = [["overview", "Overview"], ["articles", "Articles"], ["stories", "Stories"], ["claims", "Claims"], ["contradictions", "Contradictions"],
    ["reuse", "Recycled text"], ["narratives", "Narratives"], ["map", "Map"], ["entities", "Entities"]];
  async function render() {
    const [name, arg] = (location.hash.slice(1) || "overview").split("/");
    const view = views[name] ? name : "overview";
    document.querySelectorAll("nav a").forEach((a) => a.setAttribute("aria-current", a.dataset.view === view ? "page" : "false"));
    const main = document.getElementById("view");
    main.replaceChildren(h("p", { cls: "muted" }, "…"));
    main.replaceChildren(await views[view](arg));
    main.dataset.view = view;
    perf.view = view;
    perf.renders = (perf.renders || 0) + 1;
  }
  async function start() {
    const t0 = performance.now();
    state.D = await inflate(document.getElementById("rasad-index").textContent);
    state.codes = [...state.D.meta.codes].map((ch) => ch.codePointAt(0));
    state.D.world = JSON.parse(document.getElementById("rasad-world").textContent);
    document.getElementById("nav").replaceChildren(...NAV.map(([v, l]) => h("a", { href: "#" + v, "data-view": v }, l)));
    window.addEventListener("hashchange", () => render().catch(fail));
    await render();
    perf.readyMs = performance.now() - t0;
    perf.readyAt = performance.now();  // since navigation start
    perf.ready = true;
    document.body.dataset.ready = "1";
  }
  function fail(err) {
    perf.errors.push(String(err));
    document.getElementById("view").replaceChildren(h("p", { cls: "error" }, "The report could not be shown: ", String(err)));
    throw err;
  }
  perf.fold = (t) => fold(t);
  perf.match = (f) => matchArticles(f).length;
  perf.find = (q) => matchArticles({ q }).map((i) => A().id[i]).sort();
  start().catch(fail);
})();
