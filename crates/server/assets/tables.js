// Shared vocabulary (colours, labels, tooltips) and the dashboard's tables.

import { h, fill } from "./dom.js";

/** Fill colour per PLOVER type. */
export const TYPE_COLORS = {
  ASSAULT: "#d7263d",
  COERCE: "#f46036",
  THREATEN: "#f2a541",
  MOBILIZE: "#a26769",
  ACCUSE: "#8e44ad",
  REJECT: "#6c757d",
  PROTEST: "#d883b7",
  SANCTION: "#7f5539",
  REQUEST: "#2a9d8f",
  AGREE: "#2e9f5a",
  CONSULT: "#3a86ff",
  SUPPORT: "#48cae4",
  CONCEDE: "#90be6d",
  COOPERATE: "#1b7f5f",
  AID: "#5e60ce",
  RETREAT: "#495057",
};

/** Ring style per status: who the event rests on. */
export const STATUS_STYLES = {
  asserted: { stroke: "#7a4b00", dash: null },
  denied: { stroke: "#b3261e", dash: "2.5 2" },
  observed: { stroke: "#0b5cad", dash: null },
  reported: { stroke: "#374151", dash: "1 1.5" },
};

export const PLOVER_TYPES = Object.keys(TYPE_COLORS);

export function typeColor(t) {
  return TYPE_COLORS[t] || "#888";
}

/** "Ukrainian army (UKR MIL)". */
export function partyLabel(p) {
  if (!p) return "unknown";
  const tags = [p.country, p.sector].filter(Boolean).join(" ");
  return tags ? `${p.name} (${tags})` : p.name;
}

/** The grouping key of a party: its country code when known, else its name. */
export function partyKey(p) {
  if (!p) return "unknown";
  return p.country || p.name || "unknown";
}

export function eventDate(e) {
  if (!e.date_start) return "undated";
  return e.date_end && e.date_end !== e.date_start ? `${e.date_start} – ${e.date_end}` : e.date_start;
}

export function placeLabel(place) {
  if (!place) return "";
  return place.country ? `${place.name} (${place.country})` : place.name;
}

/** Tooltip lines for a ledger event. */
export function eventTooltip(e) {
  const rows = [
    h("div", { class: "tt-title" }, `${e.event_type}${e.mode ? ` · ${e.mode}` : ""}`),
    h("div", { class: "tt-row" }, `${partyLabel(e.source)} → ${e.target ? partyLabel(e.target) : "—"}`),
    h("div", { class: "tt-row" }, [eventDate(e), placeLabel(e.place)].filter(Boolean).join(" · ")),
    h("div", { class: "tt-row" }, `status: ${e.status}${e.ceasefire_violation ? " · ceasefire violation" : ""}`),
  ];
  const who = (label, list) => (list?.length ? h("div", { class: "tt-row" }, `${label}: ${list.map((p) => p.name ?? p).join(", ")}`) : null);
  rows.push(who("asserted by", e.asserted_by), who("denied by", e.denied_by), who("observed by", e.observed_by));
  return rows;
}

export function statusPill(status) {
  return h("span", { class: `pill ${status}` }, status);
}

/** Rows of the claims-vs-denials table, one per accused party (an event's source). */
export function claimsByParty(events) {
  const rows = new Map();
  const row = (p) => {
    const key = partyKey(p);
    let r = rows.get(key);
    if (!r) {
      r = { key, names: new Map(), accused: 0, asserted: 0, denied: 0, observed: 0, reported: 0, violations: 0, claimsMade: 0, denialsMade: 0 };
      rows.set(key, r);
    }
    if (p?.name) r.names.set(p.name, (r.names.get(p.name) || 0) + 1);
    return r;
  };
  for (const e of events) {
    const r = row(e.source);
    r.accused += 1;
    if (e.asserted_by?.length) r.asserted += 1;
    if (e.denied_by?.length || e.status === "denied") r.denied += 1;
    if (e.observed_by?.length || e.status === "observed") r.observed += 1;
    if (e.status === "reported") r.reported += 1;
    if (e.ceasefire_violation) r.violations += 1;
    for (const p of e.asserted_by || []) row(p).claimsMade += 1;
    for (const p of e.denied_by || []) row(p).denialsMade += 1;
  }
  return [...rows.values()]
    .map((r) => ({ ...r, name: [...r.names].sort((a, b) => b[1] - a[1])[0]?.[0] || r.key }))
    .sort((a, b) => b.accused - a.accused || b.claimsMade - a.claimsMade || a.key.localeCompare(b.key));
}

