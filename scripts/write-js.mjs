// Writes the package's JS, minified, as a front-end build would ship it: the glue
// wasm-bindgen generates (pkg/wasm/taskstatus.js, in place) and the library's hand-written
// entry points (js/api.js, js/browser.js, written to pkg/ with a source map that holds the
// original text). The package's size is measured on the files a browser loads
// (bench/run.mjs); minified, the entry points are 2.9 KB gzip where they were 4.7 KB.
// Export names, property names and `new URL(..., import.meta.url)` (which bundlers follow to
// the wasm) are kept as they are; so is `TaskStatusError`'s `name`, which api.js sets itself.
//
// The Node entry (pkg/node.js) is one module: js/node.js bundled with js/api.js, the
// generated dialect list and the glue. Node loads each ES module on its own (resolve, read,
// compile, link), and four of them cost 1.5 ms of a fresh process's 14 ms to its first
// `validate` (docs/PERFORMANCE.md, twenty-sixth round); size does not matter there.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, transformSync } from 'esbuild';

const options = { minify: true, format: 'esm', legalComments: 'none' };

const glue = new URL('../pkg/wasm/taskstatus.js', import.meta.url);
writeFileSync(glue, transformSync(readFileSync(glue, 'utf8'), options).code);

for (const name of ['api.js', 'browser.js']) {
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

// js/ imports the generated modules as they sit beside it in pkg/.
const generatedInPkg = {
  name: 'generated-in-pkg',
  setup(build) {
    build.onResolve({ filter: /^\.\/(wasm\/taskstatus|dialects)\.js$/ }, (args) => ({
      path: fileURLToPath(new URL(`../pkg/${args.path.slice(2)}`, import.meta.url)),
    }));
  },
};
await build({
  ...options,
  entryPoints: [fileURLToPath(new URL('../js/node.js', import.meta.url))],
  bundle: true,
  platform: 'node',
  plugins: [generatedInPkg],
  sourcemap: 'linked',
  sourcesContent: true,
  outfile: fileURLToPath(new URL('../pkg/node.js', import.meta.url)),
});
