// The timeline: events per day as bars stacked by accused party (the event's source),
// with the windows of ceasefires shaded behind them.

import { s, h, fill, showTooltip, hideTooltip } from "./dom.js";
import { partyKey } from "./tables.js";

const DAY = 86400000;
const PALETTE = ["#d1495b", "#00798c", "#edae49", "#66a182", "#2e4057", "#8d6a9f", "#c97c5d", "#4f6d7a", "#b5838d"];
const OTHER = "#a0a4ab";

function parseDay(d) {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) ? t : null;
}

function fmtDay(t, withYear) {
  const d = new Date(t);
  const m = d.toLocaleString("en", { month: "short", timeZone: "UTC" });
  return withYear ? `${d.getUTCDate()} ${m} ${d.getUTCFullYear()}` : `${d.getUTCDate()} ${m}`;
}

function isoDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}

/** Bin width in days for a range of `days` days: day bars while they stay readable. */
export function binDays(days) {
  if (days <= 120) return 1;
  if (days <= 840) return 7;
  return 30;
}

/** Count events per (bin, party); parties beyond the palette are pooled as "other". */
export function dayCounts(events, t0 = null, bin = 1) {
  const byParty = new Map();
  const names = new Map();
  const dated = [];
  for (const e of events) {
    const t = e.date_start ? parseDay(e.date_start) : null;
    if (t === null) continue;
    const key = partyKey(e.source);
    byParty.set(key, (byParty.get(key) || 0) + 1);
    if (e.source?.name && !names.has(key)) names.set(key, e.source.name);
    dated.push({ t, key });
  }
  const ranked = [...byParty].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const colors = new Map(ranked.slice(0, PALETTE.length).map(([k], i) => [k, PALETTE[i]]));
  const days = new Map();
  for (const { t: day0, key } of dated) {
    const t = t0 === null ? day0 : t0 + Math.floor((day0 - t0) / (bin * DAY)) * bin * DAY;
    const party = colors.has(key) ? key : "other";
    let day = days.get(t);
    if (!day) {
      day = new Map();
      days.set(t, day);
    }
    day.set(party, (day.get(party) || 0) + 1);
  }
  const parties = ranked.slice(0, PALETTE.length).map(([k]) => ({ key: k, name: names.get(k) || k, color: colors.get(k) }));
  if (ranked.length > PALETTE.length) parties.push({ key: "other", name: "other parties", color: OTHER });
  const first = dated.length ? Math.min(...dated.map((d) => d.t)) : null;
  const last = dated.length ? Math.max(...dated.map((d) => d.t)) : null;
  return { days, parties, undated: events.length - dated.length, first, last };
}

