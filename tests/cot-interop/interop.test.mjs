// Interop between the C# CoT codec (Tahaluf.Cot, through the Harness console) and @tak-ps/node-cot, a client we
// did not write. node-cot builds events that the C# reader must read with the right values, and node-cot must read
// what the C# writer produces, in XML and in TAK protocol v1 protobuf.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { CoTParser } from '@tak-ps/node-cot';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.join(here, 'Harness', 'Tahaluf.Cot.Interop.Harness.csproj');
let harness;
let lines;

before(() => {
  execFileSync('dotnet', ['build', project, '-nologo', '-v', 'q'], { stdio: 'inherit' });
  const dll = path.join(here, 'Harness', 'bin', 'Debug', 'net10.0', 'Tahaluf.Cot.Interop.Harness.dll');
  harness = spawn('dotnet', [dll], { stdio: ['pipe', 'pipe', 'inherit'] });
  lines = createInterface({ input: harness.stdout })[Symbol.asyncIterator]();
});

after(() => harness?.kill());

async function ask(command) {
  harness.stdin.write(command + '\n');
  const { value } = await lines.next();
  return JSON.parse(value);
}

const b64 = (data) => Buffer.from(data).toString('base64');
const close = (actual, expected, eps = 1e-6) => assert.ok(Math.abs(actual - expected) <= eps, `${actual} vs ${expected}`);

async function nodePosition() {
  return CoTParser.from_geojson({
    id: 'node-track-1',
    type: 'Feature',
    properties: { type: 'a-f-A-M-F', how: 'm-g', callsign: 'Viper 1', course: 123.5, speed: 240.5, remarks: 'node says hi',
      time: '2015-11-26T10:00:00.000Z', start: '2015-11-26T10:00:00.000Z', stale: '2015-11-26T10:05:00.000Z' },
    geometry: { type: 'Point', coordinates: [35.95, 35.41, 6500] },
  });
}

async function nodePolygon() {
  return CoTParser.from_geojson({
    id: 'node-zone-1',
    type: 'Feature',
    properties: { callsign: 'Box' },
    geometry: { type: 'Polygon', coordinates: [[[36, 35], [36.5, 35], [36.5, 35.5], [36, 35.5], [36, 35]]] },
  });
}

async function nodeCircle() {
  const ring = [];
  for (let i = 0; i <= 32; i++) {
    const a = (i / 32) * 2 * Math.PI;
    ring.push([35.95 + 0.2 * Math.cos(a), 35.41 + 0.16 * Math.sin(a)]);
  }
  return CoTParser.from_geojson({
    id: 'node-circle-1',
    type: 'Feature',
    properties: { type: 'u-d-c-c', callsign: 'Ring', shape: { ellipse: { major: 18000, minor: 18000, angle: 0 } } },
    geometry: { type: 'Polygon', coordinates: [ring] },
  });
}

test('node-cot position event is read by C# (XML and protobuf)', async () => {
  const cot = await nodePosition();
  for (const answer of [await ask('parse-xml ' + b64(CoTParser.to_xml(cot))), await ask('parse-proto ' + b64(await CoTParser.to_proto(cot)))]) {
    assert.equal(answer.error, undefined, answer.error);
    assert.equal(answer.uid, 'node-track-1');
    assert.equal(answer.type, 'a-f-A-M-F');
    close(answer.lat, 35.41);
    close(answer.lon, 35.95);
    close(answer.hae, 6500);
    assert.equal(answer.callsign, 'Viper 1');
    close(answer.course, 123.5);
    close(answer.speed, 240.5);
    assert.equal(answer.remarks, 'node says hi');
    assert.equal(answer.time, '2015-11-26T10:00:00.0000000+00:00');
  }
});

test('node-cot u-d-f polygon is read by C# as a zone', async () => {
  const cot = await nodePolygon();
  for (const answer of [await ask('parse-xml ' + b64(CoTParser.to_xml(cot))), await ask('parse-proto ' + b64(await CoTParser.to_proto(cot)))]) {
    assert.equal(answer.error, undefined, answer.error);
    assert.equal(answer.type, 'u-d-f');
    assert.deepEqual(answer.vertices.slice(0, 4), [[35, 36], [35, 36.5], [35.5, 36.5], [35.5, 36]]);
    assert.equal(answer.zone, 'PolygonFootprint');
  }
});

test('node-cot u-d-c-c circle is read by C# as a circle zone', async () => {
  const cot = await nodeCircle();
  const answer = await ask('parse-xml ' + b64(CoTParser.to_xml(cot)));
  assert.equal(answer.error, undefined, answer.error);
  assert.equal(answer.type, 'u-d-c-c');
  assert.equal(answer.shapeKind, 'Ellipse');
  close(answer.major, 18000);
  close(answer.lat, 35.41, 0.05);
  close(answer.lon, 35.95, 0.05);
  assert.equal(answer.zone, 'CircleFootprint');
});

test('C# position event is read by node-cot (XML and protobuf)', async () => {
  const written = await ask('write position');
  for (const cot of [CoTParser.from_xml(written.xml), await CoTParser.from_proto(Buffer.from(written.proto, 'base64'))]) {
    assert.equal(cot.uid(), 'hub-track-1');
    assert.equal(cot.type(), 'a-h-A-M-F');
    const p = cot.raw.event.point._attributes;
    close(Number(p.lat), 35.41);
    close(Number(p.lon), 35.95);
    close(Number(p.hae), 7000.5);
    assert.equal(cot.callsign(), 'Hub One');
    close(Number(cot.raw.event.detail.track._attributes.course), 90.5);
    close(Number(cot.raw.event.detail.track._attributes.speed), 230.25);
    assert.equal(new Date(cot.raw.event._attributes.time).toISOString(), '2015-11-26T10:00:00.000Z');
  }
});

test('C# shapes are read by node-cot as GeoJSON with the right geometry', async () => {
  const polygon = await CoTParser.to_geojson(CoTParser.from_xml((await ask('write polygon')).xml));
  assert.equal(polygon.geometry.type, 'Polygon');
  assert.deepEqual(polygon.geometry.coordinates[0].slice(0, 4), [[36, 35], [36.5, 35], [36.5, 35.5], [36, 35]]);
  const fromProto = await CoTParser.to_geojson(await CoTParser.from_proto(Buffer.from((await ask('write polygon')).proto, 'base64')));
  assert.deepEqual(fromProto.geometry.coordinates, polygon.geometry.coordinates);

  const circle = await CoTParser.to_geojson(CoTParser.from_xml((await ask('write circle')).xml));
  assert.equal(circle.geometry.type, 'Polygon');
  assert.equal(circle.properties.shape.ellipse.major, 40000);
});
