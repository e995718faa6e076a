// @tak-ps/node-tak (a TAK client we did not write) against the hub's TLS Cursor-on-Target endpoint, started the way an
// operator starts it: `tahaluf serve --cot-tls HOST:PORT --cot-cert PFX --cot-client-ca PEM`. The CA, server and client
// certificates are made here with openssl into a temp dir at run time. A client certificate signed by the partners' CA
// whose CN is a registered partner gets its position event into the hub as that partner's track; a connection without a
// client certificate, or with one from another CA (same CN), is refused and its event goes nowhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import tls from 'node:tls';
import path from 'node:path';
import TAK from '@tak-ps/node-tak';
import { CoTParser } from '@tak-ps/node-cot';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', '..', 'src', 'Tahaluf.Cli', 'Tahaluf.Cli.csproj');
const PARTNER = 'JO';
const adminToken = randomBytes(24).toString('hex');

let dir;
let hub;
let hubExited;
let httpBase;
let tlsPort;
let partnerToken;
const pem = {};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const close = (actual, expected, eps = 1e-6) => assert.ok(Math.abs(actual - expected) <= eps, `${actual} vs ${expected}`);

function openssl(...args) {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

// An EC P-256 key and a certificate signed by `ca` (or self-signed when ca is null), with the given extensions.
function certificate(name, subject, ca, extensions) {
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  writeFileSync(path.join(dir, `${name}.ext`), extensions.join('\n') + '\n');
  if (ca === null) {
    openssl('req', '-new', '-x509', '-key', `${name}.key`, '-subj', subject, '-days', '2', '-out', `${name}.crt`,
      '-extensions', 'v3', '-config', configFor(name, extensions));
  } else {
    openssl('req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-set_serial', '0x' + randomBytes(8).toString('hex'),
      '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.crt`);
  }

  pem[name] = { key: readFileSync(path.join(dir, `${name}.key`), 'utf8'), cert: readFileSync(path.join(dir, `${name}.crt`), 'utf8') };
}

function configFor(name, extensions) {
  const file = path.join(dir, `${name}.cnf`);
  writeFileSync(file, ['[req]', 'distinguished_name = dn', '[dn]', '[v3]', ...extensions].join('\n') + '\n');
  return file;
}

function makeCertificates() {
  const caExt = ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash'];
  const leaf = (eku) => ['basicConstraints = critical, CA:FALSE', 'keyUsage = critical, digitalSignature', `extendedKeyUsage = ${eku}`,
    'authorityKeyIdentifier = keyid'];
  certificate('ca', '/O=Tahaluf test/CN=Partners CA', null, caExt);
  certificate('other-ca', '/O=Somebody else/CN=Other CA', null, caExt);
  certificate('server', '/CN=127.0.0.1', 'ca', [...leaf('serverAuth'), 'subjectAltName = IP:127.0.0.1']);
  certificate('client', `/O=Tahaluf test/CN=${PARTNER}`, 'ca', leaf('clientAuth'));
  certificate('stranger', `/O=Somebody else/CN=${PARTNER}`, 'other-ca', leaf('clientAuth'));
  openssl('pkcs12', '-export', '-inkey', 'server.key', '-in', 'server.crt', '-certfile', 'ca.crt', '-out', 'server.pfx', '-passout', 'pass:');
}

async function api(method, url, token, body) {
  const response = await fetch(httpBase + url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function tracksOf(token) {
  const { status, json } = await api('GET', '/api/v1/tracks', token);
  assert.equal(status, 200);
  return json.tracks;
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tahaluf-cot-tls-'));
  makeCertificates();
  execFileSync('dotnet', ['build', cli, '-c', 'Release', '-nologo', '-v', 'q'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const dll = path.join(here, '..', '..', 'src', 'Tahaluf.Cli', 'bin', 'Release', 'net10.0', 'tahaluf.dll');
  hub = spawn('dotnet', [dll, 'serve', '--data-dir', path.join(dir, 'data'), '--urls', 'http://127.0.0.1:0', '--cot', 'none',
    '--cot-tls', '127.0.0.1:0', '--cot-cert', path.join(dir, 'server.pfx'), '--cot-client-ca', path.join(dir, 'ca.crt')],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TAHALUF_ADMIN_TOKEN: adminToken } });
  hubExited = new Promise((resolve) => hub.once('exit', resolve));
  const lines = createInterface({ input: hub.stdout });
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tahaluf serve did not start within 60 s')), 60_000);
    hub.once('exit', (code) => reject(new Error(`tahaluf serve exited with ${code}`)));
    lines.on('line', (line) => {
      const http = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (http) httpBase = http[1];
      const cot = /tls:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (cot) tlsPort = Number(cot[1]);
      if (httpBase && tlsPort) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await started;
  const registered = await api('PUT', `/api/v1/admin/partners/${PARTNER}`, adminToken, { names: { en: 'Jordan' } });
  assert.equal(registered.status, 201, JSON.stringify(registered.json));
  partnerToken = registered.json.token;
});

after(async () => {
  if (hub && hub.exitCode === null && hub.signalCode === null) {
    hub.kill('SIGTERM');
    const killer = setTimeout(() => hub.kill('SIGKILL'), 10_000);
    await hubExited;
    clearTimeout(killer);
  }

  if (dir) rmSync(dir, { recursive: true, force: true });
});

function position(uid, lat, lon) {
  const now = new Date();
  return CoTParser.from_geojson({
    id: uid,
    type: 'Feature',
    properties: { type: 'a-f-A-M-F', how: 'm-g', callsign: `Falcon ${uid}`, course: 45, speed: 200,
      time: now.toISOString(), start: now.toISOString(), stale: new Date(now.getTime() + 300_000).toISOString() },
    geometry: { type: 'Point', coordinates: [lon, lat, 5000] },
  });
}

// Connects with node-tak and waits until the connection is accepted (the gateway answered node-tak's ping, which sets
// tak.open) or refused (closed, errored), or 8 s pass. `early` CoTs are written as soon as the client's side of the
// handshake is done, before the server has had its say on the client certificate (TLS 1.3). Returns what happened.
async function takConnect(auth, early = []) {
  const tak = await TAK.connect(new URL(`ssl://127.0.0.1:${tlsPort}`), auth, { id: 'tls-test' });
  if (early.length > 0) tak.once('secureConnect', () => tak.write(early));
  const outcome = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), 8000);
    const done = (what) => () => { clearTimeout(timer); resolve(what); };
    tak.once('ping', done('pong'));
    tak.once('end', done('closed'));
    tak.on('error', done('error'));
    tak.client.once('close', done('closed'));
  });
  return { tak, outcome };
}

// A node TLS client (not node-tak, which will not connect without a certificate) that sends `xml` (unless null) once
// the handshake is done and reads until `enough(text)`, a close, or 8 s.
function rawTls(credentials, xml, enough) {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port: tlsPort, ca: pem.ca.cert, rejectUnauthorized: true, ...credentials });
    let text = '';
    const finish = (outcome) => { clearTimeout(timer); socket.destroy(); resolve({ outcome, text }); };
    const timer = setTimeout(() => finish('timeout'), 8000);
    socket.on('secureConnect', () => xml !== null && socket.write(xml + '\n'));
    socket.on('data', (data) => { text += data.toString('utf8'); if (enough(text)) finish('greeted'); });
    socket.on('error', () => {});
    socket.on('close', () => finish('closed'));
  });
}