export function renderTimeline(container, legend, caption, events, ceasefires, { onDay, title }) {
  const span = dayCounts(events);
  const bin = span.first === null ? 1 : binDays(Math.round((span.last - span.first) / DAY) + 1);
  const { days, parties, undated } = dayCounts(events, span.first, bin);
  const unit = { 1: "day", 7: "week", 30: "30 days" }[bin];
  if (title) title.textContent = `Events per ${unit}, by accused party`;
  const colorOf = new Map(parties.map((p) => [p.key, p.color]));
  const width = Math.max(300, container.clientWidth || 600);
  const height = Math.max(160, container.clientHeight || 240);
  const m = { l: 30, r: 10, t: 16, b: 24 };
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "events per day" });

  const times = [...days.keys()];
  if (!times.length) {
    svg.append(s("text", { class: "empty", x: width / 2, y: height / 2 }, "no dated events match the filters"));
    fill(container, svg);
    fill(legend);
    caption.textContent = undated ? `${undated} undated` : "";
    return;
  }
  let t0 = Math.min(...times);
  let t1 = Math.max(...times) + (bin - 1) * DAY;
  if (t1 - t0 < 6 * DAY) {
    const pad = Math.ceil((6 * DAY - (t1 - t0)) / 2 / DAY) * DAY;
    t0 -= pad;
    t1 += pad;
  }
  const n = Math.round((t1 - t0) / DAY) + 1;
  const plotW = width - m.l - m.r;
  const plotH = height - m.t - m.b;
  const bw = plotW / n; // pixels per day; a bar is `bin` days wide
  const x = (t) => m.l + ((t - t0) / DAY) * bw;
  let maxCount = 1;
  for (const day of days.values()) maxCount = Math.max(maxCount, [...day.values()].reduce((a, b) => a + b, 0));
  const y = (v) => m.t + plotH - (v / maxCount) * plotH;

  // Ceasefire windows, clipped to the visible range.
  const shade = s("g", { class: "ceasefires" });
  let lastLabelEnd = -Infinity;
  for (const c of ceasefires) {
    const cs = parseDay(c.start_date || c.start);
    if (cs === null) continue;
    const ce = c.end ? parseDay(c.end) : t1;
    if (ce === null || ce < t0 || cs > t1) continue;
    const xa = x(Math.max(cs, t0));
    const xb = x(Math.min(ce, t1) + DAY);
    const label = `ceasefire ${c.parties.join("–")}`;
    shade.append(
      s("rect", { class: "ceasefire", x: xa, y: m.t, width: Math.max(1, xb - xa), height: plotH, dataset: { ceasefireId: c.id } },
        s("title", {}, `${label}: ${c.start} to ${c.end || "open"}`)),
    );
    // A label where it fits and does not run into the previous one.
    const labelW = label.length * 5.6;
    if (xb - xa >= Math.min(labelW, 40) && xa >= lastLabelEnd) {
      shade.append(s("text", { class: "ceasefire-label", x: xa + 3, y: m.t - 4 }, label));
      lastLabelEnd = xa + 3 + labelW;
    }
  }

  // Axes: a few integer ticks on y, about six dates on x.
  const axis = s("g", { class: "axis" });
  const step = Math.max(1, Math.ceil(maxCount / 4));
  for (let v = 0; v <= maxCount; v += step) {
    axis.append(s("line", { x1: m.l, x2: width - m.r, y1: y(v), y2: y(v) }), s("text", { x: m.l - 5, y: y(v) + 3, "text-anchor": "end" }, String(v)));
  }
  const every = Math.max(1, Math.ceil(n / 6));
  const withYear = new Date(t0).getUTCFullYear() !== new Date(t1).getUTCFullYear();
  for (let i = 0; i < n; i += every) {
    const t = t0 + i * DAY;
    axis.append(s("text", { x: x(t) + bw / 2, y: height - 6, "text-anchor": "middle" }, fmtDay(t, withYear || i === 0)));
  }

  // Bars.
  const bars = s("g", { class: "bars" });
  const barW = Math.max(1, bw * bin * 0.78);
  for (const [t, day] of [...days].sort((a, b) => a[0] - b[0])) {
    let acc = 0;
    const order = parties.map((p) => p.key).filter((k) => day.has(k));
    const total = [...day.values()].reduce((a, b) => a + b, 0);
    for (const key of order) {
      const v = day.get(key);
      const party = parties.find((p) => p.key === key);
      bars.append(
        s("rect", {
          class: "tl-bar",
          x: x(t) + (bw * bin - barW) / 2,
          y: y(acc + v),
          width: barW,
          height: Math.max(1, y(acc) - y(acc + v)),
          fill: colorOf.get(key) || OTHER,
          dataset: { day: isoDay(t), days: bin, party: key, count: v },
          onmousemove: (ev) =>
            showTooltip(ev, h("div", { class: "tt-title" }, bin === 1 ? fmtDay(t, true) : `${fmtDay(t, true)} – ${fmtDay(t + (bin - 1) * DAY, true)}`),
              h("div", { class: "tt-row" }, `${party?.name || key}: ${v} event${v === 1 ? "" : "s"}`),
              h("div", { class: "tt-row" }, `all parties: ${total}`), h("div", { class: "tt-row" }, `click to show ${bin === 1 ? "this day" : "these days"}`)),
          onmouseleave: hideTooltip,
          onclick: () => onDay(isoDay(t), isoDay(t + (bin - 1) * DAY)),
        }),
      );
      acc += v;
    }
  }
  svg.append(shade, axis, bars);
  fill(container, svg);

  fill(
    legend,
    parties.map((p) => {
      const sw = h("span", { class: "swatch" });
      sw.style.background = p.color;
      return h("span", { class: "key", title: p.name }, sw, p.key === p.name ? p.name : `${p.key} · ${p.name}`);
    }),
    ceasefires.length ? h("span", { class: "key" }, h("span", { class: "swatch ceasefire-swatch" }), "ceasefire in force") : null,
  );
  caption.textContent = undated ? `${undated} undated event${undated === 1 ? "" : "s"} not shown` : "";
}