export function renderClaims(table, events) {
  const rows = claimsByParty(events);
  const num = (v) => h("td", { class: "num" }, String(v));
  fill(
    table,
    h("thead", {}, h("tr", {},
      h("th", {}, "party"),
      h("th", { class: "num", title: "events with this party as the actor" }, "accused"),
      h("th", { class: "num", title: "of which asserted by some party" }, "claimed"),
      h("th", { class: "num", title: "of which denied" }, "denied"),
      h("th", { class: "num", title: "of which seen by journalists, monitors or residents" }, "observed"),
      h("th", { class: "num", title: "of which ceasefire violations" }, "violations"),
      h("th", { class: "num", title: "events this party asserts" }, "claims made"),
      h("th", { class: "num", title: "events this party denies" }, "denials made"))),
    h("tbody", {}, rows.length
      ? rows.map((r) => h("tr", { class: "claims-row", dataset: { party: r.key } },
        h("td", {}, r.key === r.name ? r.name : `${r.key} · ${r.name}`),
        num(r.accused), num(r.asserted), num(r.denied), num(r.observed), num(r.violations), num(r.claimsMade), num(r.denialsMade)))
      : h("tr", {}, h("td", { colspan: 8, class: "caption" }, "no events match the filters"))),
  );
}

const PAGE = 50;

/** The events table, PAGE rows at a time. */
export function renderEvents(table, pager, events, page, { onSelect, onPage }) {
  const pages = Math.max(1, Math.ceil(events.length / PAGE));
  const p = Math.min(page, pages - 1);
  const slice = events.slice(p * PAGE, (p + 1) * PAGE);
  fill(
    table,
    h("thead", {}, h("tr", {}, h("th", {}, "date"), h("th", {}, "type"), h("th", {}, "who → whom"), h("th", {}, "where"),
      h("th", {}, "status"), h("th", { class: "num" }, "reports"))),
    h("tbody", {}, slice.length
      ? slice.map((e) => h("tr", { class: "clickable event-row", dataset: { eventId: e.id }, onclick: () => onSelect(e.id) },
        h("td", {}, eventDate(e)),
        h("td", {}, h("span", { class: "type-dot", dataset: { type: e.event_type } }), e.event_type),
        h("td", {}, `${e.source?.name || "?"} → ${e.target?.name || "—"}`),
        h("td", {}, placeLabel(e.place)),
        h("td", {}, statusPill(e.status), e.ceasefire_violation ? [" ", h("span", { class: "pill violation" }, "violation")] : null),
        h("td", { class: "num" }, String(e.reports ?? ""))))
      : h("tr", {}, h("td", { colspan: 6, class: "caption" }, "no events match the filters"))),
  );
  for (const dot of table.querySelectorAll(".type-dot")) dot.style.background = typeColor(dot.dataset.type);
  fill(
    pager,
    pages > 1 ? [
      h("button", { type: "button", class: "small", disabled: p === 0, onclick: () => onPage(p - 1) }, "‹"),
      `page ${p + 1} of ${pages}`,
      h("button", { type: "button", class: "small", disabled: p >= pages - 1, onclick: () => onPage(p + 1) }, "›"),
    ] : null,
  );
}

/** The ceasefires table; a row opens its day-by-day account. */
export function renderCeasefires(table, ceasefires, { onSelect }) {
  fill(
    table,
    h("thead", {}, h("tr", {}, h("th", {}, "parties"), h("th", {}, "from"), h("th", {}, "to"), h("th", {}, "area"))),
    h("tbody", {}, ceasefires.length
      ? ceasefires.map((c) => h("tr", { class: "clickable ceasefire-row", dataset: { ceasefireId: c.id }, onclick: () => onSelect(c.id) },
        h("td", {}, c.parties.join(" – ") || "?"), h("td", {}, c.start), h("td", {}, c.end || "open"), h("td", {}, c.area || "")))
      : h("tr", {}, h("td", { colspan: 4, class: "caption" }, "no ceasefires in the ledger"))),
  );
}

/** "7", "5–12 (best 8)" or "at least 7" for an open-ended figure. */
export function estimate(est) {
  if (!est) return "";
  if (est.open) return `at least ${est.low}`;
  if (est.low === est.high) return String(est.best);
  return `${est.low}–${est.high} (best ${est.best})`;
}

/** The casualty tally: one row per side, killed and wounded. */
export function renderTally(container, tally) {
  const sides = new Map();
  for (const [what, harm] of [["killed", tally?.killed], ["wounded", tally?.wounded]]) {
    for (const pt of harm?.by_party || []) {
      const key = pt.party || "unattributed";
      const row = sides.get(key) || { key };
      row[what] = pt;
      sides.set(key, row);
    }
  }
  const rows = [...sides.values()];
  fill(
    container,
    rows.length
      ? h("table", { class: "table tally" },
        h("thead", {}, h("tr", {}, h("th", {}, "side"), h("th", {}, "killed"), h("th", {}, "wounded"), h("th", { class: "num" }, "sources"))),
        h("tbody", {}, rows.map((r) => h("tr", {}, h("td", {}, r.key), h("td", {}, estimate(r.killed?.estimate)),
          h("td", {}, estimate(r.wounded?.estimate)),
          h("td", { class: "num" }, String(Math.max(r.killed?.sources || 0, r.wounded?.sources || 0)))))))
      : h("p", { class: "caption" }, "no casualty figures for these filters"),
  );
}
