#!/usr/bin/env node
// Convert world-atlas's countries-110m.json (TopoJSON of Natural Earth 1:110m
// Admin 0 countries) into the compact file the dashboard embeds:
// data/naturalearth/countries-110m.json.
//
// Run once, by hand, at development time (nothing is fetched at build or run time):
//   cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//   node scripts/gen_naturalearth.mjs "$PWD/package/countries-110m.json" > data/naturalearth/countries-110m.json
//
// The TopoJSON is decoded here (no topojson-client) because the format is small:
// quantized, delta-encoded arcs, and polygons as lists of arc indices where ~i
// means arc i reversed.
//
// Output: {"source": ..., "countries": [{"id": ISO numeric, "name": ..., "polygons":
// [[ring, hole, ...], ...]}]}, each ring a flat [lon, lat, lon, lat, ...] array
// rounded to 0.01 degrees with repeated points dropped; rings crossing the antimeridian
// are unwrapped (longitudes kept continuous, so a few run past 180).
import { readFileSync } from "node:fs";

const path = process.argv[2];
if (!path) {
  console.error("usage: gen_naturalearth.mjs PATH/TO/countries-110m.json");
  process.exit(2);
}
const topo = JSON.parse(readFileSync(path, "utf8"));
const [sx, sy] = topo.transform ? topo.transform.scale : [1, 1];
const [tx, ty] = topo.transform ? topo.transform.translate : [0, 0];

// Absolute coordinates of every arc.
const arcs = topo.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

const round = (v) => Math.round(v * 100) / 100;

function ring(indices) {
  const pts = [];
  for (const i of indices) {
    const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    // Consecutive arcs share their joining point: skip the first of each but the first arc.
    arc.forEach((p, k) => {
      if (k > 0 || pts.length === 0) pts.push(p);
    });
  }
  // Rings that cross the antimeridian (Russia's Chukotka, Fiji) jump from +180 to -180;
  // unwrap them so longitudes stay continuous and the ring draws as one shape (it may
  // then reach a little past 180 degrees).
  let shift = 0;
  let prev = null;
  const unwrapped = pts.map(([x, y]) => {
    if (prev !== null) {
      const d = x + shift - prev;
      if (d > 180) shift -= 360;
      else if (d < -180) shift += 360;
    }
    prev = x + shift;
    return [x + shift, y];
  });
  const flat = [];
  let px = NaN;
  let py = NaN;
  for (const [x, y] of unwrapped) {
    const rx = round(x);
    const ry = round(y);
    if (rx === px && ry === py) continue;
    flat.push(rx, ry);
    px = rx;
    py = ry;
  }
  return flat;
}

const countries = [];
for (const g of topo.objects.countries.geometries) {
  let polys;
  if (g.type === "Polygon") polys = [g.arcs];
  else if (g.type === "MultiPolygon") polys = g.arcs;
  else continue;
  const polygons = polys
    .map((rings) => rings.map(ring).filter((r) => r.length >= 6))
    .filter((rings) => rings.length > 0);
  if (polygons.length === 0) continue;
  countries.push({ id: g.id ?? "", name: g.properties?.name ?? "", polygons });
}
countries.sort((a, b) => a.name.localeCompare(b.name));

const out = {
  source:
    "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2 (ISC); see SOURCE.md",
  countries,
};
process.stdout.write(JSON.stringify(out) + "\n");
