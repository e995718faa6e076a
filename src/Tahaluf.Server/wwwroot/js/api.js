// The hub's HTTP API with the partner's bearer token (kept in sessionStorage only).
const KEY = 'tahaluf.token';
let token = null;
let serverOffsetMs = 0;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function storedToken() {
  try { return sessionStorage.getItem(KEY); } catch { return null; }
}
export function setToken(value) {
  token = value;
  try {
    if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY);
  } catch { /* ignore */ }
}
export function authHeader() { return token ? { Authorization: `Bearer ${token}` } : {}; }

/** The hub's clock: Date.now() plus the offset learnt from the Tahaluf-Time (or Date) response header. */
export function serverNow() { return Date.now() + serverOffsetMs; }

function noteServerDate(res, sentAt) {
  // Prefer the hub's own clock (simulated during a replay), precise to the millisecond.
  const hubTime = Date.parse(res.headers.get('Tahaluf-Time') || '');
  if (!Number.isNaN(hubTime)) {
    serverOffsetMs = hubTime - (sentAt + Date.now()) / 2;
    return;
  }
  const date = res.headers.get('Date');
  if (!date) return;
  const server = Date.parse(date);
  if (Number.isNaN(server)) return;
  const mid = (sentAt + Date.now()) / 2;
  const off = server + 500 - mid;
  // The header has one-second resolution: ignore differences it cannot resolve.
  serverOffsetMs = Math.abs(off) > 2000 ? off : 0;
}

export async function request(method, path, { body, accept = 'application/json', anonymous = false, raw = false } = {}) {
  const headers = { Accept: accept, ...(anonymous ? {} : authHeader()) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const sentAt = Date.now();
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  noteServerDate(res, sentAt);
  if (!res.ok) {
    let problem = null;
    try { problem = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, problem);
  }
  if (raw) return res;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const get = (path, opts) => request('GET', path, opts);
export const post = (path, body, opts) => request('POST', path, { ...opts, body });

/** Follows next_cursor through every page of a list endpoint. */
export async function getAll(path, field, param = 'cursor') {
  const out = [];
  let cursor = null;
  for (let page = 0; page < 200; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const url = cursor ? `${path}${sep}${param}=${encodeURIComponent(cursor)}&limit=1000` : `${path}${sep}limit=1000`;
    const body = await get(url);
    out.push(...(body[field] || []));
    if (!body.next_cursor || (body[field] || []).length === 0) break;
    cursor = body.next_cursor;
  }
  return out;
}
