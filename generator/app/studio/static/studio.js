// jdgen studio: the page's own script (no libraries). The draft is a plain object with
// the posting file's keys; every edit updates it, asks the server for the preview and
// the check, and is kept in the undo history. User text is only ever set as text
// (textContent, value), never as markup.
"use strict";

const $ = (id) => document.getElementById(id);
const state = {
  meta: null,
  draft: null,
  view: null, // the server's last answer: lines, base title and summary, check
  history: [],
  future: [],
  opened: null, // {name, digest} of the posting file on disk
  seq: 0,
  structure: "",
};

// --- talking to the server ----------------------------------------------------------

async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const timing = /dur=([\d.]+)/.exec(response.headers.get("server-timing") || "");
  if (!response.ok) {  // the server's one line: JSON from the API, plain text from the guard
    const said = (await response.text()).trim();
    let message = said.split("\n")[0] || `error: the studio answered ${response.status}`;
    try { message = JSON.parse(said).error || message; } catch (e) { /* plain text */ }
    throw new Error(message);
  }
  return { response, timing: timing ? Number(timing[1]) : null };
}

function showError(message) {
  const box = $("alert");
  box.textContent = message;
  box.hidden = !message;
}

// A workspace file that does not load: its line stays listed until the file is fixed.
function showProblems(problems) {
  const box = $("problems");
  $("problems-list").replaceChildren(...problems.map((line) => el("li", { textContent: line })));
  box.hidden = !problems.length;
}

// --- the draft and its history ----------------------------------------------------------

const clone = (value) => JSON.parse(JSON.stringify(value));

function commit(change, { record = true } = {}) {
  if (record) {
    state.history.push(clone(state.draft));
    if (state.history.length > 200) state.history.shift();
    state.future = [];
  }
  change(state.draft);
  prune(state.draft);
  updateHistoryButtons();
  schedulePreview();
}

// Typing in one field is one undo step, not one per key.
let typing = null;
function commitTyping(field, change) {
  const record = typing !== field;
  typing = field;
  clearTimeout(commitTyping.timer);
  commitTyping.timer = setTimeout(() => { typing = null; }, 800);
  commit(change, { record });
}

function prune(draft) {
  for (const key of Object.keys(draft)) {
    const value = draft[key];
    if (value === "" || value === null || value === undefined) delete draft[key];
    else if (typeof value === "object" && !Array.isArray(value)) {
      prune(value);
      if (Object.keys(value).length === 0) delete draft[key];
    } else if (Array.isArray(value) && value.length === 0) delete draft[key];
  }
}

function undo() {
  if (!state.history.length) return;
  state.future.push(clone(state.draft));
  state.draft = state.history.pop();
  afterJump();
}

function redo() {
  if (!state.future.length) return;
  state.history.push(clone(state.draft));
  state.draft = state.future.pop();
  afterJump();
}

function afterJump() {
  typing = null;
  state.structure = "";
  fillFields();
  updateHistoryButtons();
  schedulePreview(0);
}

function updateHistoryButtons() {
  $("undo").disabled = !state.history.length;
  $("redo").disabled = !state.future.length;
}

// --- preview and check ---------------------------------------------------------------

function schedulePreview(delay = 120) {
  clearTimeout(schedulePreview.timer);
  schedulePreview.timer = setTimeout(refresh, delay);
}

// The preview on its way is kept, so a button can wait for it (see flush).
function refresh() {
  schedulePreview.timer = null;
  const run = updatePreview();
  state.refreshing = run;
  return run;
}

async function updatePreview() {
  const seq = ++state.seq;
  $("status").textContent = "Updating…";
  try {
    const { response, timing } = await api("/api/preview", { draft: state.draft, name: postingName() });
    const view = await response.json();
    if (seq !== state.seq) return; // a newer edit is on its way
    state.view = view;
    showError("");
    showPreview(view.html, view.check.findings);
    showCheck(view.check);
    showLines(view);
    fillBaseTexts(view);
    if (!$("save-name").value) $("save-name").value = view.name;
    $("dl-jsonld").disabled = (state.draft.template || "posting") !== "posting";
    $("status").textContent = timing === null ? "Up to date" : `Up to date · ${Math.round(timing)} ms`;
  } catch (error) {
    if (seq !== state.seq) return;
    $("status").textContent = "Not updated";
    showError(error.message);
  }
}