test('node-tak with a client certificate of a registered partner: its position becomes that partner\'s track', async () => {
  const { tak, outcome } = await takConnect({ cert: pem.client.cert, key: pem.client.key, ca: pem.ca.cert, rejectUnauthorized: true });
  try {
    assert.equal(outcome, 'pong', 'the gateway should answer node-tak\'s ping on an accepted TLS connection');
    assert.equal(tak.client.authorized, true, `server certificate not verified: ${tak.client.authorizationError}`);
    assert.equal(tak.client.getPeerCertificate().subject.CN, '127.0.0.1');

    await tak.write([await position('tls-track-1', 31.95, 35.93)]);
    await tak.flush();

    let track;
    for (let i = 0; i < 100 && !track; i++) {
      track = (await tracksOf(partnerToken)).find((t) => t.id === 'tls-track-1');
      if (!track) await sleep(100);
    }

    assert.ok(track, 'the track never appeared in GET /api/v1/tracks');
    assert.equal(track.owner, PARTNER);
    close(track.lat, 31.95);
    close(track.lng, 35.93);
    close(track.altitude_m, 5000);
    close(track.course_deg, 45);
    close(track.ground_speed_mps, 200);
    assert.equal(track.callsign, 'Falcon tls-track-1');
    assert.equal(track.platform_kind, 'fixed_wing');
  } finally {
    tak.destroy();
  }
});

test('node-tak refuses to connect without a client certificate; a plain TLS client without one is refused by the gateway', async () => {
  await assert.rejects(TAK.connect(new URL(`ssl://127.0.0.1:${tlsPort}`), { ca: pem.ca.cert }), /auth\.cert required/);

  const xml = CoTParser.to_xml(await position('tls-anon-1', 31.9, 35.9));
  // The same raw client with the partner's certificate, as a control: an accepted connection is greeted at once
  // with the TAK protocol support event (t-x-takp-v); a refused one must get nothing and be closed.
  const greeted = await rawTls({ cert: pem.client.cert, key: pem.client.key }, null, (text) => text.includes('</event>'));
  assert.equal(greeted.outcome, 'greeted');
  assert.match(greeted.text, /type=["']t-x-takp-v["']/);

  const refused = await rawTls({}, xml, () => false);
  assert.equal(refused.outcome, 'closed');
  assert.equal(refused.text, '', 'the gateway sent data on a connection without a client certificate');
  assert.equal((await tracksOf(partnerToken)).find((t) => t.id === 'tls-anon-1'), undefined);
});

test('node-tak with a client certificate from another CA (same CN) is refused', async () => {
  const events = [];
  const early = [await position('tls-stranger-1', 31.8, 35.8)];
  const { tak, outcome } = await takConnect({ cert: pem.stranger.cert, key: pem.stranger.key, ca: pem.ca.cert, rejectUnauthorized: true }, early);
  tak.on('cot', (cot) => events.push(cot.type()));
  try {
    assert.ok(outcome === 'closed' || outcome === 'error', `expected the gateway to close the connection, got ${outcome}`);
    assert.equal(tak.open, false);
    assert.deepEqual(events, []);
    await sleep(300);
    assert.equal((await tracksOf(partnerToken)).find((t) => t.id === 'tls-stranger-1'), undefined);
  } finally {
    tak.destroy();
  }
});
