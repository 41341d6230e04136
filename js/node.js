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

// A schema is read when asked for (`api.js` lets through known ids only), from the file the
// package ships for tools, without its descriptions: a browser gets the same from schemas.js.
// The rule is `schema::without_prose`'s: a `description` whose value is text (a property
// named `description` holds a schema, an object).
const withoutProse = (key, value) => (key === 'description' && typeof value === 'string' ? undefined : value);
const readSchema = (id) => JSON.parse(readFileSync(new URL(`./schemas/${id}.json`, import.meta.url), 'utf8'), withoutProse);

export const { validate, validateMany, createValidator, createSummariser, normalise, detect, summarise, dialects, jsonSchema } = createApi(() => bindings, readSchema);
