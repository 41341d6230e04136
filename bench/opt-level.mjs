// Measures the built package for the release profile choice (README "Build profile"):
// gzip size of wasm + glue, and validate() throughput on a valid and an invalid document.
// Usage: node bench/opt-level.mjs   (after scripts/build.sh with the profile under test)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { packageSize } from './package-size.mjs';

const api = await import('../pkg/node.js');
const fixture = (p) => readFileSync(new URL(`../tests/fixtures/flat.task/${p}`, import.meta.url), 'utf8');
const docs = { valid: fixture('valid/with-children.json'), invalid: fixture('invalid/child-invalid.json') };
const out = { gzipBytes: packageSize().totalGzip };
for (const [name, text] of Object.entries(docs)) {
  for (let i = 0; i < 2000; i++) api.validate(text); // warm-up
  const n = 20000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) api.validate(text);
  out[`${name}DocsPerSec`] = Math.round(n / ((performance.now() - t0) / 1000));
}
console.log(JSON.stringify(out));
