// Node entry: loads the wasm synchronously at import, so every function works at once.
import { readFileSync } from 'node:fs';
import * as bindings from './wasm/taskstatus.js';
import { createApi } from './api.js';

bindings.initSync({ module: readFileSync(new URL('./wasm/taskstatus_bg.wasm', import.meta.url)) });

export { version, TaskStatusError } from './api.js';

/** Resolves at once: in Node the module is ready when the import finishes. */
export function init() {
  return Promise.resolve();
}

export const { validate, validateMany, createValidator, createSummariser, normalise, detect, summarise, dialects, jsonSchema } = createApi(() => bindings);
