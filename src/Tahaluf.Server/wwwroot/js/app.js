// The operator page: sign-in, the map, alerts, details, the live feed and the time slider.
import * as api from './api.js';
import { Feed } from './sse.js';
import {
  t, tv, setLanguage, preferredLanguage, setUtc, preferredUtc, isUtc, onChange, applyDom,
  fmtDateTime, fmtTime, fmtUtcTime, fmtNumber, fmtDuration,
} from './i18n.js';
import { MapView, LAYERS, itemKey } from './map.js';
import { parseTime, altitudeBand } from './geo.js';

const $ = (id) => document.getElementById(id);
const perf = (window.__tahalufPerf = { trackLag: [], trackDrawMs: [], feedEvents: 0, trackPolls: 0 });

const state = {
  me: null,
  items: new Map(),          // kind:id -> item view
  conflicts: new Map(),      // conflict_id -> notice
  notifications: new Map(),  // id -> delivery
  counterpart: new Map(),    // conflict_id -> {recipient, state}
  acks: new Map(),           // notification id -> ack response
  civil: [],
  selected: null,            // {kind, id}
  live: true,
  base: 0,
  pictureTime: 0,
  layers: Object.fromEntries(LAYERS.map((l) => [l, true])),
  tracksAvailable: null,
};
let map = null;
let feed = null;
let tracksTimer = null;
let tickTimer = null;

// ---------- elements ----------
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

function toast(message, kind = 'info') {
  const box = $('toast');
  box.textContent = message;
  box.dataset.kind = kind;
  box.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove('show'), 4000);
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

// ---------- sign-in ----------
async function signIn(token) {
  api.setToken(token);
  try {
    state.me = await api.get('/api/v1/me');
  } catch (e) {
    api.setToken(null);
    $('signin-error').textContent = e.status === 401 ? t('signin_rejected') : t('signin_failed', { msg: e.message });
    return false;
  }
  $('signin').hidden = true;
  $('workspace').hidden = false;
  $('sign-out').hidden = false;
  renderPartner();
  if (!map) initMap();
  map.invalidate();
  state.base = Math.floor(api.serverNow() / 60000) * 60000;
  setLive(true);
  // Subscribe first so nothing declared while the lists load is missed.
  await startFeed();
  await loadAll();
  map.fitAll();
  startTracks();
  clearInterval(tickTimer);
  tickTimer = setInterval(tick, 1000);
  tick();
  return true;
}

function signOut() {
  feed?.stop();
  clearTimeout(tracksTimer);
  clearInterval(tickTimer);
  api.setToken(null);
  state.me = null;
  state.items.clear(); state.conflicts.clear(); state.notifications.clear(); state.counterpart.clear(); state.acks.clear();
  state.selected = null;
  $('workspace').hidden = true;
  $('signin').hidden = false;
  $('sign-out').hidden = true;
  $('partner').hidden = true;
  $('token').value = '';
  setConn('offline');
  renderAll();
  $('token').focus();
}

function renderPartner() {
  const p = $('partner');
  if (!state.me) { p.hidden = true; return; }
  const names = state.me.names || {};
  const lang = document.documentElement.lang;
  p.textContent = `${names[lang] || names.en || state.me.id} · ${state.me.id} · ${tv('role', state.me.role)}`;
  p.hidden = false;
}

// ---------- data ----------
async function loadAll() {
  try {
    const [ops, zones, conflicts, notes] = await Promise.all([
      api.getAll('/api/v1/operations', 'items'),
      api.getAll('/api/v1/zones', 'items'),
      api.get('/api/v1/conflicts'),
      api.getAll('/api/v1/notifications', 'notifications', 'after'),
    ]);
    state.items.clear();
    for (const it of [...ops, ...zones]) state.items.set(itemKey(it.kind, it.id), it);
    state.conflicts.clear();
    for (const c of conflicts.conflicts || []) state.conflicts.set(c.conflict_id, c);
    state.notifications.clear();
    for (const n of notes) state.notifications.set(n.id, n);
  } catch (e) {
    if (e.status === 401) { signOut(); return; }
    toast(t('load_failed', { msg: e.message }), 'error');
  }
  loadCivil();
  renderAll();
}

