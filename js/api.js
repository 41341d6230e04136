// The public API over the raw wasm bindings, shared by the Node entry (node.js) and
// the browser entry (browser.js). It encodes inputs, checks arguments and shapes
// results; all validation logic lives in Rust.

import DIALECTS from './dialects.js';

export const version = '0.1.0';

// The dialect ids in registry order: the wasm's `validate` answers a clean document with
// its dialect's index here.
const IDS = DIALECTS.map((d) => d.id);

// Must match NON_FINITE_PREFIX in src/validate.rs: NaN and ±Infinity inside a JS
// value travel as these strings so that Rust can report a `type` issue where they stand.
const NON_FINITE = '\u0000taskstatus:non-finite:';
// A JS value nested too deeply for JSON.stringify is content, not a bad argument:
// it is sent as text nested past the parser's depth limit, which reports it as an issue.
const TOO_DEEP = '['.repeat(1000);

export class TaskStatusError extends Error {
  constructor(issues, dialect) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0] ?? issues[0];
    const more = issues.length > 1 ? ` (${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
    super(first ? `${first.path || '(root)'}: ${first.message}${more}` : 'The document is not valid.');
    this.name = 'TaskStatusError';
    this.issues = issues;
    this.dialect = dialect ?? null;
  }
}

// Quotes a name in a message as `quote` in src/describe.rs does: as JSON, cut at
// QUOTE_CHARS (40) characters.
function quote(name) {
  const chars = [...name];
  return JSON.stringify(chars.slice(0, 40).join('')) + (chars.length > 40 ? '…' : '');
}

function where(key) {
  return key === '' ? 'the top level' : `key ${JSON.stringify(String(key))}`;
}

// Text crosses into wasm as UTF-8 bytes from the native encoder: wasm-bindgen's own string
// passing copies ASCII one character at a time in JS, which cost a fifth of validateMany.
const utf8 = new TextEncoder();

// What `validate` returns for a document that is not clean (src/wasm.rs NOT_CLEAN).
const NOT_CLEAN = 0xffffffff;
// The input buffer is kept between calls up to this size, and let go after a larger input.
const KEEP_INPUT_BYTES = 1 << 20;
// validateMany writes a longer string in pieces of this many UTF-16 units (at most 3 bytes
// each: the pieces fit the kept buffer), read while still in the cache (src/batch.rs Pieces).
const PIECE_UNITS = 1 << 18;

/** UTF-8 JSON text for the input; `encoded` marks text that the user never saw (no positions). */
function encode(input, fn) {
  const { text, encoded, nonFinite } = stringify(input, fn);
  return { text: utf8.encode(text), encoded, nonFinite };
}

function stringify(input, fn) {
  if (typeof input === 'string') return { text: input, encoded: false, nonFinite: false };
  if (input === undefined) {
    throw new TypeError(`${fn}: the input is undefined; pass JSON text or a JSON value`);
  }
  let nonFinite = false;
  const replacer = (key, value) => {
    switch (typeof value) {
      case 'number':
        if (Number.isFinite(value)) return value;
        nonFinite = true;
        return NON_FINITE + String(value);
      case 'bigint':
        throw new TypeError(`${fn}: the input holds a BigInt at ${where(key)}, which JSON cannot represent`);
      case 'function':
      case 'symbol':
        throw new TypeError(`${fn}: the input holds a ${typeof value} at ${where(key)}, which JSON cannot represent`);
      default:
        return value;
    }
  };
  try {
    return { text: JSON.stringify(input, replacer), encoded: true, nonFinite };
  } catch (e) {
    if (e instanceof RangeError) return { text: TOO_DEEP, encoded: true, nonFinite: false };
    if (e instanceof TypeError && e.message.startsWith(fn)) throw e;
    if (e instanceof TypeError) {
      throw new TypeError(`${fn}: the input cannot be converted to JSON (${e.message.split('\n')[0]})`);
    }
    throw e;
  }
}

function encodeOptions(options, fn) {
  if (options === undefined || options === null) return 'null';
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}`);
  }
  return JSON.stringify(options, (key, value) => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`${fn}: option ${where(key)} must be a finite number, got ${value}`);
    }
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
      throw new TypeError(`${fn}: option ${where(key)} cannot be a ${typeof value}`);
    }
    return value;
  });
}

/**
 * Builds the API; `bindings()` returns the initialised wasm exports (or throws), and
 * `readSchema(id)` a new copy of a known id's schema, parsed on each call, so that what one
 * caller changes in its schema the next one does not see (generated into schemas.js and
 * schemas/<id>.json; each entry loads them its own way, so that none pays at start-up).
 */
