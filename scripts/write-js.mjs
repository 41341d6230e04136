// Writes the package's JS, minified, as a front-end build would ship it: the glue
// wasm-bindgen generates (pkg/wasm/taskstatus.js, in place) and the library's hand-written
// entry points (js/api.js, js/node.js, js/browser.js, written to pkg/ with a source map that
// holds the original text). The package's size is measured on these files
// (bench/run.mjs); minified, the three entry points are 2.9 KB gzip where they were 4.7 KB.
// Export names, property names and `new URL(..., import.meta.url)` (which bundlers follow to
// the wasm and the schemas) are kept as they are; so is `TaskStatusError`'s `name`, which
// api.js sets itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

const options = { minify: true, format: 'esm', legalComments: 'none' };

const glue = new URL('../pkg/wasm/taskstatus.js', import.meta.url);
writeFileSync(glue, transformSync(readFileSync(glue, 'utf8'), options).code);

for (const name of ['api.js', 'node.js', 'browser.js']) {
  const source = readFileSync(new URL(`../js/${name}`, import.meta.url), 'utf8');
  const { code, map } = transformSync(source, {
    ...options,
    sourcemap: 'external',
    sourcefile: `../js/${name}`,
    sourcesContent: true,
  });
  writeFileSync(new URL(`../pkg/${name}`, import.meta.url), `${code}//# sourceMappingURL=${name}.map\n`);
  writeFileSync(new URL(`../pkg/${name}.map`, import.meta.url), map);
}
