// The package's size as the targets count it: gzip -9 (node's zlib) of what a front end
// ships. One list for bench/run.mjs and bench/opt-level.mjs, which had drifted apart.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const gz = (f) => gzipSync(readFileSync(new URL(`../pkg/${f}`, import.meta.url)), { level: 9 }).length;

export function packageSize() {
  const wasmGzip = gz('wasm/taskstatus_bg.wasm');
  // The JS: the browser entry (one module: the API, its dialect list and the bindings
  // bundled in) and the schemas it loads at init. (Until the twenty-sixth round these were
  // separate modules, each gzipped on its own, with node.js counted in place of browser.js.)
  const glueGzip = gz('browser.js') + gz('schemas.js');
  return { wasmGzip, glueGzip, totalGzip: wasmGzip + glueGzip };
}
