// Streams N bytes of generated NDJSON through createValidator in 1 MB chunks, generating as
// it goes (the corpus is never held whole), and reports throughput and peak RSS growth.
import { performance } from 'node:perf_hooks';
import { documents } from './corpus.mjs';
import * as ts from '../pkg/node.js';

const total = Number(process.argv[2] ?? 500e6);
const CHUNK = 1 << 20;
const v = ts.createValidator();
const docs = documents(7);
let sent = 0;
let baseline = 0;
let peak = 0;
let generating = 0;
const t0 = performance.now();
while (sent < total) {
  const g0 = performance.now();
  let chunk = '';
  while (chunk.length < CHUNK) chunk += `${docs.next().value.line}\n`;
  const bytes = Buffer.from(chunk);
  generating += performance.now() - g0;
  v.push(bytes);
  sent += bytes.length;
  const rss = process.memoryUsage().rss;
  if (sent < 20e6) baseline = rss; // after warm-up: the wasm memory and caches are in place
  peak = Math.max(peak, rss);
}
const r = v.finish();
const ms = performance.now() - t0 - generating;
console.log(JSON.stringify({
  bytes: sent,
  docs: r.total,
  invalid: r.invalid,
  validateMs: Math.round(ms),
  mbPerSec: +(sent / 1e6 / (ms / 1000)).toFixed(1),
  baselineRssMb: +(baseline / 2 ** 20).toFixed(1),
  peakRssMb: +(peak / 2 ** 20).toFixed(1),
  rssGrowthMb: +((peak - baseline) / 2 ** 20).toFixed(1),
}));
