// Writes the package's two entry points from the library's hand-written JS in js/, each one
// minified module with a source map that holds the original text:
//   pkg/browser.js  js/browser.js with js/api.js, the generated dialect list (pkg/dialects.js)
//                   and wasm-bindgen's glue (pkg/wasm/taskstatus.js) bundled in; it loads
//                   schemas.js at init, beside the wasm
//   pkg/node.js     the same for Node, from js/node.js
// One module each, not four: a browser makes one request, not four, and the package is
// 0.6 KB smaller gzipped than as separate minified modules (their size, bench/run.mjs, is
// what a front end ships); Node loads each module on its own (resolve, read, compile, link),
// and four cost 1.5 ms of a fresh process's 14 ms to its first `validate`
// (docs/PERFORMANCE.md, twenty-sixth round).
// Export names, property names and `new URL(..., import.meta.url)` (which bundlers follow to
// the wasm) are kept as they are; so is `TaskStatusError`'s `name`, which api.js sets itself.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const inPkg = (path) => fileURLToPath(new URL(`../pkg/${path}`, import.meta.url));
const glue = inPkg('wasm/taskstatus.js');

// The generated modules, which js/ imports as they sit beside it in pkg/. The glue's own
// default address of the wasm (used only when `init` is given none, which browser.js never
// does) is relative to the glue's folder: in the bundle it names the same file from pkg/, so
// that bundlers which follow it find the wasm.
const generatedInPkg = {
  name: 'generated-in-pkg',
  setup(b) {
    b.onResolve({ filter: /^\.\/(wasm\/taskstatus|dialects)\.js$/ }, (args) => ({ path: inPkg(args.path.slice(2)) }));
    b.onLoad({ filter: /[\\/]wasm[\\/]taskstatus\.js$/ }, () => {
      const text = readFileSync(glue, 'utf8');
      const own = /new URL\((['"])taskstatus_bg\.wasm\1,\s*import\.meta\.url\)/;
      if (!own.test(text)) throw new Error(`write-js: the glue no longer holds ${own}`);
      return { contents: text.replace(own, `new URL('./wasm/taskstatus_bg.wasm', import.meta.url)`), loader: 'js' };
    });
  },
};

for (const [name, platform] of [['browser.js', 'browser'], ['node.js', 'node']]) {
  await build({
    entryPoints: [fileURLToPath(new URL(`../js/${name}`, import.meta.url))],
    outfile: inPkg(name),
    bundle: true,
    platform,
    format: 'esm',
    minify: true,
    legalComments: 'none',
    sourcemap: 'linked',
    sourcesContent: true,
    // Loaded at init beside the wasm, not with every import of the package.
    external: ['./schemas.js'],
    plugins: [generatedInPkg],
  });
}
