// The query page: an editor with line numbers and completion, the bundled queries, results as a
// sortable table with links to the entity pages, a bar chart, downloads and a permalink.
// No library, no inline script (the page's policy forbids it), nothing fetched from elsewhere.
"use strict";

(() => {
  const body = document.body;
  const root = body.dataset.root || "/";
  const endpoint = body.dataset.endpoint || root + "sparql";
  const $ = (id) => document.getElementById(id);
  const editor = $("query");
  const gutter = $("gutter");
  const mirror = $("mirror");
  const list = $("completions");
  const SVG = "http://www.w3.org/2000/svg";
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC = new Set(["integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
    "unsignedLong", "unsignedShort", "unsignedByte"].map((t) => XSD + t));

  let vocab = { prefixes: {}, keywords: [], terms: [], pages: {} };
  let result = null; // {vars, rows, boolean, raw}
  let sort = { col: -1, dir: 1 };
  let error = null; // {line, column}

  // ------------------------------------------------------------ the editor

  function offsetOf(line, column) {
    const lines = editor.value.split("\n");
    let at = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
    return Math.min(editor.value.length, at + Math.max(0, column - 1));
  }

  function drawGutter() {
    const count = editor.value.split("\n").length;
    gutter.textContent = "";
    for (let i = 1; i <= count; i++) {
      const span = document.createElement("span");
      span.textContent = String(i);
      if (error && error.line === i) span.className = "error-line";
      gutter.append(span, "\n");
    }
  }

  function drawMirror() {
    const text = editor.value;
    mirror.textContent = "";
    if (!error) {
      mirror.textContent = text + "\n";
    } else {
      const at = offsetOf(error.line, error.column);
      const mark = document.createElement("mark");
      const ch = text.charAt(at);
      mark.textContent = ch && ch !== "\n" ? ch : " ";
      mark.id = "error-mark";
      const rest = ch && ch !== "\n" ? text.slice(at + 1) : text.slice(at);
      mirror.append(text.slice(0, at), mark, rest + "\n");
    }
    syncScroll();
  }

  function syncScroll() {
    gutter.scrollTop = editor.scrollTop;
    mirror.scrollTop = editor.scrollTop;
    mirror.scrollLeft = editor.scrollLeft;
  }

  function refresh() {
    drawGutter();
    drawMirror();
  }

  function setError(message) {
    const box = $("error");
    // The first line says what is wrong; the rest (the line at fault and a caret under the spot)
    // needs a fixed-width font to line up.
    const [first, ...rest] = message.split("\n");
    box.textContent = first;
    if (rest.length) {
      const pre = document.createElement("pre");
      pre.className = "caret";
      pre.textContent = rest.join("\n");
      box.append(pre);
    }
    box.hidden = false;
    const m = /line (\d+),? column (\d+)/.exec(message);
    error = m ? { line: Number(m[1]), column: Number(m[2]) } : null;
    if (error) {
      editor.dataset.errorLine = String(error.line);
      editor.dataset.errorColumn = String(error.column);
    }
    refresh();
  }

  function clearError() {
    error = null;
    delete editor.dataset.errorLine;
    delete editor.dataset.errorColumn;
    $("error").hidden = true;
    $("error").textContent = "";
  }

  // ------------------------------------------------------------ names and links

  function shorten(iri) {
    let best = "";
    for (const [prefix, ns] of Object.entries(vocab.prefixes)) {
      if (iri.startsWith(ns) && ns.length > (vocab.prefixes[best] || "").length) best = prefix;
    }
    if (best) {
      const local = iri.slice(vocab.prefixes[best].length);
      if (local && /^[\p{L}\p{N}_.-]+$/u.test(local)) return best + ":" + local;
    }
    return iri;
  }

  function pageOf(iri) {
    for (const [ns, path] of Object.entries(vocab.pages)) {
      if (iri.startsWith(ns) && iri.length > ns.length) return root + path + iri.slice(ns.length);
    }
    return null;
  }

  // ------------------------------------------------------------ completion

  let choices = [];
  let chosen = 0;
  let wordStart = 0;
  const measure = document.createElement("span");
  measure.textContent = "M".repeat(20);
  measure.className = "measure";
  measure.style.visibility = "hidden";
  measure.style.position = "absolute";
  measure.style.whiteSpace = "pre";

  function charWidth() {
    if (!measure.isConnected) editor.parentElement.append(measure);
    return measure.getBoundingClientRect().width / 20 || 7.8;
  }

  function wordBeforeCaret() {
    const pos = editor.selectionStart;
    const before = editor.value.slice(0, pos);
    const m = /[A-Za-z_][\w-]*(?::[\w.%-]*)?$/u.exec(before);
    return m ? { word: m[0], start: pos - m[0].length } : { word: "", start: pos };
  }

  function candidates(word) {
    const out = [];
    const lower = word.toLowerCase();
    if (word.includes(":")) {
      // Names that start with what was typed first, then terms whose label has a word that does.
      const prefix = lower.slice(0, lower.indexOf(":") + 1);
      const local = lower.slice(prefix.length);
      const byName = vocab.terms.filter((t) => t.name.toLowerCase().startsWith(lower));
      const byLabel = local.length < 2 ? [] : vocab.terms.filter((t) => !t.name.toLowerCase().startsWith(lower)
        && t.name.toLowerCase().startsWith(prefix)
        && (t.search || t.label).toLowerCase().split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(local)));
      for (const t of [...byName, ...byLabel].slice(0, 60)) out.push({ insert: t.name, label: t.label, kind: t.kind });
    } else if (word) {
      for (const prefix of Object.keys(vocab.prefixes)) {
        if (prefix.startsWith(lower)) out.push({ insert: prefix + ":", label: vocab.prefixes[prefix], kind: "prefix" });
      }
      for (const k of vocab.keywords) {
        if (k.startsWith(word.toUpperCase())) out.push({ insert: k, label: "", kind: "keyword" });
      }
    }
    return out;
  }

  function closeList() {
    list.hidden = true;
    list.textContent = "";
    choices = [];
  }

  function openList(force) {
    const { word, start } = wordBeforeCaret();
    if (!force && !(word.includes(":") || word.length >= 3)) return closeList();
    choices = candidates(word).filter((c) => c.insert !== word);
    if (!choices.length) return closeList();
    wordStart = start;
    chosen = 0;
    list.textContent = "";
    choices.forEach((c, i) => {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.dataset.index = String(i);
      li.textContent = c.insert;
      if (c.label) {
        const label = document.createElement("span");
        label.className = "label";
        label.textContent = c.label;
        li.append(label);
      }
      li.addEventListener("mousedown", (ev) => {
        ev.preventDefault();
        chosen = i;
        accept();
      });
      list.append(li);
    });
    const before = editor.value.slice(0, start);
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n") - 1;
    list.style.top = `${6 + line * 18 - editor.scrollTop}px`;
    list.style.left = `${Math.max(0, 8 + column * charWidth() - editor.scrollLeft)}px`;
    list.hidden = false;
    highlight();
  }

  function highlight() {
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === chosen)));
    const current = list.children[chosen];
    if (current) current.scrollIntoView({ block: "nearest" });
  }

  function accept() {
    const choice = choices[chosen];
    if (!choice) return;
    editor.setRangeText(choice.insert, wordStart, editor.selectionStart, "end");
    closeList();
    refresh();
    editor.focus();
  }

  // ------------------------------------------------------------ running a query

  function unescapeLiteral(s) {
    return s.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, e) => {
      if (e[0] === "u" || e[0] === "U") return String.fromCodePoint(parseInt(e.slice(1), 16));
      return { t: "\t", n: "\n", r: "\r", b: "\b", f: "\f" }[e] ?? e;
    });
  }

  function parseNTriples(text) {
    const term = /<([^>]*)>|_:([^\s.]+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?/g;
    const rows = [];
    for (const line of text.split("\n")) {
      if (!line.trim() || line.startsWith("#")) continue;
      const parts = [];
      let m;
      term.lastIndex = 0;
      while ((m = term.exec(line)) && parts.length < 3) {
        if (m[1] !== undefined) parts.push({ type: "uri", value: m[1] });
        else if (m[2] !== undefined) parts.push({ type: "bnode", value: m[2] });
        else {
          const lit = { type: "literal", value: unescapeLiteral(m[3]) };
          if (m[4]) lit["xml:lang"] = m[4];
          if (m[5]) lit.datatype = m[5];
          parts.push(lit);
        }
      }
      if (parts.length === 3) rows.push({ subject: parts[0], predicate: parts[1], object: parts[2] });
    }
    return { vars: ["subject", "predicate", "object"], rows };
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  function permalink(text) {
    return root + "?query=" + encodeURIComponent(text);
  }

  async function run() {
    const text = editor.value;
    closeList();
    clearError();
    refresh();
    const link = permalink(text);
    $("permalink").href = link;
    history.replaceState(null, "", link);
    setStatus("running…");
    body.dataset.state = "running";
    const started = performance.now();
    let response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, application/n-triples;q=0.9",
        },
        body: new URLSearchParams({ query: text }),
      });
    } catch (exc) {
      setError(`the server did not answer: ${exc}`);
      setStatus("");
      body.dataset.state = "error";
      return;
    }
    const raw = await response.text();
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      setError(raw.trim() || `HTTP ${response.status}`);
      setStatus(`failed (${response.status}) in ${ms} ms`);
      $("results").hidden = true;
      body.dataset.state = "error";
      return;
    }
    const type = response.headers.get("content-type") || "";
    if (type.startsWith("application/n-triples")) {
      result = { ...parseNTriples(raw), boolean: null };
    } else {
      const data = JSON.parse(raw);
      result = "boolean" in data
        ? { vars: ["boolean"], rows: [{ boolean: { type: "literal", value: String(data.boolean),
          datatype: XSD + "boolean" } }], boolean: data.boolean }
        : { vars: data.head.vars, rows: data.results.bindings, boolean: null };
    }
    sort = { col: -1, dir: 1 };
    drawResults();
    setStatus(`${result.rows.length} ${result.rows.length === 1 ? "row" : "rows"} in ${ms} ms`);
    body.dataset.state = "done";
  }

  // ------------------------------------------------------------ results

  function isNumeric(term) {
    return term && term.type === "literal" && NUMERIC.has(term.datatype) && Number.isFinite(Number(term.value));
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const page = pageOf(term.value);
      if (!page && !/^https?:\/\//i.test(term.value)) {
        td.textContent = term.value; // not a web address (javascript:, urn:, ...): never a link
        return td;
      }
      const a = document.createElement("a");
      a.textContent = shorten(term.value);
      a.title = term.value;
      a.href = page || term.value;
      if (!page) a.rel = "noopener noreferrer";
      td.append(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      if (isNumeric(term)) td.className = "num";
      if (term["xml:lang"]) {
        const lang = document.createElement("span");
        lang.className = "literal-lang";
        lang.textContent = "@" + term["xml:lang"];
        td.append(lang);
      }
    }
    return td;
  }

  function compare(a, b) {
    if (!a && !b) return 0;
    if (!a) return 1;
    if (!b) return -1;
    if (isNumeric(a) && isNumeric(b)) return Number(a.value) - Number(b.value);
    const x = a.type === "uri" ? shorten(a.value) : a.value;
    const y = b.type === "uri" ? shorten(b.value) : b.value;
    return x.localeCompare(y, undefined, { numeric: true });
  }

  function drawTable() {
    const table = $("table");
    const head = table.tHead;
    const tbody = table.tBodies[0];
    head.textContent = "";
    tbody.textContent = "";
    const tr = document.createElement("tr");
    result.vars.forEach((name, i) => {
      const th = document.createElement("th");
      th.textContent = name;
      th.tabIndex = 0;
      th.setAttribute("aria-sort", sort.col === i ? (sort.dir > 0 ? "ascending" : "descending") : "none");
      const sortBy = () => {
        sort = { col: i, dir: sort.col === i ? -sort.dir : 1 };
        drawTable();
      };
      th.addEventListener("click", sortBy);
      th.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          sortBy();
        }
      });
      tr.append(th);
    });
    head.append(tr);
    let rows = result.rows;
    if (sort.col >= 0) {
      const name = result.vars[sort.col];
      rows = [...rows].sort((a, b) => sort.dir * compare(a[name], b[name]));
    }
    const fragment = document.createDocumentFragment();
    for (const row of rows) {
      const line = document.createElement("tr");
      for (const name of result.vars) line.append(cell(row[name]));
      fragment.append(line);
    }
    tbody.append(fragment);
  }

  function drawChart() {
    const box = $("chart");
    box.textContent = "";
    if (result.vars.length !== 2 || !result.rows.length || result.rows.length > 200) return;
    const numeric = result.vars.findIndex((name) => result.rows.every((r) => isNumeric(r[name])));
    if (numeric < 0) return;
    const valueName = result.vars[numeric];
    const labelName = result.vars[1 - numeric];
    const values = result.rows.map((r) => Number(r[valueName].value));
    const max = Math.max(...values.map(Math.abs), 1e-12);
    const barH = 18;
    const labelW = 220;
    const width = 760;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `${valueName} by ${labelName}`);
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(result.rows.length * (barH + 4) + 6));
    result.rows.forEach((row, i) => {
      const y = 3 + i * (barH + 4);
      const term = row[labelName];
      const label = document.createElementNS(SVG, "text");
      label.setAttribute("x", String(labelW - 6));
      label.setAttribute("y", String(y + barH - 5));
      label.setAttribute("text-anchor", "end");
      const name = !term ? "" : term.type === "uri" ? shorten(term.value) : term.value;
      label.textContent = name.length > 34 ? name.slice(0, 33) + "…" : name;
      const bar = document.createElementNS(SVG, "rect");
      const w = Math.max(1, (Math.abs(values[i]) / max) * (width - labelW - 70));
      bar.setAttribute("x", String(labelW));
      bar.setAttribute("y", String(y));
      bar.setAttribute("width", w.toFixed(1));
      bar.setAttribute("height", String(barH));
      const tip = document.createElementNS(SVG, "title");
      tip.textContent = `${name}: ${row[valueName].value}`;
      bar.append(tip);
      const value = document.createElementNS(SVG, "text");
      value.setAttribute("x", (labelW + w + 4).toFixed(1));
      value.setAttribute("y", String(y + barH - 5));
      value.textContent = row[valueName].value;
      svg.append(label, bar, value);
    });
    box.append(svg);
  }

  function drawResults() {
    $("results").hidden = false;
    $("count").textContent = result.boolean === null ? `${result.rows.length} rows` : `answer: ${result.boolean}`;
    drawTable();
    drawChart();
  }

  // ------------------------------------------------------------ downloads

  function csvField(value) {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }

  function toCSV() {
    const lines = [result.vars.map(csvField).join(",")];
    for (const row of result.rows) {
      lines.push(result.vars.map((name) => csvField(row[name] ? row[name].value : "")).join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }

  function toJSON() {
    const data = result.boolean !== null
      ? { head: {}, boolean: result.boolean }
      : { head: { vars: result.vars }, results: { bindings: result.rows } };
    return JSON.stringify(data, null, 1) + "\n";
  }

  function download(text, type, name) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // ------------------------------------------------------------ wiring

  editor.addEventListener("input", () => {
    if (error) clearError();
    refresh();
    openList(false);
  });
  editor.addEventListener("scroll", syncScroll);
  editor.addEventListener("blur", () => setTimeout(closeList, 150));
  editor.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      run();
      return;
    }
    if (ev.key === " " && ev.ctrlKey) {
      ev.preventDefault();
      openList(true);
      return;
    }
    if (list.hidden) return;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      chosen = (chosen + (ev.key === "ArrowDown" ? 1 : -1) + choices.length) % choices.length;
      highlight();
    } else if (ev.key === "Enter" || ev.key === "Tab") {
      ev.preventDefault();
      accept();
    } else if (ev.key === "Escape") {
      ev.preventDefault();
      closeList();
    }
  });
  $("query-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    run();
  });
  $("download-csv").addEventListener("click", () => download(toCSV(), "text/csv", "results.csv"));
  $("download-json").addEventListener("click", () => download(toJSON(), "application/sparql-results+json",
    "results.json"));
  $("picker").addEventListener("change", (ev) => {
    const option = ev.target.selectedOptions[0];
    if (!option || !option.value) return;
    editor.value = option.dataset.text;
    clearError();
    refresh();
    editor.focus();
  });
  $("permalink").href = permalink(editor.value);

  fetch(root + "api/queries").then((r) => r.json()).then((queries) => {
    const picker = $("picker");
    for (const q of queries) {
      const option = document.createElement("option");
      option.value = q.name;
      option.textContent = q.title ? `${q.name}: ${q.title}` : q.name;
      option.dataset.text = q.text;
      picker.append(option);
    }
    body.dataset.queries = String(queries.length);
  });
  fetch(root + "api/terms").then((r) => r.json()).then((data) => {
    vocab = data;
    body.dataset.terms = String(data.terms.length);
    if (result) drawTable();
  });
  refresh();
  body.dataset.ready = "true";
})();
