"use strict";
// The review page: draws the state the server sends (/api/state), sends each change to
// /api/change, and redraws from the answer. Untrusted text (the report, labels, quotes) is only
// ever put in the page as text nodes.
(function () {
  const token = document.querySelector('meta[name="review-token"]').content;
  const $ = (id) => document.getElementById(id);
  const textBox = $("source-text");
  const groupsBox = $("groups");
  const fSource = $("f-source");
  const fStatus = $("f-status");
  const message = $("message");
  const ROLE_TYPES = new Set();
  const GROUPS = [
    ["actors", "Actors", (t, o) => o.sectors.includes(t)],
    ["event", "The event and its sessions", (t) => t === "Event" || t === "Session"],
    ["issues", "Issues and solutions", (t) => t === "Issue" || t === "Solution"],
    ["agreements", "Agreements and commitments", (t) => t === "Agreement" || t === "Commitment"],
    ["people", "Posts and persons", (t) => t === "Post" || t === "Person"],
    ["other", "Other elements", () => true],
  ];
  let state = null;
  let items = []; // every row in the order drawn: {row, card}
  let focus = 0;
  let busy = false;
  let editing = null; // the key of the row whose editor is open
  let impactTimer = null;

  // ------------------------------------------------------------------ helpers
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function button(label, title, onClick) {
    const b = el("button", "", label);
    b.type = "button";
    if (title) b.title = title;
    b.addEventListener("click", (ev) => { ev.stopPropagation(); onClick(); });
    return b;
  }
  const keyOf = (row) => row.t + ":" + row.line;
  const fileOf = (row) => row.t + ".csv";
  const statusOf = (row) => ((row.v.status || "").trim().toLowerCase() || "accepted");
  const conf = (row) => { const n = Number(row.v.confidence); return row.v.confidence !== "" && n >= 0 && n <= 1 ? n : null; };
  const ref = (row) => ({ table: row.t, line: row.line, fingerprint: row.fp });
  function nameOf(id) {
    if (!state || !id) return id || "";
    const own = state.rows.find((r) => r.t === "elements" && r.v.id === id);
    if (own) return own.v.label_id || own.v.label_en || id;
    return state.options.pillars[id] || state.options.names[id] || id;
  }
  function show(text, kind) {
    message.hidden = !text;
    message.textContent = text || "";
    message.className = kind || "";
  }

  async function api(path, body) {
    const options = { headers: { "X-Review-Token": token } };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    let data = null;
    try { data = await response.json(); } catch (e) { data = { error: "the server answered " + response.status }; }
    return { status: response.status, data };
  }

  // ------------------------------------------------------------------ loading
  async function load(note) {
    const { status, data } = await api("/api/state");
    if (status !== 200) { show(data.error || "cannot load the drafts", "error"); return; }
    setState(data);
    if (note) show(note, "notice");
  }

  function setState(data) {
    const focused = items[focus] ? keyOf(items[focus].row) : null;
    state = data;
    ROLE_TYPES.clear();
    Object.values(state.options.roles).forEach((r) => ROLE_TYPES.add(r[0]));
    const chosen = fSource.value;
    fSource.textContent = "";
    state.sources.forEach((s) => {
      const o = el("option", "", s.title + " (" + s.id + ")");
      o.value = s.id;
      fSource.appendChild(o);
    });
    if (chosen && state.sources.some((s) => s.id === chosen)) fSource.value = chosen;
    draw();
    const again = focused ? items.findIndex((it) => keyOf(it.row) === focused) : -1;
    setFocus(again >= 0 ? again : Math.min(focus, items.length - 1), false);
    scheduleImpact();
  }

  // ------------------------------------------------------------------ the rows, grouped
  function cards() {
    const byId = new Map();
    const elements = state.rows.filter((r) => r.t === "elements");
    elements.forEach((r) => { if (!byId.has(r.v.id)) byId.set(r.v.id, { row: r, links: [] }); });
    const loose = [];
    const eventish = (c) => c && (c.row.v.type === "Event" || c.row.v.type === "Session");
    state.rows.filter((r) => r.t === "connections").forEach((r) => {
      const f = byId.get(r.v.from), t = byId.get(r.v.to);
      let owner = f || t;
      if (f && t && eventish(f) && !eventish(t)) owner = t;
      if (owner) owner.links.push(r); else loose.push(r);
    });
    return { cards: elements.filter((r) => byId.get(r.v.id).row === r).map((r) => byId.get(r.v.id)), loose };
  }

  function visible(row) {
    const want = fStatus.value;
    if (want === "problem") return row.problems.length > 0;
    return !want || statusOf(row) === want;
  }

  function inSource(row) {
    return !row.v.source || !fSource.value || row.v.source === fSource.value;
  }

  function draw() {
    const { cards: all, loose } = cards();
    const opts = state.options;
    groupsBox.textContent = "";
    items = [];
    const placed = new Set();
    GROUPS.forEach(([key, title, test]) => {
      const mine = all.filter((c) => !placed.has(c) && test(c.row.v.type, opts));
      mine.forEach((c) => placed.add(c));
      const shown = mine.filter((c) => inSource(c.row) && (visible(c.row) || c.links.some(visible)));
      if (!shown.length) return;
      const section = el("section", "group");
      section.id = "group-" + key;
      section.appendChild(el("h2", "", title + " (" + shown.length + ")"));
      shown.forEach((c) => section.appendChild(drawCard(c)));
      groupsBox.appendChild(section);
    });
    const looseShown = loose.filter((r) => inSource(r) && visible(r));
    if (looseShown.length) {
      const section = el("section", "group");
      section.id = "group-links";
      section.appendChild(el("h2", "", "Other connections (" + looseShown.length + ")"));
      looseShown.forEach((r) => section.appendChild(drawRow(r, null, true)));
      groupsBox.appendChild(section);
    }
    drawProblems();
    drawText();
    drawLog();
    const drafts = state.rows.filter((r) => statusOf(r) === "draft").length;
    $("counts").textContent = drafts + " draft rows left of " + state.rows.length;
    updateBulk();
    document.body.dataset.drawn = String(Date.now());
  }

  function pillarCue(row) {
    const m = /^rule:pillar-cue:(.*)$/.exec(row.v.method || "");
    return m ? m[1] : "";
  }

  function summary(card) {
    const v = card.row.v;
    const opts = state.options;
    const box = el("div", "facts");
    const add = (label, value, cls) => {
      const line = el("div", "fact " + (cls || ""));
      line.appendChild(el("span", "label", label + ": "));
      if (value instanceof Node) line.appendChild(value); else line.appendChild(el("span", "value", value));
      box.appendChild(line);
    };
    const active = (r) => statusOf(r) !== "rejected";
    if (opts.sectors.includes(v.type)) {
      add("sector", v.type);
      const roles = card.links.filter((r) => ROLE_TYPES.has(r.v.type) && active(r)).map((r) => roleName(r.v.type));
      add("role", roles.length ? roles.join(", ") : "none drafted", roles.length ? "" : "missing");
      const parent = card.links.filter((r) => r.v.type === "org:subOrganizationOf" && r.v.from === v.id && active(r));
      if (parent.length) add("parent", parent.map((r) => nameOf(r.v.to)).join(", "));
      add("same as", v.same_as ? nameOf(v.same_as) + " (" + v.same_as + (v.match_score ? ", score " + v.match_score : "") + ")"
        : "a new actor");
      if (v.candidates) {
        const chips = el("span", "chips");
        v.candidates.split("|").filter(Boolean).forEach((c) => {
          const [id, score] = c.split(":");
          chips.appendChild(button(nameOf(id) + " " + (score || ""), "Set same_as to " + id,
            () => send({ action: "edit", row: ref(card.row), values: { same_as: id } })));
        });
        add("candidates", chips);
      }
    }
    if (["Issue", "Solution", "Session", "Event"].includes(v.type)) {
      const type = pillarType(v.type);
      const links = card.links.filter((r) => r.v.type === type && r.v.from === v.id && active(r));
      if (links.length) {
        links.forEach((r) => {
          const cue = pillarCue(r);
          add("pillar", nameOf(r.v.to) + (cue ? " (cue \u201c" + cue + "\u201d)" : r.v.method ? " (" + r.v.method + ")" : ""));
        });
      } else if (v.type === "Issue" || v.type === "Solution") {
        add("pillar", "none drafted: the cues placed it under no pillar", "missing");
      }
    }
    if (v.date) add("date", v.date);
    if (v.note) add("note", v.note, "note");
    return box;
  }

  function roleName(type) {
    const found = Object.entries(state.options.roles).find(([, r]) => r[0] === type);
    return found ? found[0] : type;
  }
  const pillarType = (type) => (type === "Session" || type === "Event" ? "concernsPillar" : "underPillar");

  function drawCard(card) {
    const box = el("article", "card");
    box.appendChild(drawRow(card.row, card, false));
    box.appendChild(summary(card));
    if (editing === keyOf(card.row)) box.appendChild(editor(card));
    const links = card.links.filter(visible);
    if (links.length) {
      const list = el("div", "links");
      links.forEach((r) => {
        list.appendChild(drawRow(r, card, true));
        if (editing === keyOf(r)) list.appendChild(linkEditor(r));
      });
      box.appendChild(list);
    }
    return box;
  }

  function drawRow(row, card, isLink) {
    const line = el("div", "row st-" + statusOf(row) + (isLink ? " link" : " element") + (row.problems.length ? " faulty" : ""));
    line.dataset.key = keyOf(row);
    line.dataset.status = statusOf(row);
    line.tabIndex = -1;
    items.push({ row, card });
    const index = items.length - 1;
    line.addEventListener("click", () => setFocus(index, true));
    const head = el("div", "head");
    head.appendChild(el("span", "where", fileOf(row) + ":" + row.line));
    if (isLink) {
      const other = card && row.v.from === card.row.v.id ? "\u2192 " + nameOf(row.v.to) : card ? "\u2190 " + nameOf(row.v.from) : row.v.from + " \u2192 " + row.v.to;
      head.appendChild(el("span", "kind", row.v.type));
      head.appendChild(el("span", "title", card && row.v.from !== card.row.v.id && row.v.to !== card.row.v.id ? row.v.from + " \u2192 " + row.v.to : other));
    } else {
      head.appendChild(el("span", "kind", row.v.type));
      head.appendChild(el("span", "title", row.v.label_id || row.v.label_en || row.v.id));
      head.appendChild(el("span", "id", row.v.id));
    }
    head.appendChild(el("span", "status", statusOf(row)));
    const c = conf(row);
    head.appendChild(el("span", "conf", c === null ? row.v.confidence || "" : c.toFixed(2)));
    line.appendChild(head);
    const detail = el("div", "detail");
    if (row.v.method) detail.appendChild(el("span", "method", row.v.method));
    if (row.v.quote) detail.appendChild(el("q", "quote", row.v.quote));
    line.appendChild(detail);
    row.problems.forEach((p) => line.appendChild(el("div", "problem", fileOf(row) + " line " + row.line + ": " + p)));
    const actions = el("div", "actions");
    actions.appendChild(button("Accept", "a", () => setStatus([row], "accept")));
    actions.appendChild(button("Reject", "r", () => setStatus([row], "reject")));
    actions.appendChild(button("Edit", "e", () => openEditor(row)));
    if (row.undo) actions.appendChild(button("Undo", "u: undo this row's last change", () => undo(row.undo)));
    line.appendChild(actions);
    return line;
  }

  // ------------------------------------------------------------------ editors
  function field(label, input) {
    const l = el("label", "field");
    l.appendChild(el("span", "", label));
    l.appendChild(input);
    return l;
  }
  function select(options, value) {
    const s = el("select");
    options.forEach(([v, label]) => {
      const o = el("option", "", label);
      o.value = v;
      s.appendChild(o);
    });
    if (value !== undefined && !options.some(([v]) => v === value)) {
      const o = el("option", "", value);
      o.value = value;
      s.appendChild(o);
    }
    s.value = value === undefined ? "" : value;
    return s;
  }
  function searchBox(target, kind) {
    // A search of the graph's actors; choosing one puts its id into the select `target`.
    const wrap = el("span", "search");
    const input = el("input");
    input.type = "search";
    input.placeholder = "search the graph";
    const results = el("span", "results");
    input.addEventListener("input", async () => {
      const { data } = await api("/api/actors?kind=" + encodeURIComponent(kind || "") + "&q=" + encodeURIComponent(input.value));
      results.textContent = "";
      (Array.isArray(data) ? data : []).slice(0, 8).forEach((n) => {
        results.appendChild(button((n.acronym ? n.acronym + " \u2013 " : "") + n.label, n.id, () => {
          if (!Array.from(target.options).some((o) => o.value === n.id)) {
            const o = el("option", "", n.label + " (" + n.id + ")");
            o.value = n.id;
            target.appendChild(o);
          }
          target.value = n.id;
          results.textContent = "";
        }));
      });
    });
    input.addEventListener("keydown", (ev) => { if (ev.key === "Enter") ev.preventDefault(); });
    wrap.appendChild(input);
    wrap.appendChild(results);
    return wrap;
  }

  function editor(card) {
    const v = card.row.v;
    const opts = state.options;
    const form = el("form", "editor");
    const isActor = opts.sectors.includes(v.type);
    const type = select((isActor ? opts.sectors : opts.classes).map((t) => [t, t]), v.type);
    form.appendChild(field(isActor ? "Sector (type)" : "Type", type));
    const active = (r) => statusOf(r) !== "rejected";
    let sameAs = null, role = null, parent = null, pillar = null;
    const events = state.rows.filter((r) => r.t === "elements" && r.v.type === "Event");
    const roleLinks = card.links.filter((r) => ROLE_TYPES.has(r.v.type) && active(r));
    if (isActor) {
      const cands = (v.candidates || "").split("|").filter(Boolean).map((c) => c.split(":")[0]);
      const choices = [["", "none: a new actor"]].concat(cands.map((id) => [id, nameOf(id) + " (" + id + ")"]));
      sameAs = select(choices, v.same_as || "");
      const f = field("Same as", sameAs);
      f.appendChild(searchBox(sameAs, ""));
      form.appendChild(f);
      if (events.length || roleLinks.length) {
        const current = roleLinks.length ? roleName(roleLinks[0].v.type) : "";
        role = select([["", "no role"]].concat(Object.keys(opts.roles).map((r) => [r, r])), current);
        form.appendChild(field("Role in the event", role));
      }
      const parents = card.links.filter((r) => r.v.type === "org:subOrganizationOf" && r.v.from === v.id && active(r));
      parent = select([["", "no parent"]].concat(parents.map((r) => [r.v.to, nameOf(r.v.to) + " (" + r.v.to + ")"])),
        parents.length ? parents[0].v.to : "");
      const pf = field("Parent", parent);
      pf.appendChild(searchBox(parent, ""));
      form.appendChild(pf);
    }
    if (["Issue", "Solution", "Session", "Event"].includes(v.type)) {
      const links = card.links.filter((r) => r.v.type === pillarType(v.type) && r.v.from === v.id && active(r));
      pillar = select([["", "no pillar"]].concat(Object.entries(opts.pillars).map(([id, label]) => [id, label + " (" + id + ")"])),
        links.length ? links[0].v.to : "");
      form.appendChild(field("Pillar", pillar));
    }
    const bar = el("div", "actions");
    const save = el("button", "primary", "Save (Enter)");
    save.type = "submit";
    bar.appendChild(save);
    bar.appendChild(button("Cancel (Esc)", "", () => closeEditor()));
    form.appendChild(bar);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const steps = [];
      const values = {};
      if (type.value !== v.type) values.type = type.value;
      if (sameAs && sameAs.value !== (v.same_as || "")) values.same_as = sameAs.value;
      if (Object.keys(values).length) steps.push({ action: "edit", row: ref(card.row), values });
      if (role) {
        const current = roleLinks.length ? roleName(roleLinks[0].v.type) : "";
        if (role.value !== current) {
          const eventId = roleLinks.length ? (roleLinks[0].v.from === v.id ? roleLinks[0].v.to : roleLinks[0].v.from)
            : (events[0] ? events[0].v.id : "");
          const [linkType, eventFirst] = role.value ? opts.roles[role.value] : ["", false];
          steps.push({ action: "link", rows: roleLinks.map(ref), type: linkType,
            from: role.value ? (eventFirst ? eventId : v.id) : "", to: role.value ? (eventFirst ? v.id : eventId) : "" });
        }
      }
      if (parent) {
        const links = card.links.filter((r) => r.v.type === "org:subOrganizationOf" && r.v.from === v.id && active(r));
        if (parent.value !== (links.length ? links[0].v.to : "")) {
          steps.push({ action: "link", rows: links.map(ref), type: "org:subOrganizationOf", from: parent.value ? v.id : "", to: parent.value });
        }
      }
      if (pillar) {
        const t = pillarType(v.type);
        const links = card.links.filter((r) => r.v.type === t && r.v.from === v.id && active(r));
        if (pillar.value !== (links.length ? links[0].v.to : "")) {
          steps.push({ action: "link", rows: links.map(ref), type: t, from: pillar.value ? v.id : "", to: pillar.value });
        }
      }
      editing = null;
      for (const step of steps) { if (!(await send(step))) return; }
      if (!steps.length) draw();
      setFocus(focus, true);
    });
    form.addEventListener("keydown", (ev) => editorKeys(ev, form));
    setTimeout(() => type.focus(), 0);
    return form;
  }

  function linkEditor(row) {
    const form = el("form", "editor");
    const from = el("input");
    from.value = row.v.from;
    const to = el("input");
    to.value = row.v.to;
    const type = select(state.options.properties.map((p) => [p, p]), row.v.type);
    form.appendChild(field("From", from));
    form.appendChild(field("Type", type));
    form.appendChild(field("To", to));
    const bar = el("div", "actions");
    const save = el("button", "primary", "Save (Enter)");
    save.type = "submit";
    bar.appendChild(save);
    bar.appendChild(button("Cancel (Esc)", "", () => closeEditor()));
    form.appendChild(bar);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      editing = null;
      const values = {};
      if (from.value !== row.v.from) values.from = from.value.trim();
      if (to.value !== row.v.to) values.to = to.value.trim();
      if (type.value !== row.v.type) values.type = type.value;
      if (Object.keys(values).length) await send({ action: "edit", row: ref(row), values }); else draw();
      setFocus(focus, true);
    });
    form.addEventListener("keydown", (ev) => editorKeys(ev, form));
    setTimeout(() => type.focus(), 0);
    return form;
  }

  function editorKeys(ev, form) {
    // Enter saves from any field (a select too), except in a search box or on a button.
    if (ev.key === "Escape") { ev.preventDefault(); closeEditor(); return; }
    const t = ev.target;
    if (ev.key === "Enter" && t.tagName !== "BUTTON" && t.type !== "search") { ev.preventDefault(); form.requestSubmit(); }
  }
  const CARD_LINKS = new Set(["underPillar", "concernsPillar", "org:subOrganizationOf"]);
  function openEditor(row) {
    const at = items.findIndex((it) => it.row === row);
    if (at >= 0) focus = at;
    const item = items[focus];
    const viaCard = row.t === "connections" && item && item.card && (ROLE_TYPES.has(row.v.type) || CARD_LINKS.has(row.v.type));
    editing = row.t === "elements" ? keyOf(row) : viaCard ? keyOf(item.card.row) : keyOf(row);
    draw();
  }
  function closeEditor() {
    editing = null;
    draw();
    setFocus(focus, true);
  }

  // ------------------------------------------------------------------ changes
  async function send(body) {
    if (busy) return false;
    busy = true;
    try {
      const { status, data } = await api("/api/change", body);
      if (status === 200) {
        show("");
        setState(data.state);
        return true;
      }
      if (status === 409) {
        show((data.error || "the rows changed") + " \u2014 the page has been reloaded with the rows as they are now.", "error");
        editing = null;
        await load();
        show((data.error || "the rows changed") + " \u2014 the page has been reloaded with the rows as they are now.", "error");
        return false;
      }
      show(data.error || "the change was refused (" + status + ")", "error");
      return false;
    } catch (e) {
      show("the review server does not answer (was it stopped?): " + e, "error");
      return false;
    } finally {
      busy = false;
    }
  }
  async function setStatus(rows, action) {
    if (!rows.length) return false;
    return send({ action, rows: rows.map(ref) });
  }
  async function undo(change) { return send({ action: "undo", change }); }

  function bulkRows() {
    const t = Number($("bulk-threshold").value);
    return state.rows.filter((r) => statusOf(r) === "draft" && conf(r) !== null && conf(r) >= t);
  }
  function updateBulk() { if (state) $("bulk-count").textContent = String(bulkRows().length); }
  $("bulk-threshold").addEventListener("input", updateBulk);
  $("bulk-accept").addEventListener("click", () => {
    const rows = bulkRows();
    if (rows.length) send({ action: "bulk", threshold: Number($("bulk-threshold").value), rows: rows.map(ref) });
  });
  function lastChange() {
    const open = state.log.filter((c) => !c.undone && !c.undoes);
    return open.length ? open[open.length - 1].change : null;
  }
  $("undo-last").addEventListener("click", () => { const c = lastChange(); if (c) undo(c); });

  // ------------------------------------------------------------------ focus and keys
  function setFocus(index, scroll) {
    document.querySelectorAll(".row.focus").forEach((n) => n.classList.remove("focus"));
    document.querySelectorAll("mark.focus").forEach((n) => n.classList.remove("focus"));
    if (!items.length) return;
    focus = Math.max(0, Math.min(index, items.length - 1));
    const row = items[focus].row;
    const node = groupsBox.querySelector('[data-key="' + keyOf(row) + '"]');
    if (node) {
      node.classList.add("focus");
      if (scroll) node.scrollIntoView({ block: "nearest" });
    }
    const mark = textBox.querySelector('mark[data-keys~="' + keyOf(row) + '"]');
    if (mark) {
      mark.classList.add("focus");
      if (scroll) mark.scrollIntoView({ block: "nearest" });
    }
  }

  document.addEventListener("keydown", async (ev) => {
    const tag = (ev.target && ev.target.tagName) || "";
    if (["INPUT", "SELECT", "TEXTAREA"].includes(tag) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (editing || !state) return;
    const item = items[focus];
    switch (ev.key) {
      case "j": case "ArrowDown": ev.preventDefault(); setFocus(focus + 1, true); break;
      case "k": case "ArrowUp": ev.preventDefault(); setFocus(focus - 1, true); break;
      case "n": {
        ev.preventDefault();
        const next = items.findIndex((it, i) => i > focus && statusOf(it.row) === "draft");
        if (next >= 0) setFocus(next, true);
        break;
      }
      case "a": case "r":
        if (!item) break;
        ev.preventDefault();
        if (await setStatus([item.row], ev.key === "a" ? "accept" : "reject")) setFocus(focus + 1, true);
        break;
      case "A": {
        if (!item || !item.card) break;
        ev.preventDefault();
        const card = item.card;
        const cardKey = keyOf(card.row);
        // Only drafts: a row already rejected (a corrected pillar's draft) stays rejected.
        const rows = [card.row].concat(card.links).filter((r) => statusOf(r) === "draft");
        if (!rows.length || await setStatus(rows, "accept")) {
          const start = items.findIndex((it) => keyOf(it.row) === cardKey);
          const next = items.findIndex((it, i) => i > start && (!it.card || keyOf(it.card.row) !== cardKey));
          setFocus(next >= 0 ? next : items.length - 1, true);
        }
        break;
      }
      case "e": if (item) { ev.preventDefault(); openEditor(item.row); } break;
      case "u": if (item && item.row.undo) { ev.preventDefault(); await undo(item.row.undo); } break;
      case "z": { const c = lastChange(); if (c) { ev.preventDefault(); await undo(c); } break; }
      default: break;
    }
  });

  // ------------------------------------------------------------------ the text, the problems, the log
  function drawText() {
    const source = state.sources.find((s) => s.id === fSource.value) || state.sources[0];
    textBox.textContent = "";
    if (!source) { textBox.textContent = "(no source text in this folder)"; return; }
    const text = source.text;
    const spans = [];
    state.rows.forEach((r) => {
      if (r.v.source !== source.id || statusOf(r) === "rejected") return;
      const s = Number(r.v.start), e = Number(r.v.end);
      if (r.v.start === "" || !Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > text.length || s >= e) return;
      spans.push({ s, e, r });
    });
    const cuts = new Set([0, text.length]);
    spans.forEach((x) => { cuts.add(x.s); cuts.add(x.e); });
    const points = Array.from(cuts).sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const over = spans.filter((x) => x.s <= a && b <= x.e);
      const piece = text.slice(a, b);
      if (!over.length) { textBox.appendChild(document.createTextNode(piece)); continue; }
      const mark = el("mark", "", piece);
      const elems = over.filter((x) => x.r.t === "elements").sort((x, y) => (x.e - x.s) - (y.e - y.s));
      if (elems.length) mark.classList.add("k-" + (state.options.sectors.includes(elems[0].r.v.type) ? "actor" : elems[0].r.v.type.replace(/[^A-Za-z]/g, "")));
      else mark.classList.add("link");
      if (over.some((x) => statusOf(x.r) === "draft")) mark.classList.add("draft");
      mark.dataset.keys = over.map((x) => keyOf(x.r)).join(" ");
      mark.title = over.map((x) => x.r.v.type + ": " + (x.r.t === "elements" ? x.r.v.label_id || x.r.v.id : x.r.v.from + " \u2192 " + x.r.v.to)).join("\n");
      mark.addEventListener("click", () => {
        const target = (elems[0] || over[0]).r;
        const at = items.findIndex((it) => it.row === target);
        if (at >= 0) setFocus(at, true);
      });
      textBox.appendChild(mark);
    }
  }

  function drawProblems() {
    const box = $("problems");
    box.textContent = "";
    box.hidden = !state.problems.length && !state.lost.length;
    state.lost.forEach((c) => {
      const p = el("p", "problem lost", "Change " + c.change + " (" + c.action + ", " + c.time + ") was overwritten by another " +
        "writer (an extract run that read the files before it): " + c.rows.join(", ") + " ");
      p.appendChild(button("Make it again", "", () => send({ action: "reapply", change: c.change })));
      box.appendChild(p);
    });
    if (!state.problems.length) return;
    box.appendChild(el("h2", "", "Problems in the files (" + state.problems.length + ")"));
    const list = el("ul");
    state.problems.forEach((p) => list.appendChild(el("li", "", p.file + (p.line ? " line " + p.line : "") + ": " + p.message)));
    box.appendChild(list);
    ["elements", "connections"].forEach((t) => {
      if (!state.writable[t]) box.appendChild(el("p", "problem", t + ".csv cannot be changed here until the record named above is fixed in a text editor."));
    });
  }

  function drawLog() {
    const list = $("log");
    list.textContent = "";
    state.log.slice().reverse().forEach((c) => {
      const li = el("li", c.undone ? "undone" : "");
      li.appendChild(el("span", "time", c.time.replace("T", " ").replace("+00:00", " UTC")));
      li.appendChild(el("span", "action", " " + c.action + (c.note ? " (" + c.note + ")" : "") + ", " + c.count + " row(s)"));
      const rows = el("ul");
      c.rows.slice(0, 4).forEach((r) => {
        const change = r.added ? "added" : r.removed ? "removed" : Object.keys(r.new).map((k) => k + ": " + (r.old[k] || "\u2205") + " \u2192 " + (r.new[k] || "\u2205")).join("; ");
        rows.appendChild(el("li", "", r.file + ":" + r.line + " " + r.row + " \u2014 " + change));
      });
      li.appendChild(rows);
      if (!c.undone && !c.undoes) li.appendChild(button("Undo", "", () => undo(c.change)));
      list.appendChild(li);
    });
  }

  // ------------------------------------------------------------------ the impact panel
  function scheduleImpact() {
    clearTimeout(impactTimer);
    impactTimer = setTimeout(drawImpact, 300);
  }
  async function drawImpact() {
    const box = $("impact");
    const { status, data } = await api("/api/impact");
    box.textContent = "";
    if (status !== 200) { box.appendChild(el("p", "problem", data.error || "cannot compute")); return; }
    if (data.error) {
      box.appendChild(el("p", "problem", "build would refuse the accepted rows: " + (data.location ? data.location + ": " : "") + data.error));
      return;
    }
    const table = (title, actors) => {
      box.appendChild(el("h3", "", title + " (" + actors.length + ")"));
      if (!actors.length) { box.appendChild(el("p", "muted", "none")); return; }
      const t = el("table", "impact");
      const head = el("tr");
      ["actor", "sector"].concat(data.pillars).forEach((h) => head.appendChild(el("th", "", h)));
      t.appendChild(head);
      actors.forEach((a) => {
        const tr = el("tr");
        tr.appendChild(el("td", "", a.name));
        tr.appendChild(el("td", "", a.sector));
        data.pillars.forEach((p) => {
          const value = a.strengths[p] || 0;
          const before = a.before ? a.before[p] || 0 : null;
          const td = el("td", "num" + (value > 0 ? " some" : ""), value.toFixed(2) + (before !== null && before !== value ? " (was " + before.toFixed(2) + ")" : ""));
          tr.appendChild(td);
        });
        t.appendChild(tr);
      });
      box.appendChild(t);
    };
    table("New actors", data.new);
    table("Known actors whose strengths change", data.changed);
  }

  // ------------------------------------------------------------------ changes on disk
  async function poll() {
    if (!state || busy || editing) return;
    try {
      const { status, data } = await api("/api/versions");
      if (status === 200 && ["elements", "connections", "sources"].some((k) => data[k] !== state.versions[k])) {
        await load("The drafts changed on disk (another tab, a notebook or an extract run): the page shows them as they are now.");
      }
    } catch (e) { /* the next poll tries again */ }
  }
  setInterval(poll, 3000);
  fSource.addEventListener("change", () => { draw(); setFocus(0, true); });
  fStatus.addEventListener("change", () => { draw(); setFocus(0, true); });
  load();
})();
