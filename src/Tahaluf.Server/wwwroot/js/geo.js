// F3548 volumes to Leaflet coordinates. Polygon edges are great-circle arcs and circles are geodesic,
// so long edges are densified along the great circle and circles are drawn as geodesic rings.
const R = 6371008.8;
const D2R = Math.PI / 180;
const FT = 0.3048;

export function parseTime(t) {
  if (!t) return null;
  const v = typeof t === 'string' ? t : t.value;
  if (!v) return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

export function toMetres(q) {
  if (!q || typeof q.value !== 'number') return null;
  return String(q.units || 'M').toUpperCase() === 'FT' ? q.value * FT : q.value;
}

/** True when the half-open window [start, end) contains t; a missing end is open-ended. */
export function activeAt(v4, t) {
  const s = parseTime(v4.time_start);
  const e = parseTime(v4.time_end);
  return (s === null || s <= t) && (e === null || t < e);
}

function toVec(lat, lng) {
  const a = lat * D2R; const b = lng * D2R;
  return [Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)];
}
function fromVec([x, y, z]) {
  return [Math.atan2(z, Math.hypot(x, y)) / D2R, Math.atan2(y, x) / D2R];
}

/** Points along the great circle from p to q (p included, q excluded). */
function arc(p, q) {
  const u = toVec(p[0], p[1]); const v = toVec(q[0], q[1]);
  const dot = Math.max(-1, Math.min(1, u[0] * v[0] + u[1] * v[1] + u[2] * v[2]));
  const omega = Math.acos(dot);
  const steps = Math.ceil(omega / (0.25 * D2R));
  if (steps <= 1 || Math.sin(omega) < 1e-12) return [p];
  const out = [];
  for (let i = 0; i < steps; i++) {
    const f = i / steps;
    const a = Math.sin((1 - f) * omega) / Math.sin(omega);
    const b = Math.sin(f * omega) / Math.sin(omega);
    out.push(fromVec([a * u[0] + b * v[0], a * u[1] + b * v[1], a * u[2] + b * v[2]]));
  }
  return out;
}

/** Keeps successive longitudes within 180° of each other so rings across the antimeridian stay whole. */
function unwrap(ring) {
  for (let i = 1; i < ring.length; i++) {
    let lng = ring[i][1];
    while (lng - ring[i - 1][1] > 180) lng -= 360;
    while (lng - ring[i - 1][1] < -180) lng += 360;
    ring[i] = [ring[i][0], lng];
  }
  return ring;
}

export function polygonRing(vertices) {
  const pts = vertices.map((v) => [v.lat, v.lng]);
  const out = [];
  for (let i = 0; i < pts.length; i++) out.push(...arc(pts[i], pts[(i + 1) % pts.length]));
  return unwrap(out);
}

export function circleRing(center, radiusM, n = 128) {
  const lat1 = center.lat * D2R; const lng1 = center.lng * D2R; const d = radiusM / R;
  const out = [];
  for (let i = 0; i < n; i++) {
    const brg = (2 * Math.PI * i) / n;
    const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(brg));
    const lng2 = lng1 + Math.atan2(Math.sin(brg) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
    out.push([lat2 / D2R, lng2 / D2R]);
  }
  return unwrap(out);
}

/** The outline of a Volume4D as one [lat, lng] ring, or null when it has no footprint. */
export function volumeRing(v4) {
  const vol = v4?.volume;
  if (!vol) return null;
  if (vol.outline_polygon?.vertices?.length >= 3) return polygonRing(vol.outline_polygon.vertices);
  const c = vol.outline_circle;
  if (c?.center && c.radius) {
    const r = toMetres(c.radius);
    if (r > 0) return circleRing(c.center, r);
  }
  return null;
}

export function altitudeBand(v4) {
  return [toMetres(v4?.volume?.altitude_lower), toMetres(v4?.volume?.altitude_upper)];
}

/** Outer rings of a GeoJSON geometry as [lat, lng] rings. */
export function geoJsonRings(g) {
  if (!g) return [];
  const flip = (ring) => ring.map(([lng, lat]) => [lat, lng]);
  switch (g.type) {
    case 'Polygon': return g.coordinates.map(flip);
    case 'MultiPolygon': return g.coordinates.flatMap((p) => p.map(flip));
    case 'GeometryCollection': return g.geometries.flatMap(geoJsonRings);
    default: return [];
  }
}
