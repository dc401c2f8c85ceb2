/* resilience-kg network view. Every string from the data is shown with textContent or as a
   vis-network label (drawn on a canvas), never parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rkg-data").textContent);
  var messages = data.messages || {};
  // The page opens in the language its data says, unless its address asks for one (#lang=en:
  // the report links each view in the language the reader chose there).
  var asked = /(?:^#|&)lang=(id|en)(?:&|$)/.exec(window.location.hash);
  var lang = asked ? asked[1] : (data.lang === "id" ? "id" : "en");
  var sizeBy = "";
  var basis = "all";
  var hiddenPillars = new Set();
  var hiddenSectors = new Set();
  var focused = null;
  var showPresence = false;
  var dates = data.dates || [];
  var fromIdx = 0, untilIdx = Math.max(0, dates.length - 1);
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var LABEL_WIDTH = 36;  // characters a line of a node's label; network_view.LABEL_LINE is the same

  // The interface text in the reader's language (views/templates/view_messages.csv), its
  // {name} placeholders filled with args. A message the table lacks shows its fallback (a
  // sector or kind of the data that has no translation), else its id.
  function t(key, args, fallback) {
    var table = messages[lang] || {};
    var text = Object.prototype.hasOwnProperty.call(table, key) ? table[key]
      : (fallback !== undefined ? fallback : key);
    return String(text).replace(/\{(\w+)\}/g, function (all, k) {
      return args && Object.prototype.hasOwnProperty.call(args, k) ? String(args[k]) : all;
    });
  }
  // The fixed text of the page, marked with data-msg (text) and data-msg-placeholder.
  function writeInterface() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-msg]"), function (e) {
      e.textContent = t(e.getAttribute("data-msg"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-msg-placeholder]"), function (e) {
      e.placeholder = t(e.getAttribute("data-msg-placeholder"));
    });
  }
  function sectorName(s) { return t("sector." + s, null, s); }
  function kindName(k) { return t("kind." + k, null, k); }
  function pillarName(p) { return (lang === "id" ? p.label_id : p.label_en) || p.label_id || p.notation; }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  // The full name in the chosen language: an Indonesian label that is only the acronym gives
  // way to the expansion (BPBD: Badan Penanggulangan Bencana Daerah). See views/names.py.
  function nameIn(n, l) {
    var label = l === "id" ? n.label_id : n.label_en;
    if (l === "id" && n.expansion && (!label || label === n.acronym)) { label = n.expansion; }
    return label || (l === "id" ? n.label_en : n.label_id) || n.id;
  }
  function name(n) { return nameIn(n, lang); }
  function otherName(n) { return nameIn(n, lang === "id" ? "en" : "id"); }
  // An acronym is one word (BPBD); a short name of several (Kedubes Perancis) is a name in one
  // language, so the chosen language's full name is shown instead.
  function isAcronym(text) { return !!text && text.trim().indexOf(" ") < 0 && text.length <= 14; }
  function shortName(n) {
    return (n.kind === "actor" && isAcronym(n.acronym)) ? n.acronym : name(n);
  }
  // A long label (an event's full title) on several short lines, so that it covers no neighbour.
  function wrapped(text, width) {
    var lines = [], line = "";
    String(text).split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines.join("\n");
  }
  function canvasLabel(n) { return wrapped(shortName(n), LABEL_WIDTH); }
  // Served by our server (http or https), an IRI of the graph links to its entity page; opened as
  // a file there is no server to answer, so the IRI stays text. The path is relative to the page.
  function entityPage(iri) {
    var pages = data.entity_pages || {};
    if (!iri || !/^https?:$/.test(window.location.protocol)) { return null; }
    for (var ns in pages) {
      if (Object.prototype.hasOwnProperty.call(pages, ns) && iri.indexOf(ns) === 0 && iri.length > ns.length) {
        return pages[ns] + iri.slice(ns.length);
      }
    }
    return null;
  }
  function tooltip(n) {
    var box = el("div");
    box.appendChild(el("strong", name(n) + (isAcronym(n.acronym) && n.acronym !== name(n) ? " (" + n.acronym + ")" : "")));
    if (otherName(n) !== name(n)) { box.appendChild(el("div", otherName(n), "other-lang")); }
    var bits = [n.acronym, n.type, n.sector ? sectorName(n.sector) : ""].filter(function (x) { return x; });
    if (bits.length) { box.appendChild(el("div", bits.join(" \u00b7 "))); }
    if (n.pillars.length) { box.appendChild(el("div", t("tooltip.pillars", { list: n.pillars.join(", ") }))); }
    return box;
  }
  function visNode(n) {
    var node = {
      id: n.id, label: canvasLabel(n), title: tooltip(n), shape: n.shape,
      color: { background: n.color, border: "#333333" }, opacity: 1,
      font: { color: "#222222" }
    };
    if (n.shape === "box" || n.shape === "ellipse") { node.font = { color: "#222222" }; }
    if (typeof n.x === "number") { node.x = n.x; node.y = n.y; }
    if (n.fixed) { node.fixed = { x: true, y: true }; }
    // A label that must stay clear of the links (see network_view.label_above); a white halo
    // keeps every label of a view laid out in advance readable where a link crosses it.
    if (n.label_above) { node.font = { color: "#222222", vadjust: -72, strokeWidth: 4, strokeColor: "#ffffff" }; }
    else if (!data.physics) { node.font = { color: "#222222", strokeWidth: 4, strokeColor: "#ffffff" }; }
    node.value = sizeOf(n);
    // The node a view is about: pinned at the centre, ringed and labelled in bold, and drawn
    // larger than the rest, so that the eye finds it first (the others settle around it).
    if (n.id === data.focus) {
      node.x = 0; node.y = 0; node.fixed = { x: true, y: true };
      node.borderWidth = 4; node.color = { background: n.color, border: "#111111" };
      node.font = { color: "#111111", size: 18, bold: true, strokeWidth: 4, strokeColor: "#ffffff" };
      node.shapeProperties = { borderDashes: false };
    }
    return node;
  }
  // Every node always has a value: one shared value for "same for all", so that vis-network's
  // scaling gives every node the same size again after a centrality was chosen.
  function sizeOf(n) { return sizeBy ? (n.metrics[sizeBy] || 0) : 1; }
  function edgeLabel(e) { return lang === "id" ? e.label_id : e.label_en; }
  function visEdge(e) {
    var text = edgeLabel(e) + (e.graph === "curated" ? " (" + t("edge.curated") + (e.confidence ? ", " + e.confidence : "") + ")" : "");
    if (e.strength !== undefined) { text += ": " + e.strength + " (" + e.basis + ")"; }
    var edge = { id: e.id, from: e.from, to: e.to, title: text, label: "" };
    // Dashed lines cost three times a plain one to draw: a large view marks curated links by
    // colour instead, so it stays responsive.
    if (e.graph === "curated") {
      if (data.physics) { edge.dashes = [6, 4]; } else { edge.color = { color: "#d4a017", highlight: "#8a6500" }; }
    }
    if (e.strength !== undefined) {
      edge.width = 1 + 2 * Math.min(e.strength, 4);
      if (e.presence_only) { edge.dashes = [2, 4]; edge.width = 1; }
    }
    return edge;
  }

  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var edgeById = new Map(data.edges.map(function (e) { return [e.id, e]; }));

  // A node or link tied to dated events shows if one of them falls in the chosen range; one tied
  // to none (a pillar, the strategy) always shows. ISO dates compare as strings.
  function inTime(ds) {
    if (!ds || !ds.length || !dates.length) { return true; }
    var lo = dates[fromIdx], hi = dates[untilIdx];
    for (var i = 0; i < ds.length; i++) { if (ds[i] >= lo && ds[i] <= hi) { return true; } }
    return false;
  }
  function nodeVisible(item) {
    var n = byId.get(item.id);
    if (!inTime(n.dates)) { return false; }
    if (n.kind === "actor" && n.sector && hiddenSectors.has(n.sector)) { return false; }
    if (n.pillars.length && n.pillars.every(function (p) { return hiddenPillars.has(p); })) { return false; }
    return true;
  }
  var nodesView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgesView = new vis.DataView(edges, {
    filter: function (item) {
      var e = edgeById.get(item.id);
      if (basis === "report" && e.graph === "curated") { return false; }
      if (e.presence_only && !showPresence) { return false; }
      if (!inTime(e.dates)) { return false; }
      return nodeVisible({ id: e.from }) && nodeVisible({ id: e.to });
    }
  });

  var container = document.getElementById("rkg-network");
  var options = data.options;
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  // vis-network fits the nodes' centres, which leaves long labels at the edge cut off; a view laid
  // out in advance, and a view about one node, are fitted once more to the boxes of their nodes
  // with their labels. Given a node, the view is centred on it and fitted around it.
  function fitWithLabels(centre) {
    var ids = nodesView.getIds();
    if (!ids.length) { return; }
    var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) { return; }
      box.left = Math.min(box.left, b.left); box.right = Math.max(box.right, b.right);
      box.top = Math.min(box.top, b.top); box.bottom = Math.max(box.bottom, b.bottom);
    });
    var mid = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
    var half = { x: (box.right - box.left) / 2, y: (box.bottom - box.top) / 2 };
    var at = centre ? network.getPositions([centre])[centre] : null;
    if (at) {
      mid = at;
      half = { x: Math.max(at.x - box.left, box.right - at.x), y: Math.max(at.y - box.top, box.bottom - at.y) };
    }
    var canvas = container.getBoundingClientRect();
    var scale = 0.96 * Math.min(canvas.width / (2 * half.x || 1), canvas.height / (2 * half.y || 1));
    network.moveTo({ position: mid, scale: Math.min(scale, 1.5), animation: false });
  }
  function fitView() {
    if (data.focus && byId.has(data.focus)) { fitWithLabels(data.focus); }
    else if (data.view === "actors-pillars") { fitWithLabels(); }
  }
  network.once("afterDrawing", function () {
    fitView();
    document.body.setAttribute("data-drawn", "1");
  });
  // Until the reader moves or zooms the drawing, it stays fitted when the canvas changes size
  // (the header's notes settle after the first drawing; a window is resized).
  var moved = false;
  network.on("dragStart", function () { moved = true; });
  network.on("zoom", function () { moved = true; });
  network.on("resize", function () { if (!moved) { window.setTimeout(fitView, 0); } });
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    window.setTimeout(fitView, 0);  // after vis-network's own fit at the end of stabilisation
  });

  // A node the filters hide leaves the drawing; when it comes back, vis-network places it at the
  // centre unless its position was kept. So the positions are written back before each filter.
  function keepPositions() {
    var pos = network.getPositions();
    var moved = [];
    Object.keys(pos).forEach(function (id) {
      var n = nodes.get(id);
      if (n && (n.x !== pos[id].x || n.y !== pos[id].y)) { moved.push({ id: id, x: pos[id].x, y: pos[id].y }); }
    });
    if (moved.length) { nodes.update(moved); }
  }
  function refresh() { keepPositions(); nodesView.refresh(); edgesView.refresh(); }

  function relabel() {
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, label: canvasLabel(n), title: tooltip(n), value: sizeOf(n) };
    }));
    edges.update(data.edges.map(function (e) { return { id: e.id, title: visEdge(e).title }; }));
    if (focused) { showDetails(focused); }
  }

  function focus(id) {
    focused = id;
    showDetails(id);  // answer the click first; dimming thousands of nodes takes a moment
    var keep = new Set(network.getConnectedNodes(id).concat([id]));
    var dim = function () {
      if (focused !== id) { return; }
      nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: keep.has(n.id) ? 1 : 0.15 }; }));
    };
    if (data.physics) { dim(); } else { window.setTimeout(dim, 0); }
  }
  function unfocus() {
    focused = null;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: 1 }; }));
    var panel = document.getElementById("rkg-details");
    var hint = el("p", t("details.hint"), "hint");
    hint.setAttribute("data-msg", "details.hint");
    panel.replaceChildren(hint);
  }

  function showDetails(id) {
    var n = byId.get(id);
    var panel = document.getElementById("rkg-details");
    panel.replaceChildren();
    var heading = el("h2", name(n));
    if (isAcronym(n.acronym) && n.acronym !== name(n)) { heading.appendChild(el("span", " (" + n.acronym + ")", "acronym")); }
    heading.title = otherName(n);  // the other language on hover
    panel.appendChild(heading);
    var dl = el("dl");
    function row(k, v) { if (v !== undefined && v !== null && v !== "") { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); } }
    row(t("details.id"), nameIn(n, "id"));
    row(t("details.en"), n.label_en);
    row(t("details.acronym"), n.acronym);
    row(t("details.type"), n.type);
    row(t("details.sector"), n.sector ? sectorName(n.sector) : "");
    row(t("details.pillars"), n.pillars.join(", "));
    var page = entityPage(n.iri);
    if (page) {
      var link = el("a", n.iri, "entity");
      link.href = page;
      var dd = el("dd");
      dd.appendChild(link);
      dl.appendChild(el("dt", t("details.iri")));
      dl.appendChild(dd);
    } else {
      row(t("details.iri"), n.iri);
    }
    Object.keys(n.metrics).forEach(function (m) { row(t("metric." + m, null, m), Number(n.metrics[m]).toFixed(3)); });
    panel.appendChild(dl);
    if (n.evidence.quotes.length) {
      panel.appendChild(el("h3", t("details.evidence")));
      n.evidence.quotes.forEach(function (q) { panel.appendChild(el("blockquote", q)); });
    }
    if (n.evidence.curated.length) {
      panel.appendChild(el("h3", t("details.curated")));
      n.evidence.curated.forEach(function (q) { panel.appendChild(el("blockquote", q, "curated")); });
    }
    var said = n.statements || [];
    if (said.length) {
      // What this actor or post said, in the report's order (text only: never parsed as HTML).
      panel.appendChild(el("h3", t("details.statements")));
      var list = el("ol", null, "statements");
      said.forEach(function (s) {
        var item = el("li", (s.position ? s.position + ". " : "") + s.label_en +
          (s.event ? " (" + s.relation + " " + s.event + ")" : ""));
        if (s.quote) { item.appendChild(el("blockquote", s.quote)); }
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
  }

  network.on("click", function (params) {
    if (params.nodes.length) { focus(params.nodes[0]); } else { unfocus(); }
  });
  network.on("hoverEdge", function (params) {
    var e = edgeById.get(params.edge);
    if (e) { edges.update({ id: e.id, label: edgeLabel(e) }); }
  });
  network.on("blurEdge", function (params) { edges.update({ id: params.edge, label: "" }); });

  var lastSearch = null;  // the answer shown, written again when the language changes
  function searchAnswer() {
    var out = document.getElementById("rkg-search-result");
    if (!lastSearch) { return; }
    out.textContent = lastSearch.hit ? t("search.found", { name: name(byId.get(lastSearch.hit)) })
      : t("search.none", { query: lastSearch.query });
  }
  function search(query) {
    var q = String(query || "").trim().toLowerCase();
    var out = document.getElementById("rkg-search-result");
    if (!q) { out.textContent = ""; lastSearch = null; return null; }
    var visible = new Set(nodesView.getIds());
    var exact = null, partial = null;
    data.nodes.forEach(function (n) {
      if (!visible.has(n.id)) { return; }
      var names = [n.acronym, n.label_en, n.label_id, n.expansion, n.id].filter(function (x) { return x; });
      names.forEach(function (s) {
        var t = String(s).toLowerCase();
        if (t === q && !exact) { exact = n.id; }
        if (t.indexOf(q) !== -1 && !partial) { partial = n.id; }
      });
    });
    var hit = exact || partial;
    lastSearch = { query: String(query), hit: hit };
    if (!hit) { out.textContent = t("search.none", { query: query }); return null; }
    out.textContent = t("search.found", { name: name(byId.get(hit)) });
    network.selectNodes([hit]);
    network.focus(hit, { scale: 1.2, animation: false });
    focus(hit);
    return hit;
  }

  function setPillar(notation, on) { if (on) { hiddenPillars.delete(notation); } else { hiddenPillars.add(notation); } refresh(); }
  function setSector(sector, on) { if (on) { hiddenSectors.delete(sector); } else { hiddenSectors.add(sector); } refresh(); }
  function setBasis(value) { basis = value; refresh(); }
  function setPresence(on) { showPresence = !!on; document.getElementById("rkg-presence").checked = showPresence; refresh(); }
  function timeLabel() {
    var out = document.getElementById("rkg-time-label");
    if (!dates.length) { out.textContent = ""; return; }
    if (fromIdx >= dates.length) { out.textContent = t("time.none"); return; }
    if (dates.length === 1) { out.textContent = t("time.one", { date: dates[0] }); return; }
    var shown = dates.filter(function (d, i) { return i >= fromIdx && i <= untilIdx; }).length;
    out.textContent = t("time.range", { from: dates[fromIdx], until: dates[untilIdx], shown: shown, total: dates.length });
  }
  // Dragging a handle fires many input events; the filter runs once per frame at most.
  var pending = false;
  function refreshSoon() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; refresh(); });
  }
  function setTimeRange(from, until, now) {
    var f = document.getElementById("rkg-from"), u = document.getElementById("rkg-until");
    fromIdx = Math.max(0, Math.min(from, dates.length - 1));
    untilIdx = Math.max(fromIdx, Math.min(until, dates.length - 1));
    f.value = String(fromIdx); u.value = String(untilIdx);
    timeLabel();
    if (now) { refresh(); } else { refreshSoon(); }
  }
  // By date: the first and last dates of the view that fall inside [lo, hi] (ISO strings).
  function setTimeWindow(lo, hi) {
    var first = dates.findIndex(function (d) { return d >= lo; });
    var last = -1;
    dates.forEach(function (d, i) { if (d <= hi) { last = i; } });
    if (first === -1 || last < first) { first = dates.length; last = dates.length; }
    // An empty range: nothing dated shows (indices past the end select no date).
    if (first >= dates.length) { fromIdx = dates.length; untilIdx = dates.length; refresh(); timeLabel(); return; }
    setTimeRange(first, last, true);
  }
  // The reader's language: the interface text, the title, the notes, the controls and the names.
  function setLang(value) {
    lang = value === "id" ? "id" : "en";
    document.documentElement.lang = lang;
    document.getElementById("rkg-lang").value = lang;
    writeInterface();
    writePage();
    timeLabel();
    searchAnswer();
    relabel();
  }
  function setSize(value) { sizeBy = value; relabel(); }

  // A checkbox whose words follow the language (its state stays as the reader set it).
  var relabelled = [];
  function checkbox(parent, value, text, onChange) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = value;
    box.addEventListener("change", function () { onChange(value, box.checked); });
    label.appendChild(box);
    var words = el("span", " " + text());
    relabelled.push(function () { words.textContent = " " + text(); });
    label.appendChild(words);
    parent.appendChild(label);
  }

  // What the page writes from its data in the reader's language: title, notes, controls, legend.
  function writePage() {
    var title = (data.titles && data.titles[lang]) || data.title;
    document.getElementById("rkg-title").textContent = title;
    document.title = title + " \u2014 resilience-kg";
    var notes = document.getElementById("rkg-notes");
    notes.replaceChildren();
    ((data.notes_by_lang && data.notes_by_lang[lang]) || data.notes).forEach(function (x) { notes.appendChild(el("p", x)); });
    relabelled.forEach(function (f) { f(); });
    var legend = document.getElementById("rkg-legend");
    legend.replaceChildren();
    data.legend.forEach(function (item) {
      var li = el("li");
      var sw = el("span", null, "swatch" + (item.shape === "dot" ? "" : " square"));
      sw.style.background = item.color;
      li.appendChild(sw);
      var words = item.group === "kind" ? kindName(item.label) + " (" + t("shape." + item.shape, null, item.shape) + ")"
        : item.group === "sector" ? sectorName(item.label) : item.label;
      li.appendChild(el("span", words));
      legend.appendChild(li);
    });
  }
  var pillarBox = document.getElementById("rkg-pillars");
  data.pillars.forEach(function (p) { checkbox(pillarBox, p.notation, function () { return pillarName(p); }, setPillar); });
  var sectorBox = document.getElementById("rkg-sectors");
  data.sectors.forEach(function (s) { checkbox(sectorBox, s, function () { return sectorName(s); }, setSector); });
  writeInterface();
  writePage();
  Array.prototype.forEach.call(document.querySelectorAll("input[name=rkg-basis]"), function (r) {
    r.addEventListener("change", function () { if (r.checked) { setBasis(r.value); } });
  });
  if (dates.length === 1) {
    // One date: a range of one has nothing to choose; say so instead of two handles on each other.
    var oneBox = document.getElementById("rkg-time");
    oneBox.hidden = false;
    Array.prototype.forEach.call(oneBox.querySelectorAll("input, label"), function (x) { x.hidden = true; });
    timeLabel();
  } else if (dates.length) {
    var timeBox = document.getElementById("rkg-time");
    timeBox.hidden = false;
    ["rkg-from", "rkg-until"].forEach(function (id) {
      var r = document.getElementById(id);
      r.max = String(dates.length - 1);
      r.addEventListener("input", function () {
        var f = Number(document.getElementById("rkg-from").value), u = Number(document.getElementById("rkg-until").value);
        // The handles never cross: the one being moved pushes the other along.
        if (f > u) { if (id === "rkg-from") { u = f; } else { f = u; } }
        setTimeRange(f, u, false);
      });
    });
    setTimeRange(0, dates.length - 1, true);
  }
  if (data.edges.some(function (e) { return e.presence_only; })) {
    document.getElementById("rkg-presence-box").hidden = false;
    document.getElementById("rkg-presence").addEventListener("change", function (e) { setPresence(e.target.checked); });
  }
  var langBox = document.getElementById("rkg-lang");
  langBox.value = lang;
  document.documentElement.lang = lang;
  langBox.addEventListener("change", function (e) { setLang(e.target.value); });
  window.addEventListener("hashchange", function () {
    var m = /(?:^#|&)lang=(id|en)(?:&|$)/.exec(window.location.hash);
    if (m && m[1] !== lang) { setLang(m[1]); }
  });
  document.getElementById("rkg-size").addEventListener("change", function (e) { setSize(e.target.value); });
  var searchBox = document.getElementById("rkg-search");
  searchBox.addEventListener("keydown", function (e) { if (e.key === "Enter") { search(searchBox.value); } });
  searchBox.addEventListener("search", function () { search(searchBox.value); });

  window.rkgView = {
    network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
    search: search, focus: focus, setPillar: setPillar, setSector: setSector, setBasis: setBasis,
    setLang: setLang, lang: function () { return lang; }, setSize: setSize, setPresence: setPresence, setTimeRange: setTimeRange,
    setTimeWindow: setTimeWindow, dates: dates, fitWithLabels: fitWithLabels, focusId: data.focus || null,
    visibleNodeIds: function () { return nodesView.getIds(); },
    visibleEdgeIds: function () { return edgesView.getIds(); }
  };
}());
