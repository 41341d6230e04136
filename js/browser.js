// Browser (and bundler) entry: fetches the wasm beside this file on `await init()`.
import initWasm, * as bindings from './wasm/taskstatus.js';
import { createApi } from './api.js';

export { version, TaskStatusError } from './api.js';

let ready = false;
let pending;
let schemas;

/** Fetches and instantiates the wasm, and loads the schemas, once; later calls return the same promise. */
export function init() {
  pending ??= Promise.all([
    initWasm({ module_or_path: new URL('./wasm/taskstatus_bg.wasm', import.meta.url) }),
    // jsonSchema's schemas, loaded beside the wasm rather than with every import of the package.
    import('./schemas.js'),
  ]).then(
    ([, module]) => {
      schemas = module.default;
      ready = true;
    },
    (e) => {
      pending = undefined; // allow a retry after a network error
      throw e;
    },
  );
  return pending;
}

export const { validate, validateMany, createValidator, createSummariser, normalise, detect, summarise, dialects, jsonSchema } = createApi(() => {
  if (!ready) throw new Error('taskstatus: call `await init()` once before using the package in a browser');
  return bindings;
}, (id) => JSON.parse(schemas[id]));
