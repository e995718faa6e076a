// Translations and locale-aware formatting. Every visible string goes through t().
const LANGS = ['en', 'ar', 'fr', 'ru'];
const RTL = new Set(['ar']);
let dict = {};
let fallback = {};
let lang = 'en';
let utc = false;
const listeners = new Set();

export function languages() { return LANGS; }
export function currentLang() { return lang; }
export function isUtc() { return utc; }
export function onChange(fn) { listeners.add(fn); }

async function load(code) {
  const res = await fetch(`i18n/${code}.json`, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`i18n ${code}: ${res.status}`);
  return res.json();
}

export async function setLanguage(code) {
  if (!LANGS.includes(code)) code = 'en';
  if (!fallback.app_name) fallback = await load('en');
  dict = code === 'en' ? fallback : await load(code);
  lang = code;
  const html = document.documentElement;
  html.lang = code;
  html.dir = RTL.has(code) ? 'rtl' : 'ltr';
  try { localStorage.setItem('tahaluf.lang', code); } catch { /* storage may be disabled */ }
  applyDom(document);
  listeners.forEach((fn) => fn());
}

export function setUtc(value) {
  utc = !!value;
  try { localStorage.setItem('tahaluf.utc', utc ? '1' : '0'); } catch { /* ignore */ }
  listeners.forEach((fn) => fn());
}

export function preferredLanguage() {
  try {
    const saved = localStorage.getItem('tahaluf.lang');
    if (saved && LANGS.includes(saved)) return saved;
  } catch { /* ignore */ }
  const nav = (navigator.language || 'en').slice(0, 2);
  return LANGS.includes(nav) ? nav : 'en';
}

export function preferredUtc() {
  try { return localStorage.getItem('tahaluf.utc') === '1'; } catch { return false; }
}

export function t(key, params) {
  let s = dict[key] ?? fallback[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (_, k) => (params[k] ?? `{${k}}`));
  return s;
}

/** A translated enum value (state, zone kind, …), falling back to the wire name. */
export function tv(prefix, value) {
  if (value === undefined || value === null) return '';
  const key = `${prefix}_${value}`;
  return dict[key] ?? fallback[key] ?? String(value);
}

export function applyDom(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-aria]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nAria)); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
}

const cache = new Map();
function formatter(kind, opts) {
  const key = `${lang}|${utc}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    f = kind.startsWith('n') ? new Intl.NumberFormat(lang, opts) : new Intl.DateTimeFormat(lang, { ...opts, timeZone: utc ? 'UTC' : undefined });
    cache.set(key, f);
  }
  return f;
}
const utcFormatter = new Map();

export function fmtDateTime(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  return formatter('dt', { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(ms) + (utc ? ' Z' : '');
}

export function fmtTime(ms) {
  return formatter('t', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(ms) + (utc ? ' Z' : '');
}

/** Always UTC, in the current language's digits: shown beside local times. */
export function fmtUtcTime(ms, seconds = true) {
  const key = `${lang}|${seconds}`;
  let f = utcFormatter.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined, hour12: false, timeZone: 'UTC' });
    utcFormatter.set(key, f);
  }
  return f.format(ms) + 'Z';
}

export function fmtNumber(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return formatter(`n${digits}`, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
}

/** A signed duration like "in 1:02:03" / "2:05 ago", digits per locale. */
export function fmtDuration(ms) {
  const neg = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const two = (v) => formatter('n2d', { minimumIntegerDigits: 2, useGrouping: false }).format(v);
  const body = h > 0 ? `${fmtNumber(h)}:${two(m)}:${two(s)}` : `${fmtNumber(m)}:${two(s)}`;
  return neg ? t('ago', { d: body }) : t('in', { d: body });
}
