// `taskstatus check --jobs N` on one big NDJSON file: wall time for 1 worker and for as many
// as there are cores, side by side (the CLI issue asks for the speed-up on this machine).
// Method: the corpus (bench/corpus.mjs, seed 11, 10 % invalid) is written to a temp file once;
// each setting runs 3 times in a fresh process, output to /dev/null; the median is printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus } from './corpus.mjs';

const MB = 1024 * 1024;
const size = Number(process.env.CLI_BENCH_MB ?? 100);
const cli = fileURLToPath(new URL('../pkg/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'taskstatus-cli-bench-'));
const file = join(dir, 'corpus.ndjson');
try {
  writeFileSync(file, corpus(size * MB, 11).text);
  const time = (jobs) => {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const t = process.hrtime.bigint();
      const r = spawnSync('node', [cli, 'check', '--format', 'json', '--jobs', String(jobs), file], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (r.status !== 1) throw new Error(`check exited ${r.status} (the corpus has invalid documents: 1 expected)`);
      runs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return runs.sort((a, b) => a - b)[1];
  };
  const cores = availableParallelism();
  const one = time(1);
  const all = time(cores);
  console.log(`taskstatus check, ${size} MB NDJSON: --jobs 1 ${one.toFixed(0)} ms (${(size / (one / 1000)).toFixed(1)} MB/s); --jobs ${cores} ${all.toFixed(0)} ms (${(size / (all / 1000)).toFixed(1)} MB/s); speed-up ${(one / all).toFixed(2)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
