// The dashboard: filters ⇄ URL hash, data loading, routing between the dashboard, an
// event's details, a ceasefire's days and the article view, and live updates.

import { h, fill, hideTooltip } from "./dom.js";
import { ApiError, getJSON, allEvents, watchChanges, setToken } from "./api.js";
import { EventMap, located } from "./map.js";
import { renderTimeline } from "./timeline.js";
import { renderArticle } from "./article.js";
import {
  PLOVER_TYPES, renderClaims, renderEvents, renderCeasefires, renderTally, partyLabel, placeLabel, eventDate, statusPill, estimate,
} from "./tables.js";

const $ = (id) => document.getElementById(id);

// Script errors are kept for diagnosis (the browser test reads them).
window.__truceErrors = [];
window.addEventListener("error", (ev) => window.__truceErrors.push(String(ev.message)));
window.addEventListener("unhandledrejection", (ev) => window.__truceErrors.push(String(ev.reason)));
document.addEventListener("securitypolicyviolation", (ev) =>
  window.__truceErrors.push(`CSP blocked ${ev.blockedURI || "inline"} (${ev.violatedDirective})`));
const FILTERS = ["country", "type", "status", "since", "until", "text"];

const state = {
  filters: {},
  loadedKey: null,
  events: [],
  total: 0,
  ceasefires: [],
  page: 0,
  countries: new Map(),
  loading: null,
};

let map;
let stopWatching = () => {};

function startWatching() {
  stopWatching();
  stopWatching = watchChanges(onChange, (on) => $("live").classList.toggle("on", on));
}

/** Parse the hash: "#/event/12?country=UA" → {view: "event", id: "12", params}. */
function parseHash() {
  const raw = window.location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean);
  return { view: parts[0] || "dashboard", id: parts[1] ? decodeURIComponent(parts[1]) : null, params: new URLSearchParams(query) };
}

function filtersQuery(filters) {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) q.set(k, filters[k]);
  const s = q.toString();
  return s ? `?${s}` : "";
}

function showMessage(text) {
  const el = $("message");
  el.textContent = text || "";
  el.hidden = !text;
}

function handleError(err) {
  if (err instanceof ApiError && err.status === 401) {
    $("auth").hidden = false;
    showMessage("");
    return;
  }
  showMessage(err instanceof ApiError ? `The server said: ${err.message}` : `Could not reach the server: ${err.message}`);
}

function readForm() {
  const form = $("filters");
  const f = {};
  for (const k of FILTERS) {
    const v = form.elements[k].value.trim();
    if (v) f[k] = v;
  }
  return f;
}

function writeForm(filters) {
  const form = $("filters");
  for (const k of FILTERS) {
    const el = form.elements[k];
    if (k === "country" && filters[k] && ![...el.options].some((o) => o.value === filters[k])) {
      el.append(h("option", { value: filters[k] }, filters[k]));
    }
    el.value = filters[k] || "";
  }
}

function setupFilters() {
  const type = $("filters").elements.type;
  for (const t of PLOVER_TYPES) type.append(h("option", { value: t }, t.toLowerCase()));
  $("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    window.location.hash = `#/${filtersQuery(readForm())}`;
  });
  for (const k of ["country", "type", "status", "since", "until"]) {
    $("filters").elements[k].addEventListener("change", () => {
      window.location.hash = `#/${filtersQuery(readForm())}`;
    });
  }
  $("reset").addEventListener("click", () => {
    window.location.hash = "#/";
  });
  $("auth-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    setToken($("auth-form").elements.token.value.trim());
    $("auth").hidden = true;
    state.loadedKey = null;
    route();
    // Reconnect the live stream at once with the token instead of after its back-off.
    startWatching();
  });
}

/** Remember every country seen so the country filter can offer it. */
function learnCountries(events) {
  for (const e of events) {
    if (e.place?.country) state.countries.set(e.place.country, "place or party, ISO alpha-2");
    for (const p of [e.source, e.target]) if (p?.country) state.countries.set(p.country, "party code");
  }
  const sel = $("filters").elements.country;
  const current = sel.value;
  const opts = [...state.countries].sort((a, b) => a[0].localeCompare(b[0]));
  fill(sel, h("option", { value: "" }, "all"), opts.map(([code, what]) => h("option", { value: code, title: what }, code)));
  sel.value = current;
}

async function loadData({ live = false } = {}) {
  const key = JSON.stringify(state.filters);
  const apiFilters = { ...state.filters };
  const [{ events, total }, cf, tally] = await Promise.all([
    allEvents(apiFilters),
    getJSON("/api/ceasefires"),
    getJSON("/api/tally", { country: apiFilters.country, since: apiFilters.since, until: apiFilters.until }).catch(() => null),
  ]);
  state.events = events;
  state.total = total;
  state.ceasefires = cf.ceasefires || [];
  state.loadedKey = key;
  if (!live) state.page = 0;
  learnCountries(events);
  renderDashboard({ keepView: live });
  renderTally($("tally"), tally);
}

