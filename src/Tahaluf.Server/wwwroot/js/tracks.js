// Live tracks on one canvas: APP-6 / MIL-STD-2525 symbols from milsymbol (cached per symbol code),
// a short trail and a course leader. One canvas keeps thousands of tracks at 1 Hz cheap.
/* global L, ms */
const TRAIL = 8;

const FUNCTION = {
  fixed_wing: 'APMF--',
  rotary_wing: 'APMH--',
  unmanned: 'APMFQ-',
  ship: 'SPC---',
  ground: 'GPU---',
  unknown: 'AP----',
};

export function sidc(track, me) {
  const affiliation = track.owner === me ? 'F' : 'N';
  const f = FUNCTION[track.platform_kind] || FUNCTION.unknown;
  return `S${affiliation}${f[0]}${f.slice(1)}`.padEnd(15, '-');
}

export const TrackLayer = L.Layer.extend({
  initialize(options) {
    L.setOptions(this, options);
    this.tracks = new Map();
    this.me = null;
    this.selected = null;
    this.symbols = new Map();
    this.frame = 0;
  },
  onAdd(map) {
    this._map = map;
    this.canvas = L.DomUtil.create('canvas', 'track-canvas leaflet-zoom-hide');
    this.ctx = this.canvas.getContext('2d');
    (map.getPane('tracks') || map.getPanes().overlayPane).appendChild(this.canvas);
    map.on('moveend zoomend resize viewreset', this.schedule, this);
    map.on('move', this.schedule, this);
    map.on('click', this.onClick, this);
    this.schedule();
  },
  onRemove(map) {
    map.off('moveend zoomend resize viewreset move', this.schedule, this);
    map.off('click', this.onClick, this);
    this.canvas.remove();
  },
  /** Replaces the current tracks; keeps each track's last positions as its trail. */
  update(list, me, dataTime) {
    this.me = me;
    this.pendingDataTime = dataTime || null;
    const seen = new Set();
    for (const tr of list) {
      if (typeof tr.lat !== 'number' || typeof tr.lng !== 'number') continue;
      seen.add(tr.id);
      let rec = this.tracks.get(tr.id);
      if (!rec) { rec = { trail: [] }; this.tracks.set(tr.id, rec); }
      const last = rec.trail[rec.trail.length - 1];
      if (!last || last[0] !== tr.lat || last[1] !== tr.lng) {
        rec.trail.push([tr.lat, tr.lng]);
        if (rec.trail.length > TRAIL) rec.trail.shift();
      }
      rec.track = tr;
    }
    for (const id of [...this.tracks.keys()]) if (!seen.has(id)) this.tracks.delete(id);
    this.schedule();
  },
  list() { return [...this.tracks.values()].map((r) => r.track); },
  get(id) { return this.tracks.get(id)?.track; },
  select(id) { this.selected = id; this.schedule(); },
  schedule() {
    if (this.frame || !this._map) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  },
  symbol(code) {
    let s = this.symbols.get(code);
    if (!s) {
      s = new ms.Symbol(code, { size: 16, frame: true, fill: true, outlineWidth: 2, outlineColor: 'rgba(10,14,20,0.8)' }).asCanvas(window.devicePixelRatio || 1);
      this.symbols.set(code, s);
    }
    return s;
  },
  draw() {
    const map = this._map;
    if (!map) return;
    const started = performance.now();
    const size = map.getSize();
    const dpr = window.devicePixelRatio || 1;
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(this.canvas, topLeft);
    if (this.canvas.width !== size.x * dpr || this.canvas.height !== size.y * dpr) {
      this.canvas.width = size.x * dpr; this.canvas.height = size.y * dpr;
      this.canvas.style.width = `${size.x}px`; this.canvas.style.height = `${size.y}px`;
    }
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    const bounds = map.getBounds().pad(0.05);
    const screen = [];
    ctx.lineWidth = 1.2;
    for (const [id, rec] of this.tracks) {
      const tr = rec.track;
      if (!bounds.contains([tr.lat, tr.lng])) continue;
      const p = map.latLngToContainerPoint([tr.lat, tr.lng]);
      const own = tr.owner === this.me;
      ctx.strokeStyle = own ? 'rgba(128,224,255,0.55)' : 'rgba(170,255,170,0.5)';
      if (rec.trail.length > 1) {
        ctx.beginPath();
        rec.trail.forEach((pt, i) => {
          const q = map.latLngToContainerPoint(pt);
          if (i === 0) ctx.moveTo(q.x, q.y); else ctx.lineTo(q.x, q.y);
        });
        ctx.stroke();
      }
      if (typeof tr.course_deg === 'number') {
        const len = 10 + Math.min(30, (tr.ground_speed_mps || 0) / 10);
        const a = tr.course_deg * Math.PI / 180;
        ctx.beginPath();
        ctx.moveTo(p.x, p.y);
        ctx.lineTo(p.x + Math.sin(a) * len, p.y - Math.cos(a) * len);
        ctx.stroke();
      }
      screen.push([id, p, tr]);
    }
    for (const [id, p, tr] of screen) {
      const img = this.symbol(sidc(tr, this.me));
      const w = img.width / dpr; const h = img.height / dpr;
      ctx.drawImage(img, p.x - w / 2, p.y - h / 2, w, h);
      if (id === this.selected) {
        ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 2;
        ctx.strokeRect(p.x - w / 2 - 3, p.y - h / 2 - 3, w + 6, h + 6);
        ctx.lineWidth = 1.2;
      }
    }
    if (screen.length < 400) {
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillStyle = '#d8e2ec';
      for (const [, p, tr] of screen) if (tr.callsign) ctx.fillText(tr.callsign, p.x + 11, p.y + 14);
    }
    this.screen = screen;
    const perf = window.__tahalufPerf;
    if (perf) {
      perf.trackDrawMs.push(performance.now() - started);
      if (this.pendingDataTime) { perf.trackLag.push(Date.now() - this.pendingDataTime); this.pendingDataTime = null; }
    }
  },
  onClick(e) {
    if (!this.screen) return;
    let best = null; let bestD = 14 * 14;
    for (const [id, p] of this.screen) {
      const d = (p.x - e.containerPoint.x) ** 2 + (p.y - e.containerPoint.y) ** 2;
      if (d < bestD) { bestD = d; best = id; }
    }
    if (best !== null) this.options.onSelect(best);
  },
});
