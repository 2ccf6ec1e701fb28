// The article view: the cleaned text with every extracted span highlighted. Hovering a
// highlight shows what was extracted there, including the event of the sentence.
// Offsets in the API count Unicode scalar values, as Array.from(text) does.

import { h, fill, safeLink, showTooltip, hideTooltip } from "./dom.js";
import { partyLabel, placeLabel } from "./tables.js";

const KINDS = [
  ["event", "event sentence"],
  ["place", "place"],
  ["actor", "actor"],
  ["time", "date"],
  ["figure", "figure"],
];

/** Every highlighted span of a document: {start, end, kind, item, index}. */
export function spansOf(doc) {
  const out = [];
  const add = (span, kind, item, index) => {
    if (!Array.isArray(span) || span.length !== 2) return;
    const [a, b] = span;
    if (Number.isInteger(a) && Number.isInteger(b) && b > a) out.push({ start: a, end: b, kind, item, index });
  };
  (doc.events || []).forEach((e, i) => add(e.span, "event", e, i));
  (doc.places || []).forEach((p, i) => (p.mentions || []).forEach((m) => add(m, "place", p, i)));
  (doc.actors || []).forEach((p, i) => (p.mentions || []).forEach((m) => add(m, "actor", p, i)));
  (doc.times || []).forEach((t, i) => add(t.span, "time", t, i));
  (doc.figures || []).forEach((f, i) => add(f.span, "figure", f, i));
  return out;
}

function describe(sp) {
  const it = sp.item;
  switch (sp.kind) {
    case "event": {
      const date = it.date ? (it.date.start === it.date.end ? it.date.start : `${it.date.start} – ${it.date.end}`) : "undated";
      return [
        h("div", { class: "tt-title" }, `Event: ${it.type}${it.mode ? ` · ${it.mode}` : ""}${it.ledger_event != null ? `  #${it.ledger_event}` : ""}`),
        h("div", { class: "tt-row" }, `${partyLabel(it.source)} → ${it.target ? partyLabel(it.target) : "—"}`),
        h("div", { class: "tt-row" }, [date, placeLabel(it.place)].filter(Boolean).join(" · ")),
        h("div", { class: "tt-row" }, `${it.status}${it.claimed_by ? ` by ${it.claimed_by.name}` : ""}${it.ceasefire_violation ? " · ceasefire violation" : ""}`),
      ];
    }
    case "place":
      return [h("div", { class: "tt-title" }, `Place: ${it.name}`), h("div", { class: "tt-row" }, `${it.kind || ""} ${it.country || ""}`.trim())];
    case "actor":
      return [h("div", { class: "tt-title" }, `Actor: ${it.name}`), h("div", { class: "tt-row" }, [it.country, it.sector].filter(Boolean).join(" "))];
    case "time":
      return [h("div", { class: "tt-title" }, "Date"), h("div", { class: "tt-row" }, it.start === it.end ? it.start : `${it.start} – ${it.end}`)];
    case "figure":
      return [
        h("div", { class: "tt-title" }, `Figure: ${it.what}`),
        h("div", { class: "tt-row" }, `${it.min}${it.max == null ? "+" : it.max !== it.min ? `–${it.max}` : ""} ${it.unit}${it.claimed_by ? `, according to ${it.claimed_by}` : ""}`),
      ];
    default:
      return [];
  }
}

/**
 * Split the text at every span boundary; each piece covered by spans becomes a <mark>
 * carrying the classes of all spans over it, so overlapping spans all stay visible.
 */
export function highlight(text, spans, { onEvent, focusEvent }) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const sp of spans) {
    cuts.add(Math.min(sp.start, chars.length));
    cuts.add(Math.min(sp.end, chars.length));
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  let focused = null;
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const a = bounds[i];
    const b = bounds[i + 1];
    const piece = chars.slice(a, b).join("");
    const over = spans.filter((sp) => sp.start <= a && sp.end >= b);
    if (!over.length) {
      nodes.push(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(over.map((sp) => sp.kind))];
    const events = over.filter((sp) => sp.kind === "event");
    const classes = ["hl", ...kinds.map((k) => `hl-${k}`)];
    if (events.some((sp) => sp.item.ceasefire_violation)) classes.push("hl-violation");
    const ledgerIds = events.map((sp) => sp.item.ledger_event).filter((id) => id != null);
    if (focusEvent != null && ledgerIds.includes(focusEvent)) classes.push("focus");
    // Innermost (shortest) spans first, then the event of the sentence.
    const ordered = [...over].sort((x, y) => (x.kind === "event") - (y.kind === "event") || x.end - x.start - (y.end - y.start));
    const mark = h("mark", {
      class: classes.join(" "),
      dataset: { kinds: kinds.join(" "), start: a, end: b, ...(ledgerIds.length ? { events: ledgerIds.join(" ") } : {}) },
      onmousemove: (ev) => showTooltip(ev, ordered.flatMap((sp, k) => (k ? [h("div", { class: "tt-sep" }), ...describe(sp)] : describe(sp)))),
      onmouseleave: hideTooltip,
      onclick: ledgerIds.length ? () => onEvent(ledgerIds[0]) : null,
    }, piece);
    if (classes.includes("focus") && !focused) focused = mark;
    nodes.push(mark);
  }
  return { nodes, focused };
}

/** Render a document (from /api/documents/{id}) into the article view. */
export function renderArticle(body, legend, doc, { onEvent, focusEvent }) {
  const spans = spansOf(doc);
  const { nodes, focused } = highlight(doc.text || "", spans, { onEvent, focusEvent });
  const meta = [doc.outlet, doc.published, doc.format].filter(Boolean).join(" · ");
  const counts = Object.fromEntries(KINDS.map(([k]) => [k, spans.filter((sp) => sp.kind === k).length]));
  fill(
    body,
    h("h1", { class: "article-title" }, doc.title || doc.doc_id),
    h("div", { class: "meta" }, meta, doc.url ? [" · ", safeLink(doc.url)] : null, ` · ${doc.doc_id}`),
    h("div", { class: "article-text", id: "article-text", dataset: { documentId: doc.id } }, nodes),
  );
  fill(
    legend,
    KINDS.map(([k, label]) => h("span", { class: "key" }, h("mark", { class: `hl hl-${k}` }, label), ` ${counts[k]}`)),
  );
  if (focused) focused.scrollIntoView({ block: "center" });
}