export function createApi(bindings, readSchema) {
  let memory;
  // A view of the wasm's input buffer (src/wasm.rs INPUT), as large as it was last asked to be.
  let view;
  // The options JSON the wasm holds (`useOptions`): sent again only when it changes.
  let lastOptions;

  function inputView(b, room) {
    memory ??= b.wasmMemory();
    if (!view || view.length < room || view.buffer !== memory.buffer) {
      const size = Math.max(room, 1 << 16);
      const ptr = b.inputBuffer(size); // may grow the memory: take its buffer afterwards
      view = new Uint8Array(memory.buffer, ptr, size);
    }
    return view;
  }

  /** Writes `text` as UTF-8 into the input buffer, with one copy; returns its length. */
  function writeInput(b, text) {
    // Mostly ASCII: one byte per UTF-16 unit; then at most three per remaining unit.
    let { read, written } = utf8.encodeInto(text, inputView(b, text.length));
    if (read < text.length) {
      const out = inputView(b, written + (text.length - read) * 3).subarray(written);
      written += utf8.encodeInto(text.slice(read), out).written;
    }
    return written;
  }

  function releaseLargeInput(b) {
    if (view && view.length > KEEP_INPUT_BYTES) {
      b.releaseInput();
      view = undefined;
    }
  }

  function useOptions(b, options, fn) {
    const json = encodeOptions(options, fn);
    if (json !== lastOptions) {
      b.useOptions(json, fn);
      lastOptions = json;
    }
  }

  function validate(input, options) {
    const b = bindings();
    const { text, encoded, nonFinite } = stringify(input, 'validate');
    useOptions(b, options, 'validate');
    const n = b.validate(writeInput(b, text), encoded, nonFinite);
    releaseLargeInput(b);
    if (n === NOT_CLEAN) return b.takeReport();
    // A clean document: the wasm sent only its dialect's index.
    return { valid: true, dialect: IDS[n], issues: [], truncated: false };
  }

  function normalise(input, options) {
    const { text, encoded, nonFinite } = encode(input, 'normalise');
    const out = bindings().normalise(text, encoded, nonFinite, encodeOptions(options, 'normalise'));
    if (out.report) throw new TaskStatusError(out.report.issues, out.report.dialect);
    return out.status;
  }

  function detect(input) {
    return bindings().detect(encode(input, 'detect').text);
  }

  function summarise(input, options) {
    const { text, encoded, nonFinite } = encode(input, 'summarise');
    return bindings().summarise(text, encoded, nonFinite, encodeOptions(options, 'summarise'));
  }

  function validateMany(input, options) {
    const b = bindings();
    const { text, encoded, nonFinite } = stringify(input, 'validateMany');
    useOptions(b, options, 'validateMany');
    if (!encoded && text.length > PIECE_UNITS) return validateInPieces(b, text, nonFinite);
    try {
      return b.validateMany(writeInput(b, text), encoded, nonFinite);
    } finally {
      releaseLargeInput(b);
    }
  }

  /** `validateMany` of a long string, written a piece at a time (never cutting a surrogate pair). */
  function validateInPieces(b, text, nonFinite) {
    b.manyBegin(nonFinite);
    for (let at = 0; at < text.length; ) {
      let end = Math.min(at + PIECE_UNITS, text.length);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
      b.manyPush(writeInput(b, text.slice(at, end)));
      at = end;
    }
    return b.manyFinish();
  }

  /** A push/finish wrapper over the wasm's stream (`summarise`: a summariser, else a validator); `name` is the public function's name. */
  function streaming(summarise, options, name) {
    const stream = new (bindings().NdjsonStream)(encodeOptions(options, name), summarise);
    let done = false;
    return {
      /** A chunk of NDJSON: a string, or UTF-8 bytes split anywhere. */
      push(chunk) {
        if (done) throw new Error(`${name}: push() after finish()`);
        if (typeof chunk === 'string') stream.pushBytes(utf8.encode(chunk));
        else if (chunk instanceof Uint8Array) stream.pushBytes(chunk);
        else throw new TypeError(`${name}: push() takes a string or a Uint8Array, got ${chunk === null ? 'null' : typeof chunk}`);
      },
      /** Takes a last line without a newline and returns the result. */
      finish() {
        if (done) throw new Error(`${name}: finish() called twice`);
        done = true;
        try {
          return stream.finish();
        } finally {
          stream.free();
        }
      },
    };
  }

  function createValidator(options) {
    return streaming(false, options, 'createValidator');
  }

  function createSummariser(options) {
    return streaming(true, options, 'createSummariser');
  }

  function dialects() {
    // Fresh objects each call: what one caller changes, the next one does not see.
    return DIALECTS.map((d) => ({ ...d }));
  }

  function jsonSchema(id) {
    if (typeof id !== 'string') throw new TypeError(`jsonSchema: the id must be a string, got ${typeof id}`);
    const known = [...IDS, 'normalised'];
    if (!known.includes(id)) {
      throw new TypeError(`jsonSchema: unknown id ${quote(id)}; the known ids are ${known.join(', ')}`);
    }
    return readSchema(id);
  }

  return { validate, validateMany, createValidator, createSummariser, normalise, detect, summarise, dialects, jsonSchema };
}
