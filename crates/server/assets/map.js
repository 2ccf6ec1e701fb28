// The map of events: Natural Earth country outlines (embedded), Web-Mercator projection,
// one point per located event coloured by type (fill) and status (ring), clustered in
// screen space when points crowd together. Wheel or buttons zoom, drag pans.

import { s, h, fill, showTooltip, hideTooltip } from "./dom.js";
import { eventTooltip, TYPE_COLORS, STATUS_STYLES, typeColor } from "./tables.js";

const WORLD = 1000; // the projected world is a WORLD x WORLD square
const CELL = 34; // points closer than this on screen (pixels) are clustered
const MAX_K = 400;
const ANTARCTICA = "010";

/** Web Mercator into the WORLD square; latitudes are clamped to ±85°. */
export function project(lon, lat) {
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  const x = ((lon + 180) / 360) * WORLD;
  const y = ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * WORLD;
  return [x, y];
}

function ringPath(ring) {
  let d = "";
  for (let i = 0; i + 1 < ring.length; i += 2) {
    const [x, y] = project(ring[i], ring[i + 1]);
    d += `${i === 0 ? "M" : "L"}${x.toFixed(2)},${y.toFixed(2)}`;
  }
  return `${d}Z`;
}

/** Whether an event has usable coordinates. */
export function located(e) {
  return !!e.place && Number.isFinite(e.place.lat) && Number.isFinite(e.place.lon);
}

export class EventMap {
  constructor(container, legend, { onSelect, onCluster }) {
    this.el = container;
    this.legend = legend;
    this.onSelect = onSelect;
    this.onCluster = onCluster;
    this.k = 1;
    this.tx = 0;
    this.ty = 0;
    this.points = [];
    this.svg = s("svg", { role: "img", "aria-label": "map of events" });
    this.land = s("g", { class: "land" });
    this.layer = s("g", { class: "points" });
    this.svg.append(this.land, this.layer);
    container.append(this.svg);
    this.bindInteractions();
    new ResizeObserver(() => this.redraw()).observe(container);
  }

  /** Load the embedded country outlines. */
  async loadCountries() {
    const resp = await fetch("/assets/countries-110m.json");
    const world = await resp.json();
    const paths = [];
    for (const c of world.countries) {
      if (c.id === ANTARCTICA) continue;
      const d = c.polygons.map((rings) => rings.map(ringPath).join("")).join("");
      paths.push(
        s("path", { class: "country", d, "fill-rule": "evenodd", "vector-effect": "non-scaling-stroke" },
          s("title", {}, c.name)),
      );
    }
    fill(this.land, paths);
  }

  size() {
    const r = this.el.getBoundingClientRect();
    return [Math.max(1, r.width), Math.max(1, r.height)];
  }

  /** Show these events (those without coordinates are skipped) and fit the view to them. */
  setEvents(events, { keepView = false } = {}) {
    this.points = events.filter(located).map((e) => {
      const [x, y] = project(e.place.lon, e.place.lat);
      return { e, x, y };
    });
    this.renderLegend(events);
    if (keepView && this.fitted) this.redraw();
    else this.fit();
  }

  /** Fit the view to the events, or to the inhabited world when there are none. */
  fit() {
    const [w, hgt] = this.size();
    let x0;
    let y0;
    let x1;
    let y1;
    if (this.points.length) {
      x0 = Math.min(...this.points.map((p) => p.x));
      x1 = Math.max(...this.points.map((p) => p.x));
      y0 = Math.min(...this.points.map((p) => p.y));
      y1 = Math.max(...this.points.map((p) => p.y));
      const minSpan = 40; // about 14 degrees of longitude: show the surroundings of one place
      const cx = (x0 + x1) / 2;
      const cy = (y0 + y1) / 2;
      const half = Math.max(minSpan, x1 - x0, y1 - y0) / 2;
      x0 = cx - half * 1.25;
      x1 = cx + half * 1.25;
      y0 = cy - half * 1.25;
      y1 = cy + half * 1.25;
    } else {
      [x0, y1] = project(-170, -58);
      [x1, y0] = project(190, 78);
    }
    this.k = Math.min(MAX_K, Math.min(w / (x1 - x0), hgt / (y1 - y0)));
    this.tx = w / 2 - ((x0 + x1) / 2) * this.k;
    this.ty = hgt / 2 - ((y0 + y1) / 2) * this.k;
    this.fitted = true;
    this.redraw();
  }

  /** Zoom by `factor` keeping the screen point (sx, sy) fixed. */
  zoomAt(factor, sx, sy) {
    const [w, hgt] = this.size();
    const minK = Math.min(w, hgt) / WORLD / 1.5;
    const k2 = Math.max(minK, Math.min(MAX_K, this.k * factor));
    const f = k2 / this.k;
    this.tx = sx - (sx - this.tx) * f;
    this.ty = sy - (sy - this.ty) * f;
    this.k = k2;
    this.redraw();
  }

  zoomCenter(factor) {
    const [w, hgt] = this.size();
    this.zoomAt(factor, w / 2, hgt / 2);
  }