function showPreview(html, findings) {
  const frame = $("preview");
  const top = frame.contentWindow ? frame.contentWindow.scrollY : 0;
  frame.onload = () => {
    highlight(frame.contentDocument, findings);
    frame.contentWindow.scrollTo(0, top);
  };
  frame.srcdoc = html;
}

// Flagged words are marked in the preview: every whole-word occurrence of a quote.
function highlight(doc, findings) {
  if (!doc || !doc.body) return;
  const style = doc.createElement("style");
  style.textContent =
    "mark.jdgen-flag{background:#fff1a8;color:inherit;border-bottom:2px solid #b58900;padding:0 1px}" +
    "mark.jdgen-flag.error{background:#ffd6d6;border-color:#b00020}" +
    "mark.jdgen-flag.info{background:#e3efff;border-color:#2b6cb0}" +
    "mark.jdgen-current{outline:3px solid #f0a500;outline-offset:1px}";
  doc.head.appendChild(style);
  const quotes = new Map();
  for (const f of findings) {
    if (f.quote && f.quote.length > 1 && f.quote.length < 80 && !quotes.has(f.quote.toLowerCase())) {
      quotes.set(f.quote.toLowerCase(), f.severity);
    }
  }
  if (!quotes.size) return;
  const escaped = [...quotes.keys()].sort((a, b) => b.length - a.length)
    .map((q) => q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"));
  const pattern = new RegExp(`(?<![\\w-])(${escaped.join("|")})(?![\\w-])`, "gi");
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const text = node.nodeValue;
    pattern.lastIndex = 0;
    if (!pattern.test(text)) continue;
    pattern.lastIndex = 0;
    const out = doc.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      out.appendChild(doc.createTextNode(text.slice(last, match.index)));
      const mark = doc.createElement("mark");
      mark.className = `jdgen-flag ${quotes.get(match[0].toLowerCase().replace(/\s+/g, " ")) || "warning"}`;
      mark.textContent = match[0];
      out.appendChild(mark);
      last = match.index + match[0].length;
    }
    out.appendChild(doc.createTextNode(text.slice(last)));
    node.parentNode.replaceChild(out, node);
  }
}

const VERDICTS = {
  "neutral": "Gender-neutral wording",
  "feminine-coded": "Feminine-coded wording",
  "masculine-coded": "Masculine-coded wording",
  "strongly feminine-coded": "Strongly feminine-coded wording",
  "strongly masculine-coded": "Strongly masculine-coded wording",
};