async function loadCivil() {
  try {
    const fc = await api.get('/public/v1/civil-feed', { anonymous: true, accept: 'application/geo+json, application/json' });
    state.civil = Array.isArray(fc?.features) ? fc.features : [];
  } catch {
    state.civil = [];
  }
  map?.renderCivil(state.civil);
}

function upsertNotification(d) {
  state.notifications.set(d.id, d);
  if (d.conflict) state.conflicts.set(d.conflict.conflict_id, d.conflict);
}

function onFeedEvent(ev) {
  perf.feedEvents += 1;
  if (ev.type === 'ready') return;
  let data;
  try { data = JSON.parse(ev.data); } catch { return; }
  switch (ev.type) {
    case 'item':
      if (data.kind === 'operation' || data.kind === 'zone') state.items.set(itemKey(data.kind, data.id), data);
      break;
    case 'conflict':
      state.conflicts.set(data.conflict_id, data);
      for (const n of state.notifications.values()) if (n.conflict?.conflict_id === data.conflict_id) n.conflict = data;
      break;
    case 'notification':
    case 'ack':
    case 'escalated':
      if (data.id && data.recipient === state.me?.id) {
        const before = state.notifications.get(data.id);
        upsertNotification(data);
        if (!before && data.type === 'conflict') toast(t('new_conflict', { party: data.conflict?.other_party ?? '?' }), 'alert');
      } else if (data.conflict_id) {
        state.counterpart.set(data.conflict_id, { recipient: data.recipient, state: data.state });
      }
      break;
    case 'agreement':
      loadAll();
      api.get('/api/v1/me').then((me) => { state.me = me; renderPartner(); }).catch(() => {});
      return;
    default:
      return;
  }
  scheduleRender();
}

let renderQueued = false;
function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  queueMicrotask(() => { renderQueued = false; renderAll(); });
}

function startFeed() {
  feed?.stop();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 3000);
    feed = new Feed('/api/v1/feed', {
      onEvent: (ev) => { if (ev.type === 'ready') { clearTimeout(timer); resolve(); } onFeedEvent(ev); },
      onState: setConn,
    });
    feed.start();
  });
}

let lastConn = ['offline'];
function setConn(s, detail) {
  lastConn = [s, detail];
  const c = $('conn');
  c.dataset.state = s;
  const text = s === 'reconnecting' && detail?.delay
    ? t('conn_reconnecting_in', { s: fmtNumber(Math.ceil(detail.delay / 1000)) })
    : t(`conn_${s}`);
  $('conn-text').textContent = text;
  if (s === 'unauthorized') { toast(t('signin_rejected'), 'error'); signOut(); }
}

// ---------- tracks ----------
function startTracks() {
  clearTimeout(tracksTimer);
  const poll = async () => {
    if (!state.me) return;
    let next = 1000;
    try {
      const res = await api.request('GET', '/api/v1/tracks', { raw: true });
      const body = await res.json();
      const list = Array.isArray(body) ? body : (body.tracks || body.items || []);
      perf.trackPolls += 1;
      state.tracksAvailable = true;
      let newest = 0;
      for (const tr of list) { const ms = parseTime(tr.time); if (ms && ms > newest) newest = ms; }
      map.groups.tracks.update(list, state.me.id, newest || null);
      if (state.selected?.kind === 'track') renderDetails();
      $('layer-count-tracks').textContent = fmtNumber(list.length);
    } catch (e) {
      // The tracks endpoint may not exist yet (404): keep the layer empty and look again later.
      state.tracksAvailable = false;
      next = e.status === 404 ? 30000 : 5000;
      if (e.status === 401) { signOut(); return; }
    }
    tracksTimer = setTimeout(poll, next);
  };
  poll();
}

// ---------- time ----------
function now() { return api.serverNow(); }

function setLive(live) {
  state.live = live;
  $('live-badge').hidden = !live;
  $('now-btn').setAttribute('aria-pressed', String(live));
  if (live) syncSlider();
  renderTimeLabel();
}