  bindInteractions() {
    this.el.addEventListener(
      "wheel",
      (ev) => {
        ev.preventDefault();
        const r = this.el.getBoundingClientRect();
        this.zoomAt(Math.exp(-ev.deltaY * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
      },
      { passive: false },
    );
    let drag = null;
    this.el.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      drag = { x: ev.clientX, y: ev.clientY, tx: this.tx, ty: this.ty, moved: false };
    });
    window.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const dx = ev.clientX - drag.x;
      const dy = ev.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        this.el.classList.add("dragging");
        hideTooltip();
      }
      this.tx = drag.tx + dx;
      this.ty = drag.ty + dy;
      this.redraw();
    });
    window.addEventListener("pointerup", () => {
      if (drag?.moved) this.suppressClick = true;
      drag = null;
      this.el.classList.remove("dragging");
    });
    this.el.addEventListener(
      "click",
      (ev) => {
        if (this.suppressClick) {
          ev.stopPropagation();
          this.suppressClick = false;
        }
      },
      true,
    );
    this.el.addEventListener("dblclick", (ev) => {
      const r = this.el.getBoundingClientRect();
      this.zoomAt(2, ev.clientX - r.left, ev.clientY - r.top);
    });
  }

  /**
   * Group points that crowd together on screen: each point joins the first cluster whose
   * seed lies within CELL pixels, else seeds a new one. Seeds are thus at least CELL apart,
   * so cluster marks do not pile on one another. A grid of seeds keeps it near-linear.
   */
  clusters() {
    const grid = new Map();
    const out = [];
    const cellOf = (x, y) => [Math.floor(x / CELL), Math.floor(y / CELL)];
    for (const p of this.points) {
      const sx = p.x * this.k + this.tx;
      const sy = p.y * this.k + this.ty;
      const [cx, cy] = cellOf(sx, sy);
      let found = null;
      for (let dx = -1; dx <= 1 && !found; dx += 1) {
        for (let dy = -1; dy <= 1 && !found; dy += 1) {
          for (const c of grid.get(`${cx + dx},${cy + dy}`) || []) {
            if (Math.hypot(c.seedX - sx, c.seedY - sy) <= CELL) {
              found = c;
              break;
            }
          }
        }
      }
      if (!found) {
        found = { items: [], sx: 0, sy: 0, seedX: sx, seedY: sy };
        const key = `${cx},${cy}`;
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(found);
        out.push(found);
      }
      found.items.push(p);
      found.sx += sx;
      found.sy += sy;
    }
    return out.map((c) => ({ ...c, sx: c.sx / c.items.length, sy: c.sy / c.items.length }));
  }

  redraw() {
    const [w, hgt] = this.size();
    this.svg.setAttribute("viewBox", `0 0 ${w} ${hgt}`);
    this.land.setAttribute("transform", `translate(${this.tx},${this.ty}) scale(${this.k})`);
    const marks = this.clusters().map((c) => (c.items.length === 1 ? this.point(c) : this.cluster(c)));
    fill(this.layer, marks);
  }

  point(c) {
    const { e } = c.items[0];
    const st = STATUS_STYLES[e.status] || STATUS_STYLES.reported;
    return s(
      "g",
      {
        class: `map-point${e.ceasefire_violation ? " violation" : ""}`,
        transform: `translate(${c.sx.toFixed(1)},${c.sy.toFixed(1)})`,
        dataset: { count: 1, eventId: e.id, type: e.event_type, status: e.status },
        onclick: () => this.onSelect(e.id),
        onmousemove: (ev) => showTooltip(ev, ...eventTooltip(e)),
        onmouseleave: hideTooltip,
      },
      e.ceasefire_violation ? s("circle", { r: 10, fill: "none", stroke: "#b3261e", "stroke-width": 1.2, opacity: 0.7 }) : null,
      s("circle", { r: 6.5, fill: typeColor(e.event_type), stroke: st.stroke, "stroke-dasharray": st.dash || null }),
    );
  }

  cluster(c) {
    const n = c.items.length;
    const r = 9 + Math.min(14, Math.log2(n) * 3);
    const types = new Map();
    for (const { e } of c.items) types.set(e.event_type, (types.get(e.event_type) || 0) + 1);
    const summary = [...types].sort((a, b) => b[1] - a[1]).map(([t, k]) => `${t} ${k}`).join(", ");
    return s(
      "g",
      {
        class: "map-point map-cluster",
        transform: `translate(${c.sx.toFixed(1)},${c.sy.toFixed(1)})`,
        dataset: { count: n },
        onclick: () => {
          const xs = c.items.map((p) => p.x);
          const ys = c.items.map((p) => p.y);
          const spread = (Math.max(...xs) - Math.min(...xs) + Math.max(...ys) - Math.min(...ys)) * this.k;
          if (spread < 1 || this.k >= MAX_K) this.onCluster(c.items.map((p) => p.e));
          else this.zoomAt(2.5, c.sx, c.sy);
        },
        onmousemove: (ev) =>
          showTooltip(ev, h("div", { class: "tt-title" }, `${n} events`), h("div", { class: "tt-row" }, summary),
            h("div", { class: "tt-row" }, "click to zoom in")),
        onmouseleave: hideTooltip,
      },
      s("circle", { r }),
      s("text", {}, String(n)),
    );
  }

  renderLegend(events) {
    const types = [...new Set(events.map((e) => e.event_type))].sort();
    const key = (svgChild, label) => h("span", { class: "key" }, s("svg", { viewBox: "-8 -8 16 16" }, svgChild), label);
    fill(
      this.legend,
      types.map((t) => key(s("circle", { r: 6, fill: TYPE_COLORS[t] || "#888" }), t.toLowerCase())),
      h("span", { class: "spacer" }),
      Object.entries(STATUS_STYLES).map(([name, st]) =>
        key(s("circle", { r: 5.5, fill: "#fff", stroke: st.stroke, "stroke-width": 2, "stroke-dasharray": st.dash || null }), name)),
    );
  }
}