function renderDashboard({ keepView = false } = {}) {
  const { events } = state;
  const withCoords = events.filter(located).length;
  map.setEvents(events, { keepView });
  $("map-caption").textContent = `${withCoords} of ${events.length} events located`;
  $("map-caption").dataset.located = String(withCoords);
  renderTimeline($("timeline"), $("timeline-legend"), $("timeline-caption"), events, state.ceasefires, {
    title: $("timeline-title"),
    onDay: (from, to) => {
      window.location.hash = `#/${filtersQuery({ ...state.filters, since: from, until: to })}`;
    },
  });
  renderClaims($("claims"), events);
  renderCeasefires($("ceasefires"), state.ceasefires, { onSelect: (id) => { window.location.hash = `#/ceasefire/${id}${filtersQuery(state.filters)}`; } });
  drawEventsTable();
  const shown = events.length < state.total ? ` (first ${events.length} shown)` : "";
  $("events-caption").textContent = `${state.total} events${shown}`;
  $("summary").textContent = `${state.total} events · ${state.ceasefires.length} ceasefires`;
  $("summary").dataset.total = String(state.total);
}

function drawEventsTable() {
  renderEvents($("events"), $("pager"), state.events, state.page, {
    onSelect: openEvent,
    onPage: (p) => {
      state.page = p;
      drawEventsTable();
    },
  });
}

function openEvent(id) {
  window.location.hash = `#/event/${id}${filtersQuery(state.filters)}`;
}

function articleLink(documentId, eventId, text) {
  return h("a", { href: `#/doc/${documentId}${eventId != null ? `?event=${eventId}` : ""}`, class: "article-link" }, text);
}

function partyList(list) {
  return list?.length ? list.map((p) => (typeof p === "string" ? p : partyLabel(p))).join(", ") : "—";
}

async function showEvent(id) {
  const detail = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  const e = detail.event;
  const dl = (pairs) => h("dl", {}, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "").flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
  const reportNode = (r, extra) => h("div", { class: "report", dataset: { reportId: r.id } },
    h("div", { class: "meta" }, [r.outlet, r.published, r.title].filter(Boolean).join(" · ") || r.doc_id),
    h("blockquote", { class: "quote" }, r.evidence),
    h("div", { class: "meta" }, statusPill(r.status), r.claimed_by ? ` according to ${partyLabel(r.claimed_by)}` : " in the outlet's own voice",
      extra || null, " · ", articleLink(r.document_id, r.event_id, "open article")));
  const claimIds = new Set((detail.claims || []).map((c) => c.report_id));
  const claims = detail.reports.filter((r) => claimIds.has(r.id));
  const others = detail.reports.filter((r) => !claimIds.has(r.id));
  fill(
    $("detail-body"),
    h("h3", {}, `${e.event_type}: ${e.source?.name || "?"} → ${e.target?.name || "—"}`),
    dl([
      ["event", `#${e.id}`],
      ["date", eventDate(e)],
      ["place", placeLabel(e.place)],
      ["status", statusPill(e.status)],
      ["violation", e.ceasefire_violation ? "breaks a ceasefire in force" : null],
      ["sources", `${e.corroboration} independent · ${e.reports} reports in ${e.documents} documents`],
      ["asserted by", partyList(e.asserted_by)],
      ["denied by", partyList(e.denied_by)],
      ["observed by", partyList(e.observed_by)],
      ["reported by", partyList(e.reported_by)],
      ["killed", e.killed ? estimate(e.killed) : null],
    ]),
    h("h4", {}, `Claims (${claims.length})`),
    claims.length ? claims.map((r) => reportNode(r)) : h("p", { class: "caption" }, "no party claims it"),
    h("h4", {}, `Denials (${detail.denials.length})`),
    detail.denials.length
      ? detail.denials.map((d) => reportNode(d.report, d.denier ? ` · denied by ${partyLabel(d.denier)}` : null))
      : h("p", { class: "caption" }, "nobody denies it"),
    h("h4", {}, `Other reports (${others.length})`),
    others.map((r) => reportNode(r)),
    detail.denies?.length
      ? [h("h4", {}, "Denies"), h("p", {}, detail.denies.map((d, i) => [i ? ", " : "", h("a", { href: `#/event/${d}` }, `event #${d}`)]))]
      : null,
    detail.figures?.length
      ? [h("h4", {}, `Figures (${detail.figures.length})`), detail.figures.map((f) => h("div", { class: "report" },
        h("blockquote", { class: "quote" }, f.evidence),
        h("div", { class: "meta" }, `${f.what}: ${f.min}${f.max == null ? "+" : f.max !== f.min ? `–${f.max}` : ""} ${f.unit}`,
          f.claimed_by ? ` according to ${f.claimed_by}` : "", " · ", articleLink(f.document_id, e.id, "open article"))))]
      : null,
  );
  $("detail").hidden = false;
  $("detail").dataset.eventId = String(e.id);
}