function showCheck(check) {
  const score = $("score");
  score.textContent = check.score === null ? "–" : String(check.score);
  score.className = "score " + (check.score >= 80 ? "good" : check.score >= 60 ? "fair" : "poor");
  score.setAttribute("aria-label", `Score ${check.score} out of 100`);
  const c = check.counts;
  const verdict = VERDICTS[check.verdict] || check.verdict || "";
  // In proportion: a verdict with nothing to fix says so.
  $("verdict").textContent = verdict && !c.error && !c.warning ? `${verdict}: no change needed` : verdict;
  const many = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  $("counts").textContent = `${many(c.error, "error")} · ${many(c.warning, "warning")} · ${many(c.info, "notice")} · ${many(check.words, "word")}`;
  const list = $("findings");
  list.replaceChildren();
  const order = { error: 0, warning: 1, info: 2 };
  // One card per rule and word: the same word flagged three times is one card, "3 times".
  const cards = new Map();
  for (const f of check.findings) {
    const key = `${f.rule}\u0000${(f.quote || f.message).toLowerCase()}`;
    if (cards.has(key)) cards.get(key).times += 1; else cards.set(key, { ...f, times: 1 });
  }
  const findings = [...cards.values()].sort((a, b) => order[a.severity] - order[b.severity]);
  for (const f of findings) {
    const item = el("li", { className: `finding ${f.severity}` });
    item.dataset.rule = f.rule;
    item.dataset.quote = (f.quote || "").toLowerCase();
    const head = el("div", { className: "finding-head" });
    head.append(el("span", { className: `badge ${f.severity}`, textContent: f.severity === "info" ? "notice" : f.severity }));
    head.append(el("span", { className: "rule", textContent: f.times > 1 ? `${f.rule} · ${f.times} times` : f.rule }));
    item.append(head, el("p", { className: "message", textContent: f.message }));
    if (f.fix) item.append(el("p", { className: "fix", textContent: f.fix }));
    if (f.quote) {
      const show = el("button", { type: "button", className: "small link", textContent: `Show “${f.quote}”` });
      show.addEventListener("click", () => showInPreview(f.quote));
      item.append(el("div", { className: "apply" }));
      item.lastChild.append(show);
    }
    if (f.quote && f.replacements.length) {
      const row = item.lastChild;
      for (const word of f.replacements.slice(0, 3)) {
        const button = el("button", { type: "button", className: "small suggestion", textContent: `Use “${word}”` });
        button.dataset.quote = f.quote;
        button.setAttribute("aria-label", `Replace “${f.quote}” with “${word}”`);
        button.addEventListener("click", () => applySuggestion(f.quote, word));
        row.append(button);
      }
    }
    list.append(item);
  }
}

// Scroll the preview to the first place a flagged phrase is marked, and outline it.
function showInPreview(quote) {
  const doc = $("preview").contentDocument;
  if (!doc) return;
  const wanted = quote.toLowerCase().replace(/\s+/g, " ");
  const mark = [...doc.querySelectorAll("mark.jdgen-flag")]
    .find((m) => m.textContent.toLowerCase().replace(/\s+/g, " ") === wanted);
  if (!mark) return;
  for (const other of doc.querySelectorAll("mark.jdgen-current")) other.classList.remove("jdgen-current");
  mark.classList.add("jdgen-current");
  mark.scrollIntoView({ block: "center" });
}

async function applySuggestion(quote, replacement) {
  try {
    const { response } = await api("/api/suggest", { draft: state.draft, quote, replacement, name: postingName() });
    const { draft } = await response.json();
    commit((d) => { for (const k of Object.keys(d)) delete d[k]; Object.assign(d, draft); });
    state.structure = "";
    fillFields();
  } catch (error) {
    showError(error.message);
  }
}

// --- the responsibilities editor ---------------------------------------------------------

function el(tag, props = {}) {
  return Object.assign(document.createElement(tag), props);
}

function statements(d) {
  d.statements = d.statements || {};
  return d.statements;
}

// A slot is one place a line lives: a composed line (by ref) or an added line (by index).
function setSlotText(d, slot, text) {
  const s = statements(d);
  if ("ref" in slot) {
    s.replace = (s.replace || []).filter((r) => r.ref !== slot.ref);
    if (text !== slot.base) s.replace.push({ ref: slot.ref, text });
  } else {
    s.add[slot.add].text = text;
  }
}

function showLines(view) {
  const structure = JSON.stringify(view.lines.map((a) => [a.block, a.shown, a.lines.map((l) => [l.ref, l.add, l.removed, l.shown])]))
    + JSON.stringify(state.draft.qualifications || {});
  if (structure === state.structure) return; // typing: keep the fields (and the focus) as they are
  // the editor is rebuilt: keep the keyboard where it was (the same control, or the one
  // that takes its place, e.g. "Restore" for "Remove the line")
  const active = document.activeElement;
  const focused = active && active.id;
  const then = active && active.dataset && active.dataset.then;
  state.structure = structure;
  const areas = $("areas");
  const dropped = $("dropped");
  areas.replaceChildren();
  dropped.replaceChildren();
  const drop = (state.draft.blocks && state.draft.blocks.drop) || [];
  const visible = view.lines.filter((a) => !drop.includes(a.block));
  visible.forEach((area, index) => areas.append(areaEditor(area, index, visible)));
  for (const area of view.lines.filter((a) => drop.includes(a.block))) {
    const row = el("div", { className: "dropped-area" });
    row.append(el("span", { textContent: `${area.title} (left out)` }));
    const restore = el("button", { type: "button", className: "small", textContent: "Restore area", id: `ar-${area.block}-restore` });
    restore.dataset.then = `ar-${area.block}-drop`;
    restore.addEventListener("click", () => commit((d) => { d.blocks.drop = d.blocks.drop.filter((b) => b !== area.block); }));
    row.append(restore);
    dropped.append(row);
  }
  showQualifications();
  const usable = (id) => id && $(id) && !$(id).disabled ? $(id) : null;
  const target = usable(focused) || usable(then);
  if (target) target.focus();
}