function syncSlider() {
  const s = $('time-slider');
  const mins = Math.round((now() - state.base) / 60000);
  if (mins > Number(s.max) - 60) { state.base = Math.floor(now() / 60000) * 60000; }
  s.value = String(Math.round((now() - state.base) / 60000));
  state.pictureTime = now();
}

function renderTimeLabel() {
  const tp = state.live ? now() : state.pictureTime;
  const s = $('time-slider');
  const label = `${fmtDateTime(tp)}${isUtc() ? '' : ` · ${fmtUtcTime(tp, false)}`}`;
  $('time-label').textContent = label;
  s.setAttribute('aria-valuetext', label);
}

function tick() {
  const n = now();
  $('clock').textContent = isUtc() ? fmtUtcTime(n) : `${fmtTime(n)} · ${fmtUtcTime(n)}`;
  if (state.live) {
    const before = state.pictureTime;
    syncSlider();
    if (Math.floor(before / 5000) !== Math.floor(state.pictureTime / 5000)) renderMap();
  }
  renderTimeLabel();
  updateCountdowns();
}

// ---------- rendering ----------
function renderAll() {
  renderMap();
  renderAlerts();
  renderItemList();
  renderDetails();
}

function conflictedKeys() {
  const keys = new Set();
  for (const c of state.conflicts.values()) {
    if (c.state !== 'open') continue;
    if (c.own_item) keys.add(itemKey(c.own_item.kind, c.own_item.id));
    if (c.other_item) keys.add(itemKey(c.other_item.kind, c.other_item.id));
  }
  return keys;
}

function renderMap() {
  if (!map || !state.me) return;
  const tp = state.live ? now() : state.pictureTime;
  const sel = state.selected ? itemKey(state.selected.kind, state.selected.id) : null;
  map.renderItems([...state.items.values()], tp, state.me.id, sel, conflictedKeys());
  map.renderConflicts([...state.conflicts.values()], tp);
}

function alertRank(n) {
  if (n.overdue || n.state === 'escalated' || n.state === 'overdue') return 0;
  if (n.state === 'pending') return 1;
  return 2;
}

function conflictAlerts() {
  return [...state.notifications.values()]
    .filter((n) => n.type === 'conflict')
    .sort((a, b) => alertRank(a) - alertRank(b) || (parseTime(a.ack_deadline) ?? 0) - (parseTime(b.ack_deadline) ?? 0));
}

function renderAlerts() {
  const list = $('alert-list');
  const alerts = conflictAlerts();
  const open = alerts.filter((n) => n.state !== 'acknowledged').length;
  $('alert-count').textContent = fmtNumber(open);
  $('alert-count').dataset.hot = open > 0 ? 'true' : 'false';
  $('alerts-empty').hidden = alerts.length > 0;
  const focusedId = document.activeElement?.closest?.('.alert')?.dataset.id;
  list.replaceChildren(...alerts.map(alertCard));
  updateCountdowns();
  if (focusedId) list.querySelector(`.alert[data-id="${CSS.escape(focusedId)}"] button`)?.focus();
}

