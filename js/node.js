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

// A schema is read when asked for (`api.js` lets through known ids only).
const schemaText = (id) => readFileSync(new URL(`./schemas/${id}.json`, import.meta.url), 'utf8');

export const { validate, validateMany, createValidator, createSummariser, normalise, detect, summarise, dialects, jsonSchema } = createApi(() => bindings, schemaText);
