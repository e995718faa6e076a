// Server-sent events over fetch (EventSource cannot send an Authorization header): a streaming
// parser per the WHATWG event-stream rules, reconnection with capped exponential backoff and jitter,
// and resumption from the last event id.
import { authHeader } from './api.js';

/** Parses event-stream text chunks; calls onEvent({type, data, id}) for each dispatched event. */
export class SseParser {
  constructor(onEvent, onId) {
    this.onEvent = onEvent;
    this.onId = onId || (() => {});
    this.buffer = '';
    this.reset();
  }
  reset() { this.type = ''; this.data = []; this.id = null; }
  push(chunk) {
    this.buffer += chunk;
    let start = 0;
    for (;;) {
      const m = /\r\n|\r|\n/g;
      m.lastIndex = start;
      const hit = m.exec(this.buffer);
      // A lone \r at the end of the buffer may be the first half of \r\n: wait for more.
      if (!hit || (hit[0] === '\r' && hit.index === this.buffer.length - 1)) break;
      this.line(this.buffer.slice(start, hit.index));
      start = hit.index + hit[0].length;
    }
    this.buffer = this.buffer.slice(start);
  }
  line(line) {
    if (line === '') {
      if (this.id !== null) this.onId(this.id);
      if (this.data.length) this.onEvent({ type: this.type || 'message', data: this.data.join('\n'), id: this.id });
      this.reset();
      return;
    }
    if (line.startsWith(':')) return;
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    let value = i < 0 ? '' : line.slice(i + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

/**
 * Keeps one feed open. handlers: onEvent(ev), onState(state, detail) with state in
 * connecting | live | reconnecting | unauthorized | stopped.
 */
export class Feed {
  constructor(url, { onEvent, onState }) {
    this.url = url;
    this.onEvent = onEvent;
    this.onState = onState;
    this.lastId = null;
    this.attempt = 0;
    this.stopped = false;
    this.controller = null;
    this.timer = null;
  }
  start() { this.stopped = false; this.connect(); }
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.controller?.abort();
    this.onState('stopped');
  }
  /** Drops the current connection as a network failure would (used after resuming from sleep). */
  drop() { this.controller?.abort(new DOMException('dropped', 'AbortError')); }

  async connect() {
    if (this.stopped) return;
    this.controller = new AbortController();
    this.onState(this.attempt === 0 ? 'connecting' : 'reconnecting', { attempt: this.attempt });
    const headers = { Accept: 'text/event-stream', ...authHeader() };
    if (this.lastId !== null) headers['Last-Event-ID'] = this.lastId;
    try {
      const res = await fetch(this.url, { headers, signal: this.controller.signal, cache: 'no-store' });
      if (res.status === 401 || res.status === 403) { this.stopped = true; this.onState('unauthorized'); return; }
      if (!res.ok || !res.body) throw new Error(`feed HTTP ${res.status}`);
      const parser = new SseParser((ev) => {
        if (ev.type === 'ready') { this.attempt = 0; this.onState('live'); }
        this.onEvent(ev);
      }, (id) => { this.lastId = id; });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
      }
      throw new Error('feed closed');
    } catch (e) {
      if (this.stopped) return;
      this.scheduleReconnect(e);
    }
  }
  scheduleReconnect() {
    this.attempt += 1;
    const base = Math.min(15000, 500 * 2 ** Math.min(this.attempt - 1, 5));
    const delay = Math.round(base / 2 + Math.random() * base / 2);
    this.onState('reconnecting', { attempt: this.attempt, delay });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