function areaEditor(area, index, visible) {
  const box = el("section", { className: "area" });
  box.setAttribute("aria-label", area.title);
  const head = el("div", { className: "area-head" });
  head.append(el("h3", { textContent: area.title }));
  const tools = el("div", { className: "tools" });
  tools.append(
    tool("↑", `Move the area ${area.title} up`, index === 0, () => moveArea(visible, index, -1), `ar-${area.block}-up`, `ar-${area.block}-down`),
    tool("↓", `Move the area ${area.title} down`, index === visible.length - 1, () => moveArea(visible, index, 1), `ar-${area.block}-down`, `ar-${area.block}-up`),
    tool("✕", `Leave the area ${area.title} out`, false, () => commit((d) => {
      d.blocks = d.blocks || {};
      d.blocks.drop = [...(d.blocks.drop || []), area.block];
    }), `ar-${area.block}-drop`, `ar-${area.block}-restore`),
  );
  head.append(tools);
  box.append(head);
  const live = area.lines.filter((l) => !l.removed);
  area.lines.forEach((line) => box.append(lineEditor(area, line, live)));
  const add = el("button", { type: "button", className: "small", textContent: "Add a line", id: `add-${area.block}` });
  add.addEventListener("click", () => {
    commit((d) => {
      const s = statements(d);
      s.add = [...(s.add || []), { block: area.block, text: "" }];
    });
    state.pendingFocus = area.block;
  });
  box.append(add);
  return box;
}

function tool(symbol, label, disabled, action, id, then) {
  const button = el("button", { type: "button", className: "icon", textContent: symbol, disabled });
  if (id) button.id = id;  // so focus survives the editor being rebuilt
  if (then) button.dataset.then = then;  // where focus goes when this control is gone or disabled
  button.setAttribute("aria-label", label);
  button.title = label;
  button.addEventListener("click", action);
  return button;
}

function slotId(area, line) {
  return "ln-" + area.block + "-" + ("ref" in line ? line.ref.split("/")[1] : `add${line.add}`);
}

function lineEditor(area, line, live) {
  const unshown = line.shown === false && Boolean(line.text.trim());  // an empty new line is not "not shown" yet
  const row = el("div", { className: "line" + (line.removed ? " removed" : "") + (unshown ? " hidden-line" : "") });
  if (line.removed) {
    row.append(el("s", { textContent: line.text }));
    const restore = el("button", { type: "button", className: "small", textContent: "Restore", id: `${slotId(area, line)}-restore` });
    restore.dataset.then = `${slotId(area, line)}-remove`;
    restore.setAttribute("aria-label", `Restore the line: ${line.text}`);
    restore.addEventListener("click", () => commit((d) => {
      d.statements.remove = d.statements.remove.filter((r) => r !== line.ref);
    }));
    row.append(restore);
    return row;
  }
  const position = live.indexOf(line);
  const box = el("textarea", { id: slotId(area, line), rows: 2, value: line.text, className: "line-text" });
  box.setAttribute("aria-label", `${area.title}, line ${position + 1}` + (unshown ? " (not shown in the posting)" : ""));
  box.addEventListener("input", () => {
    autosize(box);
    commitTyping(box.id, (d) => setSlotText(d, line, box.value));
  });
  requestAnimationFrame(() => autosize(box));
  row.append(box);
  const tools = el("div", { className: "tools" });
  const swap = (offset) => commit((d) => {
    const other = live[position + offset];
    const mine = currentText(line);
    setSlotText(d, line, currentText(other));
    setSlotText(d, other, mine);
    state.structure = "";
  });
  tools.append(
    tool("↑", "Move the line up", position === 0, () => swap(-1), `${box.id}-up`, `${box.id}-down`),
    tool("↓", "Move the line down", position === live.length - 1, () => swap(1), `${box.id}-down`, `${box.id}-up`),
    tool("⇄", "Other wordings from the library", false, () => showAlternatives(area, line, row), `${box.id}-alt`),
    tool("✕", "Remove the line", false, () => commit((d) => {
      const s = statements(d);
      if ("ref" in line) {
        s.remove = [...(s.remove || []), line.ref];
        s.replace = (s.replace || []).filter((r) => r.ref !== line.ref); // a removed line has no wording
      } else {
        s.add.splice(line.add, 1);
      }
    }), `${box.id}-remove`, "ref" in line ? `${box.id}-restore` : `add-${area.block}`),
  );
  row.append(tools);
  if (unshown) row.append(el("span", { className: "tag", textContent: "not shown in the posting" }));
  if (state.pendingFocus === area.block && "add" in line && !line.text) {
    state.pendingFocus = null;
    requestAnimationFrame(() => box.focus());
  }
  return row;
}

