// A/B of builds: each package dir's validateMany over the same 20 MB corpus in one process,
// in turn, fastest of 15 each (interleaved, so machine noise hits all builds alike).
// Usage: node bench/compare.mjs <pkg dir> <pkg dir> ...   (copies of pkg/ after scripts/build.sh)
// Method and use: docs/PERFORMANCE.md, "Reproduce".
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { corpus } from './corpus.mjs';

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node bench/compare.mjs <pkg dir> [<pkg dir> ...]');
  process.exit(2);
}
const builds = await Promise.all(dirs.map((d) => import(pathToFileURL(resolve(d, 'node.js')).href)));
const { text, bytes } = corpus(20e6);
const best = dirs.map(() => Infinity);
for (let round = 0; round < 15; round++) {
  builds.forEach((build, i) => {
    const t0 = performance.now();
    build.validateMany(text);
    best[i] = Math.min(best[i], performance.now() - t0);
  });
}
dirs.forEach((d, i) => console.log(`${d}: ${best[i].toFixed(1)} ms, ${(bytes / 1e6 / (best[i] / 1000)).toFixed(1)} MB/s`));
