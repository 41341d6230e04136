// Minifies the JS glue wasm-bindgen generates (pkg/wasm/taskstatus.js) in place: generated
// code that no one reads or edits, 4.1 KB of the package gzipped and 2.6 KB minified. Export
// names, property names and `new URL('taskstatus_bg.wasm', import.meta.url)` (which bundlers
// follow to the wasm) are kept as they are; the hand-written modules ship as written.
import { readFileSync, writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

const file = new URL('../pkg/wasm/taskstatus.js', import.meta.url);
const { code } = transformSync(readFileSync(file, 'utf8'), { minify: true, format: 'esm', legalComments: 'none' });
writeFileSync(file, code);