function currentText(line) {
  const s = state.draft.statements || {};
  if ("ref" in line) {
    const replaced = (s.replace || []).find((r) => r.ref === line.ref);
    return replaced ? replaced.text : line.base;
  }
  return s.add[line.add].text;
}

function moveArea(visible, index, offset) {
  const order = visible.map((a) => a.block);
  [order[index], order[index + offset]] = [order[index + offset], order[index]];
  commit((d) => {
    d.blocks = d.blocks || {};
    d.blocks.order = order;
  });
}

async function showAlternatives(area, line, row) {
  const existing = row.querySelector(".alternatives");
  if (existing) { existing.remove(); return; }
  try {
    const { response } = await api("/api/alternatives", { draft: state.draft, block: area.block, name: postingName() });
    const { alternatives } = await response.json();
    const box = el("div", { className: "alternatives" });
    box.append(el("p", { className: "hint", textContent: alternatives.length ? "Pick a wording (Esc closes the list):" : "No other wordings in the library." }));
    const list = el("ul");
    for (const alt of alternatives.slice(0, 30)) {
      const item = el("li");
      const pick = el("button", { type: "button", className: "alt", textContent: alt.text });
      pick.append(el("span", { className: "source", textContent: alt.source }));
      pick.addEventListener("click", () => {
        commit((d) => setSlotText(d, line, alt.text));
        state.structure = "";
      });
      item.append(pick);
      list.append(item);
    }
    box.append(list);
    box.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      box.remove();
      row.querySelector("textarea").focus();
    });
    row.append(box);
    const first = box.querySelector("button");
    if (first) first.focus();
  } catch (error) {
    showError(error.message);
  }
}

function showQualifications() {
  const box = $("quals");
  box.replaceChildren();
  const items = (state.draft.qualifications && state.draft.qualifications.add) || [];
  items.forEach((text, i) => {
    const row = el("div", { className: "line" });
    const input = el("textarea", { id: `q-${i}`, rows: 2, value: text, className: "line-text" });
    input.setAttribute("aria-label", `Extra qualification ${i + 1}`);
    input.addEventListener("input", () => commitTyping(input.id, (d) => { d.qualifications.add[i] = input.value; }));
    row.append(input);
    const tools = el("div", { className: "tools" });
    tools.append(tool("✕", "Remove the qualification", false, () => commit((d) => { d.qualifications.add.splice(i, 1); })));
    row.append(tools);
    box.append(row);
  });
}

function autosize(box) {
  box.style.height = "auto";
  box.style.height = `${box.scrollHeight + 2}px`;
}

// --- the form fields ------------------------------------------------------------------

