// Writes the benchmark corpus to a file, for native profiling (examples/profile.rs).
// Usage: node bench/write-corpus.mjs <megabytes> <file> [seed]
import { writeFileSync } from 'node:fs';
import { corpus } from './corpus.mjs';

const [mb, file, seed] = process.argv.slice(2);
if (!mb || !file) {
  console.error('usage: node bench/write-corpus.mjs <megabytes> <file> [seed]');
  process.exit(2);
}
writeFileSync(file, corpus(Number(mb) * 1e6, seed === undefined ? undefined : Number(seed)).text);