async function showCeasefire(id) {
  const rep = await getJSON(`/api/ceasefires/${encodeURIComponent(id)}/days`);
  const c = rep.ceasefire;
  const num = (v) => h("td", { class: "num" }, String(v ?? ""));
  const est = (x) => estimate(x);
  fill(
    $("detail-body"),
    h("h3", {}, `Ceasefire: ${c.parties.join(" – ") || "?"}`),
    h("dl", {}, h("dt", {}, "from"), h("dd", {}, c.start), h("dt", {}, "to"), h("dd", {}, c.end || "open"),
      c.area ? [h("dt", {}, "area"), h("dd", {}, c.area)] : null, c.note ? [h("dt", {}, "note"), h("dd", {}, c.note)] : null,
      c.event_id != null ? [h("dt", {}, "agreed in"), h("dd", {}, h("a", { href: `#/event/${c.event_id}` }, `event #${c.event_id}`))] : null),
    h("h4", {}, `Day by day, ${rep.from} to ${rep.to}`),
    h("table", { class: "table ceasefire-days" },
      h("thead", {}, h("tr", {}, h("th", {}, "day"), h("th", {}, "violations asserted"), h("th", { class: "num" }, "observed"),
        h("th", { class: "num" }, "denied"), h("th", {}, "killed"), h("th", {}, "wounded"))),
      h("tbody", {}, rep.days.map((d) => h("tr", {},
        h("td", {}, d.date),
        h("td", {}, d.asserted.map((a) => `${a.party}: ${a.count}`).join(", ") || "—"),
        num(d.observed), num(d.denied), h("td", {}, est(d.killed)), h("td", {}, est(d.wounded)))))),
  );
  $("detail").hidden = false;
}

async function showArticle(id, params) {
  const doc = await getJSON(`/api/documents/${encodeURIComponent(id)}`);
  const focus = params.get("event");
  renderArticle($("article-body"), $("article-legend"), doc, {
    focusEvent: focus != null && focus !== "" ? Number(focus) : null,
    onEvent: (eid) => { window.location.hash = `#/event/${eid}`; },
  });
  $("article").hidden = false;
  document.title = `${doc.title || doc.doc_id} — truce`;
}

/** Show whatever the hash asks for; reload ledger data only when the filters changed. */
async function route() {
  const { view, id, params } = parseHash();
  hideTooltip();
  if (view === "doc") {
    try {
      await showArticle(id, params);
      showMessage("");
    } catch (err) {
      handleError(err);
    }
    return;
  }
  $("article").hidden = true;
  document.title = "truce — ceasefire ledger";
  if (view === "dashboard") state.filters = Object.fromEntries(FILTERS.filter((k) => params.get(k)).map((k) => [k, params.get(k)]));
  writeForm(state.filters);
  try {
    if (state.loadedKey !== JSON.stringify(state.filters)) await loadData();
    if (view === "event" && id) await showEvent(id);
    else if (view === "ceasefire" && id) await showCeasefire(id);
    else $("detail").hidden = true;
    showMessage("");
  } catch (err) {
    handleError(err);
  }
}

let pendingReload = null;

function onChange() {
  const live = $("live");
  live.classList.add("flash");
  setTimeout(() => live.classList.remove("flash"), 1200);
  clearTimeout(pendingReload);
  pendingReload = setTimeout(() => {
    loadData({ live: true })
      .then(() => {
        document.body.dataset.liveReloads = String(Number(document.body.dataset.liveReloads || 0) + 1);
      })
      .catch(handleError);
    const { view, id, params } = parseHash();
    if (view === "doc" && id) showArticle(id, params).catch(() => {});
  }, 250);
}

async function main() {
  setupFilters();
  map = new EventMap($("map"), $("map-legend"), {
    onSelect: openEvent,
    onCluster: (events) => {
      fill($("detail-body"), h("h3", {}, `${events.length} events at this place`),
        events.map((e) => h("div", { class: "report" }, h("a", { href: `#/event/${e.id}` }, `${e.event_type}: ${e.source?.name || "?"} → ${e.target?.name || "—"}`),
          h("div", { class: "meta" }, eventDate(e), " · ", statusPill(e.status)))));
      $("detail").hidden = false;
    },
  });
  $("zoom-in").addEventListener("click", () => map.zoomCenter(2));
  $("zoom-out").addEventListener("click", () => map.zoomCenter(0.5));
  $("zoom-fit").addEventListener("click", () => map.fit());
  $("detail-close").addEventListener("click", () => {
    window.location.hash = `#/${filtersQuery(state.filters)}`;
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && (!$("detail").hidden || !$("article").hidden)) window.location.hash = `#/${filtersQuery(state.filters)}`;
  });
  try {
    await map.loadCountries();
  } catch (err) {
    showMessage(`Could not load the country outlines: ${err.message}`);
  }
  await route();
  startWatching();
  document.body.dataset.ready = "true";
}

main();