const FIELDS = {
  "f-company": ["company"],
  "f-template": ["template"],
  "f-role": ["role"],
  "f-level": ["level"],
  "f-language": ["language"],
  "f-title": ["title"],
  "f-summary": ["summary"],
  "f-location": ["location"],
  "f-arrangement": ["work", "arrangement"],
  "f-office-days": ["work", "office_days"],
  "f-remote-in": ["work", "remote_in"],
  "f-employment-type": ["employment", "type"],
  "f-hours": ["employment", "hours"],
  "f-term": ["employment", "term"],
  "f-duration": ["employment", "duration"],
  "f-probation": ["employment", "probation"],
  "f-salary-min": ["salary", "min"],
  "f-salary-max": ["salary", "max"],
  "f-salary-period": ["salary", "period"],
  "f-salary-currency": ["salary", "currency"],
  "f-start": ["start"],
  "f-closes": ["closes"],
  "f-requisition": ["requisition"],
  "f-hiring-manager": ["hiring_manager"],
};
const NUMBERS = new Set(["f-office-days", "f-salary-min", "f-salary-max"]);

function getPath(d, path) {
  return path.reduce((value, key) => (value && typeof value === "object" ? value[key] : undefined), d);
}

function setPath(d, path, value) {
  let node = d;
  for (const key of path.slice(0, -1)) node = node[key] = node[key] || {};
  node[path[path.length - 1]] = value;
}

function fillFields() {
  for (const [id, path] of Object.entries(FIELDS)) {
    const value = getPath(state.draft, path);
    const field = $(id);
    if (document.activeElement === field) continue;
    field.value = value === undefined ? "" : Array.isArray(value) ? value.join(", ") : String(value);
  }
  if (!state.draft.level) $("f-level").value = roleLevel();
  if (!state.draft.template) $("f-template").value = "posting";
  if (!getPath(state.draft, ["salary", "period"])) $("f-salary-period").value = "year";
  if (!getPath(state.draft, ["salary", "currency"])) $("f-salary-currency").value = companyCurrency();
  if (state.view) fillBaseTexts(state.view);
  showArrangementFields();
}

// Office days are asked only for hybrid work, countries only for remote work.
function showArrangementFields() {
  const arrangement = getPath(state.draft, ["work", "arrangement"]);
  $("f-office-days").closest("label").hidden = arrangement !== "hybrid";
  $("f-remote-in").closest("label").hidden = arrangement !== "remote";
}

function fillBaseTexts(view) {
  // Title and summary show the composed text until the user writes their own.
  for (const [id, key] of [["f-title", "title"], ["f-summary", "summary"]]) {
    const field = $(id);
    if (document.activeElement !== field && !state.draft[key]) field.value = view[key];
  }
  autosize($("f-summary"));
}

// The currency the company's salaries are in unless the draft says another.
function companyCurrency() {
  const company = state.meta.companies.find((c) => c.id === state.draft.company);
  return (company && company.currency) || "";
}

function roleLevel() {
  const role = state.meta.roles.find((r) => r.id === state.draft.role);
  return role ? role.level : "";
}

function bindFields() {
  for (const [id, path] of Object.entries(FIELDS)) {
    const field = $(id);
    const event = field.tagName === "SELECT" ? "change" : "input";
    field.addEventListener(event, () => {
      let value = field.value;
      if (NUMBERS.has(id) && /^\d+$/.test(value.trim()) && Number.isSafeInteger(Number(value.trim()))) value = Number(value.trim());
      if (id === "f-remote-in") value = value.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
      if (path[0] === "title" || path[0] === "summary") {
        const base = state.view && state.view[path[0]];
        if (value === base) value = "";
      }
      if (id === "f-level" && value === roleLevel()) value = "";
      if (id === "f-salary-currency" && value === companyCurrency()) value = "";
      if (id === "f-salary-period" && value === "year" && !getPath(state.draft, ["salary", "min"])) value = "";
      const change = (d) => {
        setPath(d, path, value);
        if (id === "f-role") { delete d.level; delete d.title; delete d.summary; delete d.statements; delete d.blocks; }
        if (id === "f-arrangement" && d.work) {  // what applies to one arrangement is not sent with another
          if (value !== "hybrid") delete d.work.office_days;
          if (value !== "remote") delete d.work.remote_in;
        }
      };
      const edited = ["title", "summary", "statements", "blocks"].some((k) => state.draft[k]);
      if (id === "f-role" && edited && !window.confirm("Changing the role discards the title and line edits you made. Change it?")) {
        field.value = state.draft.role;  // kept: nothing was changed
        return;
      }
      if (field.tagName === "SELECT") {
        if (["f-role", "f-level", "f-template"].includes(id) && !state.nameChosen) $("save-name").value = "";
        commit(change);
        state.structure = "";
        if (["f-role", "f-company", "f-arrangement"].includes(id)) { fillFields(); }
      } else {
        commitTyping(id, change);
      }
    });
  }
}

