// Side-by-side throughput of taskstatus against JSON.parse + ajv, in one run (make bench).
// Method: docs/PERFORMANCE.md. Usage: node bench/run.mjs [--quick]  (--quick: no 500 MB run)
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { corpus, DIALECTS } from './corpus.mjs';
import { packageSize } from './package-size.mjs';
import * as ts from '../pkg/node.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const quick = process.argv.includes('--quick');
const REPEAT = 7;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = Object.fromEntries(DIALECTS.map((d) => [d, ajv.compile(ts.jsonSchema(d))]));

/** Fastest wall time of `fn` over REPEAT runs, after one warm-up run. The fastest, not the
 * median: on a shared machine interference only ever slows a run down. */
function time(fn) {
  fn();
  let best = Infinity;
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const rows = [];
function report(size, path, ms, docs, bytes, baseline) {
  const row = { size, path, ms: +ms.toFixed(1), docsPerSec: Math.round(docs / (ms / 1000)), mbPerSec: +(bytes / 1e6 / (ms / 1000)).toFixed(1) };
  row.ratio = baseline ? +(baseline / ms).toFixed(2) : 1;
  rows.push(row);
  return ms;
}

for (const size of [1e6, 50e6]) {
  const label = `${size / 1e6} MB`;
  const { lines, dialects, text, bytes } = corpus(size);
  let sink = 0;
  const a = report(label, '(a) JSON.parse + ajv per line', time(() => {
    for (let i = 0; i < lines.length; i++) sink += compiled[dialects[i]](JSON.parse(lines[i])) ? 1 : 0;
  }), lines.length, bytes);
  report(label, '(b) validate(line) per line', time(() => {
    for (const line of lines) sink += ts.validate(line).valid ? 1 : 0;
  }), lines.length, bytes, a);
  report(label, '(c) validateMany(text)', time(() => {
    sink += ts.validateMany(text).valid;
  }), lines.length, bytes, a);
  // The default budget (100 issues) is spent after about the first 100 invalid documents;
  // past it they are only judged. With room for all, every invalid document is walked
  // for its issues and positions, as (a)'s ajv does with allErrors.
  report(label, '(c) validateMany(text), every issue listed', time(() => {
    const r = ts.validateMany(text, { maxIssues: 100_000 });
    if (r.truncated) throw new Error('expected every issue listed');
    sink += r.valid;
  }), lines.length, bytes, a);
  const buf = Buffer.from(text);
  report(label, '(d) createValidator, 1 MB chunks', time(() => {
    const v = ts.createValidator();
    for (let i = 0; i < buf.length; i += 1 << 20) v.push(buf.subarray(i, i + (1 << 20)));
    sink += v.finish().valid;
  }), lines.length, bytes, a);
  const objects = lines.map((l) => JSON.parse(l));
  const e = report(label, '(e) ajv(object)', time(() => {
    for (let i = 0; i < objects.length; i++) sink += compiled[dialects[i]](objects[i]) ? 1 : 0;
  }), lines.length, bytes);
  report(label, '(e) validate(object)', time(() => {
    for (const o of objects) sink += ts.validate(o).valid ? 1 : 0;
  }), lines.length, bytes, e);
  if (sink < 0) console.log(sink); // keep the work observable
}

// summarise over 10 000 and 100 000 documents: the time per document should not grow.
const scaling = [];
for (const docs of [10_000, 100_000]) {
  const { lines } = corpus(docs * 460);
  const text = lines.slice(0, docs).join('\n');
  for (const tasks of [true, false]) {
    const ms = time(() => ts.summarise(text, { now: 1751970000000, tasks }));
    scaling.push({ docs, tasks, ms: +ms.toFixed(1), usPerDoc: +((ms * 1000) / docs).toFixed(2) });
  }
}
console.table(scaling);

// One array of n invalid items (issues capped at maxIssues): time per item should not grow.
const invalidScaling = [];
for (const n of [100_000, 1_000_000]) {
  const items = Array.from({ length: n }, (_, i) => ({ id: i, state: 'finished' }));
  const ms = time(() => {
    const r = ts.validateMany(items);
    if (!r.truncated || r.invalid !== n) throw new Error('expected every item invalid and the issues truncated');
  });
  invalidScaling.push({ items: n, ms: +ms.toFixed(1), usPerItem: +((ms * 1000) / n).toFixed(2) });
}
console.table(invalidScaling);

const size = packageSize();

const startupScript = `const t0 = performance.now();
const m = await import(${JSON.stringify(new URL('../pkg/node.js', import.meta.url).href)});
m.validate('{"id":"a","state":"done"}');
console.log(performance.now() - t0);`;
// The median of 21 fresh processes (7 until the twenty-sixth round, whose medians of 7 moved
// between 12.8 and 21.9 ms for one build on this shared machine).
const starts = Array.from({ length: 21 }, () => +execFileSync(process.execPath, ['--input-type=module', '-e', startupScript], { encoding: 'utf8' }));
starts.sort((a, b) => a - b);
const startupMs = +starts[10].toFixed(1);

let stream = null;
if (!quick) {
  const out = execFileSync(process.execPath, [new URL('./stream-rss.mjs', import.meta.url).pathname, String(500e6)], { encoding: 'utf8' });
  stream = JSON.parse(out);
}

console.table(rows);
console.log(JSON.stringify({ machine: `${process.platform} ${process.arch}, Node ${process.version}`, rows, scaling, invalidScaling, size, startupMs, stream }, null, 1));
