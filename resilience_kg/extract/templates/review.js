"use strict";
(function () {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const textBox = document.getElementById("source-text");
  const tbody = document.querySelector("#facts tbody");
  const fSource = document.getElementById("f-source");
  const fKind = document.getElementById("f-kind");
  const fStatus = document.getElementById("f-status");
  const fConf = document.getElementById("f-conf");
  const confOut = document.getElementById("f-conf-value");
  const count = document.getElementById("count");

  function visible(f) {
    if (f.source !== fSource.value) return false;
    if (fKind.value && f.kind !== fKind.value) return false;
    if (fStatus.value && f.status !== fStatus.value) return false;
    return f.confidence === null || f.confidence >= Number(fConf.value);
  }

  function select(n) {
    document.querySelectorAll(".sel").forEach((el) => el.classList.remove("sel"));
    const row = document.getElementById("row-" + n);
    const mark = document.querySelector('mark[data-facts~="' + n + '"]');
    if (row) { row.classList.add("sel"); row.scrollIntoView({ block: "nearest" }); }
    if (mark) { mark.classList.add("sel"); mark.scrollIntoView({ block: "center" }); }
  }

  function drawText(facts) {
    const source = data.sources.find((s) => s.id === fSource.value);
    textBox.textContent = "";
    if (!source) return;
    const text = source.text;
    const cuts = new Set([0, text.length]);
    facts.forEach((f) => { cuts.add(f.start); cuts.add(f.end); });
    const points = Array.from(cuts).sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const over = facts.filter((f) => f.start <= a && b <= f.end);
      if (!over.length) { textBox.appendChild(document.createTextNode(piece)); continue; }
      const mark = document.createElement("mark");
      mark.textContent = piece;
      const elements = over.filter((f) => f.table === "elements").sort((x, y) => (x.end - x.start) - (y.end - y.start));
      if (elements.length) mark.classList.add("k-" + elements[0].kind.replace(/[^A-Za-z]/g, ""));
      if (over.some((f) => f.table === "connections")) mark.classList.add("link");
      mark.dataset.facts = over.map((f) => f.n).join(" ");
      mark.title = over.map((f) => f.kind + ": " + f.label).join("\n");
      mark.addEventListener("click", () => select(elements.length ? elements[0].n : over[0].n));
      textBox.appendChild(mark);
    }
  }

  function cell(tr, value, cls) {
    const td = document.createElement("td");
    td.textContent = value === null || value === undefined ? "" : String(value);
    if (cls) td.className = cls;
    tr.appendChild(td);
  }

  function drawTable(facts) {
    tbody.textContent = "";
    facts.forEach((f) => {
      const tr = document.createElement("tr");
      tr.id = "row-" + f.n;
      tr.dataset.kind = f.kind;
      tr.dataset.status = f.status;
      cell(tr, f.n);
      cell(tr, f.table);
      cell(tr, f.kind);
      cell(tr, f.label);
      cell(tr, f.status, "st-" + f.status);
      cell(tr, f.confidence === null ? f.confidence_text : f.confidence.toFixed(2));
      cell(tr, f.method);
      cell(tr, f.quote, "quote");
      tr.addEventListener("click", () => select(f.n));
      tbody.appendChild(tr);
    });
  }

  function draw() {
    confOut.textContent = Number(fConf.value).toFixed(2);
    const facts = data.facts.filter(visible);
    drawText(facts);
    drawTable(facts);
    count.textContent = facts.length + " of " + data.facts.filter((f) => f.source === fSource.value).length + " rows shown";
    document.body.dataset.drawn = "1";
  }

  [fSource, fKind, fStatus].forEach((el) => el.addEventListener("change", draw));
  fConf.addEventListener("input", draw);
  draw();
})();