function fillSelect(select, items) {
  select.replaceChildren(...items.map(([value, label]) => el("option", { value, textContent: label })));
}

// --- files: open, save, download -----------------------------------------------------------

// The posting file the draft is saved as names its documents, as `jdgen build` names them.
function postingName() {
  const name = $("save-name").value.trim();
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(name) ? name : undefined;
}

// An edit whose preview is still waiting, or on its way, is shown first, so the status
// line ends on what the button did.
async function flush() {
  if (schedulePreview.timer) {
    clearTimeout(schedulePreview.timer);
    refresh();
  }
  await state.refreshing;
}

async function save(overwrite = false) {
  await flush();
  const name = $("save-name").value.trim();
  const base = state.opened && state.opened.name === name ? state.opened.digest : null;
  if (base && !overwrite && state.opened.role !== state.draft.role
      && !window.confirm(`postings/${name}.yaml is a posting for another role. Overwrite it with this one?`)) {
    $("status").textContent = "Not saved: the file on disk was kept";
    return;
  }
  try {
    const { response } = await api("/api/save", { draft: state.draft, name, base, overwrite });
    const result = await response.json();
    if (result.conflict) {
      if (window.confirm(`${result.conflict}. Overwrite it with the studio's draft?`)) return save(true);
      $("status").textContent = "Not saved: the file on disk was kept";
      return;
    }
    state.opened = { name: result.name, digest: result.digest, role: state.draft.role };
    state.nameChosen = true;
    state.clean = JSON.stringify(state.draft);
    showError("");
    $("status").textContent = `Saved ${result.saved}`;
    await refreshPostings(result.name);
  } catch (error) {
    showError(error.message);
  }
}

async function openPosting() {
  const name = $("open-name").value;
  if (!name) return;
  try {
    const { response } = await api("/api/open", { name });
    const result = await response.json();
    commit((d) => { for (const k of Object.keys(d)) delete d[k]; Object.assign(d, result.draft); });
    state.opened = { name: result.name, digest: result.digest, role: result.draft.role };
    state.nameChosen = true;
    state.clean = JSON.stringify(state.draft);
    $("save-name").value = result.name;
    state.structure = "";
    fillFields();
    showError("");
  } catch (error) {
    showError(error.message); // the draft on screen stays as it was
  }
}

async function refreshPostings(selected) {
  const { response } = await api("/api/meta");
  const meta = await response.json();
  state.meta.postings = meta.postings;
  showProblems(meta.problems);
  fillPostings();
  if (selected) $("open-name").value = selected;
}

function fillPostings() {
  const names = state.meta.postings;
  fillSelect($("open-name"), names.length ? names.map((p) => [p, p]) : [["", "none saved yet"]]);
  $("open").disabled = !names.length;
}