function alertCard(n) {
  const c = n.conflict || {};
  const acknowledged = n.state === 'acknowledged';
  const overdue = n.overdue || n.state === 'escalated' || n.state === 'overdue';
  const cls = ['alert', acknowledged ? 'is-acked' : '', overdue ? 'is-overdue' : '', c.state === 'closed' ? 'is-closed' : ''].join(' ');
  const [lo, hi] = altitudeBand(c.encounter);
  const encStart = parseTime(c.encounter?.time_start);
  const encEnd = parseTime(c.encounter?.time_end);
  const deadline = parseTime(n.ack_deadline);
  const other = state.counterpart.get(c.conflict_id);
  const titleId = `alert-title-${n.id}`;
  const card = el('li', { class: cls, dataset: { id: n.id, state: n.state }, 'aria-labelledby': titleId },
    el('div', { class: 'alert-head' },
      el('span', { class: 'alert-icon', 'aria-hidden': 'true', text: overdue ? '!' : '▲' }),
      el('h3', { id: titleId, class: 'alert-title', text: t('conflict_with', { party: c.other_party ?? '?' }) }),
      el('span', { class: `badge state-${n.state}`, text: overdue && !acknowledged ? t('overdue') : tv('nstate', n.state) })),
    el('dl', { class: 'kv compact' },
      el('dt', { text: t('encounter') }),
      el('dd', {},
        el('span', { class: 'countdown', dataset: { target: encStart ?? '', end: encEnd ?? '', kind: 'encounter' } }),
        el('span', { class: 'sub', text: ` ${fmtDateTime(encStart)}` })),
      el('dt', { text: t('ack_deadline') }),
      el('dd', {},
        acknowledged
          ? el('span', { class: 'ok', text: t('acknowledged_at', { time: fmtDateTime(parseTime(n.acknowledged_at)) }) })
          : el('span', { class: 'countdown deadline', dataset: { target: deadline ?? '', kind: 'deadline' } })),
      el('dt', { text: t('altitude_band') }),
      el('dd', {}, el('bdi', { dir: 'ltr', text: `${fmtNumber(lo)}–${fmtNumber(hi)}` }), ` ${t('unit_m')}`),
      el('dt', { text: t('own_item') }),
      el('dd', {}, c.own_item
        ? el('button', { type: 'button', class: 'link', text: c.own_item.id, onclick: () => select({ kind: c.own_item.kind, id: c.own_item.id }, true) })
        : '—'),
      el('dt', { text: t('source') }),
      el('dd', { text: tv('source', c.source) }),
      other ? el('dt', { text: t('other_party_state') }) : null,
      other ? el('dd', { text: `${other.recipient}: ${tv('nstate', other.state)}` }) : null),
    el('div', { class: 'alert-actions' },
      acknowledged ? null : el('button', {
        type: 'button', class: `btn ${overdue ? 'danger' : 'primary'} ack-btn`, text: t('acknowledge'),
        'aria-label': t('acknowledge_conflict_with', { party: c.other_party ?? '?' }),
        onclick: (e) => acknowledge(n, e.currentTarget),
      }),
      el('button', { type: 'button', class: 'btn ghost', text: t('show_on_map'), onclick: () => { select({ kind: 'conflict', id: c.conflict_id }); if (c.encounter) map.focusVolume(c.encounter); } }),
      acknowledged ? el('button', { type: 'button', class: 'btn ghost receipt-btn', text: t('download_receipt'), onclick: () => downloadReceipt(n) }) : null));
  return card;
}

function updateCountdowns() {
  const n = now();
  document.querySelectorAll('.countdown').forEach((e) => {
    const target = Number(e.dataset.target);
    if (!e.dataset.target) { e.textContent = '—'; return; }
    const d = target - n;
    if (e.dataset.kind === 'encounter') {
      const end = Number(e.dataset.end);
      e.textContent = d > 0 ? fmtDuration(d) : (e.dataset.end && n < end ? t('in_progress') : t('passed'));
      e.dataset.urgent = d > 0 && d < 15 * 60000 ? 'true' : 'false';
    } else {
      e.textContent = d > 0 ? fmtDuration(d) : t('overdue_by', { d: fmtDuration(-d).replace(/^\D+|\D+$/g, '') });
      e.dataset.urgent = d <= 30000 ? 'true' : 'false';
    }
  });
}

async function acknowledge(n, button) {
  button.disabled = true;
  button.textContent = t('acknowledging');
  try {
    const res = await api.post(`/api/v1/notifications/${encodeURIComponent(n.id)}/ack`);
    state.acks.set(n.id, res);
    if (res.notification) upsertNotification(res.notification);
    toast(t('ack_done', { party: n.conflict?.other_party ?? '?' }), 'ok');
  } catch (e) {
    toast(t('ack_failed', { msg: e.message }), 'error');
  }
  renderAll();
  document.querySelector(`.alert[data-id="${CSS.escape(n.id)}"] .receipt-btn`)?.focus();
}

