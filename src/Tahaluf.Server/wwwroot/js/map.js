// The Leaflet map: offline borders, item volumes, conflict encounters, civil hazards, live tracks.
/* global L, topojson */
import { activeAt, volumeRing, geoJsonRings, parseTime } from './geo.js';
import { TrackLayer } from './tracks.js';

export const LAYERS = ['borders', 'own_operations', 'released_operations', 'zones', 'tracks', 'conflicts', 'civil'];

const COLORS = {
  own: '#3ea6ff',
  released: '#f0b429',
  zoneOwn: '#2ed3b7',
  air_defence_engagement_zone: '#ff7849',
  restricted_area: '#b07cff',
  danger_area: '#ffd23f',
  border_warning_zone: '#ff9f1c',
  other: '#98a6b5',
  conflict: '#ff3b3b',
  civil: '#e056fd',
};

export function itemKey(kind, id) { return `${kind}:${id}`; }

export class MapView {
  constructor(el, { onSelect }) {
    this.onSelect = onSelect;
    this.map = L.map(el, {
      preferCanvas: true,
      worldCopyJump: true,
      zoomSnap: 0.25,
      minZoom: 2,
      maxZoom: 13,
      attributionControl: true,
      keyboard: true,
    }).setView([35.3, 37.0], 6);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution('Borders: Natural Earth via world-atlas (ISC) · Leaflet (BSD-2) · milsymbol (MIT)');
    // Borders sit below every overlay; tracks draw above the volumes (Leaflet's overlay pane is 400).
    this.map.createPane('basemap').style.zIndex = 250;
    this.map.createPane('tracks').style.zIndex = 450;
    this.map.getPane('basemap').style.pointerEvents = 'none';
    this.map.getPane('tracks').style.pointerEvents = 'none';
    this.renderer = L.canvas({ padding: 0.2, pane: 'basemap' });
    this.svg = L.svg({ padding: 0.2 });
    this.groups = {};
    for (const name of LAYERS) {
      this.groups[name] = name === 'tracks' ? new TrackLayer({ onSelect: (id) => this.onSelect({ kind: 'track', id }) }) : L.layerGroup();
      this.groups[name].addTo(this.map);
    }
    this.shapes = new Map();
    L.control.scale({ imperial: false, position: 'bottomright' }).addTo(this.map);
  }

  setVisible(name, visible) {
    const g = this.groups[name];
    if (!g) return;
    if (visible && !this.map.hasLayer(g)) g.addTo(this.map);
    if (!visible && this.map.hasLayer(g)) this.map.removeLayer(g);
  }

  setBorders(topo) {
    const countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, {
      renderer: this.renderer,
      pane: 'basemap',
      interactive: false,
      style: { color: '#5c6f82', weight: 0.8, fillColor: '#1c2733', fillOpacity: 1 },
    }).addTo(this.groups.borders);
    this.groups.borders.eachLayer((l) => l.bringToBack?.());
  }

  /** Redraws operations and zones active at time t (ms). */
  renderItems(items, t, me, selected, conflicted) {
    for (const name of ['own_operations', 'released_operations', 'zones']) this.groups[name].clearLayers();
    this.shapes.clear();
    for (const item of items) {
      if (item.state === 'ended' || item.state === 'cancelled') continue;
      const own = item.owner === me;
      const key = itemKey(item.kind, item.id);
      const group = item.kind === 'zone' ? 'zones' : own ? 'own_operations' : 'released_operations';
      const isConflict = conflicted.has(key);
      const color = isConflict ? COLORS.conflict
        : item.kind === 'zone' ? (own ? COLORS.zoneOwn : COLORS[item.zone_kind] || COLORS.other)
          : own ? COLORS.own : COLORS.released;
      const isSel = selected === key;
      for (const v of item.volumes || []) {
        if (!activeAt(v, t)) continue;
        const ring = volumeRing(v);
        if (!ring) continue;
        const shape = L.polygon(ring, {
          renderer: this.svg,
          color,
          weight: isSel ? 3.5 : isConflict ? 2.5 : 1.6,
          dashArray: item.kind === 'zone' ? '6 4' : null,
          fillColor: color,
          fillOpacity: item.kind === 'zone' ? 0.08 : 0.18,
          className: `vol vol-${item.kind}${isSel ? ' vol-selected' : ''}`,
        });
        shape.on('click', () => this.onSelect({ kind: item.kind, id: item.id }));
        shape.bindTooltip(() => `${item.owner} · ${item.name || item.id}`, { sticky: true, direction: 'top', className: 'tip' });
        shape.addTo(this.groups[group]);
        if (!this.shapes.has(key)) this.shapes.set(key, []);
        this.shapes.get(key).push(shape);
      }
    }
  }

  /** Encounter regions of open conflicts that are active or still ahead at time t. */
  renderConflicts(notices, t) {
    const g = this.groups.conflicts;
    g.clearLayers();
    for (const n of notices) {
      if (n.state !== 'open' || !n.encounter) continue;
      const end = parseTime(n.encounter.time_end);
      if (end !== null && t >= end) continue;
      const ring = volumeRing(n.encounter);
      if (!ring) continue;
      const active = activeAt(n.encounter, t);
      L.polygon(ring, {
        renderer: this.svg,
        color: COLORS.conflict,
        weight: 2.5,
        dashArray: active ? null : '4 4',
        fillColor: COLORS.conflict,
        fillOpacity: active ? 0.35 : 0.15,
        className: `encounter${active ? ' encounter-active' : ''}`,
      }).on('click', () => this.onSelect({ kind: 'conflict', id: n.conflict_id }))
        .bindTooltip(() => n.other_party, { sticky: true, className: 'tip tip-conflict' })
        .addTo(g);
    }
  }

  renderCivil(features) {
    const g = this.groups.civil;
    g.clearLayers();
    for (const f of features || []) {
      for (const ring of geoJsonRings(f.geometry)) {
        L.polygon(ring, { renderer: this.svg, color: COLORS.civil, weight: 1.5, dashArray: '2 5', fillOpacity: 0.05, fillColor: COLORS.civil, interactive: false }).addTo(g);
      }
    }
  }

  focusItem(key) {
    const shapes = this.shapes.get(key);
    if (!shapes?.length) return false;
    const b = L.latLngBounds([]);
    shapes.forEach((s) => b.extend(s.getBounds()));
    this.map.flyToBounds(b, { padding: [60, 60], maxZoom: 8, duration: 0.6 });
    return true;
  }

  focusVolume(v4) {
    const ring = volumeRing(v4);
    if (ring) this.map.flyToBounds(L.latLngBounds(ring), { padding: [80, 80], maxZoom: 8, duration: 0.6 });
  }

  /** Fits every drawn volume (first load). */
  fitAll() {
    const b = L.latLngBounds([]);
    for (const shapes of this.shapes.values()) shapes.forEach((s) => b.extend(s.getBounds()));
    if (b.isValid()) this.map.fitBounds(b, { padding: [30, 30], maxZoom: 8 });
  }

  focusPoint(lat, lng) { this.map.flyTo([lat, lng], Math.max(this.map.getZoom(), 8), { duration: 0.6 }); }

  invalidate() { this.map.invalidateSize(); }
}