async function download(fmt) {
  await flush();
  try {
    const { response } = await api(`/api/download/${fmt}`, { draft: state.draft, name: postingName() });
    const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
    const blob = await response.blob();
    const link = el("a", { href: URL.createObjectURL(blob), download: name ? name[1] : `posting.${fmt}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    $("status").textContent = `Downloaded ${link.download}`;
  } catch (error) {
    showError(error.message);
  }
}

// --- compare -----------------------------------------------------------------------------

function compareRow(role) {
  const rows = $("c-roles");
  const index = rows.children.length + 1;
  const row = el("div", { className: "c-row" });
  const roleSelect = el("select", { className: "c-role" });
  roleSelect.setAttribute("aria-label", `Role ${index}`);
  fillSelect(roleSelect, state.meta.roles.map((r) => [r.id, r.title]));
  roleSelect.value = role;
  const levelSelect = el("select", { className: "c-level" });
  levelSelect.setAttribute("aria-label", `Level of role ${index}`);
  fillSelect(levelSelect, [["", "its own level"], ...state.meta.levels.map((l) => [l.id, l.label])]);
  row.append(roleSelect, levelSelect, tool("✕", `Remove role ${index}`, false, () => { row.remove(); }));
  rows.append(row);
}

async function runCompare() {
  const roles = [...document.querySelectorAll("#c-roles .c-row")].map((row) => {
    const level = row.querySelector(".c-level").value;
    return row.querySelector(".c-role").value + (level ? `@${level}` : "");
  });
  try {
    const { response } = await api("/api/compare", { company: $("c-company").value, roles });
    $("compare-frame").srcdoc = (await response.json()).html;
    showError("");
  } catch (error) {
    showError(error.message);
  }
}

function mode(compare) {
  if (compare) $("c-company").value = state.draft.company;  // compare the draft's company's roles
  $("draft-view").hidden = compare;
  $("draft-actions").hidden = compare;
  $("compare-view").hidden = !compare;
  $("tab-draft").setAttribute("aria-pressed", String(!compare));
  $("tab-compare").setAttribute("aria-pressed", String(compare));
}

// --- start ---------------------------------------------------------------------------------

async function start() {
  const { response } = await api("/api/meta");
  state.meta = await response.json();
  showProblems(state.meta.problems);
  const companies = state.meta.companies.map((c) => [c.id, c.name]);
  fillSelect($("f-company"), companies);
  fillSelect($("c-company"), companies);
  fillSelect($("f-salary-currency"), [["", "—"], ...state.meta.currencies.map((c) => [c, c])]);
  fillSelect($("f-role"), state.meta.roles.map((r) => [r.id, r.title]));
  fillSelect($("f-level"), state.meta.levels.map((l) => [l.id, l.label]));
  fillPostings();
  const first = state.meta.roles.find((r) => r.id === "coo") || state.meta.roles[0];
  state.draft = { role: first.id, company: [state.meta.company, "acme"].find((c) => state.meta.companies.some((k) => k.id === c)) || state.meta.companies[0].id, template: "posting" };
  state.clean = JSON.stringify(state.draft);
  fillFields();
  bindFields();
  // Leaving or reloading the page with edits not saved asks first.
  window.addEventListener("beforeunload", (event) => {
    if (JSON.stringify(state.draft) === state.clean) return;
    event.preventDefault();
    event.returnValue = "";
  });
  for (const role of ["coo", "vp-operations"].filter((id) => state.meta.roles.some((r) => r.id === id))) compareRow(role);
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  $("save").addEventListener("click", () => save());
  $("save-name").addEventListener("input", () => { state.nameChosen = true; schedulePreview(); });
  $("open").addEventListener("click", openPosting);
  $("add-qual").addEventListener("click", () => {
    commit((d) => { d.qualifications = d.qualifications || {}; d.qualifications.add = [...(d.qualifications.add || []), ""]; });
  });
  for (const button of document.querySelectorAll(".downloads button")) {
    button.addEventListener("click", () => download(button.dataset.fmt));
  }
  $("tab-draft").addEventListener("click", () => mode(false));
  $("tab-compare").addEventListener("click", () => mode(true));
  $("c-add").addEventListener("click", () => { if ($("c-roles").children.length < 6) compareRow(state.meta.roles[0].id); });
  $("c-run").addEventListener("click", runCompare);
  document.addEventListener("keydown", (event) => {
    const inText = ["INPUT", "TEXTAREA"].includes(document.activeElement.tagName);
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z" || inText) return;
    event.preventDefault();
    if (event.shiftKey) redo(); else undo();
  });
  schedulePreview(0);
}

document.addEventListener("DOMContentLoaded", () => {
  start().catch((error) => showError(error.message));
});