async function downloadReceipt(n) {
  let ack = state.acks.get(n.id);
  if (!ack) {
    // The acknowledgement is idempotent: asking again returns the same ledger entry.
    try { ack = await api.post(`/api/v1/notifications/${encodeURIComponent(n.id)}/ack`); state.acks.set(n.id, ack); } catch (e) { toast(t('receipt_failed', { msg: e.message }), 'error'); return; }
  }
  if (ack.ledger_index !== null && ack.ledger_index !== undefined) {
    try {
      const text = await api.get(`/api/v1/receipts/${ack.ledger_index}`, { accept: 'text/plain' });
      download(`receipt-${n.id}.txt`, typeof text === 'string' ? text : JSON.stringify(text), 'text/plain');
      return;
    } catch { /* fall back to the acknowledgement response */ }
  }
  download(`receipt-${n.id}.json`, JSON.stringify(ack, null, 2), 'application/json');
}

function renderItemList() {
  const list = $('item-list');
  const items = [...state.items.values()].sort((a, b) => (a.owner === state.me?.id ? 0 : 1) - (b.owner === state.me?.id ? 0 : 1) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  $('item-count').textContent = fmtNumber(items.length);
  const conflicted = conflictedKeys();
  list.replaceChildren(...items.map((it) => {
    const key = itemKey(it.kind, it.id);
    const sel = state.selected && itemKey(state.selected.kind, state.selected.id) === key;
    return el('li', {},
      el('button', {
        type: 'button', class: `item-row${sel ? ' selected' : ''}${conflicted.has(key) ? ' conflicted' : ''}${it.owner === state.me?.id ? ' own' : ''}`,
        'aria-pressed': sel ? 'true' : 'false', dataset: { key },
        onclick: () => select({ kind: it.kind, id: it.id }, true),
      },
      el('span', { class: `swatch k-${it.kind} ${it.owner === state.me?.id ? 'own' : 'other'} ${it.zone_kind || ''}`, 'aria-hidden': 'true' }),
      el('span', { class: 'item-name', text: it.name || it.id }),
      el('span', { class: 'item-meta', text: `${it.owner} · ${tv('kind', it.kind)} · ${tv('state', it.state)}` }),
      el('span', { class: `badge level-${it.level}`, text: tv('level', it.level) })));
  }));
}

function select(sel, focusMap = false) {
  state.selected = sel;
  if (sel?.kind === 'track') map.groups.tracks.select(sel.id); else map.groups.tracks.select(null);
  renderAll();
  if (focusMap && sel && (sel.kind === 'operation' || sel.kind === 'zone')) {
    if (!map.focusItem(itemKey(sel.kind, sel.id))) {
      const it = state.items.get(itemKey(sel.kind, sel.id));
      if (it?.volumes?.[0]) map.focusVolume(it.volumes[0]);
    }
  }
}

const ITEM_FIELDS = ['kind', 'id', 'owner', 'level', 'state', 'version', 'zone_kind', 'name', 'category', 'callsigns', 'aircraft_count', 'remarks', 'caveat', 'anchor_track_id', 'altitude_lower_m', 'altitude_upper_m', 'time_start', 'time_end', 'label', 'volumes'];
const TRACK_FIELDS = ['id', 'owner', 'level', 'platform_kind', 'callsign', 'lat', 'lng', 'altitude_m', 'ground_speed_mps', 'course_deg', 'vertical_rate_mps', 'time', 'caveat', 'label'];
const CONFLICT_FIELDS = ['conflict_id', 'source', 'state', 'other_party', 'level', 'own_item', 'encounter', 'opened_at', 'closed_at', 'other_item'];

function fieldValue(key, v) {
  if (v === null || v === undefined) return '—';
  switch (key) {
    case 'time_start': case 'time_end': case 'opened_at': case 'closed_at': case 'time': case 'accepted_at':
      return fmtDateTime(parseTime(v));
    case 'altitude_lower_m': case 'altitude_upper_m': case 'altitude_m': return `${fmtNumber(v)} ${t('unit_m')}`;
    case 'ground_speed_mps': return `${fmtNumber(v, 1)} ${t('unit_mps')}`;
    case 'course_deg': return `${fmtNumber(v)}°`;
    case 'lat': case 'lng': return fmtNumber(v, 5);
    case 'level': return tv('level', v);
    case 'state': return tv('state', v);
    case 'kind': return tv('kind', v);
    case 'zone_kind': return tv('zone_kind', v);
    case 'category': return tv('category', v);
    case 'platform_kind': return tv('platform', v);
    case 'source': return tv('source', v);
    case 'callsigns': return v.length ? v.join(', ') : '—';
    case 'volumes': return fmtNumber(v.length);
    case 'label': {
      const parts = [];
      if (v.releasable_to) parts.push(`${t('releasable_to')}: ${v.releasable_to.join(', ')}`);
      if (v.civil) parts.push(t('civil'));
      if (v.caveat) parts.push(v.caveat);
      return parts.join(' · ') || '—';
    }
    case 'own_item': return `${tv('kind', v.kind)} ${v.id}`;
    case 'other_item': return `${tv('kind', v.kind)} ${v.id} (${v.owner})`;
    case 'encounter': {
      const [lo, hi] = altitudeBand(v);
      return `${fmtDateTime(parseTime(v.time_start))} → ${fmtDateTime(parseTime(v.time_end))}, \u2066${fmtNumber(lo)}–${fmtNumber(hi)}\u2069 ${t('unit_m')}`;
    }
    default: return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

function kvList(obj, fields) {
  const dl = el('dl', { class: 'kv' });
  const known = new Set(fields);
  for (const key of [...fields, ...Object.keys(obj).filter((k) => !known.has(k))]) {
    if (!(key in obj)) continue;
    dl.append(el('dt', { text: t(`f_${key}`) }), el('dd', { dataset: { field: key }, text: fieldValue(key, obj[key]) }));
  }
  return dl;
}

let historyToken = 0;
const historyCache = { key: null, node: null };
function renderDetails() {
  const box = $('details');
  const sel = state.selected;
  if (!sel) { box.replaceChildren(el('p', { class: 'empty', text: t('select_hint') })); return; }
  let obj; let fields;
  if (sel.kind === 'track') { obj = map?.groups.tracks.get(sel.id); fields = TRACK_FIELDS; }
  else if (sel.kind === 'conflict') { obj = state.conflicts.get(sel.id); fields = CONFLICT_FIELDS; }
  else { obj = state.items.get(itemKey(sel.kind, sel.id)); fields = ITEM_FIELDS; }
  if (!obj) { box.replaceChildren(el('p', { class: 'empty', text: t('not_visible') })); return; }
  const own = obj.owner === state.me?.id;
  const head = el('div', { class: 'details-head' },
    el('h3', { text: obj.name || obj.callsign || obj.id || (sel.kind === 'conflict' ? t('conflict_with', { party: obj.other_party }) : '') }),
    obj.level ? el('span', { class: `badge level-${obj.level}`, text: tv('level', obj.level) }) : null,
    el('span', { class: `badge ${own ? 'own' : 'other'}`, text: own ? t('own') : (obj.owner || obj.other_party || '') }));
  const note = obj.level && !own ? el('p', { class: 'fine', text: t(`level_note_${obj.level}`) }) : null;
  const nodes = [head, note, kvList(obj, fields)];
  if (sel.kind === 'operation' || sel.kind === 'zone') {
    // Feed events re-render the panel often: fetch the history again only when the version changes.
    const key = `${sel.kind}:${sel.id}:${obj.version}:${document.documentElement.lang}:${isUtc()}`;
    if (historyCache.key !== key) {
      historyCache.key = key;
      historyCache.node = el('section', { class: 'history', 'aria-labelledby': 'history-title' },
        el('h4', { id: 'history-title', text: t('history') }),
        el('p', { class: 'empty', text: t('loading') }));
      loadHistory(sel, historyCache.node);
    }
    nodes.push(historyCache.node);
  }
  box.replaceChildren(...nodes.filter(Boolean));
}

async function loadHistory(sel, container) {
  const my = ++historyToken;
  try {
    const body = await api.get(`/api/v1/${sel.kind}s/${encodeURIComponent(sel.id)}/history`);
    if (my !== historyToken) return;
    const rows = (body.versions || []).slice().reverse().map((v) => el('tr', {},
      el('td', { text: fmtNumber(v.item?.version) }),
      el('td', { text: tv('state', v.item?.state) }),
      el('td', { text: fmtDateTime(parseTime(v.accepted_at)) }),
      el('td', {}, el('button', {
        type: 'button', class: 'link', text: `#${fmtNumber(v.ledger_index)}`,
        'aria-label': t('download_version_receipt', { v: v.item?.version ?? '' }),
        onclick: async () => {
          try { download(`receipt-${sel.kind}-${sel.id}-v${v.item?.version}.txt`, await api.get(`/api/v1/receipts/${v.ledger_index}`, { accept: 'text/plain' }), 'text/plain'); } catch (e) { toast(t('receipt_failed', { msg: e.message }), 'error'); }
        },
      }))));
    container.replaceChildren(el('h4', { id: 'history-title', text: t('history') }),
      el('table', { class: 'history-table' },
        el('thead', {}, el('tr', {}, ...['h_version', 'h_state', 'h_accepted', 'h_ledger'].map((k) => el('th', { scope: 'col', text: t(k) })))),
        el('tbody', {}, ...rows)));
  } catch (e) {
    if (my !== historyToken) return;
    container.replaceChildren(el('h4', { text: t('history') }), el('p', { class: 'empty', text: e.status === 404 ? t('not_visible') : t('load_failed', { msg: e.message }) }));
  }
}

// ---------- layers ----------
function renderLayerToggles() {
  const ul = $('layers');
  ul.replaceChildren(...LAYERS.map((name) => el('li', {},
    el('label', { class: 'layer' },
      el('input', {
        type: 'checkbox', id: `layer-${name}`, checked: state.layers[name],
        onchange: (e) => { state.layers[name] = e.target.checked; map.setVisible(name, e.target.checked); },
      }),
      el('span', { class: `swatch layer-${name}`, 'aria-hidden': 'true' }),
      el('span', { text: t(`layer_${name}`) }),
      el('span', { class: 'count', id: `layer-count-${name}` })))));
}

// ---------- setup ----------
async function initMap() {
  map = new MapView($('map'), { onSelect: (sel) => select(sel) });
  renderLayerToggles();
  try {
    const topo = await api.get('data/countries-50m.json', { anonymous: true });
    map.setBorders(topo);
  } catch (e) {
    toast(t('basemap_failed', { msg: e.message }), 'error');
  }
}

async function main() {
  await setLanguage(preferredLanguage());
  $('lang').value = document.documentElement.lang;
  $('utc-toggle').checked = preferredUtc();
  setUtc(preferredUtc());
  onChange(() => {
    renderPartner();
    if (lastConn[0] !== 'unauthorized') setConn(...lastConn);
    if (map) renderLayerToggles();
    if (state.me) { renderAll(); tick(); }
  });
  $('lang').addEventListener('change', (e) => setLanguage(e.target.value));
  $('utc-toggle').addEventListener('change', (e) => setUtc(e.target.checked));
  $('sign-out').addEventListener('click', signOut);
  $('now-btn').addEventListener('click', () => { setLive(true); renderMap(); });
  $('time-slider').addEventListener('input', (e) => {
    state.pictureTime = state.base + Number(e.target.value) * 60000;
    setLive(false);
    renderMap();
  });
  $('signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('signin-error').textContent = '';
    await signIn($('token').value.trim());
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.selected) { select(null); }
  });
  window.addEventListener('online', () => feed?.drop());
  applyDom(document);
  const token = api.storedToken();
  if (!token || !(await signIn(token))) $('token').focus();
}

// A small hook for the browser test and for diagnosis from the console; holds no credential.
window.__tahaluf = { get feed() { return feed; }, get map() { return map; }, state };
main();
